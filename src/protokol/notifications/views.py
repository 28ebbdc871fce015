from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from protokol.accounts.http import AuthenticatedRequest
from protokol.core.downloads import content_disposition
from protokol.notifications import calendars
from protokol.notifications.forms import PreferenceForm
from protokol.notifications.models import CalendarFeed, Notification, NotificationPreference
from protokol.notifications.reading import mark_read

PAGE_SIZE = 50


@login_required
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    rows = Notification.objects.for_recipient(request.user).select_related(
        "assignment__instruction", "protocol"
    )
    if request.GET.get("unread"):
        rows = rows.unread()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "only_unread": bool(request.GET.get("unread"))},
    )


@login_required
@require_POST
def mark_as_read(request: AuthenticatedRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()]
    mark_read(request.user, ids if "all" not in request.POST else None)
    return redirect(request.POST.get("next") or reverse("notifications:list"))


@login_required
def preferences(request: AuthenticatedRequest) -> HttpResponse:
    preference = NotificationPreference.objects.filter(user=request.user).first()
    preference = preference or NotificationPreference(user=request.user)
    form = PreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Настройки уведомлений сохранены.")
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@login_required
def calendar(request: AuthenticatedRequest) -> HttpResponse:
    scope = calendars.feed_scope_for(request.user)
    if scope is None:
        raise Http404
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            calendars.revoke_feeds(request.user)
            messages.success(request, "Адрес календаря отозван.")
        else:
            calendars.issue_feed(request.user)
            messages.success(request, "Выдан новый адрес календаря; прежний больше не работает.")
        return redirect("notifications:calendar")
    feed = CalendarFeed.objects.visible_to(request.user).filter(revoked_at=None).first()
    url = (
        request.build_absolute_uri(reverse("notifications:feed", args=[feed.token]))
        if feed
        else None
    )
    return render(
        request,
        "notifications/calendar.html",
        {"feed": feed, "feed_url": url, "scope_label": CalendarFeed.Scope(scope).label},
    )


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public by design: the unguessable token is the credential (calendar programs
    cannot sign in). A revoked or unknown token is 404, indistinguishable."""
    found = calendars.active_feed(token)
    if found is None:
        raise Http404
    response = HttpResponse(
        calendars.build_calendar(found), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition("protokol.ics", inline=True)
    response["Cache-Control"] = "private, max-age=300"
    return response
