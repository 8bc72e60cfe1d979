"""API of the census app besides the registries: marking households in a transfer, a transfer's progress and an
incident's 8-hour relief clock."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core import submissions
from yingji.core.api_serializers import ERRORS, body_of
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.scoping import scope_to_user
from yingji.incidents.models import Incident

from . import evacuation
from .api_serializers import (
    ImportedSerializer,
    MarkInSerializer,
    MarkOutSerializer,
    ProgressSerializer,
    ReliefClockSerializer,
)
from .clock import relief_clock
from .models import TransferMark

OUTSIDE = gettext_lazy("记录不存在或不在您的管辖范围内")


def _transfer(request, uuid):
    transfer = evacuation.transfers_for(request.user).filter(uuid=uuid).first()
    if transfer is None or not request.user.has_perm("census.view_transfer"):
        raise NotFound(OUTSIDE)
    return transfer


def mark_json(record, repeated: bool) -> dict:
    return {"id": record.pk, "household": record.household.code, "mark": record.mark, "people": record.people,
            "shelter": record.shelter.code if record.shelter_id else None, "at": record.at.isoformat(),
            "repeated": repeated}


class MarkView(APIView):
    """POST {"household", "mark", "note", "submission_key"}: mark one household of the transfer. A household
    outside the transfer or outside the user's township answers 404; a repeated submission_key answers 200 with
    the first mark, which is recorded once."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=MarkInSerializer, responses={201: MarkOutSerializer, 200: MarkOutSerializer, **ERRORS})
    def post(self, request, uuid):
        transfer = _transfer(request, uuid)
        if not request.user.has_perm(evacuation.MARK_PERMISSION):
            raise PermissionDeniedError("permission_denied", _("没有标记转移情况的权限"))
        data = body_of(request, MarkInSerializer)
        code = str(data.get("household") or "").strip()
        if not code:
            raise DomainError("household_required", _("请指定建档立卡户"), field="household")
        household = evacuation.households_for(transfer, request.user).filter(code=code).first()
        if household is None:
            raise NotFound(OUTSIDE)
        record, created = submissions.once(data.get("submission_key"), lambda: evacuation.mark_household(
            actor=request.user, transfer=transfer, household=household, mark=str(data.get("mark") or ""),
            note=str(data.get("note") or "")), model=TransferMark, actor=request.user)
        return Response(mark_json(record, not created), status=201 if created else 200)


class ProgressView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ProgressSerializer, **ERRORS})
    def get(self, request, uuid):
        figures = evacuation.progress(_transfer(request, uuid), request.user)
        return Response({
            "total": figures["total"].as_dict(), "villages": [v.as_dict() for v in figures["villages"]],
            "shelters": figures["shelters"], "inside_count": figures["inside_count"],
            "inside": [{"household": h.code, "name": h.name, "village": h.region.name, "members": h.members,
                        "state": state} for h, state in figures["inside"]]})


class ReliefClockView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ReliefClockSerializer, **ERRORS})
    def get(self, request, uuid):
        incident = scope_to_user(Incident.objects.all(), request.user).filter(uuid=uuid).first()
        if incident is None or not request.user.has_perm("census.view_affectedperson"):
            raise NotFound(OUTSIDE)
        clock = relief_clock(incident, request.user)
        return Response({"incident": incident.code, "occurred_at": incident.occurred_at.isoformat(),
                         "total": clock["total"].as_dict(), "townships": [t.as_dict() for t in clock["townships"]]})


class GeoJSONImportView(APIView):
    """POST a GeoJSON FeatureCollection (the body; ?crs=gcj02|bd09 when not WGS84/CGCS2000): one record per
    feature, properties named like the register's fields, `region` by code. All or nothing: 400
    `import_failed` with fields.rows = [{"row": feature number, "column": field, "message"}] and nothing saved."""

    permission_classes = [IsAuthenticated]
    registry = None

    @extend_schema(request={"application/geo+json": dict, "application/json": dict},
                   responses={201: ImportedSerializer, **ERRORS})
    def post(self, request):
        from .imports import import_geojson

        if not request.user.has_perm(self.registry.perm("add")):
            raise PermissionDeniedError("permission_denied", _("没有导入该登记表的权限"))
        crs = request.query_params.get("crs", "wgs84")
        if crs.lower().replace("-", "").replace("_", "") not in ("wgs84", "cgcs2000", "gcj02", "bd09"):
            raise DomainError("crs_unknown", _("不支持的坐标系：%(c)s") % {"c": crs}, field="crs")
        return Response(import_geojson(self.registry, request.body.decode("utf-8", "replace"), request.user, crs),
                        status=201)
