"""Documents fit to sign (ГОСТ Р 7.0.97-2016), measured on the files themselves.

Every generated document — the cover letter, a region's выписка, the справка об исполнении —
in DOCX (read with python-docx) and PDF (read with pypdf): A4, margins 20/10/20/20 mm, a
serif metric-compatible with Times New Roman at 14 pt, each requisite present and in its
order, page numbers from the second page only, the executor mark at the foot of the last page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from protokol.protocols.rendering import (
    render_cover_letter_docx,
    render_cover_letter_pdf,
    render_extract_docx,
    render_extract_pdf,
)
from protokol.protocols.rendering.data import ExtractItem
from tests.downloads import parsed
from tests.factories import make_instruction, make_protocol
from tests.protocols.rendering.documents import (
    ADDRESSEE,
    DEPARTMENT,
    ITEM_III_1,
    LETTERHEAD,
    PT_PER_MM,
    SECTION_III,
    cover_letter,
    docx_document,
    in_order,
    mm,
    pdf_fonts,
    pdf_lines,
    pdf_page_size,
    protocol_extract,
)

A4_PT = (595.28, 841.89)
LEFT, RIGHT, TOP, BOTTOM = 20.0, 10.0, 20.0, 20.0
# Glyph extents are the face's ascent and descent; half a point covers rounding.
SLACK_PT = 0.5
SIGNER_POSITION = "Консультант отдела оценки качества"
SIGNER_PHONE = "(495) 587-01-10, доб. 3378"
# The letter's head: the letterhead column from the left margin, the addressee from 115 mm.
LETTERHEAD_MM, ADDRESSEE_FROM_MM = 88.0, 115.0


@dataclass(frozen=True)
class Sample:
    """One document kind: how to render it (normal and long), what it must hold in order,
    which of its texts are in the small size, and its executor mark."""

    render: Callable[[str, bool], bytes]
    requisites: list[str]
    small: list[str]
    executor: tuple[str, ...]


def _letter(file_format: str, long: bool) -> bytes:
    letter = cover_letter()
    if long:
        letter = dataclasses.replace(letter, body="\n\n".join([letter.body] * 12))
    render = render_cover_letter_pdf if file_format == "pdf" else render_cover_letter_docx
    return render(letter)


def _extract(file_format: str, long: bool) -> bytes:
    extract = protocol_extract()
    if long:
        item = ExtractItem("III", SECTION_III, "1", ITEM_III_1, "до 28 декабря 2024 г.")
        items = tuple(dataclasses.replace(item, number=str(n)) for n in range(1, 31))
        extract = dataclasses.replace(extract, items=items)
    render = render_extract_pdf if file_format == "pdf" else render_extract_docx
    return render(extract)


LETTER = Sample(
    _letter,
    requisites=[
        LETTERHEAD.ministry,  # бланк
        DEPARTMENT,
        "02.11.2024 № 05-4017",  # дата и регистрационный номер
        ADDRESSEE,  # адресат
        "О рассылке протокола",  # заголовок к тексту
        "Минпросвещения России направляет для исполнения",  # текст
        "Приложение: на 5 л. в 1 экз.",  # отметка о приложении
        "И.О. директора Департамента",  # подпись
        "М.И. Софронова",
        "Мелихова С.Е.",  # отметка об исполнителе
        "(495) 587-01-10, доб. 3378",
    ],
    small=[
        LETTERHEAD.address,
        f"Тел. {LETTERHEAD.phone}",
        f"E-mail: {LETTERHEAD.email}",
        "Мелихова С.Е.",
        "(495) 587-01-10, доб. 3378",
    ],
    executor=("Мелихова С.Е.", "(495) 587-01-10, доб. 3378"),
)
EXTRACT = Sample(
    _extract,
    requisites=[
        LETTERHEAD.ministry,  # наименование организации
        "ВЫПИСКА ИЗ ПРОТОКОЛА",  # вид документа
        "23 октября 2024 г.",  # дата
        "№ Д05-98/05пр",  # номер
        "Москва",  # место составления
        protocol_extract().protocol_title,  # заголовок
        "Субъект Российской Федерации: Белгородская область",
        f"III. {SECTION_III}",  # текст
        f"1. {ITEM_III_1}",
        "Срок — до 28 декабря 2024 г.",
        protocol_extract().chair_position,  # подпись
        "М.И. Софронова",
        "Верно",  # отметка о заверении копии
        SIGNER_POSITION,
        "С.Е. Мелихова",
        "02.11.2024",
    ],
    small=[],
    executor=(),
)


@pytest.fixture
def spravka_signer(ministry_admin):
    ministry_admin.position = SIGNER_POSITION
    ministry_admin.phone = SIGNER_PHONE
    ministry_admin.save()
    return ministry_admin


@pytest.fixture
def spravka(spravka_signer) -> Sample:
    """The справка of a protocol with three instructions (forty when long) for two regions."""
    from protokol.exports.spravka import execution_report_docx, execution_report_pdf

    def render(file_format: str, long: bool) -> bytes:
        protocol = make_protocol("Д05-98/05пр", title="совещания с регионами")
        for position in range(40 if long else 3):
            make_instruction(
                protocol,
                position=position,
                code=f"I.{position + 1}",
                due=dt.date(2024, 12, 28),
                regions=["31", "77"],
            )
        writer = execution_report_pdf if file_format == "pdf" else execution_report_docx
        return writer(protocol, spravka_signer)

    signed = f"{spravka_signer.first_name[0]}. {spravka_signer.last_name}"
    executor = (spravka_signer.short_name, SIGNER_PHONE)
    return Sample(
        render,
        requisites=[
            "СПРАВКА",  # вид документа
            "об исполнении поручений (Протокол от 23 октября 2024 г. № Д05-98/05пр)",
            "По состоянию на",  # дата
            "Поручение Субъектов Исполнено Просрочено %",  # текст: таблица
            "I.1. обеспечить контроль",  # текст: по поручениям
            "Срок — до 28 декабря 2024 г.",
            SIGNER_POSITION,  # подпись
            signed,
            *executor,  # отметка об исполнителе
        ],
        small=list(executor),
        executor=executor,
    )


KINDS = [
    pytest.param("letter", id="cover_letter"),
    pytest.param("extract", id="extract"),
    pytest.param("spravka", id="spravka", marks=pytest.mark.django_db),
]
FORMATS = ["docx", "pdf"]


@pytest.fixture
def sample(request, kind) -> Sample:
    return {"letter": LETTER, "extract": EXTRACT}.get(kind) or request.getfixturevalue("spravka")


def docx_paragraphs(data: bytes) -> list[Paragraph]:
    """The body's paragraphs in reading order, tables cell by cell."""
    paragraphs = []
    for block in docx_document(data).iter_inner_content():
        if isinstance(block, Paragraph):
            paragraphs.append(block)
        elif isinstance(block, Table):
            paragraphs += [p for row in block.rows for cell in row.cells for p in cell.paragraphs]
    return paragraphs


