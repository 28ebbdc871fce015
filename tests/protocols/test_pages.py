"""Protocol list and protocol page: what each role sees, in a constant number of queries."""

from __future__ import annotations

from django.urls import reverse

from protokol.protocols.review import add_instruction
from protokol.publication.publishing import publish
from protokol.publication.sample import SAMPLE_ACCEPTANCE


def test_an_operator_sees_only_published_protocols_addressed_to_them(
    ready_draft, ministry_admin, operator_a, login
):
    client = login(operator_a)
    assert "Д05-98/05пр" not in client.get(reverse("protocols:list")).content.decode()
    publish(ready_draft, ministry_admin, SAMPLE_ACCEPTANCE)
    assert "Д05-98/05пр" in client.get(reverse("protocols:list")).content.decode()
    page = client.get(reverse("protocols:detail", args=[ready_draft.pk])).content.decode()
    assert "III.1" in page
    assert "VIII.1" not in page  # Брянская, Владимирская… — not Белгородская
    assert "Выписка из протокола" in page
    assert "Версии" not in page


def test_a_curator_sees_drafts_and_every_instruction(ready_draft, curator, login):
    client = login(curator)
    assert "Д05-98/05пр" in client.get(reverse("protocols:list")).content.decode()
    page = client.get(reverse("protocols:detail", args=[ready_draft.pk])).content.decode()
    assert "VIII.1" in page and "III.1" in page


def test_the_protocol_page_runs_a_constant_number_of_queries(
    ready_draft, ministry_admin, login, django_assert_num_queries
):
    publish(ready_draft, ministry_admin, SAMPLE_ACCEPTANCE)
    client = login(ministry_admin)
    url = reverse("protocols:detail", args=[ready_draft.pk])
    with django_assert_num_queries(9):
        client.get(url)
    add_instruction(ready_draft, None, ministry_admin)
    with django_assert_num_queries(9):
        client.get(url)


def test_the_protocol_list_runs_a_constant_number_of_queries(
    ready_draft, ministry_admin, login, django_assert_num_queries
):
    client = login(ministry_admin)
    with django_assert_num_queries(6):
        client.get(reverse("protocols:list"))
