"""API of the monitoring app besides the registries: the HTTP bulk ingest (per-device keys), issuing a key, alarm
steps and a sensor's chart series."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS, body_of, error_responses
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.scoping import scope_to_user

from . import series
from .api_serializers import (
    AlarmEventSerializer,
    AlarmStateSerializer,
    IngestResultSerializer,
    KeySerializer,
    ReadingSerializer,
    SeriesSerializer,
)
from .choices import Source
from .ingest import ingest
from .keys import issue_key, station_for_key
from .models import Alarm, Station
from .parsing import items_of

MAX_READINGS = 5000


class NotAuthorized(DomainError):
    status = 401


def _device_key(request) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _sep, key = header.partition(" ")
    return key.strip() if scheme.lower() == "device" else request.headers.get("X-Device-Key", "").strip()


class ReadingsView(APIView):
    """POST one reading object or a list of them, with `Authorization: Device <key>`. Each refused reading is kept
    in the dead letters and listed in the answer with its reason; the request itself fails only when it is
    unauthorised or not a reading batch at all."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(request=ReadingSerializer(many=True), responses={200: IngestResultSerializer,
                                                                    **error_responses(400, 401)})
    def post(self, request):
        station = station_for_key(_device_key(request))
        if station is None:
            raise NotAuthorized("invalid_device_key", _("设备密钥无效（请求头 Authorization: Device <密钥>）"),
                                field="Authorization")
        data = request.data
        if not isinstance(data, list | dict) or hasattr(data, "getlist"):
            raise DomainError("malformed_request", _("请求体应为 JSON 对象或数组"), field="readings")
        if isinstance(data, list) and len(data) > MAX_READINGS:
            raise DomainError("too_many_readings", _("一次最多提交 %(n)d 条数据") % {"n": MAX_READINGS},
                              field="readings")
        outcome = ingest(items_of(data, device=station.device_id), Source.HTTP)
        return Response({"received": outcome.received, "stored": outcome.stored, "refused": [
            {"device": i.device, "quantity": i.quantity, "reason": i.reason, "field": i.field, "detail": i.detail}
            for i in outcome.refused]})


def _station(request, uuid) -> Station:
    station = scope_to_user(Station.objects.all(), request.user).filter(uuid=uuid).first()
    if station is None or not request.user.has_perm("monitoring.view_station"):
        raise NotFound(_("记录不存在或不在您的管辖范围内"))
    return station


class KeyView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: KeySerializer, **ERRORS})
    def post(self, request, uuid):
        station = _station(request, uuid)
        if not request.user.has_perm("monitoring.issue_key"):
            raise PermissionDeniedError("permission_denied", _("没有生成设备接入密钥的权限"))
        return Response({"device": station.device_id, "key": issue_key(station)})


class AlarmTransitionView(APIView):
    """POST {"event": …, "note": …}: one step of an alarm (see monitoring.workflows)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=AlarmEventSerializer, responses={200: AlarmStateSerializer, **ERRORS})
    def post(self, request, uuid):
        from .workflows import fire_alarm

        alarm = scope_to_user(Alarm.objects.all(), request.user).filter(uuid=uuid).first()
        if alarm is None or not request.user.has_perm("monitoring.view_station"):
            raise NotFound(_("记录不存在或不在您的管辖范围内"))
        data = body_of(request, AlarmEventSerializer)
        alarm = fire_alarm(alarm, str(data.pop("event", "") or ""), actor=request.user, data=data)
        return Response({"uuid": str(alarm.uuid), "state": alarm.state, "level": alarm.level})


class SeriesView(APIView):
    """The chart data of a station: each sensor's hourly (days ≤ 7) or daily aggregates and its rule limits."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[OpenApiParameter("days", int, description="1、7 或 30")],
                   responses={200: SeriesSerializer, **ERRORS})
    def get(self, request, uuid):
        station = _station(request, uuid)
        days = request.query_params.get("days", "1")
        if days not in ("1", "7", "30"):
            raise DomainError("invalid_days", _("days 只能是 1、7 或 30"), field="days")
        return Response({"sensors": series.station_series(station, int(days))})