def is_page_number(line) -> bool:
    return line.top > A4_PT[1] - TOP * PT_PER_MM + SLACK_PT


# --- page ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_docx_is_a4_with_margins_20_10_20_20(sample):
    section = docx_document(sample.render("docx", False)).sections[0]
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    margins = (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)
    assert tuple(mm(m) for m in margins) == (LEFT, RIGHT, TOP, BOTTOM)


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_is_a4_and_its_text_keeps_within_the_margins(sample):
    data = sample.render("pdf", True)
    for width, height in pdf_page_size(data):
        assert abs(width - A4_PT[0]) <= 1 and abs(height - A4_PT[1]) <= 1
    text = [line for line in pdf_lines(data) if not is_page_number(line)]
    assert text
    for line in text:
        assert line.x >= LEFT * PT_PER_MM - SLACK_PT, line
        assert line.right <= A4_PT[0] - RIGHT * PT_PER_MM + SLACK_PT, line
        assert line.top <= A4_PT[1] - TOP * PT_PER_MM + SLACK_PT, line
        assert line.bottom >= BOTTOM * PT_PER_MM - SLACK_PT, line


# --- type ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_docx_is_times_new_roman_14_pt_and_only_reference_data_smaller(sample):
    data = sample.render("docx", False)
    normal = docx_document(data).styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Times New Roman", Pt(14))
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {
        "Times New Roman"
    }
    runs = [run for p in docx_paragraphs(data) for run in p.runs if run.text.strip()]
    assert {run.font.name for run in runs} == {None}  # every run takes the style's face
    assert {run.font.size for run in runs} <= {None, Pt(12)}
    small = "\n".join(run.text for run in runs if run.font.size == Pt(12))
    assert small.splitlines() == sample.small


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_embeds_liberation_serif_at_14_pt_and_only_reference_data_smaller(sample):
    data = sample.render("pdf", False)
    assert pdf_fonts(data) <= {("LiberationSerif", True), ("LiberationSerifBold", True)}
    lines = pdf_lines(data)
    assert {line.size for line in lines} <= {14.0, 12.0}
    small = [line.text for line in lines if line.size == 12.0 and not is_page_number(line)]
    assert small == sample.small


