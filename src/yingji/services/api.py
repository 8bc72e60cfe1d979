"""The services API (/api/services/…): cases with their clock, documents, messages and steps; plan filings and
licence applications (multipart, all or nothing); the 备案登记表; drills; the public lookup by number; the portal's
duties; daily commitments; credit records and lists. Errors: the shared JSON with a code; another enterprise's case
or enterprise answers 404."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core import attachments
from yingji.core.api_serializers import ERRORS, body_of
from yingji.core.documents import DOCX_TYPE
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.parsers import FormParser, MultiPartParser
from yingji.core.scoping import scope_to_user
from yingji.prevention.models import Enterprise

from . import api_serializers as s
from . import cases, commitments, credit, enterprises, filing, licences, portal
from .choices import FILING_DOCUMENTS, LICENCE_DOCUMENTS
from .clocks import clock_of
from .enterprises import NotFoundError
from .models import CreditListEntry, Licence


def _need(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDeniedError("permission_denied", _("您没有执行该操作的权限"))


def clock_json(case):
    clock = clock_of(case)
    return None if clock is None else {"state": clock.state, "deadline": clock.deadline,
                                       "working_days_left": clock.working_days_left, "text": clock.text}


def case_json(case, user, detail=False) -> dict:
    data = {"uuid": str(case.uuid), "number": case.code, "kind": case.kind, "title": case.title,
            "enterprise": case.enterprise.code, "state": case.state, "state_label": case.get_state_display(),
            "submitted_at": case.submitted_at, "finished_at": case.finished_at, "returned_count": case.returned_count,
            "clock": clock_json(case), "missing_documents": cases.missing_documents(case),
            "next_steps": [t.event for t in cases.steps_for(case, user)]}
    if case.kind == "plan_filing" and hasattr(case, "filing"):
        data["filing_number"] = case.filing.filing_number
    if case.kind == "licence":
        data["licence_number"] = Licence.objects.filter(case=case).values_list("number", flat=True).first() or ""
    if detail:
        data["documents"] = [document_json(a) for a in attachments.attachments_of(case).order_by("uploaded_at")]
        data["messages"] = [{"uuid": str(m.uuid), "from_enterprise": m.from_enterprise, "text": m.text, "at": m.at}
                            for m in case.messages.all()]
        data["steps"] = [{"event": st.event, "label": st.label, "to_state": st.to_state, "at": st.at,
                          "note": st.note} for st in case.steps.all()]
    return data


def document_json(a) -> dict:
    return {"uuid": str(a.uuid), "kind": a.kind, "kind_label": attachments.kind_label(a.kind),
            "original_name": a.original_name, "size": a.size, "sha256": a.sha256,
            "url": reverse("core:attachment", kwargs={"uuid": a.uuid})}


class CaseListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.ServiceCaseSerializer(many=True), **ERRORS})
    def get(self, request):
        _need(request, "services.view_servicecase")
        return Response([case_json(c, request.user) for c in cases.visible_cases(request.user)[:200]])


class _NewCase(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]
    documents: dict = {}

    def submit(self, **kwargs):
        raise NotImplementedError

    def post(self, request):
        _need(request, cases.APPLY)
        enterprise = enterprises.enterprise_for(request.user, request.data.get("enterprise"))
        files = {code: request.FILES[code] for code in request.FILES}
        for code in files:
            if code not in self.documents:
                raise DomainError("invalid_kind", _("材料类别无效"), field=code)
        data = {key: request.data.get(key) for key in request.data if key not in files}
        case = self.submit(actor=request.user, enterprise=enterprise, data=data, files=files)
        return Response(case_json(case, request.user), status=201)


class FilingCreateView(_NewCase):
    """POST multipart: a plan filing with its files (plan_general required; the others may follow)."""

    documents = FILING_DOCUMENTS

    def submit(self, **kwargs):
        return filing.submit_filing(**kwargs)

    @extend_schema(request={"multipart/form-data": s.ServiceFilingUploadSerializer},
                   responses={201: s.ServiceCaseSerializer, **ERRORS})
    def post(self, request):
        return super().post(request)


class LicenceCreateView(_NewCase):
    documents = LICENCE_DOCUMENTS

    def submit(self, **kwargs):
        return licences.apply(**kwargs)

    @extend_schema(request={"multipart/form-data": s.ServiceLicenceUploadSerializer},
                   responses={201: s.ServiceCaseSerializer, **ERRORS})
    def post(self, request):
        return super().post(request)


class CaseDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.ServiceCaseDetailSerializer, **ERRORS})
    def get(self, request, uuid):
        return Response(case_json(cases.case_for(request.user, uuid), request.user, detail=True))


class CaseTransitionView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.ServiceEventSerializer, responses={200: s.ServiceCaseSerializer, **ERRORS})
    def post(self, request, uuid):
        data = body_of(request, s.ServiceEventSerializer)
        case = cases.fire(cases.case_for(request.user, uuid), str(data.get("event") or ""), actor=request.user,
                          data={"reason": data.get("reason") or "", "note": data.get("note") or ""})
        return Response(case_json(case, request.user))


class CaseDocumentsView(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses={200: s.ServiceDocumentSerializer(many=True), **ERRORS})
    def get(self, request, uuid):
        case = cases.case_for(request.user, uuid)
        return Response([document_json(a) for a in attachments.attachments_of(case).order_by("uploaded_at")])

    @extend_schema(request={"multipart/form-data": s.ServiceDocumentUploadSerializer},
                   responses={201: s.ServiceDocumentSerializer, **ERRORS})
    def post(self, request, uuid):
        case = cases.case_for(request.user, uuid)
        item = cases.add_document(actor=request.user, case=case, kind=str(request.data.get("kind", "")),
                                  upload=request.FILES.get("file"))
        return Response(document_json(item), status=201)


class CaseMessagesView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.ServiceMessageSerializer(many=True), **ERRORS})
    def get(self, request, uuid):
        case = cases.case_for(request.user, uuid)
        return Response([{"uuid": str(m.uuid), "from_enterprise": m.from_enterprise, "text": m.text, "at": m.at}
                         for m in case.messages.all()])

    @extend_schema(request=s.ServiceTextSerializer, responses={201: s.ServiceMessageSerializer, **ERRORS})
    def post(self, request, uuid):
        data = body_of(request, s.ServiceTextSerializer)
        m = cases.post_message(actor=request.user, case=cases.case_for(request.user, uuid), text=data.get("text"))
        return Response({"uuid": str(m.uuid), "from_enterprise": m.from_enterprise, "text": m.text, "at": m.at},
                        status=201)


class FilingFormView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={(200, DOCX_TYPE): OpenApiTypes.BINARY, **ERRORS})
    def get(self, request, uuid):
        case = cases.case_for(request.user, uuid)
        if case.kind != "plan_filing":
            raise NotFoundError("not_filed", _("该办件不是预案备案"), field="uuid")
        response = HttpResponse(filing.filing_docx(case.filing), content_type=DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="beian-{case.filing.filing_number}.docx"'
        return response


class DrillView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.ServiceDrillInSerializer, responses={201: s.ServiceDrillInSerializer, **ERRORS})
    def post(self, request, uuid):
        data = body_of(request, s.ServiceDrillInSerializer)
        _need(request, "services.add_plandrill")
        case = cases.case_for(request.user, uuid)
        if case.kind != "plan_filing":
            raise DomainError("not_filed", _("该办件不是预案备案"), field="plan_kind")
        drill = filing.record_drill(actor=request.user, filing=case.filing, plan_kind=str(data.get("plan_kind", "")),
                                    held_on=data.get("held_on"), note=data.get("note") or "")
        return Response({"plan_kind": drill.plan_kind, "held_on": drill.held_on, "note": drill.note}, status=201)


class LookupView(APIView):
    """Anyone: a case's matter, state and dates by its number; no names."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(responses={200: s.ServicePublicStatusSerializer, **ERRORS})
    def get(self, request, number):
        return Response(cases.public_status(number))


