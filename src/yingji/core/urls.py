from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("regions/", views.region_list, name="region-list"),
    path("regions/<uuid:uuid>/", views.region_detail, name="region-detail"),
    path("audit/", views.audit_log, name="audit-log"),
]
