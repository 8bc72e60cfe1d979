from django.urls import path

from . import api, public

urlpatterns = [
    path("volunteer-signup/", public.SignUpView.as_view(), name="api-community-signup"),
    path("volunteers/<uuid:uuid>/review/", api.ReviewView.as_view(), name="api-community-review"),
    path("callouts/", api.CallOutsView.as_view(), name="api-community-callouts"),
    path("callouts/<uuid:uuid>/entries/<str:code>/", api.EntryActionView.as_view(), name="api-community-entry"),
    path("exam-papers/<uuid:uuid>/start/", api.ExamStartView.as_view(), name="api-community-exam-start"),
    path("attempts/<uuid:uuid>/", api.AttemptView.as_view(), name="api-community-attempt"),
    path("attempts/<uuid:uuid>/answers/", api.AnswerView.as_view(), name="api-community-answer"),
    path("attempts/<uuid:uuid>/submit/", api.SubmitView.as_view(), name="api-community-submit"),
    path("training-rate/", api.TrainingRateView.as_view(), name="api-community-training-rate"),
]