class PortalView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.ServiceDutySerializer(many=True), **ERRORS})
    def get(self, request):
        enterprise = enterprises.bound_enterprise(request.user)
        if enterprise is None:
            raise NotFoundError("account_not_bound", _("您的账户尚未绑定企业"), field="enterprise")
        return Response([{"kind": d.kind, "title": str(d.title), "detail": str(d.detail), "url": d.url,
                          "urgent": d.urgent} for d in portal.duties(request.user, enterprise)])


class CommitmentView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.ServiceCommitmentInSerializer, responses={201: s.ServiceCommitmentSerializer, **ERRORS})
    def post(self, request):
        data = body_of(request, s.ServiceCommitmentInSerializer)
        _need(request, "services.add_safetycommitment")
        enterprise = enterprises.bound_enterprise(request.user)
        if enterprise is None:
            raise DomainError("account_not_bound", _("只有绑定企业的账户可以作出安全承诺"), field="enterprise")
        c = commitments.commit(actor=request.user, enterprise=enterprise, data=data)
        return Response({"uuid": str(c.uuid), "enterprise": enterprise.code, "day": c.day, "frequency": c.frequency,
                         "risk_state": c.risk_state,
                         "statement": c.statement, "signed_by": c.signed_by}, status=201)


class MissingCommitmentsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.ServiceEnterpriseRefSerializer(many=True), **ERRORS})
    def get(self, request):
        _need(request, "services.view_safetycommitment")
        return Response([{"code": e.code, "name": e.name, "region": e.region.name}
                         for e in commitments.missing_today(request.user)])


