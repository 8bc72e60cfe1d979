from django.urls import path

from . import views, views_incoming, views_more

app_name = "alerts"

urlpatterns = [
    path("", views.warning_list, name="list"),
    path("new/", views.compose, name="new"),
    path("incoming/", views_incoming.incoming, name="incoming"),
    path("incoming/feeds/", views_incoming.feeds, name="feeds"),
    path("incoming/<uuid:uuid>/", views_incoming.detail, name="incoming-detail"),
    path("incoming/<uuid:uuid>/raw.xml", views_incoming.raw, name="incoming-raw"),
    path("incoming/<uuid:uuid>/reissue/", views_incoming.reissue, name="reissue"),
    path("guidance/", views_more.guidance, name="guidance"),
    path("guidance.json", views_more.guidance_json, name="guidance-json"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/edit/", views.edit, name="edit"),
    path("<uuid:uuid>/update/", views.update, name="update"),
    path("<uuid:uuid>/cancel/", views.cancel, name="cancel"),
    path("<uuid:uuid>/do/<slug:event>/", views.transition, name="transition"),
    path("<uuid:uuid>/progress.json", views.progress, name="progress"),
]
