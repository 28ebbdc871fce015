from django.urls import path

from protokol.api import views

app_name = "api"
urlpatterns = [
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<id:pk>/revoke/", views.revoke, name="token_revoke"),
]
