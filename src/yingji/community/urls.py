from django.urls import path

from . import public, public_surveys, views

app_name = "community"

urlpatterns = [
    path("volunteers/sign-up/", public.signup_page, name="volunteer-signup"),
    path("volunteers/<uuid:uuid>/review/", views.review_step, name="volunteer-review"),
    path("incidents/<uuid:uuid>/callouts/", views.callout_create, name="callout-create"),
    path("callouts/<uuid:uuid>/<str:code>/", views.entry_action, name="callout-entry"),
    path("exams/", views.exam_list, name="exams"),
    path("exams/<uuid:uuid>/start/", views.exam_start, name="exam-start"),
    path("attempts/<uuid:uuid>/", views.attempt_page, name="attempt"),
    path("attempts/<uuid:uuid>/submit/", views.attempt_submit, name="attempt-submit"),
    path("attempts/<uuid:uuid>/certificate.docx", views.certificate, name="certificate"),
    path("attempts/<uuid:uuid>/certificate.pdf", views.certificate, {"fmt": "pdf"}, name="certificate-pdf"),
    path("volunteers/<uuid:uuid>/certificates/", views.certificate_add, name="certificate-add"),
    path("volunteers/<uuid:uuid>/service-hours.docx", views.service_hours, name="service-hours"),
    path("volunteers/<uuid:uuid>/service-hours.pdf", views.service_hours, {"fmt": "pdf"}, name="service-hours-pdf"),
    path("officer/", views.officer_desk, name="officer-desk"),
    path("me/service-hours.docx", views.my_service_hours, name="my-service-hours"),
    path("me/service-hours.pdf", views.my_service_hours, {"fmt": "pdf"}, name="my-service-hours-pdf"),
    path("me/", views.mine, name="mine"),
    path("me/callouts/<uuid:uuid>/", views.mine_reply, name="mine-reply"),
    path("surveys/", public_surveys.survey_list, name="surveys"),
    path("surveys/results/", views.survey_results, name="survey-results"),
    path("surveys/results.xlsx", views.survey_results_xlsx, name="survey-results-xlsx"),
    path("surveys/<uuid:uuid>/", public_surveys.survey_page, name="survey"),
]
