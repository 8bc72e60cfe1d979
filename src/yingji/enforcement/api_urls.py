from django.urls import path

from . import api, api_orders

urlpatterns = [
    path("draws/", api.DrawListView.as_view(), name="api-enforcement-draws"),
    path("draws/<uuid:uuid>/", api.DrawDetailView.as_view(), name="api-enforcement-draw"),
    path("draws/<uuid:uuid>/replay/", api.DrawReplayView.as_view(), name="api-enforcement-draw-replay"),
    path("tasks/<uuid:uuid>/inspection/", api.InspectionView.as_view(), name="api-enforcement-inspection"),
    path("tasks/<uuid:uuid>/record/", api_orders.RecordDocumentView.as_view(), name="api-enforcement-record"),
    path("tasks/<uuid:uuid>/order/", api_orders.OrderCreateView.as_view(), name="api-enforcement-order-create"),
    path("orders/<uuid:uuid>/", api_orders.OrderDetailView.as_view(), name="api-enforcement-order"),
    path("orders/<uuid:uuid>/recheck/", api_orders.RecheckView.as_view(), name="api-enforcement-recheck"),
    path("documents/<uuid:uuid>/", api_orders.DocumentDownloadView.as_view(), name="api-enforcement-document"),
    path("plans/<uuid:uuid>/transitions/", api.PlanTransitionView.as_view(), name="api-enforcement-plan"),
    path("plans/<uuid:uuid>/progress/", api.PlanProgressView.as_view(), name="api-enforcement-plan-progress"),
]
