from django.urls import path

from protokol.exports import views

app_name = "exports"
urlpatterns = [
    path("protocols/<int:pk>/summary.xlsx", views.protocol_xlsx, name="protocol_xlsx"),
    path("protocols/<int:pk>/spravka.docx", views.protocol_docx, name="protocol_docx"),
    path("protocols/<int:pk>/spravka.pdf", views.protocol_pdf, name="protocol_pdf"),
    path("protocols/<int:pk>/execution.csv", views.protocol_csv_view, name="protocol_csv"),
    path("regions/<str:code>/open-items.xlsx", views.region_items, name="region_items"),
    path("regions/<str:code>/upload/", views.region_upload, name="region_upload"),
]
