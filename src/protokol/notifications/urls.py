from django.urls import path

from protokol.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("read/", views.mark_as_read, name="read"),
    path("settings/", views.preferences, name="preferences"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/<slug:token>.ics", views.feed, name="feed"),
]
