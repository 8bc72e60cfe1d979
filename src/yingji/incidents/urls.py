from django.urls import path

from . import board, place_views, public, report_views, views

app_name = "incidents"

urlpatterns = [
    path("", views.incident_list, name="list"),
    path("new/", views.intake, name="new"),
    path("board/", board.board, name="board"),
    path("board/data/", board.board_feed, name="board-data"),
    path("report/", public.public_report, name="public-report"),
    path("places/", place_views.places, name="places"),
    path("places/locate/", place_views.locate, name="locate"),
    path("places/outline/", place_views.outline, name="outline"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/edit/", views.edit, name="edit"),
    path("<uuid:uuid>/transition/", views.transition, name="transition"),
    path("<uuid:uuid>/grade/", views.override_grade, name="grade"),
    path("<uuid:uuid>/clocks/<int:clock_id>/waive/", views.waive_clock, name="waive"),
    path("<uuid:uuid>/timeline/", views.post_timeline, name="post"),
    path("<uuid:uuid>/merge/", views.merge, name="merge"),
    path("<uuid:uuid>/reports/new/", report_views.report_new, name="report-new"),
    path("<uuid:uuid>/reports.xlsx", report_views.reports_export, name="reports-xlsx"),
    path("<uuid:uuid>/rollup/", report_views.rollup, name="rollup"),
    path("<uuid:uuid>/review/", report_views.review_page, name="review"),
    path("<uuid:uuid>/review.docx", report_views.review_export, name="review-docx"),
    path("reports/<uuid:uuid>/", report_views.report_detail, name="report"),
    path("reports/<uuid:uuid>/edit/", report_views.report_edit, name="report-edit"),
    path("reports/<uuid:uuid>/transition/", report_views.report_transition, name="report-transition"),
    path("reports/<uuid:uuid>/export.docx", report_views.report_export, name="report-docx"),
]
