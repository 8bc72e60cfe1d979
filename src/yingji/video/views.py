"""Pages of the video app: play one camera, the 4/9-up video wall, a moving device's track, and the local test
streams. Every page that shows video checks the play permission and the camera's jurisdiction (404 outside it)
and writes one audit entry per camera shown."""

import uuid as uuids

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.scoping import scope_to_user

from . import gateway, streams
from .choices import MOVING_TYPES, CameraStatus
from .models import Camera
from .services import NEAR_METRES, cameras_near, last_fixes, playable, record_play, track

LAYOUTS = (4, 9)


def _camera(user, uuid) -> Camera:
    camera = scope_to_user(Camera.objects.all(), user).filter(uuid=uuid).first()
    if camera is None:
        raise Http404(_("记录不存在或不在您的管辖范围内"))
    return camera


def _incident(user, raw):
    from yingji.incidents.models import Incident

    try:
        key = uuids.UUID(str(raw))
    except ValueError:
        return None
    return scope_to_user(Incident.objects.all(), user).filter(uuid=key).first()


@login_required
@permission_required("video.play_camera", raise_exception=True)
def play(request, uuid):
    camera = _camera(request.user, uuid)
    error = ""
    try:
        playable(request.user, camera)
    except DomainError as exc:
        error = exc.message
    else:
        record_play(request.user, camera, where="play")
    latest = last_fixes([camera]) if camera.is_moving else {}
    return render(request, "video/play.html", {"camera": camera, "error": error, "fix": latest.get(camera.pk)},
                  status=400 if error else 200)


def _wall_choice(user, request):
    """The cameras of the wall: those named (?c=uuid, repeated), else those near the incident (?incident=),
    else the first online ones; and the candidates offered in the picker."""
    candidates = scope_to_user(Camera.objects.exclude(status=CameraStatus.DISABLED), user)
    if not gateway.current().configured:  # else an address may come from the gateway (video.gateway)
        candidates = candidates.exclude(hls_url="")
    incident = _incident(user, request.GET.get("incident", "")) if request.GET.get("incident") else None
    named = []
    for raw in request.GET.getlist("c")[:9]:
        try:
            named.append(uuids.UUID(raw))
        except ValueError:
            continue
    if named:
        found = {c.uuid: c for c in candidates.filter(uuid__in=named)}
        chosen = [found[u] for u in named if u in found]
    elif incident is not None and incident.lon is not None:
        chosen = [c for c, _distance in cameras_near(user, incident.lon, incident.lat) if c.play_url]
    else:
        chosen = list(candidates.filter(status=CameraStatus.ONLINE).order_by("code"))
    chosen = [c for c in chosen if c.play_url]
    return chosen, [c for c in candidates.order_by("region__path", "code")[:300] if c.play_url], incident


@login_required
@permission_required("video.play_camera", raise_exception=True)
def wall(request):
    try:
        layout = int(request.GET.get("layout", "4"))
    except ValueError:
        layout = 4
    layout = layout if layout in LAYOUTS else 4
    chosen, candidates, incident = _wall_choice(request.user, request)
    chosen = chosen[:layout]
    for camera in chosen:
        record_play(request.user, camera, where="wall")
    tiles = chosen + [None] * (layout - len(chosen))
    return render(request, "video/wall.html", {
        "tiles": tiles, "layout": layout, "columns": 2 if layout == 4 else 3, "candidates": candidates,
        "chosen": {c.uuid for c in chosen}, "incident": incident, "radius_km": NEAR_METRES // 1000})


@login_required
@permission_required("video.view_camera", raise_exception=True)
def track_page(request, uuid):
    camera = _camera(request.user, uuid)
    incident = _incident(request.user, request.GET.get("incident", "")) if request.GET.get("incident") else None
    since = None if incident else timezone.now() - timezone.timedelta(hours=24)
    fixes = track(camera, incident=incident, since=since)
    points = [[f.lon, f.lat, timezone.localtime(f.recorded_at).strftime("%H:%M:%S")] for f in fixes]
    return render(request, "video/track.html", {"camera": camera, "incident": incident, "fixes": fixes[-20:],
                                                "count": len(fixes), "points": points})


@login_required
@permission_required("video.play_camera", raise_exception=True)
def stream_file(request, name, filename):
    path = streams.file_of(name, filename)
    if path is None:
        raise Http404(_("视频流不存在"))
    kind = "application/vnd.apple.mpegurl" if filename.endswith(".m3u8") else "video/mp2t"
    response = FileResponse(open(path, "rb"), content_type=kind)  # noqa: SIM115 (FileResponse closes it)
    response["Cache-Control"] = "private, max-age=60"
    return response


@login_required
@permission_required("video.change_camera", raise_exception=True)
def gateway_page(request):
    """国标接入参数: what device installers configure (the SIP server of the video gateway), the address templates,
    what is wrong with them, and where each camera of the user's reach is played from."""
    config = gateway.current()
    cameras = scope_to_user(Camera.objects.order_by("region__path", "code"), request.user)[:300]
    return render(request, "video/gateway.html", {
        "config": config, "problems": config.problems(),
        "rows": [(c, gateway.source_of(c, config), gateway.hls_for(c, config)) for c in cameras]})


def _townships_in_reach(user):
    from yingji.core.models import Region

    return list(scope_to_user(Region.objects.filter(level=2), user).only("code", "name", "path").order_by("code"))


@login_required
def camera_list(request):
    """视频监控点一览: the cameras of the user's reach (a township officer: the township's) with their state and a
    play link; district users pick a township (?township=<code>); ?status= online/offline/disabled. Unknown filter
    values are ignored, as the registry's lists do."""
    user = request.user
    may_play = user.has_perm("video.play_camera")
    if not (may_play or user.has_perm("video.view_camera")):
        raise PermissionDenied
    rows = scope_to_user(Camera.objects.select_related("region").defer("region__geometry"), user)
    townships = _townships_in_reach(user)
    by_code = {t.code: t for t in townships}
    chosen = by_code.get(request.GET.get("township", ""))
    if chosen is not None:
        rows = rows.filter(region__path__startswith=chosen.path)
    status = request.GET.get("status", "")
    status = status if status in CameraStatus.values else ""
    if status:
        rows = rows.filter(status=status)
    page = Paginator(rows.order_by("region__path", "code"), 50).get_page(request.GET.get("page"))
    config = gateway.current()

    def township_of(camera):
        codes = camera.region.path.strip("/").split("/")
        return by_code.get(codes[1]) if len(codes) > 1 else None

    items = []
    for camera in page:
        url = gateway.hls_for(camera, config) if camera.status != CameraStatus.DISABLED else ""
        items.append({"camera": camera, "township": township_of(camera), "play": may_play and bool(url),
                      "moving": camera.camera_type in MOVING_TYPES})
    return render(request, "video/cameras.html", {
        "items": items, "page": page, "townships": townships if len(townships) > 1 else [], "chosen": chosen,
        "status": status, "statuses": CameraStatus.choices, "may_play": may_play,
        "may_track": user.has_perm("video.view_camera")})
