"""企业自查提醒: an enterprise account's to-do inbox holds 待开展企业自查 when its unit (one a check list fits) has not
submitted a self-check for `interval_days` (default 30; `YINGJI_SELFCHECK_REMINDER='{"interval_days": 15}'`). The
interval is the bureau's choice, not a rule of STANDARDS.md, hence configurable. Other accounts get nothing (one
cheap check of the role: the inbox badge asks on every page)."""

import datetime as dt
from dataclasses import dataclass
from functools import cache

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.env_config import from_environment
from yingji.core.extensions import TodoItem

from .models import Enterprise, SelfCheck
from .models.base import ENTERPRISE_ROLE, bound_enterprise_id
from .models.selfchecks import SessionState, check_sector


@dataclass(frozen=True)
class ReminderConfig:
    interval_days: int = 30


@cache
def get_config() -> ReminderConfig:
    return from_environment(ReminderConfig, "YINGJI_SELFCHECK_REMINDER")


def _moment(day: dt.date, end=False):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59) if end else dt.time(0, 0)))


def due_items(user, today=None) -> list[TodoItem]:
    if getattr(user, "role", None) != ENTERPRISE_ROLE or not user.has_perm("prevention.add_selfcheck"):
        return []
    enterprise = Enterprise.objects.filter(pk=bound_enterprise_id(user) or 0, status="active").first()
    if enterprise is None or check_sector(enterprise) is None:
        return []
    today = today or timezone.localdate()
    interval = get_config().interval_days
    last = SelfCheck.objects.filter(enterprise=enterprise, state=SessionState.SUBMITTED).aggregate(
        last=Max("checked_on"))["last"]
    if last is not None and (today - last).days < interval:
        return []
    if last is None:
        title = _("%(e)s：尚未开展企业自查") % {"e": enterprise.name}
    else:
        title = _("%(e)s：上次自查 %(d)s，已满 %(n)d 天") % {"e": enterprise.name, "d": last.isoformat(), "n": interval}
    due = last + dt.timedelta(days=interval) if last else today
    return [TodoItem(title=title, url=reverse("prevention:selfcheck-start"), kind=_("待开展企业自查"),
                     due_at=_moment(due, end=True), waiting_since=_moment(due))]
