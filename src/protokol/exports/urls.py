from django.urls import path

from protokol.exports import views

app_name = "exports"
urlpatterns = [
    path("protocols/<id:pk>/summary.xlsx", views.protocol_xlsx, name="protocol_xlsx"),
    path("protocols/<id:pk>/spravka.docx", views.protocol_docx, name="protocol_docx"),
    path("protocols/<id:pk>/spravka.pdf", views.protocol_pdf, name="protocol_pdf"),
    path("protocols/<id:pk>/execution.csv", views.protocol_csv_view, name="protocol_csv"),
    path("regions/<slug:code>/open-items.xlsx", views.region_items, name="region_items"),
    path("regions/<slug:code>/upload/", views.region_upload, name="region_upload"),
]
