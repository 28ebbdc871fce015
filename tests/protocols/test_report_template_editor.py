"""Report templates defined per instruction at review time: presets and a field list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from protokol.core.models import Event
from protokol.protocols.report_template import TEMPLATE_PRESETS
from protokol.protocols.review import ReviewError, set_report_template


def _url(instruction) -> str:
    return reverse("protocols:report_template", args=[instruction.pk])


@pytest.fixture
def iii_1(sample_draft):
    return sample_draft.instructions.get(code="III.1")


def test_the_review_page_offers_the_editor_with_the_fitting_preset(
    sample_draft, ministry_admin, login
):
    page = login(ministry_admin).get(reverse("protocols:review", args=[sample_draft.pk]))
    body = page.content.decode()
    assert "Форма отчёта: не задана" in body
    assert "Применить готовую форму" in body
    # III.1 asks to appoint the heads of ЦОПП: that preset is proposed for it.
    card = body[body.index('id="report-template-') :]
    assert '<option value="copp_head" selected>' in body
    assert "Сохранить форму отчёта" in card


def test_a_preset_is_applied_and_audited(iii_1, ministry_admin, login):
    response = login(ministry_admin).post(_url(iii_1), {"apply_preset": "1", "preset": "copp_head"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#instruction-{iii_1.pk}")
    iii_1.refresh_from_db()
    assert iii_1.report_template == TEMPLATE_PRESETS["copp_head"]["fields"]
    event = Event.objects.get(verb="instruction.report_template", object_id=str(iii_1.pk))
    assert "Руководитель ЦОПП" in event.summary
    assert event.before == {"report_template": []}


def test_the_field_list_is_edited_keeping_existing_keys(iii_1, ministry_admin, login):
    set_report_template(iii_1, TEMPLATE_PRESETS["copp_head"]["fields"], ministry_admin)
    client = login(ministry_admin)
    client.post(
        _url(iii_1),
        {
            # The first field renamed (its key stays), the second removed, two new ones.
            "field-0-key": "head",
            "field-0-label": "Назначенный руководитель",
            "field-0-type": "person",
            "field-0-required": "1",
            "field-1-key": "order_date",
            "field-1-label": "",
            "field-1-type": "date",
            "field-3-key": "",
            "field-3-label": "Слушатели по категориям",
            "field-3-type": "table",
            "field-3-columns": "Категория; Обучено: число",
            "field-4-key": "",
            "field-4-label": "Положение утверждено",
            "field-4-type": "yes_no",
        },
    )
    iii_1.refresh_from_db()
    assert iii_1.report_template == [
        {"key": "head", "label": "Назначенный руководитель", "type": "person", "required": True},
        {
            "key": "field1",
            "label": "Слушатели по категориям",
            "type": "table",
            "required": False,
            "columns": [
                {"key": "c1", "label": "Категория", "type": "text"},
                {"key": "c2", "label": "Обучено", "type": "number"},
            ],
        },
        {"key": "field2", "label": "Положение утверждено", "type": "yes_no", "required": False},
    ]
    page = client.get(reverse("protocols:review", args=[iii_1.protocol_id])).content.decode()
    assert 'value="Категория; Обучено: число"' in page
    assert "Форма отчёта: 3 поля" in page


def test_an_invalid_template_is_refused_and_the_old_one_kept(iii_1, ministry_admin, login):
    set_report_template(iii_1, TEMPLATE_PRESETS["quota"]["fields"], ministry_admin)
    client = login(ministry_admin)
    client.post(
        _url(iii_1), {"field-0-key": "", "field-0-label": "Таблица", "field-0-type": "table"}
    )
    iii_1.refresh_from_db()
    assert iii_1.report_template == TEMPLATE_PRESETS["quota"]["fields"]
    page = client.get(reverse("protocols:review", args=[iii_1.protocol_id])).content.decode()
    assert "не сохранена" in page and "у таблицы должны быть столбцы" in page


def test_a_number_fields_bounds_are_saved_from_the_editor_and_shown_in_it(
    iii_1, ministry_admin, login
):
    client = login(ministry_admin)
    client.post(
        _url(iii_1),
        {
            "field-0-key": "",
            "field-0-label": "Доля трудоустроенных, %",
            "field-0-type": "number",
            "field-0-min": "0",
            "field-0-max": "100",
            "field-0-decimal_places": "1",
        },
    )
    iii_1.refresh_from_db()
    assert iii_1.report_template == [
        {
            "key": "field1",
            "label": "Доля трудоустроенных, %",
            "type": "number",
            "required": False,
            "min": 0,
            "max": 100,
            "decimal_places": 1,
        }
    ]
    page = client.get(reverse("protocols:review", args=[iii_1.protocol_id])).content.decode()
    assert 'name="field-0-max" value="100"' in page
    assert 'name="field-0-decimal_places" value="1"' in page


def test_an_unreadable_bound_is_refused_in_russian_and_the_old_form_kept(
    iii_1, ministry_admin, login
):
    set_report_template(iii_1, TEMPLATE_PRESETS["quota"]["fields"], ministry_admin)
    client = login(ministry_admin)
    client.post(
        _url(iii_1),
        {
            "field-0-key": "quota",
            "field-0-label": "Квота",
            "field-0-type": "number",
            "field-0-max": "1e400000",
        },
    )
    iii_1.refresh_from_db()
    assert iii_1.report_template == TEMPLATE_PRESETS["quota"]["fields"]
    page = client.get(reverse("protocols:review", args=[iii_1.protocol_id])).content.decode()
    assert "Поле «Квота», наибольшее значение: введите число целиком, без степени" in page


def test_the_form_is_cleared(iii_1, ministry_admin, login):
    set_report_template(iii_1, TEMPLATE_PRESETS["quota"]["fields"], ministry_admin)
    login(ministry_admin).post(_url(iii_1), {"clear": "1"})
    iii_1.refresh_from_db()
    assert iii_1.report_template == []


def test_saving_the_same_template_records_nothing(iii_1, ministry_admin):
    fields = TEMPLATE_PRESETS["quota"]["fields"]
    assert set_report_template(iii_1, fields, ministry_admin) is True
    assert set_report_template(iii_1, list(fields), ministry_admin) is False
    assert Event.objects.filter(verb="instruction.report_template").count() == 1


def test_a_withdrawn_instruction_is_not_edited(iii_1, ministry_admin):
    iii_1.state = "withdrawn"
    iii_1.save(update_fields=["state"])
    with pytest.raises(ReviewError, match="снято с контроля"):
        set_report_template(iii_1, TEMPLATE_PRESETS["quota"]["fields"], ministry_admin)


def test_only_an_administrator_edits_templates(iii_1, curator, login):
    client = login(curator)
    assert client.post(_url(iii_1), {"apply_preset": "1", "preset": "quota"}).status_code == 403
    page = client.get(reverse("protocols:review", args=[iii_1.protocol_id])).content.decode()
    assert "Сохранить форму отчёта" not in page


def test_the_region_is_asked_the_fields_of_the_template_once_it_is_published(
    published, ministry_admin, operator_a, login
):
    from protokol.assignments.models import Assignment
    from protokol.publication.publishing import publish

    instruction = published.instructions.get(code="III.1")
    login(ministry_admin).post(_url(instruction), {"apply_preset": "1", "preset": "copp_head"})
    assignment = Assignment.objects.get(instruction=instruction, region_id="31")
    detail = reverse("assignments:detail", args=[assignment.pk])
    operator = login(operator_a)
    assert 'name="answer__head"' not in operator.get(detail).content.decode()
    review = reverse("protocols:review", args=[published.pk])
    card = login(ministry_admin).get(review).content.decode()
    card = card[card.index(f'id="instruction-{instruction.pk}"') :]
    assert "Форма отчёта: 3 поля — Руководитель ЦОПП" in card[: card.index("</article>")]
    publish(published, ministry_admin)
    body = operator.get(detail).content.decode()
    assert 'name="answer__head"' in body and 'name="answer__order_date"' in body
