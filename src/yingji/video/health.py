"""The periodic health check (PERIODIC_HOOKS `video.health`): every camera with an HLS address (its own, or the
video gateway's: video.gateway) is asked for its playlist; one that does not answer with an HLS playlist (#EXTM3U)
in time is marked offline, with the reason, and one that answers again is marked online. Disabled cameras and
cameras without an HLS address are left alone. The platform's own test streams are checked on disk."""

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.context import acting

from . import streams
from .choices import CameraStatus
from .models import Camera

TIMEOUT_SECONDS = 3.0
PARALLEL = 8


def probe(url: str) -> str:
    """"" when `url` answers with an HLS playlist, else why not (kept on the camera)."""
    name = streams.local_name(url)
    if url.startswith("/"):
        return "" if name and streams.available(name) else _("本地测试流不存在")
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "yingji-video-health"})
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            head = response.read(64)
    except urllib.error.HTTPError as exc:
        return _("HTTP %(s)d") % {"s": exc.code}
    except (OSError, ValueError) as exc:
        return _("无应答：%(e)s") % {"e": str(getattr(exc, "reason", exc))[:200]}
    if not head.lstrip(b"\xef\xbb\xbf").startswith(b"#EXTM3U"):
        return _("应答不是 HLS 播放列表")
    return ""


def check_all(now=None) -> dict:
    """Probe every camera; returns how many went offline and came back."""
    now = now or timezone.now()
    cameras = [c for c in Camera.objects.exclude(status=CameraStatus.DISABLED) if c.play_url]
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        answers = list(pool.map(lambda camera: probe(camera.play_url), cameras))
    changed = {"offline": 0, "online": 0, "checked": len(cameras)}
    with acting(source="task"):
        for camera, error in zip(cameras, answers, strict=True):
            status = CameraStatus.OFFLINE if error else CameraStatus.ONLINE
            fields = ["last_checked", "last_error"]
            if status != camera.status:
                changed[status] += 1
                camera.status = status
                fields += ["status", "version"]
                camera.last_checked, camera.last_error = now, error[:300]
                camera.save(update_fields=[*fields, "updated"])  # audited: the status changed
            else:
                Camera.objects.filter(pk=camera.pk).update(last_checked=now, last_error=error[:300])
    return changed
