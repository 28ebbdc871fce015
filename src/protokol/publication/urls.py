from django.urls import path

from protokol.publication import views

# Mounted under /protocols/ beside the protocols app's own routes, so the addresses stay
# those of the protocol they act on.
app_name = "publication"
urlpatterns = [
    path("<id:pk>/publish/", views.publish_protocol, name="publish"),
    path("instructions/<id:pk>/withdraw/", views.instruction_withdraw, name="withdraw"),
]
