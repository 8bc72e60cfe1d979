from django.urls import path

from . import api, api_cases, api_orders, api_publication

urlpatterns = [
    path("draws/", api.DrawListView.as_view(), name="api-enforcement-draws"),
    path("draws/<uuid:uuid>/", api.DrawDetailView.as_view(), name="api-enforcement-draw"),
    path("draws/<uuid:uuid>/replay/", api.DrawReplayView.as_view(), name="api-enforcement-draw-replay"),
    path("tasks/<uuid:uuid>/inspection/", api.InspectionView.as_view(), name="api-enforcement-inspection"),
    path("tasks/<uuid:uuid>/record/", api_orders.RecordDocumentView.as_view(), name="api-enforcement-record"),
    path("tasks/<uuid:uuid>/order/", api_orders.OrderCreateView.as_view(), name="api-enforcement-order-create"),
    path("tasks/<uuid:uuid>/publish/", api_publication.PublishView.as_view(), name="api-enforcement-publish"),
    path("publication/", api_publication.AwaitingPublicationView.as_view(), name="api-enforcement-publication"),
    path("orders/<uuid:uuid>/", api_orders.OrderDetailView.as_view(), name="api-enforcement-order"),
    path("orders/<uuid:uuid>/recheck/", api_orders.RecheckView.as_view(), name="api-enforcement-recheck"),
    path("documents/<uuid:uuid>/", api_orders.DocumentDownloadView.as_view(), name="api-enforcement-document"),
    path("tasks/<uuid:uuid>/case/", api_cases.CaseFromTaskView.as_view(), name="api-enforcement-case-from-task"),
    path("cases/<uuid:uuid>/status/", api_cases.CaseStatusView.as_view(), name="api-enforcement-case"),
    path("cases/<uuid:uuid>/transitions/", api_cases.CaseTransitionView.as_view(), name="api-enforcement-case-step"),
    path("cases/<uuid:uuid>/rights/", api_cases.CaseRightsView.as_view(), name="api-enforcement-case-rights"),
    path("cases/<uuid:uuid>/payments/", api_cases.CasePaymentView.as_view(), name="api-enforcement-case-payments"),
    path("cases/<uuid:uuid>/file/", api_cases.CaseFileView.as_view(), name="api-enforcement-case-file"),
    path("plans/<uuid:uuid>/transitions/", api.PlanTransitionView.as_view(), name="api-enforcement-plan"),
    path("plans/<uuid:uuid>/progress/", api.PlanProgressView.as_view(), name="api-enforcement-plan-progress"),
]
