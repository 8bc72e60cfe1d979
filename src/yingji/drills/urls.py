from django.urls import path

from . import views

app_name = "drills"

urlpatterns = [
    path("<uuid:uuid>/control/", views.control, name="control"),
    path("<uuid:uuid>/injects/", views.inject, name="inject"),
    path("<uuid:uuid>/script-from-incident/", views.script_from, name="script-from"),
    path("<uuid:uuid>/participants/", views.participant, name="participant"),
    path("<uuid:uuid>/evaluation/", views.evaluate, name="evaluate"),
    path("<uuid:uuid>/clock/", views.clock_fragment, name="clock"),
    path("<uuid:uuid>/replay/", views.replay, name="replay"),
    path("<uuid:uuid>/report.docx", views.report, name="report"),
]
