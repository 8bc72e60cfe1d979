"""Writes and look-ups of the video app: positions reported by moving devices, the audited play, cameras near a
point. Registry writes (the cameras themselves) go through core.services like every registry."""

import math
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from yingji.core import audit
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.scoping import ensure_in_jurisdiction, scope_to_user
from yingji.geo.chuanshan import validate_location
from yingji.geo.errors import GeoError
from yingji.geo.measure import haversine_m

from .choices import CameraStatus
from .models import Camera, PositionFix

NEAR_METRES = 2000
MAX_FIXES = 500  # per request
PLAY_ACTION = "view"  # the audit action of a played stream (not a change; one entry per view)


def _when(value, field: str, now: datetime) -> datetime:
    if value in (None, ""):
        return now
    moment = value if isinstance(value, datetime) else parse_datetime(str(value))
    if moment is None:
        raise DomainError("invalid_datetime", _("时间格式不正确，应为 ISO 8601"), field=field)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > now + timezone.timedelta(minutes=5):
        raise DomainError("time_in_future", _("定位时间不能晚于当前时间"), field=field)
    return moment


def record_positions(*, actor, camera, fixes: list[dict], incident=None, now=None) -> list[PositionFix]:
    """Keep the positions a moving device reported (all or none). Each fix: lon, lat, optional altitude and
    recorded_at (ISO 8601; default now)."""
    now = now or timezone.now()
    if actor is not None and not actor.has_perm("video.report_position"):
        raise PermissionDeniedError("permission_denied", _("您没有上报移动设备位置的权限"))
    ensure_in_jurisdiction(actor, camera.region)
    if not camera.is_moving:
        raise DomainError("not_a_moving_device", _("只有无人机、执法记录仪、单兵和布控球可以上报位置"),
                          field="camera")
    if not fixes:
        raise DomainError("positions_required", _("请至少上报一个位置"), field="positions")
    if len(fixes) > MAX_FIXES:
        raise DomainError("too_many_positions", _("一次最多上报 %(n)d 个位置") % {"n": MAX_FIXES},
                          field="positions")
    rows = []
    for index, fix in enumerate(fixes):
        if not isinstance(fix, dict):
            raise DomainError("invalid_position", _("位置应为含 lon、lat 的对象"), field=f"positions.{index}")
        try:
            lon, lat = validate_location(fix.get("lon"), fix.get("lat"), require_in_district=False)
        except GeoError as exc:
            raise DomainError(exc.code, exc.message, field=f"positions.{index}.{exc.field or 'lon'}") from exc
        altitude = fix.get("altitude")
        if altitude is not None and (not isinstance(altitude, int | float) or isinstance(altitude, bool)
                                     or not math.isfinite(altitude)):
            raise DomainError("invalid_altitude", _("高度应为数字（米）"), field=f"positions.{index}.altitude")
        rows.append(PositionFix(camera=camera, incident=incident, lon=lon, lat=lat, altitude=altitude,
                                recorded_at=_when(fix.get("recorded_at"), f"positions.{index}.recorded_at", now)))
    with transaction.atomic():
        return PositionFix.objects.bulk_create(rows)


def track(camera, *, incident=None, since=None) -> list[PositionFix]:
    fixes = camera.fixes.all()
    if incident is not None:
        fixes = fixes.filter(incident=incident)
    if since is not None:
        fixes = fixes.filter(recorded_at__gte=since)
    return list(fixes.order_by("recorded_at", "id")[:5000])


def last_fixes(cameras) -> dict[int, PositionFix]:
    """camera id → its latest position (one query per camera would not do on a wall of 9)."""
    latest = {}
    for fix in PositionFix.objects.filter(camera__in=cameras).order_by("camera_id", "-recorded_at", "-id"):
        latest.setdefault(fix.camera_id, fix)
    return latest


def where(camera, latest: dict) -> tuple[float, float] | None:
    fix = latest.get(camera.pk)
    if fix is not None:
        return fix.lon, fix.lat
    return (camera.lon, camera.lat) if camera.lon is not None else None


def cameras_near(user, lon: float, lat: float, metres: float = NEAR_METRES) -> list[tuple[Camera, int]]:
    """(camera, distance in metres) of the cameras the user may see within `metres`, nearest first; a moving
    device counts where it last reported."""
    pad_lat = metres / 111_000 * 1.2
    pad_lon = pad_lat / max(math.cos(math.radians(lat)), 0.1)
    cameras = list(scope_to_user(Camera.objects.exclude(status=CameraStatus.DISABLED), user))
    latest = last_fixes([c for c in cameras if c.is_moving])
    found = []
    for camera in cameras:
        point = where(camera, latest)
        if point is None or abs(point[0] - lon) > pad_lon or abs(point[1] - lat) > pad_lat:
            continue
        distance = haversine_m(lon, lat, *point)
        if distance <= metres:
            found.append((camera, round(distance)))
    return sorted(found, key=lambda pair: pair[1])


def playable(user, camera) -> None:
    if not user.has_perm("video.play_camera"):
        raise PermissionDeniedError("permission_denied", _("您没有调阅视频的权限"))
    if camera.status == CameraStatus.DISABLED:
        raise DomainError("camera_disabled", _("该摄像机已停用"), field="camera")
    if not camera.play_url:
        raise DomainError("no_browser_stream", _("该摄像机没有浏览器可播放的 HLS 地址（RTSP/WebRTC 须经视频网关转换）"),
                          field="hls_url")


def record_play(user, camera, *, where: str = "play") -> None:
    """One audit entry per view: who watched which camera, from which page."""
    audit.record(PLAY_ACTION, model_label=Camera._meta.label, object_id=camera.pk, object_repr=str(camera),
                 after={"device_id": camera.device_id, "hls_url": camera.play_url, "page": where}, actor=user)
