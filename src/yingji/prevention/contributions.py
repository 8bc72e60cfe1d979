"""What the prevention app contributes to the platform (core.extensions), registered from apps.py: its menu and
map layers, indicator 1.4, hazards waiting for the user's step in the to-do inbox, and its demo data."""

from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from yingji.core import extensions as ext
from yingji.core.scoping import scope_to_user


def _standardisation(user) -> dict:
    from .dashboard import standardisation

    figures = standardisation(user)
    return {"value": figures["percent"], "unit": "%", "meets": figures["total"] > 0 and figures["percent"] >= 100,
            "url": reverse("prevention:dashboard")}


def _waiting(user):
    """Hazards whose next step the user may take: the states whose step needs a permission the user holds."""
    from .models import Hazard
    from .workflows import WAITING

    states = [state for state, perm in WAITING.items() if user.has_perm(perm)]
    return scope_to_user(Hazard.objects.filter(state__in=states), user) if states else Hazard.objects.none()


def _hazard_items(user) -> list[ext.TodoItem]:
    from yingji.core.registry import registry_for

    from .models import Hazard

    url = registry_for(Hazard).url_name("detail")
    return [ext.TodoItem(title=h.name, url=reverse(url, kwargs={"uuid": h.uuid}), kind=_kind(h),
                         due_at=_end_of(h.deadline), waiting_since=h.updated)
            for h in _waiting(user).order_by("updated")[:50]]


def _kind(hazard) -> str:
    """The state, and the deadline clock when it is amber or red: “整改中 · 临期”, “申请验收 · 逾期”."""
    from .clocks import RUNNING, clock_of

    clock = clock_of(hazard)
    state = hazard.get_state_display()
    return f"{state} · {clock.label}" if clock is not None and clock.state != RUNNING else state


def _register_loop() -> None:
    """The hazard page's steps and the incident page's hazards, the escalation of overdue major hazards (every
    10 minutes) and the 挂牌督办 leaders' list."""
    from .escalation import escalate_overdue
    from .hazard_panels import register as register_panels

    register_panels()
    ext.PERIODIC_HOOKS.add(ext.PeriodicHook("prevention.hazard_escalation", escalate_overdue, every_seconds=600))
    ext.NAVIGATION.add(ext.NavItem(_lazy("双重预防"), _lazy("挂牌督办重大隐患"), "prevention:supervision",
                                   "prevention.list_supervised", order=30))


def _end_of(day):
    """A 整改期限 (a date) as the end of that day in the district's zone: the inbox shows and sorts moments."""
    return timezone.make_aware(datetime.combine(day, time(23, 59))) if day else None


def _register_documents() -> None:
    """Download buttons on the enterprise page (一报告, 一表, 清单) and on a supervised hazard's (督办通知书)."""
    from .views_documents import enterprise_links, hazard_links

    for key, model, links in (("prevention.enterprise-documents", "prevention.enterprise", enterprise_links),
                              ("prevention.hazard-documents", "prevention.hazard", hazard_links)):
        ext.RECORD_PANELS.add(ext.RecordPanel(key, model, "", lambda user, record: None, links=links))


def _selfcheck_links(user, session):
    from .views_selfchecks import session_links

    return session_links(user, session)


def _selfcheck_items(user):
    from .selfcheck_reminders import due_items

    return due_items(user)


def _offline_patrol_pages(user) -> list[str]:
    """Kept by the site's service worker for use without a signal: 我的巡查任务 and the patrol page of each open task
    of this grid worker or information officer (the soonest first), so a task given this morning opens in a village
    with no signal although it was never opened; nothing for an account with no open patrol task."""
    if not user.has_perm("prevention.add_patrolvisit"):
        return []
    from .models.patrols import PatrolState, PatrolTask

    uuids = (scope_to_user(PatrolTask.objects.filter(worker_id=user.pk).exclude(state=PatrolState.DONE), user)
             .order_by("starts_on", "id").values_list("uuid", flat=True)[:40])
    if not uuids:  # no open task (e.g. a commander, who may patrol but has none): no worker at all
        return []
    return [reverse("prevention:my-patrols"), *(reverse("prevention:patrol", kwargs={"uuid": uuid}) for uuid in uuids)]


