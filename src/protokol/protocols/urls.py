from django.urls import path, re_path

from protokol.protocols import views

app_name = "protocols"
urlpatterns = [
    path("", views.protocol_list, name="list"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:pk>/", views.import_job, name="import_job"),
    path("<int:pk>/", views.protocol_detail, name="detail"),
    path("<int:pk>/review/", views.review_page, name="review"),
    path("<int:pk>/delete/", views.protocol_delete, name="delete"),
    path("<int:pk>/review/fields/", views.protocol_save, name="protocol_save"),
    path("<int:pk>/review/default-terms/", views.default_terms, name="default_terms"),
    path("<int:pk>/review/discard/", views.discard_corrections, name="discard_corrections"),
    path("instructions/<int:pk>/save/", views.instruction_save, name="instruction_save"),
    path(
        "instructions/<int:pk>/report-template/",
        views.report_template_save,
        name="report_template",
    ),
    re_path(
        r"^instructions/(?P<pk>\d+)/(?P<operation>add|split|merge|up|down|delete|discard)/$",
        views.instruction_change,
        name="instruction_change",
    ),
    path("warnings/<int:pk>/", views.warning_decide, name="warning_decide"),
    path("letters/<int:pk>/", views.letter_download, name="letter"),
    path("sources/<int:pk>/", views.source_download, name="source"),
]
