from django.urls import path

from . import api

urlpatterns = [
    path("drills/<uuid:uuid>/clock/", api.ClockView.as_view(), name="api-drills-clock"),
    path("drills/<uuid:uuid>/injects/", api.InjectsView.as_view(), name="api-drills-injects"),
    path("drills/<uuid:uuid>/evaluation/", api.EvaluationView.as_view(), name="api-drills-evaluation"),
    path("drills/<uuid:uuid>/evaluation/sheets/", api.SheetsView.as_view(), name="api-drills-sheets"),
    path("drills/<uuid:uuid>/participants/", api.ParticipantsView.as_view(), name="api-drills-participants"),
    path("drills/<uuid:uuid>/script-from-incident/", api.ScriptFromIncidentView.as_view(),
         name="api-drills-script-from"),
]