def _enterprises_named(user, codes) -> dict[str, dict]:
    """An enterprise by its code (a census exposed asset's 关联企业编码)."""
    from yingji.core.registry import registry_for

    from .models import Enterprise

    codes = [c.strip() for c in codes if c and c.strip()]
    if not codes:
        return {}
    enterprises = Enterprise.objects.filter(code__in=codes).only("uuid", "code", "name", "region_id")
    if user is not None:
        enterprises = scope_to_user(enterprises, user) if user.has_perm("prevention.view_enterprise") \
            else enterprises.none()
    detail = registry_for(Enterprise).url_name("detail")
    return {e.code: {"code": e.code, "name": e.name, "url": reverse(detail, kwargs={"uuid": e.uuid})}
            for e in enterprises}


def _enterprises_like(user, text, limit) -> list[dict]:
    from django.db.models import Q

    from .models import Enterprise

    if not user.has_perm("prevention.view_enterprise"):
        return []
    enterprises = scope_to_user(Enterprise.objects.all(), user)
    if text:
        enterprises = enterprises.filter(Q(code__icontains=text) | Q(name__icontains=text))
    return [{"code": c, "name": n} for c, n in enterprises.order_by("code").values_list("code", "name")[:limit]]


def register() -> None:
    from yingji.core.views_attachments import panel as attachments_panel

    from . import monitoring_bridge  # noqa: F401  (its outbox consumer: monitoring alarms into hazards)
    from .layers import register_layers

    ext.NAVIGATION.add(ext.NavItem(_lazy("双重预防"), _lazy("双重预防看板"), "prevention:dashboard",
                                   "prevention.view_hazard", order=10))
    register_layers()
    ext.CODE_REFERENCES.add(ext.CodeReference("prevention.enterprise", _lazy("企业"), _enterprises_named,
                                              _enterprises_like))
    _register_loop()
    ext.RECORD_PANELS.add(attachments_panel("prevention.hazard"))  # before/after photos, documents
    ext.NAVIGATION.add(ext.NavItem(_lazy("双重预防"), _lazy("我的巡查任务"), "prevention:my-patrols",
                                   "prevention.add_patrolvisit", order=15))
    ext.OFFLINE_PAGES.add(ext.OfflinePages("prevention.patrols", "/prevention/patrols/", _offline_patrol_pages))
    ext.NAVIGATION.add(ext.NavItem(_lazy("双重预防"), _lazy("企业自查"), "prevention:selfcheck-start",
                                   "prevention.add_selfcheck", order=15))
    ext.RECORD_PANELS.add(ext.RecordPanel("prevention.selfcheck-page", "prevention.selfcheck", "",
                                          lambda user, record: None, links=_selfcheck_links))
    ext.NAVIGATION.add(ext.NavItem(_lazy("双重预防"), _lazy("隐患统计分析"), "prevention:statistics",
                                   "prevention.view_hazard", order=20))
    _register_documents()
    ext.INDICATORS.add(ext.Indicator("1.4", _lazy("重点行业领域企业安全标准化建设率"), "100%", "%", _lazy("约束性"),
                                     _lazy("安全生产标准化证书在有效期内的重点行业领域企业 ÷ 重点行业领域企业总数"),
                                     _standardisation))
    ext.TODO_PROVIDERS.add(ext.TodoProvider("prevention.hazards", _lazy("待办隐患"), _hazard_items, order=40,
                                            count=lambda user: _waiting(user).count()))
    ext.TODO_PROVIDERS.add(ext.TodoProvider("prevention.selfchecks", _lazy("企业自查提醒"), _selfcheck_items,
                                            order=41))
    ext.DEMO_LOADERS.add(ext.DemoLoader("prevention", "yingji.prevention.demo.load", order=70))

