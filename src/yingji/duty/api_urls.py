from django.urls import path

from . import api

urlpatterns = [
    path("on-duty/", api.OnDutyView.as_view(), name="api-duty-on-duty"),
    path("log/", api.LogView.as_view(), name="api-duty-log"),
    path("instructions/<uuid:uuid>/complete/", api.InstructionCompleteView.as_view(), name="api-duty-instruction"),
    path("swaps/", api.SwapView.as_view(), name="api-duty-swaps"),
    path("swaps/<uuid:uuid>/transitions/", api.SwapTransitionView.as_view(), name="api-duty-swap"),
    path("handovers/<uuid:uuid>/transitions/", api.HandoverTransitionView.as_view(), name="api-duty-handover"),
    path("roll-call-targets/<uuid:uuid>/acknowledge/", api.RollCallAckView.as_view(), name="api-duty-rollcall-ack"),
    path("escalations/<uuid:uuid>/acknowledge/", api.EscalationAckView.as_view(), name="api-duty-escalation-ack"),
    path("escalation-chains/", api.ChainView.as_view(), name="api-duty-chains"),
    path("escalation-chains/<uuid:uuid>/", api.ChainDetailView.as_view(), name="api-duty-chain"),
]
