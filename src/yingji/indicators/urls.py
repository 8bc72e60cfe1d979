from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.page, name="page"),
    path("report.docx", views.annual_report, name="report"),
    path("trend/<str:code>/", views.trend, name="trend"),
    path("townships/", views.townships, name="townships"),
    path("townships/refresh/", views.refresh_snapshots, name="snapshots"),
    path("townships.xlsx", views.ranking_xlsx, {"kind": "townships"}, name="townships-xlsx"),
    path("departments.xlsx", views.ranking_xlsx, {"kind": "departments"}, name="departments-xlsx"),
    path("departments/assign/", views.assign_department, name="assign-department"),
    path("backfill/", views.backfill, name="backfill"),
    path("evaluations/", views.evaluation_list, name="evaluations"),
    path("evaluations/<uuid:uuid>/", views.evaluation, name="evaluation"),
    path("evaluations/<uuid:uuid>/report.docx", views.evaluation_docx, name="evaluation-docx"),
    path("evaluations/<uuid:uuid>/submit/", views.evaluation_step, {"event": "submit"}, name="evaluation-submit"),
    path("evaluations/<uuid:uuid>/approve/", views.evaluation_step, {"event": "approve"}, name="evaluation-approve"),
    path("evaluations/<uuid:uuid>/return/", views.evaluation_step, {"event": "return"}, name="evaluation-return"),
    path("values/", views.values, name="values"),
    path("values/enter/", views.enter, name="enter"),
    path("values/<uuid:uuid>/approve/", views.decide, {"event": "approve"}, name="approve"),
    path("values/<uuid:uuid>/return/", views.decide, {"event": "return"}, name="return"),
]
