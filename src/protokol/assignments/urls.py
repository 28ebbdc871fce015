from django.urls import path, re_path

from protokol.assignments import views

app_name = "assignments"
urlpatterns = [
    path("", views.home, name="home"),
    path("<int:pk>/", views.detail, name="detail"),
    re_path(
        r"^(?P<pk>\d+)/(?P<action>acknowledge|start|submit|interim|not-applicable|extension|comment)/$",
        views.act,
        name="act",
    ),
    path("reports/<int:pk>/decide/", views.decide_report, name="report_decide"),
    path("extensions/<int:pk>/decide/", views.decide_extension, name="extension_decide"),
    path("files/<int:pk>/", views.download, name="file"),
    path("desk/", views.desk, name="desk"),
    path("desk/accept/", views.bulk_accept, name="bulk_accept"),
]
