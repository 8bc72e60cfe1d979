from django.urls import path

from . import api

urlpatterns = [
    path("draws/", api.DrawListView.as_view(), name="api-enforcement-draws"),
    path("draws/<uuid:uuid>/", api.DrawDetailView.as_view(), name="api-enforcement-draw"),
    path("draws/<uuid:uuid>/replay/", api.DrawReplayView.as_view(), name="api-enforcement-draw-replay"),
    path("tasks/<uuid:uuid>/inspection/", api.InspectionView.as_view(), name="api-enforcement-inspection"),
    path("plans/<uuid:uuid>/transitions/", api.PlanTransitionView.as_view(), name="api-enforcement-plan"),
    path("plans/<uuid:uuid>/progress/", api.PlanProgressView.as_view(), name="api-enforcement-plan-progress"),
]
