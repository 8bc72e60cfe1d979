"""One-map layers: fixed cameras (colour by state) and moving devices at their last reported position; each
popup links to the play page and, for a moving device, to its track."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from yingji.core.extensions import MAP_LAYERS, MapLayer
from yingji.core.geojson import MAX_FEATURES, in_bbox, located, point

from .choices import MOVING_HEX, MOVING_TYPES, STATUS_HEX, CameraStatus
from .models import Camera, PositionFix
from .services import last_fixes

GROUP = _lazy("视频汇聚")
MARKER = "00000000-0000-0000-0000-000000000000"


def _urls():
    play = reverse("video:play", kwargs={"uuid": MARKER})
    track = reverse("video:track", kwargs={"uuid": MARKER})
    detail = reverse("registry:video-cameras-detail", kwargs={"uuid": MARKER})
    return (lambda u: play.replace(MARKER, str(u))), (lambda u: track.replace(MARKER, str(u))), \
        (lambda u: detail.replace(MARKER, str(u)))


def _feature(camera, lon, lat, urls, colour, extra=()):
    play, track, detail = urls
    links = [[_("播放"), play(camera.uuid)]]
    if camera.is_moving:
        links.append([_("轨迹"), track(camera.uuid)])
    return point(lon, lat, {"uuid": str(camera.uuid), "code": camera.code, "name": camera.name,
                            "url": detail(camera.uuid), "color": colour, "links": links,
                            "lines": [camera.get_camera_type_display(), camera.owner_department,
                                      camera.get_status_display(), *extra]})


def _fixed(user, bbox, params):
    rows = located(Camera.objects.exclude(camera_type__in=MOVING_TYPES), user, bbox, params)[:MAX_FEATURES]
    urls = _urls()
    return [_feature(c, c.lon, c.lat, urls, STATUS_HEX[c.status]) for c in rows]


def _moving(user, bbox, params):
    cameras = list(located(Camera.objects.filter(camera_type__in=MOVING_TYPES), user, None, params))
    latest = last_fixes(cameras)
    inside = set(in_bbox(PositionFix.objects.filter(pk__in=[f.pk for f in latest.values()]), bbox)
                 .values_list("pk", flat=True)) if bbox else None
    urls, features = _urls(), []
    for camera in cameras:
        fix = latest.get(camera.pk)
        if fix is not None and (inside is None or fix.pk in inside):
            at = timezone.localtime(fix.recorded_at).strftime("%m-%d %H:%M")
            features.append(_feature(camera, fix.lon, fix.lat, urls, MOVING_HEX, [_("定位：%(t)s") % {"t": at}]))
        elif fix is None and camera.lon is not None and (bbox is None or _in(bbox, camera)):
            features.append(_feature(camera, camera.lon, camera.lat, urls, STATUS_HEX[camera.status]))
    return features


def _in(bbox, camera) -> bool:
    return bbox[0] <= camera.lon <= bbox[2] and bbox[1] <= camera.lat <= bbox[3]


LEGEND = ((STATUS_HEX["online"], CameraStatus.ONLINE.label), (STATUS_HEX["offline"], CameraStatus.OFFLINE.label),
          (STATUS_HEX["disabled"], CameraStatus.DISABLED.label))


def register_layers() -> None:
    MAP_LAYERS.add(MapLayer("video-cameras", _lazy("视频监控点"), GROUP, _fixed, color=STATUS_HEX["online"],
                            permission="video.view_camera", order=70, legend=LEGEND))
    MAP_LAYERS.add(MapLayer("video-moving", _lazy("移动视频设备"), GROUP, _moving, color=MOVING_HEX,
                            permission="video.view_camera", order=71,
                            legend=((MOVING_HEX, _lazy("最近定位")), *LEGEND)))
