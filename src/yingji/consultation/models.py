"""Joint consultations (研判会商): who is invited and who acknowledged, the meeting room, minutes, attendance and the
decisions taken, each of which became a response task or a duty instruction."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel
from yingji.core.scoping import FROM_ABOVE, PICK, READ

from .choices import DecisionKind, InviteeKind, RoomSystem, State, Subject

USER = settings.AUTH_USER_MODEL
# A consultation is kept by the region that convened it (the bureau: the district). The townships read the
# district's consultations (they are invited to them). Room templates are the district's: picked everywhere.
SHARED = {READ: FROM_ABOVE, PICK: FROM_ABOVE}
ROOMS_SHARED = {PICK: FROM_ABOVE}


class RoomTemplate(RegistryModel):
    """A link template of the conferencing system the bureau uses: {room} becomes the consultation's room name."""

    code_prefix = "HYS"
    jurisdiction_shared = ROOMS_SHARED

    system = models.CharField(_("会议系统"), max_length=16, choices=RoomSystem.choices, default=RoomSystem.JITSI)
    url_template = models.CharField(_("会议室链接模板"), max_length=500,
                                    help_text=_("以 http:// 或 https:// 开头，{room} 处填入会商的会议室名"))

    class Meta(RegistryModel.Meta):
        verbose_name = _("会议室链接模板")
        verbose_name_plural = _("会议室链接模板")

    def clean(self):
        super().clean()
        value = (self.url_template or "").strip()
        self.url_template = value
        if not value.startswith(("http://", "https://")):
            raise ValidationError({"url_template": ValidationError(_("链接应以 http:// 或 https:// 开头"),
                                                                   code="invalid_url")})
        if "{room}" not in value:
            raise ValidationError({"url_template": ValidationError(_("链接模板须包含 {room}"),
                                                                   code="room_placeholder_missing")})

    def link(self, room: str) -> str:
        return self.url_template.replace("{room}", room)


class Consultation(models.Model):
    audited = True
    jurisdiction_shared = SHARED

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("编号"), max_length=32, unique=True)
    title = models.CharField(_("会商主题"), max_length=200)
    subject = models.CharField(_("会商对象"), max_length=16, choices=Subject.choices)
    incident = models.ForeignKey("incidents.Incident", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("事件"))
    warning = models.ForeignKey("alerts.Warning", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("预警"))
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("召集区域"))
    scheduled_at = models.DateTimeField(_("会商时间"))
    agenda = models.TextField(_("议程"), max_length=4000)
    room_template = models.ForeignKey(RoomTemplate, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name=_("会议系统"))
    room = models.CharField(_("会议室名"), max_length=64, blank=True)
    place = models.CharField(_("会商地点"), max_length=200, blank=True)
    state = models.CharField(_("状态"), max_length=16, choices=State.choices, default=State.SCHEDULED)
    convened_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("召集人"))
    convened_at = models.DateTimeField(_("发起时间"))
    opened_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    minutes = models.TextField(_("会商纪要"), blank=True, max_length=20000)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-scheduled_at", "-id"]
        verbose_name = _("会商")
        verbose_name_plural = _("会商")
        permissions = [("convene_consultation", _("召集会商")), ("run_consultation", _("主持会商：考勤、纪要、决定"))]

    def __str__(self):
        return self.title

    @property
    def room_link(self) -> str:
        return self.room_template.link(self.room) if self.room_template_id and self.room else ""


class Invitee(models.Model):
    audited = True
    jurisdiction_shared = SHARED
    region_field = "consultation__region"

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="invitees",
                                     verbose_name=_("会商"))
    kind = models.CharField(_("类别"), max_length=16, choices=InviteeKind.choices)
    organization = models.ForeignKey("core.Organization", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("单位"))
    expert = models.ForeignKey("resources.Expert", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name=_("专家"))
    name = models.CharField(_("名称"), max_length=200)
    notified_at = models.DateTimeField(_("通知时间"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                        verbose_name=_("确认人"))
    ack_note = models.CharField(_("确认说明"), max_length=200, blank=True)
    attended = models.BooleanField(_("出席"), default=False)
    attendee = models.CharField(_("出席人"), max_length=100, blank=True)

    class Meta:
        ordering = ["consultation", "kind", "id"]
        verbose_name = _("会商参加单位")
        verbose_name_plural = _("会商参加单位")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "organization"], name="consultation_one_invite_per_org"),
            models.UniqueConstraint(fields=["consultation", "expert"], name="consultation_one_invite_per_expert"),
        ]

    def __str__(self):
        return self.name


class Decision(models.Model):
    audited = True
    jurisdiction_shared = SHARED
    region_field = "consultation__region"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="decisions",
                                     verbose_name=_("会商"))
    kind = models.CharField(_("落实方式"), max_length=16, choices=DecisionKind.choices)
    text = models.TextField(_("决定事项"), max_length=2000)
    organization = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("责任单位"))
    owner = models.CharField(_("责任人"), max_length=100, blank=True)
    deadline = models.DateTimeField(_("完成时限"))
    task = models.ForeignKey("plans.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("响应任务"))
    instruction = models.ForeignKey("duty.Instruction", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("值班指令"))
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("决定人"))
    decided_at = models.DateTimeField(_("决定时间"))

    class Meta:
        ordering = ["consultation", "decided_at", "id"]
        verbose_name = _("会商决定")
        verbose_name_plural = _("会商决定")

    def __str__(self):
        return self.text[:50]
