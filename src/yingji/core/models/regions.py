"""The region tree: district → 街道/镇/乡 → 村/社区 → 网格.

Subtree and ancestor queries use a materialized path of codes ("/510903000000/510903001000/"), so they
are one indexed prefix query on SQLite and PostgreSQL alike.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.IntegerChoices):
    DISTRICT = 1, _("区县")
    TOWNSHIP = 2, _("乡镇/街道")
    VILLAGE = 3, _("村/社区")
    GRID = 4, _("网格")


class RegionQuerySet(models.QuerySet):
    def subtree(self, region, include_self=True):
        qs = self.filter(path__startswith=region.path)
        return qs if include_self else qs.exclude(pk=region.pk)

    def townships(self):
        return self.filter(level=RegionLevel.TOWNSHIP)


class WithoutBoundary(models.Manager):
    """How Django loads a region through a relation (`incident.region`, `user.region`): without its boundary,
    which is tens of kilobytes of JSON to decode; it is read from the database only if asked for."""

    def get_queryset(self):
        return super().get_queryset().defer("geometry")


class Region(models.Model):
    audited = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("统计用区划代码"), max_length=20, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    level = models.PositiveSmallIntegerField(_("层级"), choices=RegionLevel.choices)
    kind = models.CharField(_("类型"), max_length=16, help_text=_("区、街道、镇、乡、村、社区、网格"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("上级区域")
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    population = models.PositiveIntegerField(_("常住人口"), default=0)
    households = models.PositiveIntegerField(_("户数"), default=0)
    area_km2 = models.FloatField(_("面积(km²)"), null=True, blank=True)
    geometry = models.JSONField(_("边界"), null=True, blank=True)
    geometry_is_approximate = models.BooleanField(_("边界为近似"), default=False)
    lon = models.FloatField(_("中心经度"), null=True, blank=True)
    lat = models.FloatField(_("中心纬度"), null=True, blank=True)
    min_lon = models.FloatField(null=True, blank=True, editable=False)
    min_lat = models.FloatField(null=True, blank=True, editable=False)
    max_lon = models.FloatField(null=True, blank=True, editable=False)
    max_lat = models.FloatField(null=True, blank=True, editable=False)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    objects = RegionQuerySet.as_manager()
    without_boundary = WithoutBoundary()

    class Meta:
        base_manager_name = "without_boundary"
        ordering = ["code"]
        verbose_name = _("行政区域")
        verbose_name_plural = _("行政区域")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.path = f"{self.parent.path if self.parent_id else '/'}{self.code}/"
        if self.geometry:
            from yingji.geo.measure import bbox_of, centroid_of

            self.min_lon, self.min_lat, self.max_lon, self.max_lat = bbox_of(self.geometry)
            if self.lon is None:
                self.lon, self.lat = centroid_of(self.geometry)
        super().save(*args, **kwargs)

    @property
    def ancestor_codes(self) -> list[str]:
        return [code for code in self.path.strip("/").split("/") if code][:-1]

    def ancestors(self):
        return Region.objects.filter(code__in=self.ancestor_codes).order_by("level")

    def contains(self, other: "Region") -> bool:
        return other.path.startswith(self.path)

    @property
    def full_name(self) -> str:
        return "".join(r.name for r in self.ancestors()) + self.name
