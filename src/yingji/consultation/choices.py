from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    INCIDENT = "incident", _("事件")
    WARNING = "warning", _("预警")
    FORECAST = "forecast", _("趋势研判")


class State(models.TextChoices):
    SCHEDULED = "scheduled", _("待召开")
    OPEN = "open", _("会商中")
    CLOSED = "closed", _("已结束")


class InviteeKind(models.TextChoices):
    DEPARTMENT = "department", _("部门")
    TOWNSHIP = "township", _("乡镇（街道）")
    EXPERT = "expert", _("专家")


class DecisionKind(models.TextChoices):
    TASK = "task", _("响应任务")
    INSTRUCTION = "instruction", _("值班指令")


class RoomSystem(models.TextChoices):
    GOV_VIDEO = "gov_video", _("政务视频会议")
    JITSI = "jitsi", _("Jitsi")
    OTHER = "other", _("其他")
