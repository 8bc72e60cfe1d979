"""API of the video app besides the camera registry: a moving device's positions (POST to report, GET the track)."""

import uuid as uuids

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS, body_of
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.scoping import scope_to_user

from . import gateway
from .api_serializers import GatewayStreamsSerializer, PositionsBodySerializer, TrackSerializer
from .choices import CameraStatus
from .models import Camera
from .services import record_positions, track


def _camera(request, uuid) -> Camera:
    if not request.user.has_perm("video.view_camera"):
        raise PermissionDeniedError("permission_denied", _("您没有查看视频监控点的权限"))
    camera = scope_to_user(Camera.objects.all(), request.user).filter(uuid=uuid).first()
    if camera is None:
        raise NotFound(_("记录不存在或不在您的管辖范围内"))
    return camera


def _incident(request, raw):
    from yingji.incidents.models import Incident

    if raw in (None, ""):
        return None
    try:
        key = uuids.UUID(str(raw))
    except ValueError:
        raise DomainError("invalid_incident", _("事件 uuid 格式不正确"), field="incident") from None
    incident = scope_to_user(Incident.objects.all(), request.user).filter(uuid=key).first()
    if incident is None:
        raise DomainError("unknown_incident", _("事件不存在或不在您的管辖范围内"), field="incident")
    return incident


def _fix(fix) -> dict:
    return {"lon": fix.lon, "lat": fix.lat, "altitude": fix.altitude, "recorded_at": fix.recorded_at}


class PositionsView(APIView):
    """A moving device's track (GET; ?incident=<uuid> for the positions reported during that incident) and its new
    positions (POST {"positions": [{"lon", "lat", "altitude"?, "recorded_at"?}], "incident"?}: all kept or none)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[OpenApiParameter("incident", str, description="事件 uuid")],
                   responses={200: TrackSerializer, **ERRORS})
    def get(self, request, uuid):
        camera = _camera(request, uuid)
        fixes = track(camera, incident=_incident(request, request.query_params.get("incident")))
        return Response({"camera": str(camera.uuid), "count": len(fixes), "positions": [_fix(f) for f in fixes]})

    @extend_schema(request=PositionsBodySerializer, responses={201: TrackSerializer, **ERRORS})
    def post(self, request, uuid):
        camera = _camera(request, uuid)
        body = body_of(request, PositionsBodySerializer)
        positions = body.get("positions")
        if not isinstance(positions, list):
            raise DomainError("positions_required", _("请至少上报一个位置"), field="positions")
        fixes = record_positions(actor=request.user, camera=camera, fixes=positions,
                                 incident=_incident(request, body.get("incident")))
        return Response({"camera": str(camera.uuid), "count": len(fixes), "positions": [_fix(f) for f in fixes]},
                        status=201)


class GatewayStreamsView(APIView):
    """The RTSP sources the video gateway is to pull and republish as HLS, with the address to publish each at
    (video.gateway). Read by the gateway's service account (视频监控点 read permission); disabled cameras left out."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: GatewayStreamsSerializer, **ERRORS})
    def get(self, request):
        if not request.user.has_perm("video.view_camera"):
            raise PermissionDeniedError("permission_denied", _("您没有查看视频监控点的权限"))
        config = gateway.current()
        cameras = scope_to_user(Camera.objects.exclude(status=CameraStatus.DISABLED).exclude(rtsp_url=""),
                                request.user).order_by("code")
        return Response({"configured": config.configured, "streams": gateway.pull_list(cameras, config)})
