from django.urls import path

from . import api

urlpatterns = [
    path("drills/<uuid:uuid>/clock/", api.ClockView.as_view(), name="api-drills-clock"),
    path("drills/<uuid:uuid>/injects/", api.InjectsView.as_view(), name="api-drills-injects"),
    path("drills/<uuid:uuid>/evaluation/", api.EvaluationView.as_view(), name="api-drills-evaluation"),
]
