from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.page, name="page"),
    path("report.docx", views.annual_report, name="report"),
    path("townships/", views.townships, name="townships"),
    path("townships/refresh/", views.refresh_snapshots, name="snapshots"),
    path("values/", views.values, name="values"),
    path("values/enter/", views.enter, name="enter"),
    path("values/<uuid:uuid>/approve/", views.decide, {"event": "approve"}, name="approve"),
    path("values/<uuid:uuid>/return/", views.decide, {"event": "return"}, name="return"),
]
