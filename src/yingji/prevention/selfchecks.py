"""Enterprise self-check services (企业自查): start a session, record each item's result, and submit it, which
files every 不合格 item as a hazard in the same transaction (all or nothing)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.events import publish
from yingji.core.scoping import in_scope
from yingji.core.services import save_record

from .choices import HazardGrade, HazardSource
from .models import CheckItem, Hazard, SelfCheck, SelfCheckResult
from .models.selfchecks import ResultChoice, SessionState

# What a client may send as a result: the code or the Chinese label.
RESULT_VALUES = {**{c.value: c.value for c in ResultChoice}, **{str(c.label): c.value for c in ResultChoice}}


def _allowed(actor, perm: str, message: str) -> None:
    if actor is not None and not actor.has_perm(perm):
        raise PermissionDeniedError("permission_denied", message)


def _locked(session: SelfCheck, actor) -> SelfCheck:
    """The session row locked for this write, in the actor's reach, still open."""
    if actor is not None and not in_scope(actor, session):
        raise DomainError("not_found", _("未找到该次自查"), field="uuid")
    session = SelfCheck.objects.select_for_update().select_related("enterprise", "checklist").get(pk=session.pk)
    if session.state == SessionState.SUBMITTED:
        raise DomainError("already_submitted", _("该次自查已提交，不能再修改或重复提交"), field="state")
    return session


def _result_value(value, index: int) -> str:
    code = RESULT_VALUES.get(str(value or "").strip())
    if code is None:
        raise DomainError("invalid_result", _("第%(n)d条：结果应为 合格、不合格 或 不适用") % {"n": index + 1},
                          field="result")
    return code


def _item(session: SelfCheck, value, index: int) -> CheckItem:
    text = str(value or "").strip()
    item = session.checklist.active_items().filter(code=text).first() if text else None
    if item is None:
        message = _("第%(n)d条：自查项目“%(c)s”不在本次自查的清单中") % {"n": index + 1, "c": text}
        raise DomainError("unknown_item", message, field="item")
    return item


def start(*, actor, data: dict) -> SelfCheck:
    """A new session (进行中): enterprise, checklist, checked_on, inspector; named after the list and the day."""
    from .registrations import SELF_CHECKS

    _allowed(actor, "prevention.add_selfcheck", _("没有发起企业自查的权限"))
    data = dict(data)
    if not data.get("name") and data.get("checklist") is not None:
        data["name"] = f"{data['checklist'].name}（{data.get('checked_on') or timezone.localdate()}）"
    if data.get("enterprise") is not None:
        data.setdefault("region", data["enterprise"].region)
    return save_record(SELF_CHECKS, actor=actor, data=data)


def record_results(session: SelfCheck, *, actor, results) -> SelfCheck:
    """Record (or re-record) items: [{"item": <code>, "result": 合格|不合格|不适用 (or pass|fail|na), "note"}]."""
    _allowed(actor, "prevention.change_selfcheck", _("没有填写企业自查的权限"))
    if not isinstance(results, list) or not all(isinstance(row, dict) for row in results):
        raise DomainError("invalid_type", _("results 应为列表，每项含 item、result、note"), field="results")
    with transaction.atomic():
        session = _locked(session, actor)
        rows = [(_item(session, row.get("item"), n), _result_value(row.get("result"), n),
                 str(row.get("note") or "").strip()[:500]) for n, row in enumerate(results)]
        for item, result, note in rows:
            SelfCheckResult.objects.update_or_create(session=session, item=item,
                                                     defaults={"result": result, "note": note})
        session.updated_by = actor if actor is not None and actor.pk else session.updated_by
        session.save()
    return session


def _hazard_for(session: SelfCheck, row: SelfCheckResult, actor) -> Hazard:
    enterprise, item = session.enterprise, row.item
    major = item.criterion_id is not None
    hazard = Hazard(
        code=f"YH-{session.code}-{item.code}"[:64], name=f"{enterprise.name}：{item.name}"[:200],
        enterprise=enterprise, source=HazardSource.SELF_CHECK,
        grade=HazardGrade.MAJOR if major else HazardGrade.GENERAL, criterion=item.criterion if major else None,
        found_on=session.checked_on, region=enterprise.region, lon=enterprise.lon, lat=enterprise.lat,
        description=_("企业自查 %(s)s 第%(n)s项不合格。%(note)s") % {"s": session.code, "n": item.number,
                                                              "note": row.note},
        created_by=actor if actor is not None and actor.pk else None, is_demo=session.is_demo)
    hazard.updated_by = hazard.created_by
    hazard.full_clean()
    hazard.save()
    return hazard


def submit(session: SelfCheck, *, actor, now=None) -> list[Hazard]:
    """Close the session and file each 不合格 item as a hazard (一般, or 重大 citing the item's 判定标准 item)."""
    _allowed(actor, "prevention.change_selfcheck", _("没有提交企业自查的权限"))
    _allowed(actor, "prevention.add_hazard", _("没有上报隐患的权限"))
    with transaction.atomic():
        session = _locked(session, actor)
        recorded = set(session.results.values_list("item_id", flat=True))
        missing = list(session.checklist.active_items().exclude(pk__in=recorded).values_list("code", flat=True))
        if missing:
            raise DomainError("results_incomplete", _("尚有 %(n)d 项未填写结果：%(c)s") % {
                "n": len(missing), "c": "、".join(missing[:10])}, field="results")
        hazards = []
        for row in session.results.filter(result=ResultChoice.FAIL).select_related("item__criterion"):
            row.hazard = _hazard_for(session, row, actor)
            row.save(update_fields=["hazard"])
            hazards.append(row.hazard)
        session.state, session.submitted_at = SessionState.SUBMITTED, now or timezone.now()
        session.submitted_by = actor if actor is not None and actor.pk else None
        session.save()
        publish("selfcheck.submitted", {"uuid": str(session.uuid), "hazards": [str(h.uuid) for h in hazards]},
                aggregate=session, region=session.region)
    return hazards
