"""Code tables of the incidents app. Grades and types come from yingji.standards, not from here."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.standards import Grade


class IncidentStatus(models.TextChoices):
    REPORTED = "reported", _("接报")
    VERIFIED = "verified", _("核实")
    RESPONDING = "responding", _("处置中")
    STABILIZED = "stabilized", _("已稳定")
    CLOSED = "closed", _("已结束")
    FALSE_ALARM = "false_alarm", _("误报")
    MERGED = "merged", _("已合并")


ACTIVE_STATUSES = (
    IncidentStatus.REPORTED,
    IncidentStatus.VERIFIED,
    IncidentStatus.RESPONDING,
    IncidentStatus.STABILIZED,
)

# The grade names of yingji.standards (pure Python, Chinese), marked for translation here; the stored values stay.
GRADE_NAMES = {
    Grade.GRADE_1: _("特别重大"), Grade.GRADE_2: _("重大"), Grade.GRADE_3: _("较大"), Grade.GRADE_4: _("一般"),
}
GRADE_CHOICES = [
    (Grade.GRADE_1.value, _("特别重大（Ⅰ级）")),
    (Grade.GRADE_2.value, _("重大（Ⅱ级）")),
    (Grade.GRADE_3.value, _("较大（Ⅲ级）")),
    (Grade.GRADE_4.value, _("一般（Ⅳ级）")),
]


class Source(models.TextChoices):
    PHONE = "phone", _("值班电话")
    PUBLIC = "public", _("群众上报")
    API = "api", _("部门系统")
    TOWNSHIP = "township", _("乡镇上报")
    DEPARTMENT = "department", _("部门通报")
    SENSOR = "sensor", _("监测预警")


class TimelineKind(models.TextChoices):
    INTAKE = "intake", _("接报")
    STATUS = "status", _("状态变更")
    GRADE = "grade", _("等级变更")
    FIGURES = "figures", _("数据更新")
    REPORT = "report", _("报告")
    MESSAGE = "message", _("消息")
    DECISION = "decision", _("会商纪要")
    ATTACHMENT = "attachment", _("附件")
    MERGE = "merge", _("合并")
    CLOCK = "clock", _("时限")


# Symbols shown beside each kind on the timeline; other apps register their own kinds (core.extensions).
TIMELINE_ICONS = {"intake": "☎", "status": "⇄", "grade": "▲", "figures": "#", "report": "✉", "message": "✎",
                  "decision": "☑", "attachment": "⎘", "merge": "⤵", "clock": "⏱"}


# Kinds a participant may post by hand; the others are written by the system.
POSTABLE_KINDS = (TimelineKind.MESSAGE, TimelineKind.DECISION, TimelineKind.ATTACHMENT)


class ReportKind(models.TextChoices):
    INITIAL = "initial", _("初报")
    CONTINUATION = "continuation", _("续报")
    VERIFICATION = "verification", _("核报")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PENDING = "pending", _("待签发")
    RETURNED = "returned", _("退回")
    SIGNED = "signed", _("已签发")
    SENT = "sent", _("已报送")


EDITABLE_REPORT_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)


class ClockState(models.TextChoices):
    RUNNING = "running", _("计时中")
    AMBER = "amber", _("即将到期")
    OVERDUE = "overdue", _("已超时")
    MET = "met", _("已完成")
    MET_LATE = "met_late", _("超时完成")
    WAIVED = "waived", _("已豁免")
