"""A correction of a published instruction, seen by the region only once it is published.

The administrator moves III.1's deadline on the review page; Белгородская область's
operator, in a browser of their own, still sees the published one; the administrator
publishes the changes; the operator then sees the new deadline. At a desktop (1440×900)
and a phone (390×844) width, screenshots in var/artifacts/browser/corrections-*.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.chromium import ARTIFACTS, CHROMIUM, launched_chromium
from tests.factories import PASSWORD

WIDTHS = {"desktop": (1440, 900), "phone": (390, 844)}
# The assignment page's due date, followed by the deadline's wording as written.
PUBLISHED = "до 28 декабря 2024 г."
CORRECTED = "до 14 февраля 2025 г."
WORDING = "Срок — до 14 февраля 2025 г."

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
    # The live server runs in a thread of this process; Playwright's sync API keeps an
    # event loop in the test thread, which Django would otherwise take for async code.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class Person:
    """One signed-in user in a browser context of their own, at one width."""

    def __init__(self, chromium, base: str, username: str, width: str) -> None:
        viewport_width, height = WIDTHS[width]
        self.context = chromium.new_context(
            viewport={"width": viewport_width, "height": height}, locale="ru-RU"
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.base, self.width = base, width
        self.page.goto(base + "/accounts/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(lambda url: "/accounts/login/" not in url)

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)

    def shot(self, name: str, at: str) -> None:
        """A screenshot with ``at`` in view; the page must not scroll sideways."""
        self.page.locator(at).first.scroll_into_view_if_needed()
        self.page.screenshot(path=str(ARTIFACTS / f"corrections-{name}-{self.width}.png"))
        scroll, inner = self.page.evaluate(
            "() => [document.scrollingElement.scrollWidth, window.innerWidth]"
        )
        assert scroll <= inner, f"{self.page.url} scrolls sideways at {self.width}: {scroll}"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_corrected_deadline_reaches_the_region_only_when_published(
    live_server, published, ministry_admin, operator_a, width
):
    from protokol.assignments.models import Assignment

    iii_1 = published.instructions.get(code="III.1")
    assignment = Assignment.objects.get(instruction=iii_1, region_id="31")
    card = f"#instruction-{iii_1.pk}"
    with launched_chromium() as chromium:
        admin = Person(chromium, live_server.url, "admin", width)
        operator = Person(chromium, live_server.url, "belgorod", width)

        # The administrator moves the deadline, and its wording, on the review page.
        admin.go(f"/protocols/{published.pk}/review/")
        for field, value in (("deadline_date", "2025-02-14"), ("deadline_text", WORDING)):
            box = admin.page.locator(f"{card} input[name='i{iii_1.pk}-{field}']")
            with admin.page.expect_response(lambda r: "/save/" in r.url):
                box.fill(value)
                box.blur()
            admin.page.wait_for_selector(f"{card} .saved")
        mark = admin.page.locator(f"{card} .unpublished").inner_text()
        assert "срок: 28 декабря 2024 г. → 14 февраля 2025 г." in mark
        assert f"срок, как написано: Срок — до 28 декабря 2024 г. → {WORDING}" in mark
        admin.shot("review-edited", f"{card} .unpublished")

        # The region still has the published deadline.
        operator.go(f"/assignments/{assignment.pk}/")
        due = operator.page.locator("dt:text-is('Срок') + dd")
        assert due.inner_text().startswith(PUBLISHED)
        assert "14 февраля 2025" not in operator.page.content()
        operator.shot("operator-before", "dl")

        # The administrator publishes the changes.
        admin.go(f"/protocols/{published.pk}/review/")
        banner = admin.page.locator("#unpublished")
        assert "Не опубликовано: III.1. Регионы видят версию 1" in banner.inner_text()
        admin.shot("review-banner", "#unpublished")
        # Through the summary: a correction of sent instructions has nothing to accept.
        with admin.page.expect_navigation():
            admin.page.click("a.button.primary:has-text('Опубликовать изменения')")
        assert "Препятствий для публикации нет" in admin.page.locator("#blocking").inner_text()
        with admin.page.expect_navigation():
            admin.page.locator("button.primary[type=submit]").click()
        admin.page.wait_for_selector("text=Опубликована версия 2")
        admin.go(f"/protocols/{published.pk}/")
        history = admin.page.locator("section.version", has_text="Версия 2")
        assert "срок: 28 декабря 2024 г. → 14 февраля 2025 г." in history.inner_text()
        admin.shot("published", "section.version")

        # Now the region sees the new one.
        operator.page.reload()
        # The one due date, and the protocol's wording only as its source.
        assert due.inner_text().startswith(CORRECTED)
        assert f"в протоколе: {WORDING}" in due.inner_text()
        operator.shot("operator-after", "dl")
        admin.context.close()
        operator.context.close()