# --- requisites ----------------------------------------------------------------------------


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_each_requisite_is_present_in_its_order(sample, file_format):
    data = sample.render(file_format, False)
    if file_format == "docx":
        text = "\n".join(p.text for p in docx_paragraphs(data))
    else:
        text = "\n".join(line.text for line in pdf_lines(data))
    assert in_order(text, sample.requisites) == sample.requisites


def test_pdf_letter_puts_each_requisite_in_its_place():
    """Angular letterhead: the author block and registration line in the left 88 mm, the
    addressee from 115 mm, level with the letterhead's first line; the title under them on
    the left; the text indented 12.5 mm; the signatory's name at the right margin."""
    lines = pdf_lines(_letter("pdf", False))
    by_text = {line.text: line for line in lines}
    head = lines[: lines.index(by_text["О рассылке протокола"])]
    addressee = [line for line in head if line.x > 100 * PT_PER_MM]
    letterhead = [line for line in head if line not in addressee]
    assert " ".join(line.text for line in addressee) == ADDRESSEE
    assert all(round(line.x / PT_PER_MM, 1) == ADDRESSEE_FROM_MM for line in addressee)
    assert addressee[0].y == letterhead[0].y
    assert all(line.right <= (LEFT + LETTERHEAD_MM) * PT_PER_MM + SLACK_PT for line in letterhead)
    assert letterhead[-1].text == "02.11.2024 № 05-4017"
    title = by_text["О рассылке протокола"]
    assert round(title.x / PT_PER_MM, 1) == LEFT
    assert title.top < min(line.bottom for line in head)
    first_line = lines[lines.index(title) + 1]
    assert round(first_line.x / PT_PER_MM, 1) == LEFT + 12.5
    position, name = by_text["И.О. директора Департамента"], by_text["М.И. Софронова"]
    assert position.y == name.y
    assert round(name.right / PT_PER_MM, 1) == 210 - RIGHT


