"""API of the census app besides the registries: marking households in a transfer, a transfer's progress, an
incident's 8-hour relief clock, and the spatial registers' Shapefile/GeoJSON import (with its jobs) and export."""

import json
import uuid as uuid_module

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core import submissions
from yingji.core.api_serializers import ERRORS, body_of
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.parsers import FormParser, MultiPartParser
from yingji.core.scoping import scope_to_user
from yingji.incidents.models import Incident

from . import evacuation
from .api_serializers import (
    AllocationInSerializer,
    AllocationOutSerializer,
    ImportedSerializer,
    ImportJobSerializer,
    MarkInSerializer,
    MarkOutSerializer,
    ProgressSerializer,
    ReliefClockSerializer,
    ShelterStockSerializer,
    SpatialImportedSerializer,
    SpatialImportInSerializer,
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
            "inside": [{"household": h.code, "name": h.name, "village": h.village, "members": h.members,
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


def allocation_json(record, stores=None) -> dict:
    """`stores`: shelter id → its store's depot code (read here when not given)."""
    from .models import ShelterStore

    if stores is None:
        stores = dict(ShelterStore.objects.filter(shelter_id=record.shelter_id).values_list("shelter_id",
                                                                                          "depot__code"))
    return {"uuid": str(record.uuid), "code": record.code, "incident": record.incident.code,
            "shelter": record.shelter.code, "depot": record.depot.code, "store": stores.get(record.shelter_id, ""),
            "material": record.material.code, "quantity": f"{record.quantity:.2f}", "unit": record.material.unit,
            "allocated_at": record.allocated_at.isoformat(), "movement_group": str(record.movement_group)}


def _by_code(user, model, code, field, purpose=None):
    from yingji.core.scoping import READ

    code = str(code or "").strip()
    if not code:
        raise DomainError(f"{field}_required", _("请填写%(f)s") % {"f": model._meta.verbose_name}, field=field)
    record = scope_to_user(model.objects.all(), user, purpose or READ).filter(code=code).first()
    if record is None:
        raise DomainError("unknown_code", _("%(f)s“%(c)s”不存在或不在您的管辖范围内") % {
            "f": model._meta.verbose_name, "c": code}, field=field)
    return record


class AllocationsView(APIView):
    """救灾物资调拨 (relief_stock): POST {"incident", "shelter", "depot", "material", "quantity", "allocated_at",
    "note"} (codes) moves stock from the depot into the shelter's store through the stock ledger; too little
    stock → 400 `insufficient_stock` on `quantity`, nothing saved. GET ?incident=&shelter= lists allocations."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: AllocationOutSerializer(many=True), **ERRORS})
    def get(self, request):
        from .models import Allocation, ShelterStore

        if not request.user.has_perm("census.view_allocation"):
            raise PermissionDeniedError("permission_denied", _("没有查看救灾物资调拨的权限"))
        rows = scope_to_user(Allocation.objects.select_related("incident", "shelter", "depot", "material"),
                             request.user)
        if request.query_params.get("incident"):
            rows = rows.filter(incident__code=request.query_params["incident"])
        if request.query_params.get("shelter"):
            rows = rows.filter(shelter__code=request.query_params["shelter"])
        rows = list(rows.defer("shelter__geometry", "depot__geometry")[:500])
        stores = dict(ShelterStore.objects.filter(shelter_id__in={r.shelter_id for r in rows}).values_list(
            "shelter_id", "depot__code"))
        return Response([allocation_json(row, stores) for row in rows])

    @extend_schema(request=AllocationInSerializer, responses={201: AllocationOutSerializer, **ERRORS})
    def post(self, request):
        from decimal import Decimal, InvalidOperation

        from django.utils.dateparse import parse_datetime

        from yingji.core.scoping import PICK, REQUEST
        from yingji.resources.models import Depot, Material, Shelter

        from .relief_stock import PERMISSION, allocate

        if not request.user.has_perm(PERMISSION):
            raise PermissionDeniedError("permission_denied", _("没有办理救灾物资调拨的权限"))
        data = body_of(request, AllocationInSerializer)
        incident = _by_code(request.user, Incident, data.get("incident"), "incident")
        shelter = _by_code(request.user, Shelter, data.get("shelter"), "shelter", PICK)
        depot = _by_code(request.user, Depot, data.get("depot"), "depot", REQUEST)
        material = _by_code(request.user, Material, data.get("material"), "material", PICK)
        try:
            quantity = Decimal(str(data.get("quantity") if data.get("quantity") is not None else ""))
        except InvalidOperation:
            raise DomainError("invalid_quantity", _("数量必须是数字"), field="quantity") from None
        at = None
        if data.get("allocated_at"):
            at = parse_datetime(str(data["allocated_at"]))
            if at is None:
                raise DomainError("invalid_time", _("调拨时间格式不正确"), field="allocated_at")
        record = allocate(actor=request.user, incident=incident, shelter=shelter, depot=depot, material=material,
                          quantity=quantity, note=str(data.get("note") or ""), at=at)
        return Response(allocation_json(record), status=201)


class ShelterStockView(APIView):
    """GET ?shelter=<code>: per shelter and material, 调入 (allocated), 发放 (issued) and 结存 (balance, the stock
    ledger's batches) of the shelters the user may see."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ShelterStockSerializer(many=True), **ERRORS})
    def get(self, request):
        from yingji.resources.models import Shelter

        from .relief_stock import balances

        if not request.user.has_perm("census.view_allocation"):
            raise PermissionDeniedError("permission_denied", _("没有查看救灾物资调拨的权限"))
        shelters = None
        if request.query_params.get("shelter"):
            shelters = Shelter.objects.filter(code=request.query_params["shelter"])
        return Response([{"shelter": r["shelter"].code, "shelter_name": r["shelter"].name, "store": r["depot"].code,
                          "material": r["material"].code, "material_name": r["material"].name, "unit": r["unit"],
                          "allocated": f"{r['allocated']:.2f}", "issued": f"{r['issued']:.2f}",
                          "balance": f"{r['balance']:.2f}"} for r in balances(request.user, shelters)])


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


MAX_UPLOAD = 50 * 1024 * 1024


def _mapping(raw, registry, delivery) -> dict[str, str]:
    """The field → column mapping sent as JSON text, or the page's guess when none is sent."""
    from .spatial_import import guess_mapping, target_fields

    if raw in (None, ""):
        return guess_mapping(registry, delivery.columns)
    try:
        mapping = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        mapping = None
    if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
        raise DomainError("mapping_invalid", _("字段对应应为 JSON 对象：{字段名: 列名}"), field="mapping")
    names = {f.name for f in target_fields(registry)}
    unknown = sorted(set(mapping) - names)
    if unknown:
        raise DomainError("mapping_field_unknown", _("没有这些字段：%(f)s") % {"f": "、".join(unknown)},
                          field="mapping")
    return mapping


class SpatialImportView(APIView):
    """POST multipart: a zipped Shapefile (every layer in it) or a GeoJSON file into the register, with the
    page's rules (docs/census.md "空间数据导入"). All or nothing: 400 `import_failed` with fields.rows. A delivery
    of census.jobs.JOB_THRESHOLD features or more becomes a job of the worker: 202 with the job (poll its url)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]
    registry = None

    @extend_schema(request={"multipart/form-data": SpatialImportInSerializer},
                   responses={201: SpatialImportedSerializer, 200: SpatialImportedSerializer,
                              202: ImportJobSerializer, **ERRORS})
    def post(self, request):
        from . import jobs
        from .spatial_import import CRS_CHOICES, import_delivery, read_delivery

        registry = self.registry
        if not request.user.has_perm(registry.perm("add")):
            raise PermissionDeniedError("permission_denied", _("没有导入该登记表的权限"))
        upload = request.FILES.get("file")
        if upload is None:
            raise DomainError("file_required", _("请选择要导入的文件"), field="file")
        if upload.size > MAX_UPLOAD:
            raise DomainError("file_too_large", _("文件超过 50 MB"), field="file")
        crs = str(request.data.get("crs") or "auto").lower()
        if crs not in dict(CRS_CHOICES):
            raise DomainError("crs_unknown", _("不支持的坐标系：%(c)s") % {"c": crs}, field="crs")
        check_only = str(request.data.get("check_only") or "").lower() in ("1", "true", "yes", "on")
        content = upload.read()
        delivery = read_delivery(content, upload.name, crs)
        mapping = _mapping(request.data.get("mapping"), registry, delivery)
        if len(delivery.features) >= jobs.JOB_THRESHOLD:
            from .spatial_import import check_mapping

            check_mapping(registry, delivery, mapping)
            path = default_storage.save(f"census-imports/{uuid_module.uuid4().hex}", ContentFile(content))
            job = jobs.start(registry.plural, request.user, filename=upload.name, path=path, crs=crs,
                             mapping=mapping, check_only=check_only)
            return Response({**jobs.job_json(job), "url": reverse("census:import-job", kwargs={"uuid": job.uuid})},
                            status=202)
        result = import_delivery(registry, delivery, mapping, request.user, check_only=check_only)
        return Response({**result, "mapping": mapping}, status=200 if check_only else 201)


class ImportJobView(APIView):
    """GET: a spatial import job's state and counts (its own importer only)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ImportJobSerializer, **ERRORS})
    def get(self, request, uuid):
        from .jobs import job_json
        from .models import ImportJob

        job = ImportJob.objects.filter(uuid=uuid, user=request.user).first()
        if job is None:
            raise NotFound(OUTSIDE)
        return Response({**job_json(job), "url": reverse("census:import-job", kwargs={"uuid": job.uuid})})


class SpatialExportView(APIView):
    """GET: the register's records the user may see as a zipped Shapefile (one layer per geometry type, CGCS2000
    longitude/latitude, UTF-8) or as GeoJSON; the import takes either back."""

    permission_classes = [IsAuthenticated]
    registry = None
    as_geojson = False

    @extend_schema(responses={(200, "application/zip"): OpenApiTypes.BINARY,
                              (200, "application/geo+json"): OpenApiTypes.OBJECT, **ERRORS})
    def get(self, request):
        from yingji.incidents.api import file_response

        from .spatial_export import export_geojson, export_shapefile

        registry = self.registry
        if not request.user.has_perm(registry.perm("view")):
            raise PermissionDeniedError("permission_denied", _("没有查看该登记表的权限"))
        name = str(registry.verbose_name_plural)
        if self.as_geojson:
            return file_response(export_geojson(registry, request.user), "application/geo+json", f"{name}.geojson")
        return file_response(export_shapefile(registry, request.user), "application/zip", f"{name}.zip")
