"""Enterprise services: cases (办件) with their steps and messages, plan filings and drills, daily safety
commitments, licences, and the credit record (events and list entries). Every record carries its enterprise's
region and is narrowed to the bound enterprise for enterprise accounts (prevention's EnterpriseScoped, read by
core.scoping)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.scoping import FROM_ABOVE, PICK, READ
from yingji.prevention.models.base import EnterpriseScoped

from .choices import (
    CaseKind,
    CaseState,
    CommitmentFrequency,
    CreditEventKind,
    CreditList,
    LicenceStatus,
    PlanKind,
    RiskState,
    SignupState,
)

USER = settings.AUTH_USER_MODEL


class Placed(EnterpriseScoped, models.Model):
    audited = True
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enterprise = models.ForeignKey("prevention.Enterprise", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("生产经营单位"))
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属区域"))
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.enterprise_id and not self.region_id:
            self.region_id = self.enterprise.region_id
        super().save(*args, **kwargs)


class ServiceCase(Placed):
    """办件: one application of an enterprise, from submission to its end, with the legal time limit."""

    code = models.CharField(_("办件编号"), max_length=32, unique=True)
    kind = models.CharField(_("事项"), max_length=16, choices=CaseKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    state = models.CharField(_("办理状态"), max_length=16, choices=CaseState.choices, default=CaseState.SUBMITTED,
                             db_index=True)
    applicant = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                  verbose_name=_("申请人"))
    submitted_at = models.DateTimeField(_("提交时间"))
    deadline = models.DateTimeField(_("法定办结时限"), null=True, blank=True)
    finished_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    returned_count = models.PositiveSmallIntegerField(_("退回补正次数"), default=0)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        ordering = ["-submitted_at", "-id"]
        permissions = [("handle_servicecase", _("办理企业服务办件")), ("apply_servicecase", _("申请企业服务事项"))]

    def __str__(self):
        return f"{self.code} {self.title}"


class CaseStep(EnterpriseScoped, models.Model):
    enterprise_lookup = "case__enterprise_id"
    region_field = "case__region"
    case = models.ForeignKey(ServiceCase, on_delete=models.CASCADE, related_name="steps")
    event = models.CharField(max_length=24)
    label = models.CharField(_("环节"), max_length=50)
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16)
    actor = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(_("时间"))
    note = models.TextField(_("意见"), blank=True, max_length=2000)

    class Meta:
        ordering = ["at", "id"]


class CaseMessage(EnterpriseScoped, models.Model):
    enterprise_lookup = "case__enterprise_id"
    region_field = "case__region"
    audited = True
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(ServiceCase, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    from_enterprise = models.BooleanField(_("企业发出"), default=False)
    text = models.TextField(_("内容"), max_length=2000)
    at = models.DateTimeField(_("时间"))

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("办件留言")
        verbose_name_plural = _("办件留言")


class PlanFiling(EnterpriseScoped, models.Model):
    """生产经营单位应急预案备案 (应急管理部令第2号): what the case files, and the 备案登记表 once filed."""

    enterprise_lookup = "case__enterprise_id"
    region_field = "case__region"
    audited = True
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.OneToOneField(ServiceCase, on_delete=models.CASCADE, related_name="filing")
    plan_name = models.CharField(_("应急预案名称"), max_length=200)
    issued_on = models.DateField(_("预案发布（公布）日期"))
    evaluated_on = models.DateField(_("评审（论证）日期"), null=True, blank=True)
    special_plans = models.TextField(_("专项应急预案名称"), blank=True, max_length=2000, help_text=_("每行一项"))
    onsite_plans = models.TextField(_("现场处置方案名称"), blank=True, max_length=2000, help_text=_("每行一项"))
    contact = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    filing_number = models.CharField(_("备案编号"), max_length=40, blank=True)
    filed_on = models.DateField(_("备案日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("应急预案备案")
        verbose_name_plural = _("应急预案备案")


class PlanDrill(EnterpriseScoped, models.Model):
    """A drill of a filed plan (令第2号 第三十三条 frequencies, config.drill_months)."""

    enterprise_lookup = "filing__case__enterprise_id"
    region_field = "filing__case__region"
    audited = True
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    filing = models.ForeignKey(PlanFiling, on_delete=models.CASCADE, related_name="drills")
    plan_kind = models.CharField(_("演练的预案"), max_length=12, choices=PlanKind.choices)
    held_on = models.DateField(_("演练日期"))
    note = models.CharField(_("演练情况"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("预案演练")
        verbose_name_plural = _("预案演练")


class SafetyCommitment(Placed):
    """安全承诺: the period's standard statement with the risk state, signed by the responsible person. `day` is the
    first day of the period it covers (the day itself, or the Monday of the ISO week of a weekly commitment), so
    the unique constraint allows one a period."""

    day = models.DateField(_("承诺日期"))
    frequency = models.CharField(_("承诺周期"), max_length=8, choices=CommitmentFrequency.choices,
                                 default=CommitmentFrequency.DAILY)
    risk_state = models.CharField(_("今日安全风险研判"), max_length=12, choices=RiskState.choices)
    major_sources_ok = models.BooleanField(_("重大危险源安全包保责任落实"), default=True)
    special_work = models.PositiveSmallIntegerField(_("今日特殊作业（动火、受限空间等）数"), default=0)
    statement = models.TextField(_("承诺内容"), max_length=2000)
    signed_by = models.CharField(_("承诺人（主要负责人）"), max_length=50)
    user = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(_("填报时间"))

    class Meta:
        ordering = ["-day", "enterprise_id"]
        constraints = [models.UniqueConstraint(fields=("enterprise", "day"), name="services_one_commitment_a_day")]
        verbose_name = _("安全承诺")
        verbose_name_plural = _("安全承诺")


class LicenceApplication(EnterpriseScoped, models.Model):
    enterprise_lookup = "case__enterprise_id"
    region_field = "case__region"
    audited = True
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.OneToOneField(ServiceCase, on_delete=models.CASCADE, related_name="licence_application")
    licence_type = models.CharField(_("许可事项"), max_length=32)
    scope = models.TextField(_("许可范围（经营品种）"), max_length=2000)
    renewal_of = models.ForeignKey("services.Licence", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("延续的许可证"))
    site_checked_on = models.DateField(_("现场核查日期"), null=True, blank=True)
    site_check_note = models.TextField(_("现场核查意见"), blank=True, max_length=2000)
    decision_note = models.TextField(_("审批意见"), blank=True, max_length=2000)


class Licence(Placed):
    number = models.CharField(_("许可证编号"), max_length=40, unique=True)
    licence_type = models.CharField(_("许可事项"), max_length=32)
    scope = models.TextField(_("许可范围（经营品种）"), max_length=2000)
    issued_on = models.DateField(_("发证日期"))
    expires_on = models.DateField(_("有效期至"))
    status = models.CharField(_("状态"), max_length=12, choices=LicenceStatus.choices, default=LicenceStatus.VALID)
    case = models.ForeignKey(ServiceCase, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["expires_on", "id"]
        verbose_name = _("安全生产许可证")
        verbose_name_plural = _("安全生产许可证")


class CreditEvent(Placed):
    kind = models.CharField(_("信用事件"), max_length=24, choices=CreditEventKind.choices)
    happened_on = models.DateField(_("发生日期"))
    note = models.CharField(_("说明"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = _("信用事件")
        verbose_name_plural = _("信用事件")
        permissions = [("manage_credit", _("管理信用监管（事件、名单）"))]


class CreditListEntry(Placed):
    list_kind = models.CharField(_("名单"), max_length=12, choices=CreditList.choices)
    entered_on = models.DateField(_("列入日期"))
    reason = models.CharField(_("列入理由"), max_length=300)
    entered_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    exited_on = models.DateField(_("移出日期"), null=True, blank=True)
    exit_reason = models.CharField(_("移出理由"), max_length=300, blank=True)
    exited_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-entered_on", "-id"]
        verbose_name = _("信用名单记录")
        verbose_name_plural = _("信用名单记录")


class ExamSession(models.Model):
    """考试场次 (安全培训考核) scheduled by the bureau: the paper is drawn once by `rules` (the community app's
    drawing) when the session is created; enterprises sign their safety managers up before `signup_deadline`,
    up to `capacity`; those confirmed take it between `opens_at` and `closes_at`."""

    audited = True
    jurisdiction_shared = {READ: FROM_ABOVE, PICK: FROM_ABOVE}  # the district's sessions: every enterprise sees them
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("场次编号"), max_length=32, unique=True)
    name = models.CharField(_("场次名称"), max_length=100)
    rules = models.TextField(_("抽题规则"), max_length=2000,
                             help_text=_("每行“标签:题型:数量”，题型为 single、multiple 或 truefalse"))
    duration_minutes = models.PositiveSmallIntegerField(_("考试时长（分钟）"), default=60)
    pass_mark = models.PositiveSmallIntegerField(_("及格分"), default=80)
    validity_months = models.PositiveSmallIntegerField(_("合格证书有效期（月）"), default=36)
    opens_at = models.DateTimeField(_("考试开始时间"))
    closes_at = models.DateTimeField(_("考试结束时间"))
    signup_deadline = models.DateTimeField(_("报名截止时间"))
    capacity = models.PositiveIntegerField(_("名额"))
    paper = models.ForeignKey("community.ExamPaper", on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("试卷"))
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属区域"))
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-opens_at", "-id"]
        verbose_name = _("考试场次")
        verbose_name_plural = _("考试场次")
        permissions = [("manage_exams", _("安排考试场次、确认报名"))]

    def __str__(self):
        return f"{self.code} {self.name}"


class ExamSignup(Placed):
    """An enterprise's safety manager (an account bound to the enterprise) signed up for a session; the state
    follows the community exam attempt (已考 while it runs, then 通过/未通过)."""

    session = models.ForeignKey(ExamSession, on_delete=models.CASCADE, related_name="signups",
                                verbose_name=_("考试场次"))
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("考生"))
    person_name = models.CharField(_("考生姓名"), max_length=100)
    state = models.CharField(_("状态"), max_length=12, choices=SignupState.choices, default=SignupState.SIGNED_UP)
    signed_up_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    signed_up_at = models.DateTimeField(_("报名时间"))
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    attempt = models.ForeignKey("community.ExamAttempt", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("考试记录"))
    score = models.PositiveSmallIntegerField(_("得分"), null=True, blank=True)

    class Meta:
        ordering = ["session_id", "signed_up_at", "id"]
        constraints = [models.UniqueConstraint(fields=("session", "person"),
                                               condition=~models.Q(state="cancelled"),
                                               name="services_one_live_signup_a_person")]
        verbose_name = _("考试报名")
        verbose_name_plural = _("考试报名")
