"""Code tables of the drills app (the drill types come from yingji.standards.drills, AQ/T 9007-2019)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DrillType(models.TextChoices):
    TABLETOP = "tabletop", _("桌面推演")
    FIELD = "field", _("实战演练")
    COMPREHENSIVE = "comprehensive", _("综合演练")
    SINGLE = "single", _("单项演练")


class Stage(models.TextChoices):
    PLANNED = "planned", _("计划")
    RUNNING = "running", _("进行中")
    PAUSED = "paused", _("已暂停")
    ENDED = "ended", _("已结束")
    EVALUATED = "evaluated", _("已评估")


class InjectKind(models.TextChoices):
    REPORT = "report", _("新报告")
    ALARM = "alarm", _("监测报警")
    ROAD = "road", _("道路中断")
    WEATHER = "weather", _("气象变化")
    REQUEST = "request", _("资源请求")
    ESCALATE = "escalate", _("事态升级")
    OTHER = "other", _("其他")


class ParticipantRole(models.TextChoices):
    PLAYER = "player", _("参演")
    OBSERVER = "observer", _("观摩")
    CONTROLLER = "controller", _("导调")
    EVALUATOR = "evaluator", _("评估")


INJECT_KIND = "drill_inject"  # the timeline kind of a delivered inject
SPEEDS = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0)  # the clock speeds offered (drill seconds per real second)
