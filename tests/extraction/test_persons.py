from __future__ import annotations

import pytest

from protokol.extraction.persons import (
    find_names,
    nominative_surname,
    normalize_initials,
    normalize_name,
    position_to_nominative,
)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Меньшиковой Е.С.", "Меньшикова Е.С."),
        ("Муратова А.В.", "Муратов А.В."),
        ("Ласточкина Р.К.", "Ласточкин Р.К."),
        ("Золотаревой Н.М.", "Золотарева Н.М."),
        ("Калугиной К.Е.", "Калугина К.Е."),
        ("Романовой Т.Н.", "Романова Т.Н."),
        ("Антонова И.В.", "Антонов И.В."),
        ("Петровского И.И.", "Петровский И.И."),
        ("Ивановой-Петровой А.А.", "Иванова-Петрова А.А."),
    ],
)
def test_it_puts_a_genitive_name_after_doklad_into_the_nominative(
    written: str, expected: str
) -> None:
    assert normalize_name(written, case="gent") == expected


def test_it_reorders_a_signature_to_surname_first() -> None:
    assert normalize_name("М.И. Софронова") == "Софронова М.И."


def test_a_name_in_the_nominative_stays_as_written() -> None:
    assert normalize_name("Мелихова С.Е.") == "Мелихова С.Е."
    assert normalize_name("Антонова И.В.") == "Антонова И.В."


@pytest.mark.parametrize("surname", ["Плохих", "Белых", "Черных", "Литвиненко", "Шевченко"])
def test_surnames_that_do_not_decline_are_kept(surname: str) -> None:
    assert normalize_name(f"{surname} Л.Н.", case="gent") == f"{surname} Л.Н."


def test_a_known_attendee_decides_between_genders() -> None:
    # «Антонова» alone reads as a woman in the nominative; the attendee list says otherwise.
    assert nominative_surname("Антонова", known=["Антонов"]) == "Антонов"
    assert nominative_surname("Калугиной", case="gent", known=["Калугина"]) == "Калугина"


def test_the_known_spelling_wins_over_yo() -> None:
    assert nominative_surname("Золотарёвой", case="gent", known=["Золотарева"]) == "Золотарева"
    assert nominative_surname("Золотаревой", case="gent") == "Золотарева"


def test_initials_are_normalised_with_dots_and_no_spaces() -> None:
    assert normalize_initials("Е. С") == "Е.С."
    assert normalize_name("Меньшиковой Е. С.", case="gent") == "Меньшикова Е.С."


def test_it_finds_names_in_both_orders_with_offsets() -> None:
    text = "Литвиненко С.Н.,\nМелихова С.Е., подписал М.И. Софронова"
    names = find_names(text)
    assert [(n.surname, n.initials) for n in names] == [
        ("Литвиненко", "С.Н."),
        ("Мелихова", "С.Е."),
        ("Софронова", "М.И."),
    ]
    assert text[names[2].start : names[2].end] == "М.И. Софронова"


def test_ordinary_capitalised_words_are_not_names() -> None:
    assert find_names("Приняли к сведению доклад. По итогам обсуждения решили:") == []


def test_text_without_a_name_is_returned_stripped() -> None:
    assert normalize_name("  представители органов  ") == "представители органов"


@pytest.mark.parametrize(
    ("genitive", "nominative"),
    [
        (
            "начальника отдела оценки качества среднего профессионального образования",
            "начальник отдела оценки качества среднего профессионального образования",
        ),
        ("исполнительного директора Ассоциации волонтерских центров",
         "исполнительный директор Ассоциации волонтерских центров"),
        ("заместителя начальника отдела развития", "заместитель начальника отдела развития"),
        (
            "проректора ФГБОУ ДПО «Институт развития профессионального образования»",
            "проректор ФГБОУ ДПО «Институт развития профессионального образования»",
        ),
    ],
)  # fmt: skip
def test_a_position_after_doklad_gets_its_head_in_the_nominative(
    genitive: str, nominative: str
) -> None:
    assert position_to_nominative(genitive) == nominative
