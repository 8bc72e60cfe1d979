from django.urls import path

from . import views, views_hazard, views_warning

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("stations/<uuid:uuid>/", views.station, name="station"),
    path("alarms/", views.alarms, name="alarms"),
    path("alarms/<uuid:uuid>/", views.alarm, name="alarm"),
    path("alarms/<uuid:uuid>/draft-warning/", views_warning.draft_warning, name="alarm-draft-warning"),
    path("alarms/<uuid:uuid>/to-hazard/", views_hazard.to_hazard, name="alarm-to-hazard"),
    path("alarms/<uuid:uuid>/<slug:event>/", views.alarm_step, name="alarm-step"),
    path("plotly.min.js", views.plotly_js, name="plotly"),
]
