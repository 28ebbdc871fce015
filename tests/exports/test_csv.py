from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from protokol.exports.csv import protocol_csv

pytestmark = pytest.mark.django_db


def test_the_csv_opens_in_russian_excel(executed, curator):
    text = protocol_csv(executed, curator)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0][:3] == ["Протокол", "Дата протокола", "Поручение"]
    assert len(rows) == 1 + 1550
    moscow = next(r for r in rows if r[2] == "I.1" and r[4] == "77")
    # The term «до 23 ноября» fell on a Saturday: the assignment is due on Friday the 22nd.
    assert moscow[7] == "на проверке" and moscow[8] == "22.11.2024"


def test_an_operator_downloads_only_their_own_rows(executed, operator_b, login):
    response = login(operator_b).get(reverse("exports:protocol_csv", args=[executed.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))[1:]
    assert rows and {r[4] for r in rows} == {"77"}
