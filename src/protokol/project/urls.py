from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Протокол — администрирование"
admin.site.site_title = "Протокол"
admin.site.index_title = "Справочники и пользователи"

urlpatterns = [
    path("", include("protokol.core.urls")),
    path("accounts/", include("protokol.accounts.urls")),
    path("regions/", include("protokol.regions.urls")),
    path("protocols/", include("protokol.protocols.urls")),
    path("admin/", admin.site.urls),
]