def credit_json(record, user) -> dict:
    lists = scope_to_user(CreditListEntry.objects.filter(enterprise=record.enterprise, exited_on__isnull=True), user)
    return {"enterprise": record.enterprise.code, "name": record.enterprise.name, "score": record.score,
            "credit_class": record.credit_class, "supervision_class": record.supervision_class,
            "supervision_per_year": record.supervision_per_year,
            "lines": [{"kind": k, "count": n, "points": p} for k, n, p in record.lines],
            "lists": list(lists.values_list("list_kind", flat=True))}


def _enterprise(request, code):
    enterprise = scope_to_user(Enterprise.objects.all(), request.user).filter(code=code).first()
    if enterprise is None or not request.user.has_perm("services.view_creditevent"):
        raise NotFoundError("enterprise_not_found", _("未找到该企业，或不在您的管辖范围内"), field="enterprise")
    return enterprise


class CreditListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.ServiceCreditSerializer(many=True), **ERRORS})
    def get(self, request):
        _need(request, "services.view_creditevent")
        return Response([credit_json(r, request.user)
                         for r in credit.records(credit.enterprises_in_reach(request.user))])


class CreditDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.ServiceCreditSerializer, **ERRORS})
    def get(self, request, code):
        return Response(credit_json(credit.record_of(_enterprise(request, code)), request.user))


class CreditEventView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.ServiceCreditEventInSerializer, responses={201: s.ServiceCreditSerializer, **ERRORS})
    def post(self, request, code):
        data = body_of(request, s.ServiceCreditEventInSerializer)
        enterprise = _enterprise(request, code)
        credit.record_event(actor=request.user, enterprise=enterprise, kind=str(data.get("kind") or ""),
                            happened_on=data.get("happened_on"), note=data.get("note") or "")
        return Response(credit_json(credit.record_of(enterprise), request.user), status=201)


def entry_json(e) -> dict:
    return {"uuid": str(e.uuid), "enterprise": e.enterprise.code, "list_kind": e.list_kind,
            "entered_on": e.entered_on, "reason": e.reason, "exited_on": e.exited_on, "exit_reason": e.exit_reason}


class ListEntryView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.ServiceListEntryInSerializer, responses={201: s.ServiceListEntrySerializer, **ERRORS})
    def post(self, request, code):
        data = body_of(request, s.ServiceListEntryInSerializer)
        entry = credit.enter_list(actor=request.user, enterprise=_enterprise(request, code),
                                  list_kind=str(data.get("list_kind") or ""), reason=data.get("reason"))
        return Response(entry_json(entry), status=201)


class ListExitView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.ServiceReasonSerializer, responses={200: s.ServiceListEntrySerializer, **ERRORS})
    def post(self, request, uuid):
        data = body_of(request, s.ServiceReasonSerializer)
        entry = scope_to_user(CreditListEntry.objects.select_related("enterprise"), request.user) \
            .filter(uuid=uuid).first()
        if entry is None or not request.user.has_perm("services.view_creditlistentry"):
            raise NotFoundError("not_found", _("未找到该名单记录"), field="uuid")
        return Response(entry_json(credit.exit_list(actor=request.user, entry=entry, reason=data.get("reason"))))
