"""Tile-grid cartogram of Russia: one equal tile per subject, placed roughly where it lies.

No package ships an 89-region map and nothing may be fetched at run time, so the layout
is authored here by hand: code → (column, row, short label). West is on the left, north
at the top; Moscow gets a tile as large as Yakutia's, which is the point of a cartogram.
The four subjects admitted in 2022, Crimea and Sevastopol sit to the south-west.
"""

from __future__ import annotations

from typing import NamedTuple


class Tile(NamedTuple):
    column: int
    row: int
    label: str


# fmt: off
GRID: dict[str, Tile] = {
    # row 0: the far north
    "51": Tile(3, 0, "Мурм"), "87": Tile(17, 0, "Чук"),
    # row 1
    "10": Tile(3, 1, "Кар"), "29": Tile(4, 1, "Арх"), "83": Tile(5, 1, "НАО"),
    "89": Tile(8, 1, "ЯНАО"), "24": Tile(10, 1, "Крсн"), "14": Tile(12, 1, "Як"),
    "49": Tile(15, 1, "Маг"), "41": Tile(17, 1, "Камч"),
    # row 2
    "78": Tile(2, 2, "СПб"), "47": Tile(3, 2, "Лен"), "35": Tile(4, 2, "Влгд"),
    "11": Tile(5, 2, "Коми"), "86": Tile(8, 2, "ХМАО"), "70": Tile(10, 2, "Том"),
    "38": Tile(11, 2, "Ирк"), "28": Tile(13, 2, "Амур"), "27": Tile(14, 2, "Хаб"),
    "65": Tile(16, 2, "Сах"),
    # row 3
    "39": Tile(0, 3, "Клнг"), "60": Tile(2, 3, "Пск"), "53": Tile(3, 3, "Новг"),
    "76": Tile(4, 3, "Яр"), "44": Tile(5, 3, "Кост"), "43": Tile(6, 3, "Кир"),
    "59": Tile(7, 3, "Перм"), "66": Tile(8, 3, "Свр"), "72": Tile(9, 3, "Тюм"),
    "54": Tile(10, 3, "Нсб"), "42": Tile(11, 3, "Кем"), "03": Tile(12, 3, "Бур"),
    "75": Tile(13, 3, "Заб"), "79": Tile(14, 3, "ЕАО"), "25": Tile(15, 3, "Прим"),
    # row 4
    "67": Tile(2, 4, "Смол"), "69": Tile(3, 4, "Твер"), "50": Tile(4, 4, "МО"),
    "37": Tile(5, 4, "Иван"), "52": Tile(6, 4, "Ниж"), "12": Tile(7, 4, "МарЭ"),
    "18": Tile(8, 4, "Удм"), "74": Tile(9, 4, "Чел"), "55": Tile(10, 4, "Омск"),
    "22": Tile(11, 4, "АлтК"), "19": Tile(12, 4, "Хак"), "17": Tile(13, 4, "Тыва"),
    # row 5
    "32": Tile(2, 5, "Брян"), "40": Tile(3, 5, "Калу"), "77": Tile(4, 5, "Мск"),
    "33": Tile(5, 5, "Влад"), "21": Tile(6, 5, "Чув"), "16": Tile(7, 5, "Тат"),
    "02": Tile(8, 5, "Баш"), "45": Tile(9, 5, "Кург"), "04": Tile(11, 5, "Алт"),
    # row 6
    "46": Tile(2, 6, "Курс"), "57": Tile(3, 6, "Орл"), "71": Tile(4, 6, "Тул"),
    "62": Tile(5, 6, "Ряз"), "13": Tile(6, 6, "Морд"), "73": Tile(7, 6, "Улья"),
    "63": Tile(8, 6, "Сам"), "56": Tile(9, 6, "Орен"),
    # row 7
    "31": Tile(2, 7, "Белг"), "36": Tile(3, 7, "Вор"), "48": Tile(4, 7, "Лип"),
    "68": Tile(5, 7, "Тамб"), "58": Tile(6, 7, "Пенз"), "64": Tile(7, 7, "Сар"),
    # row 8: the new subjects and the lower Volga
    "95": Tile(0, 8, "Херс"), "90": Tile(1, 8, "Зап"), "93": Tile(2, 8, "ДНР"),
    "94": Tile(3, 8, "ЛНР"), "61": Tile(4, 8, "Рост"), "34": Tile(5, 8, "Волг"),
    "30": Tile(6, 8, "Астр"),
    # row 9
    "92": Tile(0, 9, "Сев"), "91": Tile(1, 9, "Крым"), "23": Tile(3, 9, "Крд"),
    "26": Tile(4, 9, "Став"), "08": Tile(5, 9, "Калм"),
    # row 10: the North Caucasus
    "01": Tile(3, 10, "Адыг"), "09": Tile(4, 10, "КЧР"), "07": Tile(5, 10, "КБР"),
    "15": Tile(6, 10, "СОА"), "06": Tile(7, 10, "Инг"), "20": Tile(8, 10, "Чеч"),
    "05": Tile(9, 10, "Даг"),
}
# fmt: on

COLUMNS = max(tile.column for tile in GRID.values()) + 1
ROWS = max(tile.row for tile in GRID.values()) + 1
