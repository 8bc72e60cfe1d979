"""RegistryModel: the common shape of every registry (DESIGN §4.1)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.geo.errors import GeoError


class RegistryModel(models.Model):
    """Base of every registry record: identity, jurisdiction, optional location, trace fields."""

    # Declared by subclasses: where a location is required, and whether it must lie in the district.
    location_required = False
    location_in_district = True
    code_prefix = "R"
    audited = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("编码"), max_length=64, unique=True, blank=True, help_text=_("留空则自动生成"))
    name = models.CharField(_("名称"), max_length=200)
    status = models.CharField(_("状态"), max_length=32, default="active")
    description = models.TextField(_("说明"), blank=True, max_length=4000)
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属区域"))
    lon = models.FloatField(_("经度"), null=True, blank=True, db_index=True)
    lat = models.FloatField(_("纬度"), null=True, blank=True, db_index=True)
    geometry = models.JSONField(_("几何"), null=True, blank=True)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated = models.DateTimeField(_("更新时间"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("创建人"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("更新人"),
    )
    extra = models.JSONField(_("扩展字段"), default=dict, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)
    # Optimistic locking: an edit that started from an older version is refused, never silently applied.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.clean_location()

    def clean_location(self):
        from yingji.geo.chuanshan import validate_location

        if (self.lon is None) != (self.lat is None):
            raise ValidationError({"lon": ValidationError(_("经度和纬度必须同时填写"), code="incomplete_location")})
        if self.lon is None:
            if self.location_required:
                raise ValidationError({"lon": ValidationError(_("必须填写位置"), code="location_required")})
            return
        try:
            validate_location(self.lon, self.lat, require_in_district=self.location_in_district)
        except GeoError as exc:
            raise ValidationError({exc.field or "lon": ValidationError(exc.message, code=exc.code)}) from exc

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = f"{self.code_prefix}{uuid.uuid4().hex[:10].upper()}"
        if self.pk is not None and not kwargs.get("force_insert"):
            self.version += 1
        super().save(*args, **kwargs)