def test_docx_letter_lays_the_head_out_as_the_pdf_does():
    document = docx_document(_letter("docx", False))
    head = document.tables[0]
    letterhead_cell, addressee_cell = head.rows[0].cells
    assert [mm(column.width) for column in head.columns] == [
        LETTERHEAD_MM,
        210 - RIGHT - LEFT - LETTERHEAD_MM,
    ]
    assert [p.text for p in addressee_cell.paragraphs] == [ADDRESSEE]
    assert mm(addressee_cell.paragraphs[0].paragraph_format.left_indent) == (
        ADDRESSEE_FROM_MM - LEFT - LETTERHEAD_MM
    )
    assert letterhead_cell.paragraphs[-1].text == "02.11.2024 № 05-4017"
    assert {cell.vertical_alignment for cell in (letterhead_cell, addressee_cell)} == {
        WD_CELL_VERTICAL_ALIGNMENT.TOP
    }
    title = next(p for p in document.paragraphs if p.text == "О рассылке протокола")
    assert mm(title.paragraph_format.right_indent) == 210 - LEFT - RIGHT - LETTERHEAD_MM


# --- page numbers --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_pages_are_numbered_from_the_second_in_the_top_margin_centre(sample):
    lines = pdf_lines(sample.render("pdf", True))
    pages = max(line.page for line in lines) + 1
    assert pages >= 3
    numbers = {line.page: line for line in lines if is_page_number(line)}
    assert sorted(numbers) == list(range(1, pages))
    centre = (LEFT + (210 - LEFT - RIGHT) / 2) * PT_PER_MM
    for page, line in numbers.items():
        assert line.text == str(page + 1)
        assert abs(line.x + line.width / 2 - centre) <= 1
        assert line.bottom >= A4_PT[1] - TOP * PT_PER_MM  # within the top margin


@pytest.mark.parametrize("kind", KINDS)
def test_docx_first_page_has_no_number_and_the_others_a_centred_page_field(sample):
    section = docx_document(sample.render("docx", True)).sections[0]
    assert section.different_first_page_header_footer
    assert not section.first_page_header.paragraphs[0].text
    number = section.header.paragraphs[0]
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert 'w:instr="PAGE"' in number._p.xml
    assert mm(section.header_distance) == TOP / 2


# --- executor mark -------------------------------------------------------------------------

WITH_EXECUTOR = [KINDS[0], KINDS[2]]


@pytest.mark.parametrize("long", [False, True], ids=["one_page", "long"])
@pytest.mark.parametrize("kind", WITH_EXECUTOR)
def test_pdf_executor_mark_is_at_the_foot_of_the_last_page(sample, long):
    lines = pdf_lines(sample.render("pdf", long))
    last_page = max(line.page for line in lines)
    executor = [line for line in lines if line.text in sample.executor]
    assert [line.text for line in executor] == list(sample.executor)
    assert {line.page for line in executor} == {last_page}
    assert (
        executor
        == sorted((line for line in lines if line.page == last_page), key=lambda line: -line.y)[
            -len(executor) :
        ]
    )
    assert executor[-1].bottom - BOTTOM * PT_PER_MM <= 2 * PT_PER_MM


@pytest.mark.parametrize("kind", WITH_EXECUTOR)
def test_docx_executor_mark_is_a_frame_at_the_bottom_of_the_page(sample):
    document = docx_document(sample.render("docx", False))
    last = document.paragraphs[-1]
    assert last.text == "\n".join(sample.executor)
    assert last._p.xml.count("<w:framePr") == 1
    frame = last._p.pPr.find(qn("w:framePr"))
    assert frame.get(qn("w:vAnchor")) == "margin"
    assert frame.get(qn("w:yAlign")) == "bottom"
    assert frame.get(qn("w:xAlign")) == "left"


# --- downloads: names a civil servant recognises (RFC 6266) --------------------------------

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(response) -> tuple[str, str, bytes]:
    """(the name a browser saves the file under, its ASCII fallback, the bytes)."""
    assert response.status_code == 200
    disposition, name, fallback = parsed(response["Content-Disposition"])
    assert disposition == "attachment"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return name, fallback, content


