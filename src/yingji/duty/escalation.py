"""Running escalation chains. Clocks are data (DESIGN §4.8): when an event starts a chain, every step of
every round becomes a row with its due time. `run_escalations(now=)` fires the due rows, each exactly once
(the row is locked and stamped in the same transaction that queues its messages), so a restart neither
skips nor repeats a step. Acknowledging — on the desk, through a message link, or by the object itself
(the incident verified, the roll call answered) — stops the chain and cancels the rows still waiting."""

import uuid
from datetime import timedelta
from fnmatch import fnmatchcase

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.events import consumer
from yingji.core.models import Region
from yingji.core.scoping import ensure_in_jurisdiction

from .chains import KINDS, LISTENED, kind_label, same_objects, stop_kinds
from .choices import EscalationStatus as E
from .choices import FireStatus as F
from .choices import PostRole, StepTarget
from .journal import real_user
from .models import Escalation, EscalationChain, EscalationFire
from .notify import send
from .oncall import holders

ROSTER_TARGETS = {StepTarget.OFFICER: PostRole.OFFICER, StepTarget.CHIEF: PostRole.CHIEF,
                  StepTarget.LEADER: PostRole.LEADER}


def _region_of(event):
    code = event.region_path.strip("/").split("/")[-1] if event.region_path else ""
    return Region.without_boundary.filter(code=code).first() if code else None


@consumer("duty.escalation", kinds=LISTENED)
def on_event(event) -> None:
    _stop_for(event)
    _start_for(event)


def _about_exercise(event) -> bool:
    """An event about a drill's exercise incident (or its tasks) starts no escalation: escalations call real
    people outside the drill (docs/drills.md)."""
    if event.payload.get("exercise"):
        return True
    from .linked import _model, incidents_ready

    if not incidents_ready():
        return False
    uuids = {str(event.payload.get(key)) for key in ("incident", "incident_uuid") if event.payload.get(key)}
    if event.aggregate == "incidents.Incident":
        uuids.add(event.aggregate_id)
    uuids = {u for u in uuids if _is_uuid(u)}
    return bool(uuids) and _model("incidents", "Incident").objects.filter(uuid__in=uuids, is_exercise=True).exists()


def _is_uuid(text) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _start_for(event):
    if _about_exercise(event):
        return
    # Most events (every timeline entry) match no chain: the event's region is looked up only for those that do, and
    # no region's boundary is decoded (16 ms → a fraction of that per delivery in the intake surge).
    chains = [chain for chain in EscalationChain.objects.filter(enabled=True).select_related("region")
              .defer("region__geometry") if fnmatchcase(event.kind, chain.event_kind)]
    region = _region_of(event) if chains else None
    for chain in chains:
        if region is not None and not region.path.startswith(chain.region.path):
            continue
        if region is None and chain.region.parent_id is not None:
            continue
        start(chain, event, region)


def start(chain, event, region) -> Escalation:
    escalation, created = Escalation.objects.get_or_create(
        key=f"{chain.pk}:{event.uuid}",
        defaults={"chain": chain, "event_kind": event.kind, "region": region, "payload": event.payload,
                  "source_id": str(event.payload.get("uuid") or event.aggregate_id)[:64],
                  "title": (event.payload.get("title") or kind_label(event.kind))[:200], "started_at": event.created},
    )
    if created:
        due = escalation.started_at
        for round_ in range(chain.repeat + 1):
            for step in chain.steps.order_by("order"):
                due += timedelta(minutes=step.wait_minutes)
                EscalationFire.objects.create(escalation=escalation, step=step, round=round_, due_at=due)
    return escalation


def _stop_for(event):
    sources = same_objects(event.kind, str(event.payload.get("uuid") or event.aggregate_id))
    for escalation in Escalation.objects.filter(status=E.ACTIVE, source_id__in=sources).select_related("chain"):
        if any(fnmatchcase(event.kind, k) for k in stop_kinds(escalation.chain)):
            stop(escalation, reason=_("已处理：%(t)s") % {"t": event.payload.get("title") or event.kind},
                 now=event.created)


