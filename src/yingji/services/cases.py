"""办件: numbers, the two flows as core.workflow tables, documents, messages and the public lookup.

Plan filing (应急管理部令第2号 第二十六条):

    已提交待审查 --file 备案（核发备案登记表）--> 已办结      (all four documents present, else 400 document_missing)
    已提交待审查 --return 退回补正 (reason)--> 退回补正 --resubmit 重新提交--> 已提交待审查

Licence (行政许可法, 危险化学品经营许可证管理办法):

    已提交 --accept 受理--> 已受理 --site_check 现场核查 (note)--> 已现场核查 --approve 准予许可--> 准予许可
    --certify 发证--> 已办结;  已受理/已现场核查 --refuse 不予许可 (reason)--> 不予许可;  return/resubmit as above.

Every step writes a CaseStep; the legal time limit (clocks.py) is set on submission and resubmission (plan filing:
20 working days; licence: 5 working days to accept, then 20 working days from acceptance)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingji.core import attachments
from yingji.core.errors import DomainError
from yingji.core.scoping import in_scope, scope_to_user
from yingji.core.sequences import next_code
from yingji.core.workflow import Transition, Workflow, precondition

from . import enterprises
from .choices import FILING_DOCUMENTS, LICENCE_DOCUMENTS, CaseKind
from .choices import CaseState as S
from .clocks import deadline_after
from .config import current
from .enterprises import NotFoundError
from .models import CaseMessage, CaseStep, ServiceCase

HANDLE = "services.handle_servicecase"
APPLY = "services.apply_servicecase"
ACCEPT_WORKING_DAYS = 5  # 行政许可法 第三十二条: 受理 or not within five days [V]

for _code, _label in {**FILING_DOCUMENTS, **LICENCE_DOCUMENTS}.items():
    attachments.add_kind(_code, _label)
attachments.add_kind("filing_form", gettext_lazy("备案登记表"))
attachments.add_kind("licence_certificate", gettext_lazy("许可证"))


def documents_for(kind: str) -> dict:
    return FILING_DOCUMENTS if kind == CaseKind.PLAN_FILING else LICENCE_DOCUMENTS


def missing_documents(case) -> list[str]:
    present = set(attachments.attachments_of(case).values_list("kind", flat=True))
    return [code for code in documents_for(case.kind) if code not in present]


def _complete(case, actor, data):
    missing = missing_documents(case)
    if missing:
        names = "、".join(str(documents_for(case.kind)[code]) for code in missing)
        raise DomainError("document_missing", _("材料不全，缺少：%(d)s；请退回补正") % {"d": names}, field="documents")


def _reason(case, actor, data):
    if not str(data.get("reason") or "").strip():
        raise DomainError("reason_required", _("请填写退回或不予许可的理由"), field="reason")


def _site_note(case, actor, data):
    if not str(data.get("note") or "").strip():
        raise DomainError("note_required", _("请填写现场核查意见"), field="note")


@precondition
def _not_own(case, actor, data):
    """An enterprise account never handles its own case, whatever its grants."""
    if getattr(actor, "role", "") == "enterprise":
        raise DomainError("permission_denied", _("企业用户不能办理办件"), field="event")


def _on_step(case, transition, actor, data):
    now = timezone.now()
    note = str(data.get("reason") or data.get("note") or "")[:2000]
    cfg = current()
    if transition.event == "return":
        case.returned_count += 1
        case.deadline = None
    elif transition.event == "resubmit":
        days = cfg.filing_working_days if case.kind == CaseKind.PLAN_FILING else ACCEPT_WORKING_DAYS
        case.submitted_at, case.deadline = now, deadline_after(now, days)
    elif transition.event == "accept":
        case.deadline = deadline_after(now, cfg.licence_working_days)
    if transition.target in (S.DONE, S.REFUSED):
        case.finished_at = now
    case.save()
    if case.kind == CaseKind.PLAN_FILING and transition.event == "file":
        from .filing import record_filing

        record_filing(case, actor=actor, day=timezone.localdate(now))
    if case.kind == CaseKind.LICENCE:
        from .licences import on_licence_step

        on_licence_step(case, transition.event, actor=actor, data=data, day=timezone.localdate(now))
    CaseStep.objects.create(case=case, event=transition.event, label=str(transition.label)[:50],
                            from_state=data.get("_from", ""), to_state=transition.target, note=note, at=now,
                            actor=actor if getattr(actor, "pk", None) else None)


_return = Transition((S.SUBMITTED,), "return", S.RETURNED, gettext_lazy("退回补正"), permission=HANDLE,
                     guards=(_not_own, _reason))
_resubmit = Transition((S.RETURNED,), "resubmit", S.SUBMITTED, gettext_lazy("补正后重新提交"), permission=APPLY)

FILING_FLOW = Workflow("services_filing", state_field="state", on_transition=_on_step, transitions=[
    _return, _resubmit,
    Transition((S.SUBMITTED,), "file", S.DONE, gettext_lazy("予以备案（出具备案登记表）"), permission=HANDLE,
               guards=(_not_own, _complete)),
])

LICENCE_FLOW = Workflow("services_licence", state_field="state", on_transition=_on_step, transitions=[
    _return, _resubmit,
    Transition((S.SUBMITTED,), "accept", S.ACCEPTED, gettext_lazy("受理"), permission=HANDLE,
               guards=(_not_own, _complete)),
    Transition((S.ACCEPTED,), "site_check", S.SITE_CHECKED, gettext_lazy("现场核查"), permission=HANDLE,
               guards=(_not_own, _site_note)),
    Transition((S.SITE_CHECKED,), "approve", S.APPROVED, gettext_lazy("准予许可"), permission=HANDLE,
               guards=(_not_own,)),
    Transition((S.ACCEPTED, S.SITE_CHECKED), "refuse", S.REFUSED, gettext_lazy("不予许可"), permission=HANDLE,
               guards=(_not_own, _reason)),
    Transition((S.APPROVED,), "certify", S.DONE, gettext_lazy("发证"), permission=HANDLE, guards=(_not_own,)),
])


def flow_of(case) -> Workflow:
    return FILING_FLOW if case.kind == CaseKind.PLAN_FILING else LICENCE_FLOW




def not_found() -> DomainError:
    return NotFoundError("not_found", _("未找到该办件，或不在您的办理范围内"), field="uuid")


def visible_cases(user):
    if not user.has_perm("services.view_servicecase"):
        return ServiceCase.objects.none()
    return scope_to_user(ServiceCase.objects.select_related("enterprise", "region"), user)


def case_for(user, uuid) -> ServiceCase:
    case = visible_cases(user).filter(uuid=uuid).first()
    if case is None:
        raise not_found()
    return case


def fire(case, event: str, *, actor, data: dict | None = None) -> ServiceCase:
    if actor is not None and not in_scope(actor, case):
        raise not_found()
    data = {**(data or {}), "_from": case.state}
    return flow_of(case).fire(case, str(event or ""), actor=actor, data=data)


def steps_for(case, user) -> list:
    return flow_of(case).available(case, user)


# ---- opening a case with its documents, all or nothing --------------------------------------------------------
def check_files(kind: str, files: dict) -> None:
    """`files`: attachment kind → upload. Every file is checked before anything is written."""
    allowed = documents_for(kind)
    for code, upload in files.items():
        if code not in allowed:
            raise DomainError("invalid_kind", _("材料类别无效"), field="kind")
        try:
            attachments.check_upload(upload, code)
        except DomainError as exc:
            raise DomainError(exc.code, f"{allowed[code]}：{exc.message}", field=code) from None


def open_case(*, actor, enterprise, kind: str, title: str, files: dict, build_detail, when=None) -> ServiceCase:
    """A new case of `enterprise` with its first documents and its detail record (`build_detail(case)` returns the
    unsaved PlanFiling/LicenceApplication), validated before the write; one transaction."""
    check_files(kind, files)
    now = when or timezone.now()
    days = current().filing_working_days if kind == CaseKind.PLAN_FILING else ACCEPT_WORKING_DAYS
    case = ServiceCase(enterprise=enterprise, region_id=enterprise.region_id, kind=kind, title=title[:200],
                       applicant=actor if getattr(actor, "pk", None) else None, submitted_at=now,
                       deadline=deadline_after(now, days), code="pending")
    detail = build_detail(case)
    try:
        detail.full_clean(exclude=["case"])
    except ValidationError as exc:
        from yingji.core.errors import validation_error_fields

        code, message, fields = validation_error_fields(exc)
        raise DomainError(code, message, fields=fields) from None
    stored = []
    try:
        with transaction.atomic():
            case.code = next_code("BJ", now)
            case.save()
            detail.case = case
            detail.save()
            CaseStep.objects.create(case=case, event="submit", label=_("提交申请"), to_state=case.state, at=now,
                                    actor=case.applicant)
            for code, upload in files.items():
                stored.append(attachments.attach(actor=actor, record=case, upload=upload, kind=code,
                                                 check_permission=False))
    except BaseException:
        for attachment in stored:
            attachments.remove_file(attachment)
        raise
    return case


def add_document(*, actor, case, kind: str, upload):
    """An enterprise adds (or replaces) a document while the case is with it or waiting for review."""
    if actor is not None and not in_scope(actor, case):
        raise not_found()
    if not actor.has_perm(APPLY):
        raise DomainError("permission_denied", _("只有申请企业可以提交材料"), field="file")
    if case.state not in (S.SUBMITTED, S.RETURNED):
        raise DomainError("case_closed_for_documents", _("该办件已受理或办结，不能再补充材料"), field="file")
    if kind not in documents_for(case.kind):
        raise DomainError("invalid_kind", _("材料类别无效"), field="kind")
    return attachments.attach(actor=actor, record=case, upload=upload, kind=kind, check_permission=False)


def post_message(*, actor, case, text: str) -> CaseMessage:
    if actor is not None and not in_scope(actor, case):
        raise not_found()
    if not actor.has_perm("services.add_casemessage"):
        raise DomainError("permission_denied", _("没有留言的权限"), field="text")
    text = str(text or "").strip()
    if not text:
        raise DomainError("text_required", _("请填写留言内容"), field="text")
    if len(text) > 2000:
        raise DomainError("text_too_long", _("留言不能超过2000字"), field="text")
    return CaseMessage.objects.create(case=case, author=actor, text=text, at=timezone.now(),
                                      from_enterprise=enterprises.bound_enterprise(actor) is not None)


def public_status(number: str) -> dict:
    """What anyone may learn of a case by its number: the matter, the state and the dates; no names."""
    from .clocks import clock_of

    number = str(number or "").strip().upper()
    case = ServiceCase.objects.filter(code=number).first() if 0 < len(number) <= 32 else None
    if case is None:
        raise NotFoundError("case_not_found", _("未找到该办件编号"), field="number")
    clock = clock_of(case)
    local = timezone.localtime
    return {"number": case.code, "matter": case.get_kind_display(), "state": case.state,
            "state_label": case.get_state_display(),
            "submitted_on": local(case.submitted_at).date(),
            "deadline_on": (local(case.deadline).date() - dt.timedelta(days=1))
            if case.deadline else None,
            "finished_on": local(case.finished_at).date() if case.finished_at else None,
            "clock": clock.text if clock else ""}
