from django.urls import path

from . import api

urlpatterns = [
    path("cameras/<uuid:uuid>/positions/", api.PositionsView.as_view(), name="api-video-positions"),
]
