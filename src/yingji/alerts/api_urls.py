from django.urls import path

from . import api

urlpatterns = [
    path("warnings/", api.WarningsView.as_view(), name="api-alerts-warnings"),
    path("warnings/<uuid:uuid>/", api.WarningView.as_view(), name="api-alerts-warning"),
    path("warnings/<uuid:uuid>/transitions/", api.TransitionView.as_view(), name="api-alerts-transitions"),
    path("warnings/<uuid:uuid>/update/", api.UpdateView.as_view(), name="api-alerts-update"),
    path("warnings/<uuid:uuid>/cancel/", api.CancelView.as_view(), name="api-alerts-cancel"),
    path("warnings/<uuid:uuid>/coverage/", api.CoverageView.as_view(), name="api-alerts-coverage"),
    path("incoming/", api.IncomingView.as_view(), name="api-alerts-incoming"),
    path("incoming/<uuid:uuid>/", api.IncomingRecordView.as_view(), name="api-alerts-incoming-record"),
]
