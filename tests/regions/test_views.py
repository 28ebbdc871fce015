import re

from django.urls import reverse


def test_the_list_groups_regions_by_federal_district(curator, login):
    response = login(curator).get(reverse("regions:list"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Субъекты Российской Федерации" in body
    for heading in (
        "Центральный федеральный округ",
        "Дальневосточный федеральный округ",
        "Новые субъекты",
    ):
        assert heading in body
    assert len(set(re.findall(r'href="/regions/(\d\d)/"', body))) == 89


def test_the_list_runs_a_bounded_number_of_queries(curator, login, django_assert_max_num_queries):
    client = login(curator)
    with django_assert_max_num_queries(6):
        client.get(reverse("regions:list"))


def test_the_region_card_shows_time_zone_and_authority(operator_a, login):
    body = login(operator_a).get(reverse("regions:detail", kwargs={"code": "31"})).content.decode()
    assert "Центральный федеральный округ" in body
    assert "МСК+0" in body
    assert "Орган исполнительной власти в сфере образования — Белгородская область" in body
    assert "Belgorod" in body  # the operator's own name


def test_an_unknown_region_code_is_not_found(curator, login):
    assert login(curator).get(reverse("regions:detail", kwargs={"code": "99"})).status_code == 404
