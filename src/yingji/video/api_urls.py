from django.urls import path

from . import api

urlpatterns = [
    path("gateway/streams/", api.GatewayStreamsView.as_view(), name="api-video-gateway-streams"),
    path("cameras/<uuid:uuid>/positions/", api.PositionsView.as_view(), name="api-video-positions"),
]
