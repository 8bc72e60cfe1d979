from django.urls import path

from .views import chainforms, changes, desk, escalations, handover, log, report, rollcall, roster

app_name = "duty"

urlpatterns = [
    path("", desk.desk, name="desk"),
    path("on-duty/", desk.on_duty, name="on-duty"),
    path("widget/", desk.widget, name="widget"),
    path("roster/", roster.roster, name="roster"),
    path("roster/generate/", roster.generate, name="roster-generate"),
    path("roster/export.xlsx", roster.export, name="roster-export"),
    path("roster/print/", roster.print_view, name="roster-print"),
    path("roster/shift/", changes.add_shift, name="roster-shift"),
    path("roster/leave/", changes.add_leave, name="roster-leave"),
    path("leaves/<uuid:uuid>/edit/", changes.edit_leave, name="leave-edit"),
    path("leaves/<uuid:uuid>/withdraw/", changes.withdraw_leave, name="leave-withdraw"),
    path("shifts/<uuid:uuid>/staff/", changes.staff, name="staff"),
    path("shifts/<uuid:uuid>/swap/", roster.swap, name="swap"),
    path("swaps/<uuid:uuid>/decide/", roster.decide, name="swap-decide"),
    path("log/", log.log, name="log"),
    path("log/call/", log.add_call, name="log-call"),
    path("log/instruction/", log.add_instruction, name="log-instruction"),
    path("log/event/", log.add_event, name="log-event"),
    path("log/<uuid:uuid>/correct/", log.correct, name="log-correct"),
    path("instructions/<uuid:uuid>/complete/", log.complete, name="instruction-complete"),
    path("handovers/", handover.handovers, name="handovers"),
    path("handovers/start/<uuid:shift_uuid>/", handover.start, name="handover-start"),
    path("handovers/<uuid:uuid>/", handover.detail, name="handover"),
    path("handovers/<uuid:uuid>/transition/", handover.transition, name="handover-transition"),
    path("roll-calls/", rollcall.roll_calls, name="roll-calls"),
    path("roll-calls/send/", rollcall.send, name="roll-call-send"),
    path("roll-calls/<uuid:uuid>/answer/", rollcall.answer, name="roll-call-answer"),
    path("escalations/", escalations.escalations, name="escalations"),
    path("escalations/<uuid:uuid>/acknowledge/", escalations.acknowledge, name="escalation-ack"),
    path("escalations/chains/new/", chainforms.edit, name="chain-new"),
    path("escalations/chains/<uuid:uuid>/edit/", chainforms.edit, name="chain-edit"),
    path("escalations/chains/<uuid:uuid>/remove/", chainforms.remove, name="chain-remove"),
    path("escalations/chains/<uuid:uuid>/enable/", chainforms.enable, name="chain-enable"),
    path("report/", report.report, name="report"),
    path("report.docx", report.report_docx, name="report-docx"),
]
