"""Roll call (点名/抽查): the district desk calls township desks and departments; each must answer within
N minutes; results are on time, late or missed, with monthly statistics per unit."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.events import publish
from yingji.core.scoping import ensure_in_jurisdiction

from .choices import RollCallResult as R
from .config import get_config
from .journal import real_user
from .models import RollCall, RollCallTarget
from .notify import notify_holders


def send_roll_call(*, actor, region, organizations, message="", window_minutes=None, channel=None,
                   now=None) -> RollCall:
    now = now or timezone.now()
    if actor is not None and not actor.has_perm("duty.add_rollcall"):
        raise PermissionDeniedError("permission_denied", _("您没有发起点名的权限"))
    ensure_in_jurisdiction(actor, region)
    organizations = list(organizations)
    if not organizations:
        raise DomainError("no_targets", _("请选择被点名的单位"), field="organizations")
    minutes = int(window_minutes or get_config().roll_call_minutes)
    if not 1 <= minutes <= 240:
        raise DomainError("bad_window", _("应答时限应在 1 至 240 分钟之间"), field="window_minutes")
    with transaction.atomic():
        roll_call = RollCall.objects.create(
            region=region, message=(message or _("值班点名，请立即应答")).strip()[:200], sent_at=now,
            window_minutes=minutes, deadline=now + timedelta(minutes=minutes),
            sent_by=real_user(actor))
        for organization in organizations:
            ensure_in_jurisdiction(actor, organization.region, field="organizations")
            target = RollCallTarget.objects.create(roll_call=roll_call, organization=organization,
                                                   region=organization.region)
            if channel is not None:
                notify_holders(channel=channel, region=organization.region, organization=organization, at=now,
                               subject=_("值班点名"), body=roll_call.message, key=f"duty-rollcall:{target.uuid}",
                               source=target)
        publish("duty.rollcall_sent", {"uuid": str(roll_call.uuid), "title": str(roll_call)},
                aggregate=roll_call, region=region)
    return roll_call


def acknowledge(target, *, actor, now=None, via="ui") -> RollCallTarget:
    now = now or timezone.now()
    if actor is not None and actor.organization_id != target.organization_id:
        raise PermissionDeniedError("not_your_roll_call", _("只能应答本单位的点名：该点名发给%(o)s") % {
            "o": target.organization.name}, field="target")
    with transaction.atomic():
        target = RollCallTarget.objects.select_for_update().select_related("roll_call").get(pk=target.pk)
        if target.acknowledged_at is not None:
            raise DomainError("already_answered", _("该点名已经应答"), field="target")
        target.acknowledged_at, target.answered_via = now, via
        target.acknowledged_by = real_user(actor)
        target.result = R.ON_TIME if now <= target.roll_call.deadline else R.LATE
        target.save()
        publish("duty.rollcall_acknowledged", {"uuid": str(target.uuid), "title": str(target)},
                aggregate=target, region=target.region)
    return target


def sweep(now) -> dict:
    """Scheduler: take answers given through message links, then mark the unanswered as missed (once)."""
    from yingji.channels.models import Message

    answered = Message.objects.filter(source_type=RollCallTarget._meta.label, acknowledged_at__isnull=False)
    answered_ids = answered.values_list("source_id", flat=True)
    for target in RollCallTarget.objects.filter(uuid__in=list(answered_ids), acknowledged_at__isnull=True):
        when = answered.filter(source_id=str(target.uuid)).order_by("acknowledged_at").first().acknowledged_at
        acknowledge(target, actor=None, now=when, via="link")
    missed = 0
    for target in RollCallTarget.objects.filter(result=R.PENDING, roll_call__deadline__lte=now):
        with transaction.atomic():
            RollCallTarget.objects.filter(pk=target.pk, result=R.PENDING).update(result=R.MISSED)
            publish("duty.rollcall_missed",
                    {"uuid": str(target.uuid), "title": _("点名未应答：%(o)s") % {"o": target.organization.name}},
                    aggregate=target, region=target.region, key=f"duty.rollcall_missed:{target.uuid}")
        missed += 1
    return {"roll_calls_missed": missed}


def monthly_stats(month, region) -> list[dict]:
    """Per unit: how many roll calls it got in the month, and how it answered."""
    start = timezone.make_aware(datetime(month.year, month.month, 1))
    end = timezone.make_aware(datetime(month.year + month.month // 12, month.month % 12 + 1, 1))
    rows = (RollCallTarget.objects.filter(roll_call__sent_at__gte=start, roll_call__sent_at__lt=end,
                                          region__path__startswith=region.path)
            .values("organization__code", "organization__name")
            .annotate(total=Count("id"), on_time=Count("id", filter=Q(result=R.ON_TIME)),
                      late=Count("id", filter=Q(result=R.LATE)), missed=Count("id", filter=Q(result=R.MISSED)))
            .order_by("organization__code"))
    return [{**row, "rate": round(100 * row["on_time"] / row["total"], 1) if row["total"] else 0} for row in rows]
