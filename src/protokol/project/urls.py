from django.contrib import admin
from django.urls import include, path

from protokol.api.v1 import api as api_v1
from protokol.dashboards import views as dashboard_views

admin.site.site_header = "Протокол — администрирование"
admin.site.site_title = "Протокол"
admin.site.index_title = "Справочники и пользователи"

urlpatterns = [
    path("", dashboard_views.home, name="home"),
    path("accounts/", include("protokol.accounts.urls")),
    path("regions/", include("protokol.regions.urls")),
    path("protocols/", include("protokol.protocols.urls")),
    path("protocols/", include("protokol.publication.urls")),
    path("assignments/", include("protokol.assignments.urls")),
    path("notifications/", include("protokol.notifications.urls")),
    path("control/", include("protokol.dashboards.urls")),
    path("exports/", include("protokol.exports.urls")),
    path("api/v1/", api_v1.urls),
    path("api/", include("protokol.api.urls")),
    path("admin/", admin.site.urls),
]
