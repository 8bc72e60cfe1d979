from django.urls import path

from . import views

app_name = "video"

urlpatterns = [
    path("wall/", views.wall, name="wall"),
    path("cameras/", views.camera_list, name="cameras"),
    path("gateway/", views.gateway_page, name="gateway"),
    path("cameras/<uuid:uuid>/play/", views.play, name="play"),
    path("cameras/<uuid:uuid>/track/", views.track_page, name="track"),
    path("streams/<str:name>/<str:filename>", views.stream_file, name="stream"),
]
