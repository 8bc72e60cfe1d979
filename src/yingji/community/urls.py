from django.urls import path

from . import public, views

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
]
