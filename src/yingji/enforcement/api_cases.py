"""API of the penalty cases besides the registry: a step of the case (the workflow table), its status with the
legal-deadline clocks and documents, and the case file (案卷) ZIP."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS, body_of
from yingji.core.errors import PermissionDeniedError
from yingji.core.scoping import scope_to_user

from . import casefile, cases, payments, rights
from .api_orders import DocumentSerializer, document_json
from .models import InspectionTask, PenaltyCase


class CaseEventSerializer(serializers.Serializer):
    event = serializers.CharField(help_text="investigate / review / legal_review / notify / decide / serve / execute / "
                                            "close")


class CaseClockSerializer(serializers.Serializer):
    what = serializers.CharField()
    deadline = serializers.DateField()
    state = serializers.CharField(help_text="running / amber / overdue")
    days_left = serializers.IntegerField()


class RightStatusSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="陈述申辩: made / waived / lapsed / open / not_notified；"
                                           "听证: none / held / waived / noticed / postponed / requested / lapsed / "
                                           "open / "
                                           "not_notified")
    text = serializers.CharField()
    settled = serializers.BooleanField(help_text="已了结（可以作出决定）")


class RightsStatusSerializer(serializers.Serializer):
    statement = RightStatusSerializer()
    hearing = RightStatusSerializer()


class RightsRecordSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    kind = serializers.CharField(help_text="statement / statement_waived / hearing_request / hearing_waived / "
                                           "hearing_notice / hearing_postponed / hearing_held")
    on = serializers.DateField(required=False, help_text="当事人提出（放弃）之日、通知之日或听证举行之日，默认今天")
    content = serializers.CharField(required=False, allow_blank=True,
                                    help_text="陈述申辩意见、听证笔录摘要，或听证延期的理由")
    hearing_at = serializers.DateTimeField(required=False, help_text="听证时间（听证通知；听证延期时为新的时间）")
    place = serializers.CharField(required=False, allow_blank=True,
                                  help_text="听证地点（听证通知；听证延期时不填则沿用原地点）")


class PaymentSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    amount = serializers.CharField(help_text="缴纳金额（元），最多两位小数")
    paid_on = serializers.DateField(required=False, help_text="缴纳日期，默认今天")
    receipt_no = serializers.CharField(help_text="缴款凭证号（不得重复）")
    note = serializers.CharField(required=False, allow_blank=True)


class PaymentStatusSerializer(serializers.Serializer):
    fine = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="罚款数额")
    due_on = serializers.DateField(allow_null=True, help_text="缴纳期限（送达后payment_days日）")
    overdue_days = serializers.IntegerField(help_text="逾期天数")
    late_fee = serializers.DecimalField(max_digits=12, decimal_places=2,
                                        help_text="加处罚款（可配置：late_fee_percent_per_day，上限late_fee_cap_percent）")
    late_fee_percent_per_day = serializers.FloatField()
    paid = serializers.DecimalField(max_digits=12, decimal_places=2)
    outstanding = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="尚欠（罚款+加处罚款−已缴）")
    settled = serializers.BooleanField(help_text="已缴清（可以执行完毕）")
    text = serializers.CharField()


class CaseStatusSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    code = serializers.CharField()
    state = serializers.CharField()
    is_major = serializers.BooleanField(help_text="重大执法决定：须法制审核")
    hearing_right = serializers.BooleanField(help_text="当事人有权要求听证")
    clocks = CaseClockSerializer(many=True)
    documents = DocumentSerializer(many=True)
    rights = RightsStatusSerializer(help_text="陈述申辩与听证的进展")
    rights_records = RightsRecordSerializer(many=True)
    payment = PaymentStatusSerializer(help_text="缴纳罚款的情况")
    payments = PaymentSerializer(many=True)


def case_json(case: PenaltyCase) -> dict:
    return {"uuid": str(case.uuid), "code": case.code, "state": case.state, "is_major": case.is_major,
            "hearing_right": case.hearing_right,
            "clocks": [{"what": c.what, "deadline": c.deadline, "state": c.state, "days_left": c.days_left}
                       for c in cases.case_clocks(case)],
            "documents": [document_json(d) for d in case.documents.select_related("attachment").order_by("id")],
            "rights": rights.rights_status(case),
            "rights_records": [{"uuid": str(r.uuid), "kind": r.kind, "on": r.on, "content": r.content,
                                "hearing_at": r.hearing_at, "place": r.place}
                               for r in case.rights.order_by("on", "id")],
            "payment": payments.payment_json(case), "payments": payments.payments_json(case)}


def _case(request, uuid) -> PenaltyCase:
    case = scope_to_user(PenaltyCase.objects.select_related("target__enterprise"), request.user) \
        .filter(uuid=uuid).first()
    if case is None or not request.user.has_perm("enforcement.view_penaltycase"):
        raise NotFound(_("记录不存在或不在您的管辖范围内"))
    return case


class CaseStatusView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: CaseStatusSerializer, **ERRORS})
    def get(self, request, uuid):
        return Response(case_json(_case(request, uuid)))


class CaseTransitionView(APIView):
    """POST {"event"}: the case's next step; out of order → 400 on `event`."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=CaseEventSerializer, responses={200: CaseStatusSerializer, **ERRORS})
    def post(self, request, uuid):
        data = body_of(request, CaseEventSerializer)
        case = cases.fire_case(_case(request, uuid), str(data.get("event") or ""), actor=request.user)
        return Response(case_json(case))


