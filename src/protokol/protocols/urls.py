from django.urls import path

from protokol.protocols import views

app_name = "protocols"
urlpatterns = [
    path("", views.protocol_list, name="list"),
    path("import/", views.import_upload, name="import"),
    path("import/<id:pk>/", views.import_job, name="import_job"),
    path("<id:pk>/", views.protocol_detail, name="detail"),
    path("<id:pk>/review/", views.review_page, name="review"),
    path("<id:pk>/delete/", views.protocol_delete, name="delete"),
    path("<id:pk>/review/fields/", views.protocol_save, name="protocol_save"),
    path("<id:pk>/review/default-terms/", views.default_terms, name="default_terms"),
    path("<id:pk>/review/discard/", views.discard_corrections, name="discard_corrections"),
    path("instructions/<id:pk>/save/", views.instruction_save, name="instruction_save"),
    path(
        "instructions/<id:pk>/report-template/",
        views.report_template_save,
        name="report_template",
    ),
    # add, split, merge, up, down, delete, discard (``views.instruction_change``); any other
    # is 404.
    path(
        "instructions/<id:pk>/<slug:operation>/",
        views.instruction_change,
        name="instruction_change",
    ),
    path("warnings/<id:pk>/", views.warning_decide, name="warning_decide"),
    path("letters/<id:pk>/", views.letter_download, name="letter"),
    path("sources/<id:pk>/", views.source_download, name="source"),
]
