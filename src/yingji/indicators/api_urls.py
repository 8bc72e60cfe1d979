from django.urls import path

from . import api

urlpatterns = [
    path("", api.IndicatorListView.as_view(), name="api-indicators"),
    path("values/", api.ValueCreateView.as_view(), name="api-indicators-values"),
    path("values/<uuid:uuid>/approve/", api.ValueDecisionView.as_view(), {"event": "approve"},
         name="api-indicators-approve"),
    path("values/<uuid:uuid>/return/", api.ValueDecisionView.as_view(), {"event": "return"},
         name="api-indicators-return"),
    path("<str:code>/history/", api.IndicatorHistoryView.as_view(), name="api-indicators-history"),
]
