"""Loads the video demonstration data (a DEMO_LOADERS entry, order 97): 20 cameras of the police, transport, water,
forestry and township 综治 systems across the townships, and a drone whose track follows the newest demo incident.
All play the platform's local test-pattern streams (video/streams.py, made with ffmpeg when first asked for).
Deterministic, flagged is_demo; a second load keeps what the first wrote."""

import math
from datetime import timedelta

from django.utils import timezone

from yingji.core.models import Region
from yingji.demo import townships as places

from . import gb28181
from .choices import CameraType
from .models import Camera, PositionFix

PATTERNS = ("testsrc", "smptebars", "mandelbrot")
# (township, name, type, owner, offset east/north in metres from the seat)
CAMERAS = (
    ("南津路街道", "南津路与遂州路口", CameraType.DOME, "区公安分局", (120, 80)),
    ("凯旋路街道", "凯旋路广场", CameraType.FIXED, "区公安分局", (-90, 150)),
    ("镇江寺街道", "涪江镇江寺段堤防", CameraType.FIXED, "区水利局", (200, -120)),
    ("育才路街道", "育才路学校门口", CameraType.FIXED, "育才路街道综治中心", (60, 60)),
    ("介福路街道", "介福路农贸市场", CameraType.DOME, "介福路街道综治中心", (-150, -40)),
    ("嘉禾街道", "嘉禾加油站", CameraType.FIXED, "区市场监管局", (100, -200)),
    ("广德街道", "广德寺景区", CameraType.DOME, "区文旅局", (-120, 90)),
    ("富源路街道", "物流园区出入口", CameraType.FIXED, "区交通运输局", (180, 40)),
    ("灵泉街道", "灵泉寺山林", CameraType.DOME, "区林业局", (-220, 160)),
    ("慈音街道", "慈音山隧道口", CameraType.FIXED, "区交通运输局", (90, -90)),
    ("杨渡街道", "杨渡大桥", CameraType.FIXED, "区交通运输局", (140, 110)),
    ("龙凤镇", "大白塔水库坝顶", CameraType.FIXED, "区水利局", (260, -180)),
    ("仁里镇", "刘家河河道", CameraType.FIXED, "区水利局", (-180, 120)),
    ("永兴镇", "永兴场镇", CameraType.DOME, "永兴镇综治中心", (80, 80)),
    ("河沙镇", "赤岩沟地灾点", CameraType.DEPLOYABLE, "区自然资源局", (-140, -160)),
    ("桂花镇", "漆家桥", CameraType.FIXED, "桂花镇综治中心", (120, -60)),
    ("老池镇", "薛家坝防洪堤", CameraType.FIXED, "区水利局", (-100, 140)),
    ("唐家乡", "唐家渡口", CameraType.FIXED, "区交通运输局", (60, -120)),
    ("南津路街道", "执法记录仪 01", CameraType.BODY, "区应急管理局执法大队", (-60, 40)),
    ("凯旋路街道", "单兵 01", CameraType.INDIVIDUAL, "区消防救援大队", (40, -60)),
)
DRONE = ("南津路街道", "无人机 01", CameraType.DRONE, "区应急管理局")
CENTRE = "51090300"  # 四川省遂宁市船山区 + 基层单位 00


def _offset(seat, east: float, north: float) -> tuple[float, float]:
    return (round(seat[0] + east / (111_320 * math.cos(math.radians(seat[1]))), 6),
            round(seat[1] + north / 110_540, 6))


def _camera(index, township, name, kind, owner, offset=(0, 0)) -> Camera:
    place = places.township(township)
    lon, lat = _offset(place.seat, *offset)
    return Camera(code=f"SP{index:04d}", name=f"{township}{name}", camera_type=kind, owner_department=owner,
                  device_id=gb28181.make(CENTRE, 1000 + index, kind=132), region=Region.objects.get(code=place.code),
                  lon=lon, lat=lat, hls_url=f"/video/streams/{PATTERNS[index % len(PATTERNS)]}/index.m3u8",
                  rtsp_url=f"rtsp://127.0.0.1:554/gb28181/{gb28181.make(CENTRE, 1000 + index, kind=132)}",
                  is_demo=True)


def load(progress=print) -> None:
    progress("载入视频汇聚：视频监控点、移动设备和无人机轨迹……")
    if Camera.objects.filter(is_demo=True).exists():
        return
    cameras = [_camera(i, *row) for i, row in enumerate(CAMERAS, 1)]
    drone = _camera(len(CAMERAS) + 1, *DRONE)
    for camera in [*cameras, drone]:
        camera.full_clean()
    Camera.objects.bulk_create([*cameras, drone])
    _drone_track(Camera.objects.get(code=drone.code))


def _drone_track(drone) -> None:
    """Twenty positions over the last twenty minutes, circling the newest demo incident that has a place."""
    from yingji.incidents.models import Incident

    incident = Incident.objects.filter(is_demo=True, lon__isnull=False).order_by("-occurred_at").first()
    if incident is None:
        return
    now = timezone.now()
    PositionFix.objects.bulk_create([
        PositionFix(camera=drone, incident=incident, altitude=120,
                    lon=round(incident.lon + 0.004 * math.cos(step / 3), 6),
                    lat=round(incident.lat + 0.003 * math.sin(step / 3), 6),
                    recorded_at=now - timedelta(minutes=20 - step)) for step in range(20)])
