from django.urls import path

from . import views

app_name = "consultation"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("new/", views.new, name="new"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("<uuid:uuid>/invitees/<str:invitee>/acknowledge/", views.acknowledge_for, name="acknowledge-for"),
    path("<uuid:uuid>/invite/", views.invite, name="invite"),
    path("<uuid:uuid>/invite-field/", views.invite_field, name="invite-field"),
    path("<uuid:uuid>/attendance/", views.attendance, name="attendance"),
    path("<uuid:uuid>/minutes/", views.minutes, name="minutes"),
    path("<uuid:uuid>/decisions/", views.decide, name="decide"),
    path("<uuid:uuid>/close/", views.close, name="close"),
    path("<uuid:uuid>/summary.docx", views.summary, name="summary"),
]
