"""Dispatch orders: teams (one active order per team; readiness follows the order) and materials
(reserved at the chosen depots, issued through the resources ledger, received at the scene, returned)."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yingji.core.errors import ConflictError, DomainError, PermissionDeniedError
from yingji.core.events import publish
from yingji.core.scoping import REQUEST, ensure_in_jurisdiction, ensure_in_scope
from yingji.core.sequences import next_code
from yingji.core.validators import bounded_decimal
from yingji.incidents import timeline
from yingji.incidents.titles import canonical
from yingji.resources import services as stock
from yingji.resources.choices import Readiness
from yingji.resources.models import RescueTeam
from yingji.resources.readiness import set_readiness

from .choices import DISPATCH_KIND
from .models import MaterialLine, MaterialOrder, TeamOrder
from .travel import minutes_from
from .workflows import DISPATCH_MATERIAL, DISPATCH_TEAM, incident_active


def _start(actor, permission, incident, response):
    if actor is not None and not actor.has_perm(permission):
        raise PermissionDeniedError("permission_denied", _("您没有下达调令的权限"))
    ensure_in_jurisdiction(actor, incident.region)
    incident_active(type("Probe", (), {"incident": incident})(), actor, {})
    if response is not None and response.incident_id != incident.pk:
        raise DomainError("response_mismatch", _("响应不属于该事件"), field="response")


def dispatch_team(*, actor, incident, team, response=None, task=None, note="", now=None) -> TeamOrder:
    now = now or timezone.now()
    _start(actor, DISPATCH_TEAM, incident, response)
    ensure_in_scope(actor, team, field="team", purpose=REQUEST)
    with transaction.atomic():
        team = RescueTeam.objects.select_for_update().get(pk=team.pk)
        if team.readiness == Readiness.INACTIVE:
            raise DomainError("team_inactive", _("%(t)s 已停用，不能派遣") % {"t": team.name}, field="team")
        busy = TeamOrder.objects.filter(team=team, active=True).select_related("incident").first()
        if busy is not None:
            raise ConflictError("team_busy", _("%(t)s 正在执行调令 %(c)s（%(i)s），不能重复派遣")
                                % {"t": team.name, "c": busy.code, "i": busy.incident.name}, field="team")
        minutes, km = minutes_from((team.lon, team.lat), incident)
        try:
            with transaction.atomic():
                order = TeamOrder.objects.create(
                    code=next_code("DL", now), incident=incident, response=response, task=task, team=team,
                    region=incident.region, created=now, created_by=_user(actor), note=note[:300],
                    times={"dispatched": now.isoformat()}, minutes=minutes, distance_km=km)
        except IntegrityError as exc:
            raise ConflictError("team_busy", _("%(t)s 已在其他调令中") % {"t": team.name}, field="team") from exc
        set_readiness(actor=actor, team=team, readiness=Readiness.ON_MISSION, by_order=True)
        title = canonical(gettext_noop("派遣队伍：%(t)s，预计 %(m).0f 分钟到达"), t=team.name, m=minutes or 0)
        _trace(order, title, actor, now)
    return order


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def _trace(order, title, actor, now, body=""):
    timeline.write(order.incident, kind=DISPATCH_KIND, title=title, body=body, actor=actor, at=now,
                   data={"source": "plans", "record": str(order.uuid), "event": "create"})
    publish(f"{order._meta.model_name}.create", {"uuid": str(order.uuid), "title": title},
            aggregate=order, region=order.region)


def order_materials(*, actor, incident, lines, response=None, task=None, note="", now=None) -> MaterialOrder:
    """Reserve `lines` [(depot, material, quantity)] in one transaction: all reserved, or nothing."""
    now = now or timezone.now()
    _start(actor, DISPATCH_MATERIAL, incident, response)
    if not lines:
        raise DomainError("no_lines", _("请至少选择一种物资"), field="lines")
    for depot, _material, _quantity in lines:
        ensure_in_scope(actor, depot, field="lines", purpose=REQUEST)
    with transaction.atomic():
        order = MaterialOrder.objects.create(
            code=next_code("WZ", now), incident=incident, response=response, task=task, region=incident.region,
            created=now, created_by=_user(actor), note=note[:300], times={"reserved": now.isoformat()})
        total = 0.0
        for depot, material, quantity in lines:
            minutes, _km = minutes_from((depot.lon, depot.lat), incident)
            stock.reserve(actor=actor, depot=depot, material=material, quantity=Decimal(quantity),
                          reference=order.code, reason=_("应急调拨预占：%(i)s") % {"i": incident.name})
            MaterialLine.objects.create(order=order, depot=depot, material=material, quantity=quantity,
                                        minutes=minutes)
            total += float(quantity) * (minutes or 0)
        order.total_minutes = round(total, 1)
        order.save()
        summary = "；".join(f"{d.name} {m.name} {Decimal(q).normalize():f}{m.unit}" for d, m, q in lines)
        _trace(order, canonical(gettext_noop("物资预占：调拨单 %(c)s"), c=order.code), actor, now, summary)
    return order


def _amounts(order, data, key, limit, label, default=None):
    """Per-line amounts from data[key] {line id: qty} (default: the line's limit); never above the limit."""
    given = {str(k): v for k, v in (data.get(key) or {}).items()}
    result = []
    for line in order.lines.select_related("depot", "material"):
        bound = limit(line)
        amount = bounded_decimal(given.get(str(line.pk), bound if default is None else default), field=key)
        if amount > bound:
            raise DomainError(f"exceeds_{label}", _("%(m)s 数量 %(a)s 超过%(w)s %(b)s") % {
                "m": line.material.name, "a": f"{amount.normalize():f}", "b": f"{bound.normalize():f}",
                "w": {"reserved": _("已预占"), "issued": _("已出库"), "received": _("已签收")}[label]}, field=key)
        result.append((line, amount))
    return result


def material_dispatch(order, *, actor, data) -> str:
    parts = []
    for line, amount in _amounts(order, data, "issue", lambda ln: ln.quantity, "reserved"):
        if amount:
            stock.issue(actor=actor, depot=line.depot, material=line.material, quantity=amount, from_reserved=True,
                        reference=order.code, reason=_("应急调拨出库：%(i)s") % {"i": order.incident.name})
        if line.quantity - amount:
            stock.release(actor=actor, depot=line.depot, material=line.material, quantity=line.quantity - amount,
                          reference=order.code, reason=_("调拨单未出库部分释放"))
        line.issued = amount
        line.save()
        parts.append(f"{line.depot.name} {line.material.name} {amount.normalize():f}{line.material.unit}")
    return "；".join(parts)


def material_receive(order, *, actor, data) -> str:
    for line, amount in _amounts(order, data, "received", lambda ln: ln.issued, "issued"):
        line.received = amount
        line.save()
    return "；".join(f"{ln.material.name} {ln.received.normalize():f}{ln.material.unit}" for ln in order.lines.all())


def material_close(order, *, actor, data) -> str:
    parts = []
    for line, amount in _amounts(order, data, "returned", lambda ln: ln.received, "received", default=0):
        if amount:
            stock.receive(actor=actor, depot=line.depot, material=line.material, quantity=amount,
                          batch_no=f"RET-{order.code}"[:64], reference=order.code, reason=_("应急物资退回"))
            parts.append(f"{line.depot.name} {line.material.name} {amount.normalize():f}{line.material.unit}")
        line.returned = amount
        line.save()
    return _("退回：%(p)s") % {"p": "；".join(parts)} if parts else _("无退回物资")


def material_cancel(order, *, actor, data) -> str:
    for line in order.lines.select_related("depot", "material"):
        stock.release(actor=actor, depot=line.depot, material=line.material, quantity=line.quantity,
                      reference=order.code, reason=_("调拨单取消"))
    return _("已释放全部预占")
