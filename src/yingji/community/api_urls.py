from django.urls import path

from . import api, public, public_surveys

urlpatterns = [
    path("volunteer-signup/", public.SignUpView.as_view(), name="api-community-signup"),
    path("volunteers/<uuid:uuid>/review/", api.ReviewView.as_view(), name="api-community-review"),
    path("volunteers/<uuid:uuid>/certificates/", api.CertificatesView.as_view(), name="api-community-certificates"),
    path("callouts/", api.CallOutsView.as_view(), name="api-community-callouts"),
    path("callouts/<uuid:uuid>/entries/<str:code>/", api.EntryActionView.as_view(), name="api-community-entry"),
    path("exam-papers/<uuid:uuid>/start/", api.ExamStartView.as_view(), name="api-community-exam-start"),
    path("attempts/<uuid:uuid>/", api.AttemptView.as_view(), name="api-community-attempt"),
    path("attempts/<uuid:uuid>/answers/", api.AnswerView.as_view(), name="api-community-answer"),
    path("attempts/<uuid:uuid>/submit/", api.SubmitView.as_view(), name="api-community-submit"),
    path("attempts/<uuid:uuid>/certificate/", api.CertificateFileView.as_view(), name="api-community-certificate"),
    path("volunteers/<uuid:uuid>/service-hours/", api.ServiceHoursFileView.as_view(),
         name="api-community-service-hours"),
    path("me/service-hours/", api.MyServiceHoursFileView.as_view(), name="api-community-my-service-hours"),
    path("training-rate/", api.TrainingRateView.as_view(), name="api-community-training-rate"),
    path("knowledge-rates/", api.KnowledgeRatesView.as_view(), name="api-community-knowledge-rates"),
    path("surveys/<uuid:uuid>/questionnaire/", public_surveys.QuestionnaireView.as_view(),
         name="api-community-questionnaire"),
    path("surveys/<uuid:uuid>/responses/", public_surveys.ResponseView.as_view(), name="api-community-survey-respond"),
    path("me/", api.MineView.as_view(), name="api-community-me"),
    path("officer/", api.OfficerDeskView.as_view(), name="api-community-officer-desk"),
    path("me/callouts/<uuid:uuid>/", api.MyReplyView.as_view(), name="api-community-my-reply"),
]
