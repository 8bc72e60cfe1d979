"""Attachments (附件): files owned by any record (a hazard's before/after photos, an inspection's documents …).

The owner is given by its content type and primary key. The file lies under MEDIA_ROOT, which is never served
as such: downloads go through core.views_attachments, which checks the owner's permission and jurisdiction.
Writes go through core.attachments.attach (size, type by the first bytes, SHA-256, audit entry)."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _stored_name(instance, filename):
    """Stored under a name of our choosing (the upload's name is kept only as text): attachments/2026/12/<uuid>."""
    return f"attachments/{timezone.now():%Y/%m}/{instance.uuid.hex}"


class Attachment(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField(_("所属记录"))
    record = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("类别"), max_length=32)
    original_name = models.CharField(_("原文件名"), max_length=255)
    file = models.FileField(_("文件"), upload_to=_stored_name, max_length=200)
    media_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("上传人"))
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    lon = models.FloatField(_("经度"), null=True, blank=True)
    lat = models.FloatField(_("纬度"), null=True, blank=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_attach_owner")]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")
