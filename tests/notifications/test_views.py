"""The in-app list, the unread badge, mark-as-read and preferences."""

from __future__ import annotations

from django.urls import reverse

from protokol.notifications.models import Notification, NotificationPreference


def _notify(user, n: int = 1, **fields) -> list[Notification]:
    return Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind="accepted",
            subject=f"Отчёт принят № {i}",
            body="Отчёт принят.",
            region_id=user.region_id,
            state="sent",
            **fields,
        )
        for i in range(n)
    )


def test_the_list_shows_only_my_notifications_and_the_unread_badge(login, operators):
    operator_a, operator_b = operators
    _notify(operator_a, 3)
    _notify(operator_b, 1)
    html = login(operator_a).get(reverse("notifications:list")).content.decode()
    assert html.count("Отчёт принят № ") == 3
    assert '<span class="badge" title="Непрочитанных уведомлений">3</span>' in html
    assert "Непрочитанных: 3." in html


def test_the_list_page_query_count_does_not_grow_with_rows(
    login, operators, django_assert_num_queries
):
    operator_a, _ = operators
    client = login(operator_a)
    _notify(operator_a, 2)
    # session, user, region (nav), unread badge, paginator count, the page of rows
    with django_assert_num_queries(6) as few:
        client.get(reverse("notifications:list"))
    _notify(operator_a, 40)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("notifications:list"))


def test_marking_as_read_touches_only_my_own_notifications(login, operators):
    operator_a, operator_b = operators
    (mine,) = _notify(operator_a)
    (theirs,) = _notify(operator_b)
    client = login(operator_a)
    client.post(reverse("notifications:read"), {"id": [mine.pk, theirs.pk]})
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None
    assert theirs.read_at is None
    html = client.get(reverse("notifications:list")).content.decode()
    assert 'class="badge"' not in html


def test_mark_all_as_read(login, operators):
    operator_a, _ = operators
    _notify(operator_a, 5)
    response = login(operator_a).post(reverse("notifications:read"), {"all": "1"})
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=operator_a, read_at=None).exists()


def test_preferences_are_saved_per_person(login, operators):
    operator_a, _ = operators
    client = login(operator_a)
    assert client.get(reverse("notifications:preferences")).status_code == 200
    response = client.post(reverse("notifications:preferences"), {"mode": "digest", "email": ""})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=operator_a)
    assert (preference.mode, preference.email) == ("digest", False)


def test_the_admin_log_lists_notifications_with_their_result(login, ministry_admin, operators):
    operator_a, _ = operators
    (row,) = _notify(operator_a)
    Notification.objects.filter(pk=row.pk).update(state="queued", error="SMTP 550 refused")
    client = login(ministry_admin)
    html = client.get(
        reverse("admin:notifications_notification_changelist"), {"state__exact": "queued"}
    ).content.decode()
    assert "Отчёт принят № 0" in html
    detail = client.get(reverse("admin:notifications_notification_change", args=[row.pk]))
    assert "SMTP 550 refused" in detail.content.decode()
    assert client.get(reverse("admin:notifications_notification_add")).status_code == 403


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302 and "login" in response["Location"]
