"""The department's and a region's day in a real browser (Playwright + Debian's Chromium).

Admin imports the sample, fixes one region in review and publishes; Белгородская
область's operator reports on III.1 with a file; the curator returns it; the operator
resubmits; the curator accepts; the dashboard and the map show it. A screenshot of each
step goes to var/artifacts/browser/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from protokol.assignments.models import Assignment, Report
from tests.browser.chromium import ARTIFACTS, CHROMIUM, launched_chromium
from tests.samples.render import render_pdf

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "sample_protocol.txt"
PASSWORD = "пароль-для-тестов"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
    # The live server runs in a thread of this process; Playwright's sync API keeps an
    # event loop in the test thread, which Django would otherwise take for async code.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_page(live_server, settings):
    # Only this journey's numbered shots are replaced: other browser tests keep theirs here.
    with launched_chromium() as browser:
        for old_shot in ARTIFACTS.glob("[0-9][0-9]-*.png"):
            old_shot.unlink()
        page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="ru-RU")
        page.set_default_timeout(15_000)
        yield page, live_server.url


class Journey:
    def __init__(self, page, base: str) -> None:
        self.page, self.base, self.step = page, base, 0

    def shot(self, name: str) -> None:
        self.step += 1
        self.page.screenshot(path=str(ARTIFACTS / f"{self.step:02d}-{name}.png"), full_page=False)

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)

    def login(self, username: str) -> None:
        self.go("/accounts/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(lambda url: "/accounts/login/" not in url)

    def logout(self) -> None:
        self.page.click("text=Выйти")
        self.page.wait_for_url("**/accounts/login/")


def test_import_review_publish_report_return_resubmit_accept(
    browser_page, ministry_admin, curator, operator_a, tmp_path
):
    page, base = browser_page
    journey = Journey(page, base)

    # The admin imports the sample.
    journey.login("admin")
    journey.go("/protocols/import/")
    page.set_input_files("input[name=files]", str(SAMPLE))
    journey.shot("import")
    page.click("text=Загрузить и распознать")
    page.click("text=Перейти к проверке")
    page.wait_for_selector("text=Предупреждения")
    journey.shot("review")

    # Review: the curator, one region fixed in III.1 (Севастополь → Крым), III.2 to all.
    page.select_option("select[name='p-default_curator']", str(curator.pk))
    page.wait_for_selector("#protocol-form .saved")
    card = "#instruction-" + str(_instruction_pk("III.1"))
    for code, checked in (("92", False), ("91", True)):
        page.click(f"{card} .region-picker summary")
        box = page.locator(f"{card} input[type=checkbox][value='{code}']")
        with page.expect_response(lambda r: "/save/" in r.url):
            box.set_checked(checked)
        page.wait_for_selector(f"{card} .saved")
    iii_2 = "#instruction-" + str(_instruction_pk("III.2"))
    with page.expect_response(lambda r: "/save/" in r.url):
        page.locator(f"{iii_2} input[type=checkbox][name$='-all_regions']").check()
    with page.expect_navigation():
        page.click("text=Срок по умолчанию для поручений без срока")
    journey.shot("reviewed")
    # The summary: the sample of 2024 has its deadlines in the past and a few warnings of
    # extraction; the reviewer accepts each kind with one note and confirms.
    with page.expect_navigation():
        page.click("a:has-text('Опубликовать')")
    page.wait_for_selector("text=Что мешает публикации")
    grouped = {box.get_attribute("value") for box in page.locator("input[name=accept_kind]").all()}
    for kind in grouped:
        page.check(f"input[name=accept_kind][value='{kind}']")
        page.fill(f"textarea[name='kind-note-{kind}']", "Образец 2024 года")
    for item in page.locator("#blocking li.blocker:has(input[name=accept])").all():
        if item.get_attribute("data-code") not in grouped:
            item.locator("input[name=accept]").check()
            item.locator("textarea").fill("Проверено")
    journey.shot("summary")
    with page.expect_navigation():
        page.click("button.primary:has-text('Опубликовать')")
    page.wait_for_selector("text=Опубликована версия 1")
    journey.shot("published")
    assert _regions_of("III.1") >= {"91"} and "92" not in _regions_of("III.1")
    journey.logout()

    # Белгородская область reports on III.1 with a file.
    attachment = tmp_path / "Приказ о назначении.pdf"
    attachment.write_bytes(render_pdf("Приказ о назначении руководителя ЦОПП"))
    journey.login("belgorod")
    journey.go("/assignments/")
    page.click("a:has-text('III.1')")
    journey.shot("operator-assignment")
    _submit_report(page, "Руководитель ЦОПП назначен приказом от 20.12.2024 № 123.", attachment)
    page.wait_for_selector("text=отчёт направлен")
    journey.shot("operator-submitted")
    journey.logout()

    # The curator returns it.
    journey.login("curator")
    journey.go("/assignments/desk/")
    row = page.locator("tr", has_text="Белгородская область").filter(has_text="III.1")
    row.locator("textarea[name=comment]").fill("Приложите копию приказа с подписью.")
    with page.expect_navigation():
        row.locator("button[value=return]").click()
    journey.shot("curator-returned")
    journey.logout()

    # The operator resubmits.
    journey.login("belgorod")
    journey.go(f"/assignments/{_assignment().pk}/")
    page.wait_for_selector("text=Приложите копию приказа с подписью.")
    _submit_report(page, "Копия приказа с подписью приложена.", attachment)
    journey.shot("operator-resubmitted")
    journey.logout()

    # The curator accepts.
    journey.login("curator")
    journey.go("/assignments/desk/")
    row = page.locator("tr", has_text="Белгородская область").filter(has_text="III.1")
    with page.expect_navigation():
        row.locator("button[value=accept]").click()
    journey.shot("curator-accepted")

    assignment = _assignment()
    assert assignment.state == Assignment.State.ACCEPTED
    assert [(r.number, r.decision) for r in assignment.reports.order_by("number")] == [
        (1, Report.Decision.RETURNED),
        (2, Report.Decision.ACCEPTED),
    ]
    assert assignment.reports.get(number=2).files.count() == 1

    # The dashboard and the map show it.
    journey.go("/control/")
    journey.shot("dashboard")
    journey.go("/control/map/")
    tile = page.locator("svg.tile-map a[href$='/regions/31/']")
    assert tile.count() == 1
    assert "Белгородская область" in tile.locator("title").text_content()
    journey.shot("map")


def _instruction_pk(code: str) -> int:
    from protokol.protocols.models import Instruction

    return Instruction.objects.get(code=code).pk


def _regions_of(code: str) -> set[str]:
    from protokol.protocols.models import Instruction

    return set(Instruction.objects.get(code=code).regions.values_list("code", flat=True))


def _assignment() -> Assignment:
    return Assignment.objects.get(instruction__code="III.1", region_id="31")


def _submit_report(page, text: str, attachment: Path) -> None:
    form = page.locator("form.report-form").first
    if not form.is_visible():
        page.locator("details:has(form.report-form) > summary").first.click()
    form.locator("textarea[name$='text']").fill(text)
    form.locator("input[type=file]").set_input_files(str(attachment))
    with page.expect_navigation():
        form.locator("button.primary").click()
