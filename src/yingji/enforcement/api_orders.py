"""API of the enforcement documents and orders: the 现场检查记录 of an inspected task, the 责令限期整改 order with
its deadline clock, the 整改复查 and the download of an issued document."""

from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS, body_of
from yingji.core.documents import DOCX_TYPE
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.scoping import scope_to_user

from . import documents, orders
from .choices import DocumentKind
from .models import InspectionTask, IssuedDocument, RectificationOrder


class DocumentSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    number = serializers.CharField(help_text="文号，如 船应急责改〔2026〕3号")
    sha256 = serializers.CharField()
    download = serializers.CharField()


class OrderRequestSerializer(serializers.Serializer):
    deadline = serializers.CharField(help_text="整改期限 YYYY-MM-DD，不早于今天")
    requirements = serializers.CharField(required=False, allow_blank=True)


class RecheckRequestSerializer(serializers.Serializer):
    result = serializers.CharField(help_text="pass（合格，关闭关联隐患）或 fail（不合格）")
    note = serializers.CharField(required=False, allow_blank=True)
    rechecked_on = serializers.CharField(required=False, allow_blank=True, help_text="复查日期，默认今天")


@extend_schema_serializer(component_name="RectificationOrder")  # plans has an "Order" too
class OrderSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    task = serializers.CharField()
    state = serializers.CharField()
    issued_on = serializers.DateField()
    deadline = serializers.DateField()
    clock = serializers.DictField(allow_null=True)
    rechecked_on = serializers.DateField(allow_null=True)
    hazards = serializers.ListField(child=serializers.DictField())
    documents = DocumentSerializer(many=True)


def document_json(document: IssuedDocument) -> dict:
    return {"uuid": str(document.uuid), "kind": document.kind, "kind_label": document.get_kind_display(),
            "number": document.number, "sha256": document.attachment.sha256,
            "download": f"/api/enforcement/documents/{document.uuid}/"}


def order_json(order: RectificationOrder) -> dict:
    clock = orders.clock_of(order)
    return {"uuid": str(order.uuid), "task": order.task.code, "state": order.state, "issued_on": order.issued_on,
            "deadline": order.deadline, "rechecked_on": order.rechecked_on,
            "clock": {"state": clock.state, "days_left": clock.days_left} if clock else None,
            "hazards": [{"code": h.code, "state": h.state} for h in order.hazards().order_by("code")],
            "documents": [document_json(d) for d in order.documents.select_related("attachment").order_by("id")]}


def _need(request, perm, message):
    if not request.user.has_perm(perm):
        raise PermissionDeniedError("permission_denied", message)


def _found(queryset, request, uuid, perm):
    record = scope_to_user(queryset, request.user).filter(uuid=uuid).first()
    if record is None or not request.user.has_perm(perm):
        raise NotFound(_("记录不存在或不在您的管辖范围内"))
    return record


class RecordDocumentView(APIView):
    """POST: issue the 现场检查记录 of an inspected task (once; 400 on `task` before the inspection)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={201: DocumentSerializer, **ERRORS})
    def post(self, request, uuid):
        task = _found(InspectionTask.objects.all(), request, uuid, "enforcement.view_inspectiontask")
        _need(request, "enforcement.inspect_task", _("没有录入检查结果的权限"))
        document = issue_record(task, request.user)
        return Response(document_json(document), status=201)


def issue_record(task, actor) -> IssuedDocument:
    if task.state != "done":
        raise DomainError("task_not_inspected", _("该任务尚未录入检查结果"), field="task")
    if task.documents.filter(kind=DocumentKind.RECORD).exists():
        raise DomainError("document_exists", _("该任务的现场检查记录已生成"), field="task")
    return documents.issue(DocumentKind.RECORD, actor=actor, task=task, build=documents.inspection_record(task))


class OrderCreateView(APIView):
    """POST {"deadline", "requirements"}: 责令限期整改 for an inspected task with 不合格 items."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=OrderRequestSerializer, responses={201: OrderSerializer, **ERRORS})
    def post(self, request, uuid):
        task = _found(InspectionTask.objects.all(), request, uuid, "enforcement.view_inspectiontask")
        _need(request, "enforcement.add_rectificationorder", _("没有下达整改指令的权限"))
        data = body_of(request, OrderRequestSerializer)
        order = orders.issue_order(task, actor=request.user, deadline=data.get("deadline"),
                                   requirements=data.get("requirements") or "")
        return Response(order_json(order), status=201)


class OrderDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: OrderSerializer, **ERRORS})
    def get(self, request, uuid):
        return Response(order_json(_found(RectificationOrder.objects.all(), request, uuid,
                                          "enforcement.view_rectificationorder")))


class RecheckView(APIView):
    """POST {"result": pass/fail, "note", "rechecked_on"}: 整改复查; 合格 closes the linked hazards."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=RecheckRequestSerializer, responses={200: OrderSerializer, **ERRORS})
    def post(self, request, uuid):
        order = _found(RectificationOrder.objects.all(), request, uuid, "enforcement.view_rectificationorder")
        _need(request, "enforcement.recheck_order", _("没有整改复查的权限"))
        data = body_of(request, RecheckRequestSerializer)
        order = orders.recheck(order, actor=request.user, result=str(data.get("result") or ""),
                               note=data.get("note") or "", rechecked_on=data.get("rechecked_on"))
        return Response(order_json(order))


class DocumentDownloadView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={(200, DOCX_TYPE): OpenApiTypes.BINARY, **ERRORS})
    def get(self, request, uuid):
        document = _found(IssuedDocument.objects.select_related("attachment"), request, uuid,
                          "enforcement.view_inspectiontask")
        return download(document)


def download(document: IssuedDocument) -> FileResponse:
    return FileResponse(document.attachment.file.open("rb"), as_attachment=True, filename=f"{document.number}.docx",
                        content_type=DOCX_TYPE)
