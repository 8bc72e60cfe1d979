from django.urls import path

from yingji.core.api_attachments import RecordAttachmentsView

from . import api, views_statistics
from .models import Hazard

urlpatterns = [
    path("hazards/<uuid:uuid>/transitions/", api.HazardTransitionView.as_view(), name="api-prevention-hazard"),
    path("hazards/<uuid:uuid>/attachments/", RecordAttachmentsView.as_view(model=Hazard),
         name="api-prevention-hazard-attachments"),
    path("self-checks/<uuid:uuid>/results/", api.SelfCheckResultsView.as_view(), name="api-prevention-selfcheck"),
    path("self-checks/<uuid:uuid>/submit/", api.SelfCheckSubmitView.as_view(),
         name="api-prevention-selfcheck-submit"),
    path("dashboard/", api.DashboardView.as_view(), name="api-prevention-dashboard"),
    path("statistics/", views_statistics.StatisticsView.as_view(), name="api-prevention-statistics"),
]
