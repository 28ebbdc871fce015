from django.urls import path

from protokol.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.department_dashboard, name="department"),
    path("map/", views.russia_map, name="map"),
    path("rating/", views.region_rating, name="rating"),
    path("search/", views.search_page, name="search"),
    path("protocols/<id:pk>/", views.protocol_progress, name="protocol"),
    path("instructions/<id:pk>/answers/", views.answers_rollup, name="answers"),
    path("regions/<slug:code>/", views.region_card, name="region"),
]
