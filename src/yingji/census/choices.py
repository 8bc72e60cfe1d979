"""Choices of the census app: hazard and zone types, scales, disaster types, transfer marks."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HazardType(models.TextChoices):
    LANDSLIDE = "landslide", _("滑坡")
    COLLAPSE = "collapse", _("崩塌")
    DEBRIS_FLOW = "debris_flow", _("泥石流")
    SUBSIDENCE = "subsidence", _("地面塌陷")


class HazardScale(models.TextChoices):
    SMALL = "small", _("小型")
    MEDIUM = "medium", _("中型")
    LARGE = "large", _("大型")
    HUGE = "huge", _("特大型")


class ZoneType(models.TextChoices):
    FLASH_FLOOD = "flash_flood", _("山洪危险区")
    WATERLOGGING = "waterlogging", _("内涝点")
    FLOOD = "flood", _("洪水淹没区")


class DisasterType(models.TextChoices):
    RAINSTORM_FLOOD = "rainstorm_flood", _("暴雨洪涝")
    GEOLOGICAL = "geological", _("地质灾害")
    DROUGHT = "drought", _("干旱")
    WIND_HAIL = "wind_hail", _("风雹")
    FOREST_FIRE = "forest_fire", _("森林火灾")
    EARTHQUAKE = "earthquake", _("地震")
    OTHER = "other", _("其他")


class TransferState(models.TextChoices):
    ACTIVE = "active", _("转移中")
    CLOSED = "closed", _("已结束")


class Mark(models.TextChoices):
    TRANSFERRED = "transferred", _("已转移")
    REFUSED = "refused", _("拒绝转移")
    NOT_FOUND = "not_found", _("未找到")
    RETURNED = "returned", _("已返回")


PENDING_LABEL = _("待转移")
# Still inside the danger zone: nobody has marked the household, or it refused, or was not found.
INSIDE = {None, Mark.REFUSED, Mark.NOT_FOUND}
