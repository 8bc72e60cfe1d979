from django.urls import path

from . import views, views_more

app_name = "alerts"

urlpatterns = [
    path("", views.warning_list, name="list"),
    path("new/", views.compose, name="new"),
    path("incoming/", views_more.incoming, name="incoming"),
    path("incoming/<uuid:uuid>/reissue/", views_more.reissue, name="reissue"),
    path("guidance/", views_more.guidance, name="guidance"),
    path("guidance.json", views_more.guidance_json, name="guidance-json"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/edit/", views.edit, name="edit"),
    path("<uuid:uuid>/update/", views.update, name="update"),
    path("<uuid:uuid>/cancel/", views.cancel, name="cancel"),
    path("<uuid:uuid>/do/<slug:event>/", views.transition, name="transition"),
    path("<uuid:uuid>/progress.json", views.progress, name="progress"),
]
