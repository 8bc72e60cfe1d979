"""Domain events after commit (DESIGN §4.5): an outbox table written in the same transaction.

Consumers register for event kinds; each (event, consumer) pair becomes a delivery row, which is the
idempotency key: a consumer is handed an event at least once, and marks it done exactly once.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxEvent(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("事件类型"), max_length=100, db_index=True)
    payload = models.JSONField(_("内容"), default=dict)
    aggregate = models.CharField(_("对象类型"), max_length=100, blank=True)
    aggregate_id = models.CharField(_("对象ID"), max_length=64, blank=True, db_index=True)
    region_path = models.CharField(max_length=255, blank=True, db_index=True)
    idempotency_key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    created = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("领域事件")
        verbose_name_plural = _("领域事件")

    def __str__(self):
        return f"{self.kind} #{self.pk}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待处理")
    DONE = "done", _("已处理")
    FAILED = "failed", _("失败")


class OutboxDelivery(models.Model):
    event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="deliveries")
    consumer = models.CharField(max_length=100)
    status = models.CharField(max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_error = models.TextField(blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "consumer"], name="outbox_delivery_once")]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
