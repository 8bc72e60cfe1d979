from django.urls import path

from . import api

urlpatterns = [
    path("", api.IndicatorListView.as_view(), name="api-indicators"),
    path("values/", api.ValueCreateView.as_view(), name="api-indicators-values"),
    path("values/<uuid:uuid>/approve/", api.ValueDecisionView.as_view(), {"event": "approve"},
         name="api-indicators-approve"),
    path("values/<uuid:uuid>/return/", api.ValueDecisionView.as_view(), {"event": "return"},
         name="api-indicators-return"),
    path("evaluations/", api.EvaluationListView.as_view(), name="api-indicators-evaluations"),
    path("evaluations/<uuid:uuid>/", api.EvaluationDetailView.as_view(), name="api-indicators-evaluation"),
    path("evaluations/<uuid:uuid>/submit/", api.EvaluationStepView.as_view(), {"event": "submit"},
         name="api-indicators-evaluation-submit"),
    path("evaluations/<uuid:uuid>/approve/", api.EvaluationStepView.as_view(), {"event": "approve"},
         name="api-indicators-evaluation-approve"),
    path("evaluations/<uuid:uuid>/return/", api.EvaluationStepView.as_view(), {"event": "return"},
         name="api-indicators-evaluation-return"),
    path("evaluations/<uuid:uuid>/report.docx", api.EvaluationDocxView.as_view(),
         name="api-indicators-evaluation-docx"),
    path("<str:code>/history/", api.IndicatorHistoryView.as_view(), name="api-indicators-history"),
]
