"""The review (应急评估) of a closed incident: computed figures plus the reviewers' findings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Review(models.Model):
    audited = True

    incident = models.OneToOneField(
        "incidents.Incident", on_delete=models.PROTECT, related_name="review", verbose_name=_("事件")
    )
    findings = models.TextField(_("评估意见"), blank=True, max_length=8000)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("评估人")
    )
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated = models.DateTimeField(_("更新时间"), auto_now=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    class Meta:
        verbose_name = _("应急评估")
        verbose_name_plural = _("应急评估")

    def __str__(self):
        return f"{self.incident} · 评估"


class RectificationItem(models.Model):
    audited = True

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="items", verbose_name=_("评估"))
    content = models.CharField(_("整改事项"), max_length=500)
    owner = models.CharField(_("责任单位"), max_length=200, blank=True)
    due_date = models.DateField(_("完成时限"), null=True, blank=True)
    done = models.BooleanField(_("已完成"), default=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("整改事项")
        verbose_name_plural = _("整改事项")

    def __str__(self):
        return self.content
