from django.contrib import admin
from django.urls import include, path

from protokol.api.v1 import api as api_v1
from protokol.dashboards import views as dashboard_views

admin.site.site_header = "Протокол — администрирование"
admin.site.site_title = "Протокол"
admin.site.index_title = "Справочники и пользователи"

# A refused request is answered in Russian. In paths, ids are ``<id:…>`` (core.params.IdConverter,
# registered by the core app) and codes and tokens ``<slug:…>``: ASCII only, so a NUL (which
# PostgreSQL refuses in a query) or a 20-digit id matches no route and is a plain 404.
handler400 = "protokol.core.errors.bad_request"
handler404 = "protokol.core.errors.page_not_found"

urlpatterns = [
    path("", dashboard_views.home, name="home"),
    path("accounts/", include("protokol.accounts.urls")),
    path("regions/", include("protokol.regions.urls")),
    # Publication first: the protocols app's «instructions/<id>/<operation>/» would
    # otherwise take publication's «instructions/<id>/withdraw/» (and answer 404).
    path("protocols/", include("protokol.publication.urls")),
    path("protocols/", include("protokol.protocols.urls")),
    path("assignments/", include("protokol.assignments.urls")),
    path("notifications/", include("protokol.notifications.urls")),
    path("control/", include("protokol.dashboards.urls")),
    path("exports/", include("protokol.exports.urls")),
    path("api/v1/", api_v1.urls),
    path("api/", include("protokol.api.urls")),
    path("admin/", admin.site.urls),
]
