"""A 双随机 draw: its announced seed, the exact ordered candidate lists, the algorithm version and the result,
all kept so anyone can replay it (enforcement.draws.replay). Never edited or deleted; a redraw is a new draw
that names the one it replaces and the reason."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import DrawState, Sector, SupervisionClass


class Draw(models.Model):
    audited = True
    # The candidate lists can be long; the audit entry keeps their SHA-256 (inputs_sha256) instead.
    audit_exclude = {"candidate_targets", "candidate_inspectors", "excluded_inspectors"}

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("抽查编号"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=200)
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("抽查范围"))
    sector = models.CharField(_("行业领域"), max_length=16, choices=Sector.choices, blank=True)
    supervision_class = models.CharField(_("监管类别"), max_length=16, choices=SupervisionClass.choices, blank=True)
    target_count = models.PositiveIntegerField(_("抽取对象数"))
    inspectors_per_target = models.PositiveSmallIntegerField(_("每个对象的执法人员数"), default=2)
    own_township_recusal = models.BooleanField(_("本乡镇人员回避"), default=True)
    seed = models.CharField(_("随机种子"), max_length=200)
    seed_source = models.CharField(_("种子来源"), max_length=200, help_text=_("如：公证员见证的摇号结果"))
    algorithm = models.CharField(_("算法版本"), max_length=32)
    candidate_targets = models.JSONField(_("候选检查对象（有序）"), default=list)
    candidate_inspectors = models.JSONField(_("候选执法人员（有序）"), default=list)
    excluded_inspectors = models.JSONField(_("未入选的不合格人员"), default=list)
    inputs_sha256 = models.CharField(_("输入摘要（SHA-256）"), max_length=64)
    result = models.JSONField(_("抽取结果"), default=list)
    result_sha256 = models.CharField(_("结果摘要（SHA-256）"), max_length=64)
    state = models.CharField(_("状态"), max_length=16, choices=DrawState.choices, default=DrawState.VALID)
    redraw_of = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="redraws",
                                  verbose_name=_("重抽的原抽查"))
    redraw_reason = models.CharField(_("重抽理由"), max_length=500, blank=True)
    drawn_at = models.DateTimeField(_("抽取时间"), default=timezone.now)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("操作人"))
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    class Meta:
        ordering = ["-drawn_at", "-id"]
        verbose_name = _("双随机抽查")
        verbose_name_plural = _("双随机抽查")
        permissions = [("run_draw", _("组织双随机抽取"))]

    def __str__(self):
        return f"{self.code} {self.name}"

    def inputs(self) -> dict:
        return {"algorithm": self.algorithm, "seed": self.seed, "targets": self.candidate_targets,
                "inspectors": self.candidate_inspectors, "n": self.target_count, "k": self.inspectors_per_target,
                "own_township": self.own_township_recusal}
