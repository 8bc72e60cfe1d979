"""The incidents API (/api/incidents/): intake, figures, workflow steps, timeline, clocks, reports, review."""

import uuid as uuid_module

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from yingji.core import submissions
from yingji.core.api_serializers import body_of
from yingji.core.errors import DomainError
from yingji.core.scoping import scope_to_user

from . import clocks, grading, reporting, services, timeline
from .exports import XLSX_TYPE, report_docx, reports_xlsx, review_docx
from .models import Incident, SituationReport
from .serializers import (
    ClockSerializer,
    EventSerializer,
    GradeSerializer,
    IncidentInputSerializer,
    IncidentSerializer,
    MergeSerializer,
    ReportInputSerializer,
    ReportSerializer,
    TimelinePostSerializer,
    TimelineSerializer,
    WaiveSerializer,
)
from .workflows import fire_incident, fire_report

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Custom actions check their own permission in the services; the class-level check only asks for view.
VIEW_ONLY = {name: "view" for name in (
    "transitions", "grade", "timeline", "waive_clock", "duplicates", "merge", "reports", "review", "review_docx",
    "reports_xlsx", "export_docx",
)}


def file_response(content, content_type, filename):
    from urllib.parse import quote

    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _incident_or_none(queryset, raw_uuid):
    try:
        return queryset.filter(uuid=uuid_module.UUID(str(raw_uuid))).first() if raw_uuid else None
    except ValueError:
        return None


def _validated(serializer_class, data, **kwargs):
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key", OpenApiTypes.UUID, OpenApiParameter.HEADER,
    description="可选。同一 UUID 重复提交时不再新建，返回首次创建的记录（200）；首次创建返回 201。",
)


def _once(request, model, create):
    """Create at most once per Idempotency-Key header: (record, created)."""
    return submissions.once(request.headers.get("Idempotency-Key"), create, model=model, actor=request.user)


def _attach_clocks(incident) -> None:
    """The clocks just inserted, as `incident.clocks.all()` would read them (ordered by due time, then id), when
    the insert gave every row its id; else they are read back as usual."""
    rows = getattr(incident, "first_clocks", None)
    if rows is None or any(row.pk is None for row in rows):
        return
    queryset = incident.clocks.all()
    queryset._result_cache = sorted(rows, key=lambda row: (row.due_at, row.pk))
    queryset._prefetch_done = True
    incident._prefetched_objects_cache = {**getattr(incident, "_prefetched_objects_cache", {}), "clocks": queryset}


class IncidentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """突发事件：接报、研判、状态流转、时间线、报送时限、报告与评估（按管辖区域过滤）。"""

    queryset = Incident.objects.select_related("region", "merged_into").defer(
        "region__geometry", "merged_into__geometry").prefetch_related("clocks")
    serializer_class = IncidentSerializer
    lookup_field = "uuid"
    filterset_fields = ["status", "type_code", "grade", "source"]
    search_fields = ["name", "code", "address", "description"]
    ordering_fields = ["received_at", "occurred_at", "code"]
    required_action = VIEW_ONLY

    def get_queryset(self):
        return scope_to_user(super().get_queryset(), self.request.user)

    def _out(self, incident, code=status.HTTP_200_OK):
        return Response(IncidentSerializer(self.get_queryset().get(pk=incident.pk)).data, status=code)

    @extend_schema(request=IncidentInputSerializer, responses={201: IncidentSerializer, 200: IncidentSerializer},
                   parameters=[IDEMPOTENCY_KEY])
    def create(self, request):
        def create():
            data = _validated(IncidentInputSerializer, request.data)
            data.pop("version", None)
            return services.create_incident(actor=request.user, data=data, source=data.get("source", "api"))

        incident, created = _once(request, Incident, create)
        if not created:
            return self._out(incident)
        # The new record as the service left it (its region, place, figures and clocks are in hand): nothing is
        # read back.
        _attach_clocks(incident)
        return Response(IncidentSerializer(incident).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=IncidentInputSerializer, responses=IncidentSerializer)
    def partial_update(self, request, uuid=None):
        data = _validated(IncidentInputSerializer, request.data, partial=True)
        version = data.pop("version", None)
        incident = services.update_incident(self.get_object(), actor=request.user, data=data,
                                            expected_version=version)
        return self._out(incident)

    @extend_schema(request=EventSerializer, responses=IncidentSerializer)
    @action(detail=True, methods=["post"])
    def transitions(self, request, uuid=None):
        data = dict(_validated(EventSerializer, request.data))
        return self._out(fire_incident(self.get_object(), data.pop("event"), actor=request.user, data=data))

    @extend_schema(request=GradeSerializer, responses=IncidentSerializer)
    @action(detail=True, methods=["post"])
    def grade(self, request, uuid=None):
        data = _validated(GradeSerializer, request.data)
        incident = grading.override(self.get_object(), actor=request.user, grade=data.get("grade"),
                                    reason=data.get("reason", ""), expected_version=data.get("version"))
        return self._out(incident)

    @extend_schema(request=TimelinePostSerializer, responses=TimelineSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def timeline(self, request, uuid=None):
        incident = self.get_object()
        if request.method == "POST":
            data = _validated(TimelinePostSerializer, request.data)
            corrects = incident.timeline.filter(pk=data["corrects"]).first() if data.get("corrects") else None
            if data.get("corrects") and corrects is None:
                raise DomainError("invalid_correction", _("只能更正本事件时间线上的条目"), field="corrects")
            entry = timeline.post(incident, actor=request.user, kind=data["kind"], body=data.get("body", ""),
                                  attachment=data.get("attachment"), corrects=corrects)
            return Response(TimelineSerializer(entry).data, status=status.HTTP_201_CREATED)
        entries = timeline.entries(incident, request.query_params.get("kind", ""))
        return Response(TimelineSerializer(entries, many=True).data)

    @extend_schema(request=WaiveSerializer, responses=ClockSerializer)
    @action(detail=True, methods=["post"], url_path=r"clocks/(?P<clock_id>\d+)/waive")
    def waive_clock(self, request, uuid=None, clock_id=None):
        reason = body_of(request, WaiveSerializer).get("reason") or ""
        clock = get_object_or_404(self.get_object().clocks, pk=clock_id)
        clock = clocks.waive(clock, actor=request.user, reason=reason)
        return Response(ClockSerializer(clock).data)

    @extend_schema(responses=IncidentSerializer(many=True))
    @action(detail=True, methods=["get"])
    def duplicates(self, request, uuid=None):
        found = services.duplicates_of(self.get_object(), user=request.user)
        return Response([{**IncidentSerializer(i).data, "distance_m": d and round(d)} for i, d in found])

    @extend_schema(request=MergeSerializer, responses=IncidentSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, uuid=None):
        into = _incident_or_none(self.get_queryset(), body_of(request, MergeSerializer).get("into"))
        if into is None:
            raise DomainError("unknown_incident", _("请指定要并入的事件（uuid）"), field="into")
        return self._out(services.merge(self.get_object(), into=into, actor=request.user))

    @extend_schema(methods=["GET"], responses=ReportSerializer(many=True))
    @extend_schema(methods=["POST"], request=ReportInputSerializer, parameters=[IDEMPOTENCY_KEY],
                   responses={201: ReportSerializer, 200: ReportSerializer})
    @action(detail=True, methods=["get", "post"])
    def reports(self, request, uuid=None):
        incident = self.get_object()
        if request.method == "POST":
            def create():
                data = dict(_validated(ReportInputSerializer, request.data))
                return reporting.create_report(incident, actor=request.user, kind=data.pop("kind", ""),
                                               region=data.pop("region", None), data=data)

            report, created = _once(request, SituationReport, create)
            return Response(ReportSerializer(report).data,
                            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)
        return Response(ReportSerializer(incident.reports.select_related("region", "author", "signer"),
                                         many=True).data)

    @action(detail=True, methods=["get"], url_path="reports-xlsx")
    def reports_xlsx(self, request, uuid=None):
        incident = self.get_object()
        return file_response(reports_xlsx(incident), XLSX_TYPE, f"{incident.code}-报告.xlsx")

    @action(detail=True, methods=["get"], url_path="review-docx")
    def review_docx(self, request, uuid=None):
        incident = self.get_object()
        return file_response(review_docx(incident), DOCX_TYPE, f"{incident.code}-应急评估.docx")


class ReportViewSet(mixins.RetrieveModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """灾情/事故报告：修改草稿、签发流程（提交、退回、签发、报送）与公文导出。"""

    queryset = SituationReport.objects.select_related("incident", "region", "author", "signer")
    serializer_class = ReportSerializer
    lookup_field = "uuid"
    filterset_fields = ["status", "kind"]
    required_action = VIEW_ONLY

    def get_queryset(self):
        visible = scope_to_user(Incident.objects.all(), self.request.user)
        return super().get_queryset().filter(incident__in=visible)

    @extend_schema(request=ReportInputSerializer, responses=ReportSerializer)
    def partial_update(self, request, uuid=None):
        data = dict(_validated(ReportInputSerializer, request.data, partial=True))
        version = data.pop("version", None)
        report = reporting.update_report(self.get_object(), actor=request.user, data=data, expected_version=version)
        return Response(ReportSerializer(report).data)

    @extend_schema(request=EventSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["post"])
    def transitions(self, request, uuid=None):
        data = dict(_validated(EventSerializer, request.data))
        report = fire_report(self.get_object(), data.pop("event"), actor=request.user, data=data)
        return Response(ReportSerializer(report).data)

    @action(detail=True, methods=["get"], url_path="export-docx")
    def export_docx(self, request, uuid=None):
        report = self.get_object()
        return file_response(report_docx(report), DOCX_TYPE, f"{report.title}.docx")