def test_cover_letters_download_under_their_number_and_date(published, operator_a, login):
    client = login(operator_a)
    version = published.versions.get()
    downloads = {
        document.kind: _download(client.get(reverse("protocols:letter", args=[document.pk])))
        for document in version.documents.filter(region=None)
    }
    stem = "Сопроводительное письмо 05-4017 от 02.11.2024"
    name, fallback, content = downloads["cover_letter_docx"]
    assert (name, fallback) == (f"{stem}.docx", "Soprovoditelnoe pismo 05-4017 ot 02.11.2024.docx")
    assert content.startswith(b"PK")
    name, _, content = downloads["cover_letter_pdf"]
    assert name == f"{stem}.pdf" and content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("query", "extension", "magic", "content_type"),
    [("", "docx", b"PK", DOCX_TYPE), ("?format=pdf", "pdf", b"%PDF", "application/pdf")],
)
def test_a_regions_extract_downloads_under_the_protocol_number_and_the_region(
    published, operator_a, login, query, extension, magic, content_type
):
    url = reverse("publication:extract", args=[published.pk, "31"]) + query
    response = login(operator_a).get(url)
    name, fallback, content = _download(response)
    assert name == f"Выписка Д05-98-05пр Белгородская область.{extension}"
    assert fallback == f"Vypiska D05-98-05pr Belgorodskaia oblast.{extension}"
    assert response["Content-Type"] == content_type
    assert content.startswith(magic)


def test_an_extract_in_another_format_is_not_found(published, operator_a, login):
    url = reverse("publication:extract", args=[published.pk, "31"]) + "?format=odt"
    assert login(operator_a).get(url).status_code == 404


@pytest.mark.parametrize(
    ("route", "extension"), [("protocol_docx", "docx"), ("protocol_pdf", "pdf")]
)
def test_the_spravka_downloads_under_the_protocol_number_and_its_date(
    published, curator, login, route, extension
):
    from protokol.core.clock import moscow_today

    response = login(curator).get(reverse(f"exports:{route}", args=[published.pk]))
    name, _, content = _download(response)
    today = moscow_today().strftime("%d.%m.%Y")
    assert name == f"Справка об исполнении Д05-98-05пр на {today}.{extension}"
    assert content.startswith(b"%PDF" if extension == "pdf" else b"PK")


def test_every_other_download_sends_the_same_header(published, ministry_admin, operator_a, login):
    """Tables, the source file, a report's attachment and the calendar: one helper's header."""
    from django.core.files.base import ContentFile

    from protokol.assignments.models import ReportFile
    from protokol.notifications.models import CalendarFeed
    from tests.factories import make_report

    assignment = published.instructions.get(code="I.1").assignments.get(region_id="31")
    report = make_report(assignment, operator_a)
    attachment = ReportFile(
        report=report,
        filename="Приказ № 12-п.pdf",
        content_type="application/pdf",
        size=8,
        sha256="0" * 64,
    )
    attachment.file.save("prikaz.pdf", ContentFile(b"%PDF-1.4"), save=True)
    admin, operator = login(ministry_admin), login(operator_a)
    source = published.sources.get()
    names = {
        "xlsx": _download(admin.get(reverse("exports:protocol_xlsx", args=[published.pk])))[0],
        "csv": _download(admin.get(reverse("exports:protocol_csv", args=[published.pk])))[0],
        "source": _download(admin.get(reverse("protocols:source", args=[source.pk])))[0],
        "attachment": _download(operator.get(reverse("assignments:file", args=[attachment.pk])))[0],
    }
    assert names["xlsx"].endswith(".xlsx") and names["csv"].endswith(".csv")
    assert names["source"] == source.filename
    assert names["attachment"] == "Приказ № 12-п.pdf"
    feed = CalendarFeed.objects.create(
        user=operator_a, scope=CalendarFeed.Scope.REGION, region_id="31"
    )
    calendar = operator.get(reverse("notifications:feed", args=[feed.token]))
    assert parsed(calendar["Content-Disposition"]) == ("inline", "protokol.ics", "protokol.ics")
