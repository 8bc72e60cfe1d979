"""The one timeline of an incident: append-only; corrections are new entries that point at the old one."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yingji.core.extensions import timeline_kind_choices


class ImmutableError(Exception):
    pass


class TimelineEntry(models.Model):
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.PROTECT, related_name="timeline", verbose_name=_("事件")
    )
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    kind = models.CharField(_("类别"), max_length=16, choices=timeline_kind_choices, db_index=True)
    title = models.CharField(_("摘要"), max_length=200)
    body = models.TextField(_("内容"), blank=True, max_length=8000)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("发布人"),
    )
    actor_name = models.CharField(_("发布人"), max_length=150, blank=True)
    organization_name = models.CharField(_("单位"), max_length=200, blank=True)
    data = models.JSONField(_("数据"), default=dict, blank=True)
    attachment = models.FileField(_("附件"), upload_to="incidents/timeline/%Y/%m/", null=True, blank=True)
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections", verbose_name=_("更正")
    )

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("时间线条目")
        verbose_name_plural = _("时间线")
        indexes = [models.Index(fields=["incident", "at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.title}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableError("timeline entries cannot be changed; post a correction")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("timeline entries cannot be deleted")
