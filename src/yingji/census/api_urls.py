from django.urls import path

from . import api

urlpatterns = [
    path("transfers/<uuid:uuid>/marks/", api.MarkView.as_view(), name="api-census-marks"),
    path("transfers/<uuid:uuid>/progress/", api.ProgressView.as_view(), name="api-census-progress"),
    path("incidents/<uuid:uuid>/relief/", api.ReliefClockView.as_view(), name="api-census-relief"),
]
