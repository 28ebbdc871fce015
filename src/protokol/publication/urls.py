from django.urls import path

from protokol.publication import views

# Mounted under /protocols/ beside the protocols app's own routes, so the addresses stay
# those of the protocol they act on.
app_name = "publication"
urlpatterns = [
    path("<id:pk>/publish/", views.publication_summary, name="publish"),
    path("<id:pk>/withdraw/", views.protocol_withdraw, name="withdraw_protocol"),
    path("publications/<id:pk>/", views.publication_run, name="run"),
    path("instructions/<id:pk>/withdraw/", views.instruction_withdraw, name="withdraw"),
    path("<id:pk>/extract/<slug:code>/", views.extract_download, name="extract"),
]
