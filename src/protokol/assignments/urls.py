from django.urls import path

from protokol.assignments import views

app_name = "assignments"
urlpatterns = [
    path("", views.home, name="home"),
    path("<id:pk>/", views.detail, name="detail"),
    # The actions are the keys of ``views.OPERATOR_ACTIONS``; any other word is 404 there.
    path("<id:pk>/<slug:action>/", views.act, name="act"),
    path("reports/<id:pk>/decide/", views.decide_report, name="report_decide"),
    path("extensions/<id:pk>/decide/", views.decide_extension, name="extension_decide"),
    path("files/<id:pk>/", views.download, name="file"),
    path("desk/", views.desk, name="desk"),
    path("desk/accept/", views.bulk_accept, name="bulk_accept"),
]
