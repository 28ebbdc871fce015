"""Publishing through the pre-publication summary, in a real browser (issue 14).

The administrator imports a protocol whose second instruction names nobody to execute it:
the summary refuses to publish and names the instruction; the administrator fixes it on
the review page, comes back, publishes with one confirmation (the button disables itself),
and Белгородская область's operator finds the assignment. The summary and the regions'
page are shot at 1440×900 and 390×844 (var/artifacts/browser/publish-*.png).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from protokol.assignments.models import Assignment
from protokol.core.clock import moscow_today
from protokol.extraction.russian import format_date_ru
from protokol.workcalendar.calendar import production_calendar
from tests.browser.chromium import ARTIFACTS, CHROMIUM, launched_chromium
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
    # The live server runs in a thread of this process; Playwright's sync API keeps an
    # event loop in the test thread, which Django would otherwise take for async code.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DESKTOP, PHONE = (1440, 900), (390, 844)


def _protocol_text(held: dt.date, first_due: dt.date, second_due: dt.date) -> str:
    """A cover letter and a protocol of two instructions; the second has no addressee.
    Dated from today, so the deadlines are neither past nor a year away."""
    return f"""МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ РОССИЙСКОЙ ФЕДЕРАЦИИ

Департамент государственной политики в сфере среднего профессионального образования и профессионального обучения

{held:%d.%m.%Y} № 05-5001

Руководителям органов исполнительной власти субъектов Российской Федерации, осуществляющих государственное управление в сфере образования

О рассылке протокола

Департамент направляет для исполнения протокол совещания.

Приложение: на 2 л. в 1 экз.

Директор Департамента

В.С. Неумывакин

Мелихова С.Е.
(495) 587-01-10, доб. 3378

ПРОТОКОЛ

« {held.day} » {format_date_ru(held).split()[1]} {held.year} г.

№ Д05-120/05пр

Москва

совещания Департамента с руководителями органов исполнительной власти субъектов Российской Федерации

Председательствовал:

Софронова М.И.

Присутствовали:

Меньшикова Е.С.

I. О мониторинге трудоустройства выпускников

(Меньшикова)

По итогам обсуждения решили:

1. Органам исполнительной власти субъектов Российской Федерации, осуществляющим государственное управление в сфере образования, обеспечить представление сведений о трудоустройстве выпускников.

Срок – до {format_date_ru(first_due)}

2. Обеспечить актуализацию региональных программ развития среднего профессионального образования.

Срок – до {format_date_ru(second_due)}
"""


@pytest.fixture
def page(live_server):
    with launched_chromium() as browser:
        page = browser.new_page(
            viewport={"width": DESKTOP[0], "height": DESKTOP[1]}, locale="ru-RU"
        )
        page.set_default_timeout(15_000)
        page.base = live_server.url
        yield page


def _login(page, username: str) -> None:
    page.goto(page.base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _shoot_both(page, name: str) -> None:
    """The page at the desktop and the phone width; on the phone it must not scroll sideways."""
    page.screenshot(path=str(ARTIFACTS / f"publish-{name}-desktop.png"), full_page=True)
    page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    page.wait_for_timeout(100)  # the layout settles at the new width
    width, inner = page.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")
    page.screenshot(path=str(ARTIFACTS / f"publish-{name}-phone.png"), full_page=True)
    page.set_viewport_size({"width": DESKTOP[0], "height": DESKTOP[1]})
    assert width <= inner, f"{name} scrolls sideways at {PHONE[0]} px: {width} > {inner}"


def _working_day(day: dt.date) -> dt.date:
    # A deadline on a day off would raise a warning of its own; this journey is about one.
    return production_calendar().previous_working_day(day)


def test_the_summary_blocks_an_unaddressed_instruction_until_fixed_then_publishes(
    page, ministry_admin, operator_a, tmp_path
):
    today = moscow_today()
    first_due, second_due = (
        _working_day(today + dt.timedelta(days=40)),
        _working_day(today + dt.timedelta(days=70)),
    )
    document = tmp_path / "protocol.txt"
    document.write_text(_protocol_text(today - dt.timedelta(days=2), first_due, second_due))

    # Import.
    _login(page, "admin")
    page.goto(page.base + "/protocols/import/")
    page.set_input_files("input[name=files]", str(document))
    page.click("text=Загрузить и распознать")
    page.click("text=Перейти к проверке")
    page.wait_for_selector("text=Предупреждения")
    review_url = page.url

    # The review page's publish button leads to the summary, which refuses and says why.
    with page.expect_navigation():
        page.click("a.button.primary:has-text('Опубликовать')")
    assert "/publish/" in page.url
    blocking = page.locator("#blocking")
    assert "I.2: не указаны адресаты." in blocking.inner_text()
    assert page.locator("button.primary[type=submit]").is_disabled()
    assert "Публикация невозможна" in page.locator(".confirm").inner_text()
    _shoot_both(page, "summary-blocked")

    # Fixed on the review page: I.2 goes to Белгородская область and Москва; the
    # extraction's warning about it is marked resolved.
    with page.expect_navigation():
        blocking.locator("li[data-code=no_addressee] a:has-text('Исправить')").click()
    assert page.url.startswith(review_url) and "#instruction-" in page.url
    card = "#" + page.url.rsplit("#", 1)[1]
    for code in ("31", "77"):
        # Each save redraws the card, the region picker closed again.
        page.click(f"{card} .region-picker summary")
        box = page.locator(f"{card} input[type=checkbox][value='{code}']")
        with page.expect_response(lambda r: "/save/" in r.url):
            box.check()
        page.wait_for_selector(f"{card} .saved")
    warning = page.locator(".warning", has_text="не найден исполнитель")
    with page.expect_navigation():
        warning.locator("button[value=resolved]").click()

    # Back to the summary: nothing blocks; I.2 reaches two regions.
    with page.expect_navigation():
        page.click("a.button.primary:has-text('Опубликовать')")
    assert "Препятствий для публикации нет" in page.locator("#blocking").inner_text()
    figures = page.locator("#publication-figures .figure").all_inner_texts()
    assert figures == ["2", "91", "89"]  # instructions, assignments (89 + 2), regions
    row = page.locator("tr", has_text="I.2")
    assert "2 субъекта" in row.inner_text()
    assert format_date_ru(second_due) in row.inner_text()
    row.locator("summary").click()
    assert row.locator("li", has_text="Белгородская область").is_visible()
    _shoot_both(page, "summary-ready")

    # One confirmation; the button disables itself on submit (held here to look at it).
    button = page.locator("button.primary[type=submit]")
    page.evaluate(
        "() => document.querySelector('form[data-submit-once]')"
        ".addEventListener('submit', (event) => event.preventDefault(), {once: true})"
    )
    button.click()
    page.wait_for_function(
        "() => document.querySelector('form[data-submit-once] button.primary').disabled"
    )
    assert button.inner_text() == "Публикация…"
    page.reload()
    with page.expect_navigation():
        page.locator("button.primary[type=submit]").click()
    page.wait_for_selector("text=Опубликована версия 1")
    assert "направлено поручений регионам — 91" in page.locator("#publication-run").inner_text()
    _shoot_both(page, "run-done")
    assert Assignment.objects.filter(instruction__code="I.2").count() == 2

    # Белгородская область sees it.
    page.click("text=Выйти")
    page.wait_for_url("**/accounts/login/")
    _login(page, "belgorod")
    page.goto(page.base + "/assignments/")
    page.wait_for_selector("a:has-text('I.2')")
    assert page.locator("a:has-text('I.1')").count() >= 1
    _shoot_both(page, "operator-home")
