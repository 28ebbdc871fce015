"""Each row that belongs to a region is scoped by its own ``visible_to`` (reports, their
files, extension requests, comments, generated documents, calendar feeds)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile

from protokol.accounts.models import User
from protokol.assignments.models import Comment, ExtensionRequest, Report, ReportFile
from protokol.notifications.models import CalendarFeed
from protokol.protocols.models import GeneratedDocument, ProtocolVersion

BELGOROD, MOSCOW = "31", "77"


@pytest.fixture
def two_regions(small_protocol, operator_a, operator_b):
    """V.1 for Belgorod and Moscow, each with a report (and its file), a pending
    extension request and a comment of its own operator."""
    instruction = small_protocol((BELGOROD, MOSCOW))
    operators = {BELGOROD: operator_a, MOSCOW: operator_b}
    for assignment in instruction.assignments.all():
        author = operators[assignment.region_id]
        report = Report.objects.create(assignment=assignment, number=1, submitted_by=author)
        attachment = ReportFile(report=report, filename="приказ.pdf", size=5, sha256="0")
        attachment.file.save("x.pdf", ContentFile(b"%PDF-"), save=True)
        ExtensionRequest.objects.create(
            assignment=assignment,
            requested_date=dt.date(2025, 2, 1),
            reason="каникулы",
            requested_by=author,
        )
        Comment.objects.create(assignment=assignment, author=author, text="вопрос")
    return instruction


def _regions(queryset, lookup):
    return sorted(set(queryset.values_list(lookup, flat=True)))


@pytest.mark.parametrize(
    ("model", "lookup"),
    [
        (Report, "assignment__region"),
        (ReportFile, "report__assignment__region"),
        (ExtensionRequest, "assignment__region"),
        (Comment, "assignment__region"),
    ],
)
def test_an_operator_sees_only_their_region_s_rows_and_the_ministry_all(
    two_regions, operator_a, observer, model, lookup
):
    assert _regions(model.objects.visible_to(operator_a), lookup) == [BELGOROD]
    assert _regions(model.objects.visible_to(observer), lookup) == [BELGOROD, MOSCOW]
    assert not model.objects.visible_to(AnonymousUser()).exists()
    operator_a.is_active = False
    assert not model.objects.visible_to(operator_a).exists()


def test_a_curator_s_desk_narrows_to_the_instructions_they_curate(two_regions, curator):
    other = User.objects.create_user("curator2", role="curator")
    assert Report.objects.visible_to(curator).curated_by(curator).count() == 2
    assert not Report.objects.visible_to(other).curated_by(other).exists()
    # An observer's view is not narrowed: they look at every instruction.
    assert ExtensionRequest.objects.visible_to(other).count() == 2


def test_a_region_s_extract_is_its_own_and_the_cover_letter_goes_with_the_protocol(
    two_regions, operator_a, operator_b, curator
):
    version = ProtocolVersion.objects.create(protocol=two_regions.protocol, number=1, snapshot={})
    letter = GeneratedDocument.objects.create(version=version, kind="cover_letter_pdf")
    extract = GeneratedDocument.objects.create(
        version=version, kind="extract_docx", region_id=MOSCOW
    )
    assert set(GeneratedDocument.objects.visible_to(operator_a)) == {letter}
    assert set(GeneratedDocument.objects.visible_to(operator_b)) == {letter, extract}
    assert set(GeneratedDocument.objects.visible_to(curator)) == {letter, extract}
    tyva = User.objects.create_user("tyva", role="operator", region_id="17")
    # Tyva is not addressed: it does not see the protocol, nor its letter.
    assert not GeneratedDocument.objects.visible_to(tyva).exists()


def test_a_calendar_address_is_seen_by_its_owner_only(operator_a, observer, db):
    colleague = User.objects.create_user("belgorod2", role="operator", region_id=BELGOROD)
    feed = CalendarFeed.objects.create(user=operator_a, scope="region", region_id=BELGOROD)
    assert list(CalendarFeed.objects.visible_to(operator_a)) == [feed]
    assert not CalendarFeed.objects.visible_to(colleague).exists()  # same region, not theirs
    assert not CalendarFeed.objects.visible_to(observer).exists()
