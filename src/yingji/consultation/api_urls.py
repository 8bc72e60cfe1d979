from django.urls import path

from . import api

urlpatterns = [
    path("consultations/", api.ConsultationsView.as_view(), name="api-consultations"),
    path("consultations/<uuid:uuid>/", api.ConsultationView.as_view(), name="api-consultation"),
    path("consultations/<uuid:uuid>/invitees/", api.InviteView.as_view(), name="api-consultation-invite"),
    path("consultations/<uuid:uuid>/field-experts/", api.FieldExpertsView.as_view(),
         name="api-consultation-field-experts"),
    path("consultations/<uuid:uuid>/acknowledge/", api.AcknowledgeView.as_view(),
         name="api-consultation-acknowledge"),
    path("consultations/<uuid:uuid>/attendance/", api.AttendanceView.as_view(), name="api-consultation-attendance"),
    path("consultations/<uuid:uuid>/minutes/", api.MinutesView.as_view(), name="api-consultation-minutes"),
    path("consultations/<uuid:uuid>/decisions/", api.DecisionsView.as_view(), name="api-consultation-decisions"),
    path("consultations/<uuid:uuid>/close/", api.CloseView.as_view(), name="api-consultation-close"),
]
