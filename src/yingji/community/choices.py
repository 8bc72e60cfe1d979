"""Choices of the community app: volunteers, officers, training, exams and public education."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewState(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已通过")
    REJECTED = "rejected", _("已拒绝")


class Availability(models.TextChoices):
    ANYTIME = "anytime", _("随时")
    WEEKENDS = "weekends", _("周末及节假日")
    EVENINGS = "evenings", _("工作日晚间")
    ON_CALL = "on_call", _("听候召集")


class Response(models.TextChoices):
    INVITED = "invited", _("待回复")
    ACCEPTED = "accepted", _("已接受")
    DECLINED = "declined", _("已拒绝")


class OfficerLevel(models.TextChoices):
    DISTRICT = "district", _("区级灾害信息员")
    TOWNSHIP = "township", _("乡镇级灾害信息员")
    VILLAGE = "village", _("村（社区）级灾害信息员")
    GRID = "grid", _("网格员")


class TraineeKind(models.TextChoices):
    TEAM_MEMBER = "team_member", _("救援队伍队员")
    BUREAU = "bureau", _("应急管理局工作人员")
    TOWNSHIP = "township", _("乡镇（街道）工作人员")
    ENTERPRISE = "enterprise", _("企业安全管理人员")
    VOLUNTEER = "volunteer", _("志愿者")


class QuestionType(models.TextChoices):
    SINGLE = "single", _("单选题")
    MULTIPLE = "multiple", _("多选题")
    TRUE_FALSE = "truefalse", _("判断题")


class Venue(models.TextChoices):  # 五进
    ENTERPRISE = "enterprise", _("进企业")
    VILLAGE = "village", _("进农村")
    COMMUNITY = "community", _("进社区")
    SCHOOL = "school", _("进学校")
    FAMILY = "family", _("进家庭")


class RespondentKind(models.TextChoices):  # 公众/学生应急知识普及率 are reported apart (Table 3)
    PUBLIC = "public", _("社会公众")
    STUDENT = "student", _("学生")


class ExpertField(models.TextChoices):  # 应急管理培训专家库
    FLOOD = "flood", _("防汛抗旱")
    GEOHAZARD = "geohazard", _("地质灾害")
    FIRE = "fire", _("消防与森林防灭火")
    CHEMICALS = "chemicals", _("危险化学品")
    WORK_SAFETY = "work_safety", _("安全生产")
    RESCUE = "rescue", _("应急救援")
    MEDICAL = "medical", _("医疗救护")
    MANAGEMENT = "management", _("应急管理")
