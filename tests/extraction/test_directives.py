import pytest

from protokol.extraction.directives import (
    analyze_clause,
    classify_action,
    is_decision,
    is_infinitive,
    requires_report,
)


def _parts(text: str) -> tuple[str, str | None]:
    clause = analyze_clause(text)
    assert clause is not None
    addressee = text[clause.addressee[0] : clause.addressee[1]].strip(" ,")
    predicate = None if clause.verb_start is None else text[clause.verb_start :]
    return addressee, predicate


@pytest.mark.parametrize(
    "text",
    [
        "Принять к сведению информацию Минпросвещения России о ходе приёмной кампании.",
        "Приняли к сведению доклад проректора ФГБОУ ДПО «Институт развития профессионального "
        "образования» Муратова А.В.",
        "Информацию директора Департамента Софроновой М.И. принять к сведению.",
        "Контроль за исполнением настоящего распоряжения возложить на заместителя Губернатора "
        "области.",
        "Контроль за исполнением настоящего приказа оставляю за собой.",
        "Настоящее распоряжение вступает в силу со дня его официального опубликования.",
        "Признать утратившим силу распоряжение Правительства области от 12.03.2021 № 114-рп.",
        "Согласиться с предложением Союза директоров организаций СПО о проведении форума.",
    ],
)
def test_it_does_not_take_notes_control_clauses_and_repeals_for_instructions(text: str) -> None:
    assert is_decision(text)
    assert analyze_clause(text) is None


def test_it_does_not_take_a_report_noted_or_a_cover_letter_sentence_for_an_instruction() -> None:
    assert analyze_clause("(Меньшикова)") is None
    assert (
        analyze_clause(
            "Департамент государственной политики в сфере среднего профессионального образования "
            "направляет для исполнения и учета в работе протокол совещания."
        )
        is None
    )


def test_it_splits_addressee_and_predicate_at_the_directive_verb() -> None:
    addressee, predicate = _parts(
        "Исполнительным органам субъектов Российской Федерации, осуществляющим государственное "
        "управление в сфере образования, совместно с работодателями обеспечить внесение "
        "договоров на портал «Работа в России»."
    )
    assert addressee.endswith("совместно с работодателями")
    assert predicate is not None and predicate.startswith("обеспечить внесение")


def test_the_addressee_follows_an_opener_and_the_kind_comes_from_it() -> None:
    clause = analyze_clause(
        "Рекомендовать органам местного самоуправления присоединиться к всероссийской акции."
    )
    assert clause is not None
    assert clause.kind == "recommendation"
    assert clause.has_opener
    assert _parts("Поручить Минпросвещения России подготовить доклад.") == (
        "Минпросвещения России",
        "подготовить доклад.",
    )


def test_the_addressee_precedes_a_narrative_form() -> None:
    clause = analyze_clause("Минпросвещения России поручено подготовить методические рекомендации.")
    assert clause is not None and clause.kind == "mandatory"
    assert _parts("Минпросвещения России поручено подготовить методические рекомендации.")[0] == (
        "Минпросвещения России"
    )
    recommended = analyze_clause("Регионам рекомендуется обеспечить участие в акции.")
    assert recommended is not None and recommended.kind == "recommendation"


def test_a_request_of_a_letter_names_its_addressee_after_the_verb_of_asking() -> None:
    addressee, predicate = _parts(
        "Департамент просит органы исполнительной власти субъектов Российской Федерации "
        "представить сведения."
    )
    assert addressee == "органы исполнительной власти субъектов Российской Федерации"
    assert predicate == "представить сведения."


def test_a_header_without_a_verb_has_no_predicate() -> None:
    clause = analyze_clause(
        "Исполнительным органам субъектов Российской Федерации, осуществляющим государственное "
        "управление в сфере образования:"
    )
    assert clause is not None and clause.verb_start is None
    later = analyze_clause("Органам местного самоуправления рекомендовать:")
    assert later is not None and later.kind == "recommendation" and later.verb_start is None


def test_infinitives_are_recognised_beyond_the_verb_list() -> None:
    assert is_infinitive("обеспечить")
    assert is_infinitive("модернизировать")
    assert not is_infinitive("власти")
    assert not is_infinitive("осуществляющим")


@pytest.mark.parametrize(
    ("predicate", "action"),
    [
        ("обеспечить назначение руководителей ЦОПП", "appoint"),
        ("назначить ответственных за реализацию проекта", "appoint"),
        ("направить информацию о реализованных мероприятиях", "report"),
        ("представить в Минпросвещения России отчёт", "report"),
        ("доложить о результатах", "report"),
        ("проинформировать Минпросвещения России о принятых мерах", "report"),
        ("рассмотреть возможность участия слушателей", "consider"),
        ("проинформировать обучающихся о возможности пройти курсы", "inform"),
        ("довести до сведения образовательных организаций порядок участия", "inform"),
        ("организовать работу по принятию локальных актов", "organize"),
        ("провести работу по обеспечению реализации мероприятий", "organize"),
        ("обеспечить контроль за выполнением квоты", "ensure"),
        ("Обеспечить направление участников соревновательной программы на финал", "ensure"),
        ("актуализировать информацию о региональном операторе", "other"),
    ],
)
def test_it_classifies_the_action_by_the_precedence_table(predicate: str, action: str) -> None:
    assert classify_action(predicate) == action


@pytest.mark.parametrize(
    ("predicate", "expected"),
    [
        ("направить информацию о планируемых датах", True),
        ("направить в Департамент сведения о ходе работы", True),
        ("представить отчёт по форме согласно приложению", True),
        ("доложить о результатах до 1 марта", True),
        ("проинформировать Минпросвещения России о принятых мерах", True),
        ("сообщить о назначенных ответственных лицах", True),
        ("направить предложения по актуализации перечня", True),
        ("обеспечить участие представителей субъекта", False),
        ("проинформировать обучающихся о возможности пройти онлайн-курсы", False),
        ("обеспечить направление участников на финал", False),
        ("актуализировать информацию о региональном операторе", False),
    ],
)
def test_it_requires_a_report_only_when_something_is_sent_back(
    predicate: str, expected: bool
) -> None:
    assert requires_report(predicate) is expected
