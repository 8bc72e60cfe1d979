from django.urls import path

from . import views

app_name = "enforcement"

urlpatterns = [
    path("", views.draw_list, name="draws"),
    path("draws/<uuid:uuid>/", views.draw_detail, name="draw"),
    path("tasks/<uuid:uuid>/inspect/", views.inspect, name="inspect"),
    path("plans/<uuid:uuid>/", views.plan_progress, name="plan"),
    path("public/", views.public_results, name="public"),
]
