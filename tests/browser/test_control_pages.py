"""The control pages changed for issues 12 and 16, as a user sees them in a real browser.

Each page is opened at a desktop (1440×900) and a phone (390×844) width: the new element
must be visible with its Russian text, the phone page must not scroll sideways, and a
screenshot of each goes to var/artifacts/browser/control-*.png for a person to look at.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.browser.chromium import ARTIFACTS, CHROMIUM, launched_chromium
from tests.factories import PASSWORD, make_instruction, make_protocol, make_report

WIDTHS = {"desktop": (1440, 900), "phone": (390, 844)}
# The extraction warnings added in this round, each with a message as extraction words it.
NEW_WARNINGS = {
    "regions_excluded": "Поручение адресовано всем субъектам, кроме: Москва, Тыва; проверьте, "
    "что эти регионы исключены верно.",
    "federal_district": "Адресаты определены по федеральному округу: Сибирский федеральный "
    "округ (СФО), регионов: 10; проверьте перечень регионов.",
    "regions_condition": "Адресаты поручения определены условием «в которых не созданы центры "
    "опережающей профессиональной подготовки»; выберите регионы, которые ему отвечают.",
    "author_region": "Документ издан органами региона «Белгородская область»: в поручении 3 "
    "его органы учтены как иные адресаты, а не как регион-исполнитель; проверьте адресатов.",
    "deadline_year_assumed": "В сроке «до 1 марта» не указан год: принят 2025 г. (срок — "
    "1 марта 2025 г.). Проверьте год.",
    "table_columns_guessed": "У таблицы нет заголовка с названиями столбцов («Поручение», "
    "«Ответственный», «Срок»): столбцы определены по содержимому. Проверьте текст поручений, "
    "исполнителей и сроки.",
}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
    # The live server runs in a thread of this process; Playwright's sync API keeps an
    # event loop in the test thread, which Django would otherwise take for async code.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser(live_server):
    with launched_chromium() as chromium:
        yield Viewer(chromium, live_server.url)


class Viewer:
    """Opens a page as a signed-in user at each width, checks it and keeps a screenshot."""

    def __init__(self, chromium, base: str) -> None:
        self.chromium, self.base = chromium, base

    def look(self, username: str, path: str, name: str, expected: str) -> list:
        """At both widths: ``expected`` (a CSS selector with its text) is visible and the
        page fits the phone's width. Returns the pages' element texts, desktop first."""
        texts = []
        for width_name, (width, height) in WIDTHS.items():
            context = self.chromium.new_context(
                viewport={"width": width, "height": height}, locale="ru-RU"
            )
            page = context.new_page()
            page.set_default_timeout(15_000)
            page.goto(self.base + "/accounts/login/")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(lambda url: "/accounts/login/" not in url)
            page.goto(self.base + path)
            element = page.locator(expected).first
            element.scroll_into_view_if_needed()
            assert element.is_visible(), f"{expected} is not visible on {path} at {width}px"
            texts.append(element.inner_text())
            overflow = page.evaluate(
                "() => [document.scrollingElement.scrollWidth, window.innerWidth]"
            )
            # A long page (the review) is shot where the element is, a short one whole.
            tall = page.evaluate("() => document.scrollingElement.scrollHeight") > 3 * height
            if tall:
                page.evaluate("(el) => el.scrollIntoView()", element.element_handle())
            shot = ARTIFACTS / f"control-{name}-{width_name}.png"
            page.screenshot(path=str(shot), full_page=not tall)
            if width_name == "phone":
                assert overflow[0] <= overflow[1], f"{path} scrolls sideways at 390px: {overflow}"
            context.close()
        return texts


def _days_ago(days: int) -> dt.date:
    from django.utils import timezone

    return timezone.localdate() - dt.timedelta(days=days)


def test_the_operator_home_shows_past_due_recommendations_in_their_own_group(
    browser, operator_a, curator
):
    make_instruction(
        make_protocol(),
        code="II.5",
        text="рекомендовать органам исполнительной власти субъектов Российской Федерации "
        "рассмотреть возможность создания центров опережающей профессиональной подготовки",
        kind="recommendation",
        due=_days_ago(10),
        regions=("31",),
        curator=curator,
    )
    texts = browser.look("belgorod", "/assignments/", "operator-home", "#group-recommendation_past")
    for text in texts:
        assert "Срок прошёл (рекомендации)" in text and "II.5" in text
        assert "просрочено" not in text.lower()


def test_the_desk_and_the_assignment_mark_a_report_sent_after_the_deadline(
    browser, operator_a, curator
):
    from protokol.assignments.models import Assignment

    instruction = make_instruction(
        make_protocol(),
        code="III.1",
        text="назначить руководителя центра опережающей профессиональной подготовки",
        due=_days_ago(10),
        regions=("31",),
        curator=curator,
    )
    assignment = instruction.assignments.get()
    report = make_report(assignment, operator_a, text="Руководитель ЦОПП назначен приказом.")
    Assignment.objects.filter(pk=assignment.pk).update(state=Assignment.State.SUBMITTED)

    desk = browser.look(
        "curator", "/assignments/desk/", "curator-desk", f"#report-{report.pk} .tag.warn"
    )
    detail = browser.look(
        "curator", f"/assignments/{assignment.pk}/", "curator-assignment", ".tag.warn"
    )
    assert set(desk) | set(detail) == {"направлен после срока"}


def test_the_review_lists_unaddressed_instructions_and_labels_every_new_warning(
    browser, sample_draft
):
    from protokol.protocols.models import Instruction, ReviewWarning

    unaddressed = sample_draft.instructions.filter(kind=Instruction.Kind.MANDATORY).first()
    Instruction.objects.filter(pk=unaddressed.pk).update(all_regions=False, others=[], condition="")
    unaddressed.regions.clear()
    ReviewWarning.objects.bulk_create(
        ReviewWarning(protocol=sample_draft, code=code, message=message)
        for code, message in NEW_WARNINGS.items()
    )

    review = f"/protocols/{sample_draft.pk}/review/"
    texts = browser.look("admin", review, "review", "#unaddressed")
    for text in texts:
        assert text.startswith("Нет исполнителя: обязательные поручения без исполнителя (1)")
        assert unaddressed.code in text and "no_addressee" not in text
    warnings = browser.look("admin", review, "review-warnings", "ul.warnings")
    for text in warnings:
        assert "Сомнений при распознавании не возникло" not in text
        for code, message in NEW_WARNINGS.items():
            assert message in text
            assert code not in text, f"the raw code {code} is shown instead of its label"


def test_the_region_card_offers_the_upload_to_the_region(browser, operator_a):
    texts = browser.look(
        "belgorod",
        "/control/regions/31/",
        "region-card",
        "a:has-text('Загрузить заполненный файл')",
    )
    assert texts == ["Загрузить заполненный файл"] * 2


def test_the_rating_counts_an_assignment_executed_on_time(browser, operator_a, curator):
    from protokol.assignments.models import Assignment, Report

    due = _days_ago(3)
    instruction = make_instruction(
        make_protocol(), code="I.2", due=due, regions=("31",), curator=curator
    )
    assignment = instruction.assignments.get()
    sent = dt.datetime.combine(_days_ago(5), dt.time(12), tzinfo=dt.UTC)
    make_report(
        assignment,
        operator_a,
        decision=Report.Decision.ACCEPTED,
        decided_by=curator,
        submitted_at=sent,
    )
    Assignment.objects.filter(pk=assignment.pk).update(state=Assignment.State.ACCEPTED)

    since = (due - dt.timedelta(days=30)).isoformat()
    path = f"/control/rating/?sort=on_time&since={since}"
    headers = browser.look("curator", path, "rating", "th:has-text('В срок')")
    assert all(header.startswith("В срок") for header in headers)
    rows = browser.look("curator", path, "rating-first-row", "table.rating tbody tr")
    for row in rows:
        cells = row.split("\t")
        assert cells[1:4] == ["Белгородская область", "1", "100"], cells
    card = f"/control/regions/31/?since={since}"
    cards = browser.look("curator", card, "region-card-on-time", ".card:has-text('в срок')")
    for text in cards:
        assert " ".join(text.split()) == "100 % исполнено в срок (из 1 поручения)", text