class CaseRightsView(APIView):
    """POST: record a step of the party's rights (陈述申辩, 放弃, 申请听证, 听证通知, 听证笔录) while 已告知."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=RightsRecordSerializer, responses={201: CaseStatusSerializer, **ERRORS})
    def post(self, request, uuid):
        case = _case(request, uuid)
        if not request.user.has_perm(cases.HANDLE):
            raise PermissionDeniedError("permission_denied", _("没有办理行政处罚案件的权限"))
        data = body_of(request, RightsRecordSerializer)
        rights.record(case, str(data.get("kind") or ""), actor=request.user, data=data)
        case.refresh_from_db()
        return Response(case_json(case), status=201)


class CasePaymentView(APIView):
    """POST {"amount", "paid_on", "receipt_no", "note"}: a payment of the fine (已决定 or 已送达)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=PaymentSerializer, responses={201: CaseStatusSerializer, **ERRORS})
    def post(self, request, uuid):
        case = _case(request, uuid)
        if not request.user.has_perm(cases.HANDLE):
            raise PermissionDeniedError("permission_denied", _("没有办理行政处罚案件的权限"))
        data = body_of(request, PaymentSerializer)
        payments.record_payment(case, actor=request.user, data=data)
        case.refresh_from_db()
        return Response(case_json(case), status=201)


class CaseFileView(APIView):
    """GET: the case file (案卷) as one ZIP with 目录.csv."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={(200, "application/zip"): OpenApiTypes.BINARY, **ERRORS})
    def get(self, request, uuid):
        return zip_response(_case(request, uuid))


def zip_response(case) -> HttpResponse:
    response = HttpResponse(casefile.case_file(case), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{case.code}.zip"'
    return response


class CaseFromTaskSerializer(serializers.Serializer):
    penalty_kind = serializers.CharField(help_text="warning / fine / confiscation / suspension / revocation")
    amount = serializers.CharField(required=False, allow_blank=True, help_text="拟罚款金额（元）")
    facts = serializers.CharField(required=False, allow_blank=True, help_text="违法事实，默认为不合格事项")
    legal_basis = serializers.CharField(required=False, allow_blank=True)


class CaseFromTaskView(APIView):
    """POST: 立案 from an inspected task (its target is the party unit; its documents join the 案卷)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=CaseFromTaskSerializer, responses={201: CaseStatusSerializer, **ERRORS})
    def post(self, request, uuid):
        task = scope_to_user(InspectionTask.objects.select_related("target"), request.user).filter(uuid=uuid).first()
        if task is None or not request.user.has_perm("enforcement.view_inspectiontask"):
            raise NotFound(_("记录不存在或不在您的管辖范围内"))
        if not request.user.has_perm("enforcement.add_penaltycase"):
            raise PermissionDeniedError("permission_denied", _("没有行政处罚立案的权限"))
        data = body_of(request, CaseFromTaskSerializer)
        case = cases.open_case(task, actor=request.user, penalty_kind=data.get("penalty_kind"),
                               amount=data.get("amount"), facts=data.get("facts") or "",
                               legal_basis=data.get("legal_basis") or "")
        return Response(case_json(case), status=201)
