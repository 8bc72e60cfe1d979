"""What the video app contributes to the platform (core.extensions), registered from apps.py: its menu, the
camera layers of the one-map, the "cameras within 2 km" panel on the incident page, the periodic health check of
the streams, and its demo data."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _lazy

from yingji.core import extensions as ext

MENU = _lazy("视频汇聚")


def _panel(user, incident):
    from .panels import incident_panel

    return incident_panel(user, incident)


def _panel_links(user, incident):
    if not user.has_perm("video.play_camera") or incident.lon is None:
        return []
    return [(str(_lazy("视频墙")), reverse("video:wall") + f"?incident={incident.uuid}", "video-wall-link")]


def _health():
    from .health import check_all

    return check_all()


def register() -> None:
    from .layers import register_layers

    ext.NAVIGATION.add(ext.NavItem(MENU, _lazy("视频墙"), "video:wall", "video.play_camera", order=10))
    ext.NAVIGATION.add(ext.NavItem(MENU, _lazy("视频监控点一览"), "video:cameras", "video.play_camera", order=12))
    register_layers()
    ext.INCIDENT_PANELS.add(ext.IncidentPanel("video.nearby", "video/incident_panel.html", _panel,
                                              links=_panel_links, order=60))
    ext.PERIODIC_HOOKS.add(ext.PeriodicHook("video.health", _health, every_seconds=300))
    ext.DEMO_LOADERS.add(ext.DemoLoader("video", "yingji.video.demo.load", order=97))
