"""PDFs with active content: encrypted and launching ones refused, JavaScript, automatic
actions and embedded files flagged to the curator (policy: ``assignments.attachments``)."""

from __future__ import annotations

import io
import zlib

import pytest
from django.urls import reverse

from protokol.assignments import reporting
from protokol.assignments.attachments import CHUNK, discard, receive_file
from protokol.assignments.errors import FileRefused
from protokol.assignments.models import FILE_WARNINGS, Assignment
from tests.assignments.documents import object_stream, pdf, stream, upload

JS_ACTION = b"<</Type/Action/S/JavaScript/JS(app.alert\\('x'\\);)>>"


def warnings_of(data: bytes) -> list[str]:
    staged = receive_file(upload("Отчёт.pdf", data))
    discard([staged])
    return staged.warnings


def written_by_pypdf(change) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_plain_pdf_has_no_warnings():
    assert warnings_of(pdf()) == []


def test_javascript_run_by_the_open_action_is_flagged():
    assert warnings_of(pdf(b"/OpenAction 4 0 R", JS_ACTION)) == ["javascript", "auto_action"]


def test_document_level_javascript_written_by_pypdf_is_flagged():
    from pypdf.actions import JavaScript

    data = written_by_pypdf(lambda w: w.add_open_action(JavaScript("this.print();")))
    assert warnings_of(data) == ["javascript"]


def test_an_open_action_that_only_opens_a_page_is_not_flagged():
    data = written_by_pypdf(lambda w: setattr(w, "open_destination", w.pages[0]))
    assert b"/OpenAction [" in data
    assert warnings_of(data) == []


def test_additional_actions_of_a_page_are_flagged():
    page_actions = pdf(b"", b"<</Type/Page/AA<</O<</S/URI/URI(http://example.org/)>>>>>>")
    assert warnings_of(page_actions) == ["auto_action"]


def test_an_embedded_file_is_flagged():
    data = written_by_pypdf(lambda w: w.add_attachment("payload.exe", b"MZ\x90\x00"))
    assert warnings_of(data) == ["embedded_file"]


def test_javascript_packed_in_a_compressed_object_stream_is_found():
    hidden = object_stream(b"<</Type/Catalog/Pages 2 0 R/OpenAction 101 0 R>>", JS_ACTION)
    assert b"JavaScript" not in hidden  # nothing to see in the raw bytes
    assert warnings_of(pdf(b"", hidden)) == ["javascript", "auto_action"]


def test_two_letter_names_inside_an_uncompressed_object_stream_count():
    hidden = object_stream(b"<</JS 7 0 R/AA<<>>>>", compress=False)
    assert warnings_of(pdf(b"", hidden)) == ["javascript", "auto_action"]


def test_names_escaped_with_hex_codes_are_read_as_a_viewer_reads_them():
    escaped = b"<</S/J#61va#53cript/JS(app.alert\\(1\\))>>"
    assert warnings_of(pdf(b"/Open#41ction 4 0 R", escaped)) == ["javascript", "auto_action"]


def test_two_letter_names_that_binary_stream_data_contains_by_chance_are_not_flagged():
    image = b"\x8f\x10/JS \x00\x7f/AA\n\xff" * 100
    assert warnings_of(pdf(b"", stream(b"/Subtype/Image/Filter/DCTDecode", image))) == []


def test_a_name_split_between_two_chunks_is_found():
    def document(filler: int) -> bytes:
        launch = b"<</S/Launch/F(calc.exe)>>"
        return pdf(b"/OpenAction 5 0 R", b"<</Filler(" + b"." * filler + b")>>", launch)

    filler = CHUNK - 4 - document(0).index(b"/Launch")
    split = document(filler)
    assert split[CHUNK - 4 : CHUNK + 3] == b"/Launch"  # «/La» | «unch»
    with pytest.raises(FileRefused, match="/Launch"):
        receive_file(upload("Отчёт.pdf", split))


def test_an_object_stream_in_an_encoding_the_scan_cannot_read_is_flagged_unchecked():
    hexed = zlib.compress(JS_ACTION).hex().encode()
    odd = stream(b"/Type/ObjStm/N 1/First 6/Filter/ASCIIHexDecode", hexed)
    assert warnings_of(pdf(b"", odd)) == ["unchecked"]


def test_inflating_object_streams_stops_at_the_budget(settings):
    settings.PROTOKOL_BUDGETS = {**settings.PROTOKOL_BUDGETS, "attachment_bytes": 256 * 1024}
    bomb = object_stream(b"<<" + b" " * (8 * 1024 * 1024) + b"/S/JavaScript>>")
    data = pdf(b"", bomb)
    assert len(data) < 256 * 1024
    assert warnings_of(data) == ["unchecked"]


def test_an_encrypted_pdf_is_refused_asking_for_an_unprotected_copy():
    data = written_by_pypdf(lambda w: w.encrypt("пароль"))
    with pytest.raises(FileRefused, match="зашифрован или защищён паролем") as refused:
        receive_file(upload("Приказ.pdf", data))
    assert "копию без пароля" in refused.value.message


def test_a_pdf_protected_only_against_editing_is_refused_too():
    data = written_by_pypdf(lambda w: w.encrypt(user_password="", owner_password="владелец"))
    with pytest.raises(FileRefused, match="зашифрован"):
        receive_file(upload("Приказ.pdf", data))


def test_a_pdf_that_launches_a_program_is_refused():
    launch = b"<</S/Launch/Win<</F(cmd.exe)/P(/c calc)>>>>"
    with pytest.raises(FileRefused, match=r"команду запуска программ \(/Launch\)"):
        receive_file(upload("Приказ.pdf", pdf(b"/OpenAction 4 0 R", launch)))


def test_the_curator_sees_the_warning_beside_the_file(assignment_in, operator_a, curator, login):
    assignment = assignment_in(Assignment.State.IN_PROGRESS)
    report = reporting.submit_report(
        assignment,
        operator_a,
        text="Приказ приложен",
        files=[upload("Приказ.pdf", pdf(b"/OpenAction 4 0 R", JS_ACTION))],
    )
    assert report.files.get().warnings == ["javascript", "auto_action"]
    client = login(curator)
    for page in (reverse("assignments:detail", args=[assignment.pk]), reverse("assignments:desk")):
        body = client.get(page).content.decode()
        assert "В PDF есть JavaScript — откройте с осторожностью" in body, page
        assert FILE_WARNINGS["auto_action"] in body, page
