from django.urls import path

from . import views, views_documents, views_selfchecks, views_statistics

app_name = "prevention"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("self-checks/", views_selfchecks.start, name="selfcheck-start"),
    path("self-checks/<uuid:uuid>/", views_selfchecks.fill, name="selfcheck"),
    path("hazards/<uuid:uuid>/notice.docx", views_documents.supervision_notice, name="supervision-notice"),
    path("hazards/<uuid:uuid>/closing-notice.docx", views_documents.closing_notice, name="closing-notice"),
    path("enterprises/<uuid:uuid>/risk-report.docx", views_documents.risk_report, name="risk-report"),
    path("enterprises/<uuid:uuid>/assessment.xlsx", views_documents.assessment_table, name="assessment-table"),
    path("enterprises/<uuid:uuid>/risk-list.xlsx", views_documents.risk_list, name="risk-list"),
    path("statistics/", views_statistics.statistics_page, name="statistics"),
    path("statistics/export.xlsx", views_statistics.statistics_xlsx, name="statistics-xlsx"),
    path("statistics/report.xlsx", views_statistics.report_xlsx, name="statistics-report-xlsx"),
    path("statistics/report.docx", views_statistics.report_docx, name="statistics-report-docx"),
]

# The hazard page's actions and the 挂牌督办 leaders' list (issue 16, the loop's pages).
from . import supervision, views_hazards  # noqa: E402

urlpatterns += [*views_hazards.urlpatterns, *supervision.urlpatterns]

# Grid worker patrols: 我的巡查任务 and the mobile patrol page (views_patrols.py).
from . import views_patrols  # noqa: E402

urlpatterns += [path("patrols/", views_patrols.my_patrols, name="my-patrols"),
                path("patrols/<uuid:uuid>/", views_patrols.patrol_page, name="patrol")]
