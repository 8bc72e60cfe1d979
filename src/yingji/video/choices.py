from django.db import models
from django.utils.translation import gettext_lazy as _


class CameraType(models.TextChoices):
    FIXED = "fixed", _("固定")
    DOME = "dome", _("球机")
    DRONE = "drone", _("无人机")
    BODY = "body", _("执法记录仪")
    INDIVIDUAL = "individual", _("单兵")
    DEPLOYABLE = "deployable", _("布控球")


# Devices that move with the people or aircraft carrying them: they report positions, kept as a track.
MOVING_TYPES = (CameraType.DRONE, CameraType.BODY, CameraType.INDIVIDUAL, CameraType.DEPLOYABLE)


class CameraStatus(models.TextChoices):
    ONLINE = "online", _("在线")
    OFFLINE = "offline", _("离线")
    DISABLED = "disabled", _("停用")


# Map colours: teals and greys (never a grade colour; tests/core/test_map_colours.py).
STATUS_HEX = {"online": "#2a9d8f", "offline": "#6c757d", "disabled": "#343a40"}
MOVING_HEX = "#7b2cbf"
