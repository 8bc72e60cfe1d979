from django.urls import path

from . import api

urlpatterns = [
    path("readings/", api.ReadingsView.as_view(), name="api-monitoring-readings"),
    path("stations/<uuid:uuid>/key/", api.KeyView.as_view(), name="api-monitoring-key"),
    path("stations/<uuid:uuid>/series/", api.SeriesView.as_view(), name="api-monitoring-series"),
    path("alarms/<uuid:uuid>/transitions/", api.AlarmTransitionView.as_view(), name="api-monitoring-alarm"),
]