def stop(escalation, *, reason, actor=None, now=None) -> Escalation:
    now = now or timezone.now()
    with transaction.atomic():
        escalation = Escalation.objects.select_for_update().get(pk=escalation.pk)
        if escalation.status == E.ACKNOWLEDGED:
            return escalation
        escalation.status, escalation.stopped_at, escalation.stop_reason = E.ACKNOWLEDGED, now, reason[:200]
        escalation.stopped_by = real_user(actor)
        escalation.save()
        escalation.fires.filter(status=F.SCHEDULED).update(status=F.CANCELLED, outcome=_("已确认，停止升级"))
    return escalation


def acknowledge(escalation, *, actor, now=None) -> Escalation:
    from yingji.core.errors import PermissionDeniedError

    if actor is not None and not actor.has_perm("duty.change_escalation"):
        raise PermissionDeniedError("permission_denied", _("您没有确认升级通知的权限"))
    ensure_in_jurisdiction(actor, escalation.region)
    name = getattr(actor, "display_name", "") or _("系统")
    return stop(escalation, actor=actor, reason=_("%(n)s 已确认") % {"n": name}, now=now)


def _settled_reason(escalation) -> str:
    from yingji.channels.models import Message

    acked = Message.objects.filter(source_type=Escalation._meta.label, source_id=str(escalation.uuid),
                                   acknowledged_at__isnull=False).first()
    if acked is not None:
        return _("%(n)s 已通过通知链接确认") % {"n": acked.recipient_name or acked.address}
    kind = KINDS.get(escalation.event_kind)
    if kind and kind.settled and kind.settled(escalation.payload):
        return _("对象已处理")
    return ""


def run_escalations(now=None, limit=500) -> int:
    """Fire every step whose due time has come (oldest first). Returns how many steps were fired."""
    now = now or timezone.now()
    due = EscalationFire.objects.filter(status=F.SCHEDULED, due_at__lte=now, escalation__status=E.ACTIVE)
    fired = 0
    for fire_id in list(due.order_by("due_at", "id").values_list("id", flat=True)[:limit]):
        fired += _fire(fire_id, now)
    return fired


def _fire(fire_id, now) -> int:
    with transaction.atomic():
        row = EscalationFire.objects.select_for_update().filter(pk=fire_id, status=F.SCHEDULED).first()
        if row is None:
            return 0
        escalation = row.escalation
        reason = _settled_reason(escalation)
        if reason:
            stop(escalation, reason=reason, now=now)
            return 0
        step = row.step
        count, note = send(channel=step.channel, people=recipients(step, escalation, now), source=escalation,
                           subject=_("【升级通知】%(t)s") % {"t": escalation.title}, body=_body(row, escalation),
                           key=f"duty-esc:{row.pk}")
        row.status, row.fired_at = F.FIRED, now
        row.outcome = (_("已通知 %(n)d 人") % {"n": count} + (f"；{note}" if note else ""))[:300]
        row.save()
        if not escalation.fires.filter(status=F.SCHEDULED).exists():
            Escalation.objects.filter(pk=escalation.pk, status=E.ACTIVE).update(status=E.EXHAUSTED)
    return 1


def _body(row, escalation) -> str:
    started = timezone.localtime(escalation.started_at)
    return _("%(t)s\n区域：%(r)s\n自 %(s)s 起未确认，现通知%(who)s（第 %(n)d 步%(round)s）。") % {
        "t": escalation.title, "r": escalation.region or _("全区"), "s": f"{started:%m月%d日 %H:%M}",
        "who": row.step.get_target_display(), "n": row.step.order,
        "round": _("，第 %(k)d 轮") % {"k": row.round + 1} if row.round else ""}


def recipients(step, escalation, now) -> list:
    if step.target == StepTarget.PERSON:
        return [step.person]
    if step.target == StepTarget.DESK:
        township = _township(escalation.region)
        rows = holders(now, region=township, roles=[PostRole.DESK]) if township else []
        return [r.person for r in rows]
    chain_region = escalation.chain.region
    rows = holders(now, region=chain_region, roles=[ROSTER_TARGETS[step.target]])
    return [r.person for r in rows if r.post.region_id == chain_region.pk]


def _township(region):
    if region is None or region.level < 2:
        return None
    return region if region.level == 2 else region.ancestors().filter(level=2).first()
