from django.urls import reverse


def test_ministry_staff_land_on_the_overview(curator, login):
    response = login(curator).get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "89" in body
    assert "субъектов Российской Федерации" in body


def test_an_operator_lands_on_their_assignments(operator_a, login):
    response = login(operator_a).get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("assignments:home")
