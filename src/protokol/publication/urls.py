from django.urls import path

from protokol.publication import views

# Mounted under /protocols/ beside the protocols app's own routes, so the addresses stay
# those of the protocol they act on.
app_name = "publication"
urlpatterns = [
    path("<int:pk>/publish/", views.publication_summary, name="publish"),
    path("<int:pk>/withdraw/", views.protocol_withdraw, name="withdraw_protocol"),
    path("publications/<int:pk>/", views.publication_run, name="run"),
    path("instructions/<int:pk>/withdraw/", views.instruction_withdraw, name="withdraw"),
    path("<int:pk>/extract/<str:code>/", views.extract_download, name="extract"),
]
