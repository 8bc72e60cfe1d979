"""What the services app contributes (core.extensions), registered from apps.py: its menu, three to-do groups (cases
waiting for the bureau by their clock; 危化品 enterprises without today's safety commitment, for the township; an
enterprise's own duties: today's commitment and returned filings), and its demo data (order 100, after prevention
and enforcement)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from yingji.core import extensions as ext

MENU = _lazy("企业服务")


def _waiting_cases(user):
    from .cases import HANDLE, visible_cases
    from .choices import CaseState

    if not user.has_perm(HANDLE) or getattr(user, "role", "") == "enterprise":
        return visible_cases(user).none()
    return visible_cases(user).filter(state__in=(CaseState.SUBMITTED, CaseState.ACCEPTED, CaseState.SITE_CHECKED,
                                                 CaseState.APPROVED))


def _case_items(user) -> list[ext.TodoItem]:
    return [ext.TodoItem(title=f"{c.code} {c.title}", url=reverse("services:case", kwargs={"uuid": c.uuid}),
                         kind=str(c.get_state_display()), due_at=c.deadline, waiting_since=c.submitted_at)
            for c in _waiting_cases(user).order_by("deadline")[:50]]


def _missing(user):
    from .commitments import missing_today
    from .models import SafetyCommitment

    if getattr(user, "role", "") not in ("township_admin", "commander") or not user.has_perm(
            "services.view_safetycommitment"):
        return SafetyCommitment.objects.none().values("enterprise")  # an empty queryset either way
    return missing_today(user)


def _missing_items(user) -> list[ext.TodoItem]:
    url = reverse("services:commitment")
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return [ext.TodoItem(title=e.name, url=url, kind=str(_lazy("未作安全承诺")), waiting_since=start)
            for e in _missing(user)[:50]]


def _own_items(user) -> list[ext.TodoItem]:
    from .enterprises import bound_enterprise
    from .portal import duties

    enterprise = bound_enterprise(user)
    if enterprise is None:
        return []
    return [ext.TodoItem(title=str(d.title), url=d.url, kind=str(d.detail)[:40])
            for d in duties(user, enterprise) if d.kind in ("commitment", "filing", "drill", "licence")]


def register() -> None:
    for title, url_name, permission, order in (
            (_lazy("企业服务门户"), "services:home", "services.view_servicecase", 10),
            (_lazy("办件"), "services:cases", "services.view_servicecase", 20),
            (_lazy("应急预案备案"), "services:filing-new", "services.apply_servicecase", 30),
            (_lazy("安全承诺"), "services:commitment", "services.view_safetycommitment", 40),
            (_lazy("许可证"), "services:licences", "services.view_licence", 50),
            (_lazy("信用监管"), "services:credit", "services.manage_credit", 60),
            (_lazy("考试场次"), "services:exam-sessions", "services.view_examsession", 70)):
        ext.NAVIGATION.add(ext.NavItem(MENU, title, url_name, permission, order=order))
    ext.TODO_PROVIDERS.add(ext.TodoProvider("services.cases", _lazy("待办理的企业办件"), _case_items, order=60,
                                            count=lambda user: _waiting_cases(user).count()))
    ext.TODO_PROVIDERS.add(ext.TodoProvider("services.commitments", _lazy("今日未作安全承诺的企业"), _missing_items,
                                            order=61, count=lambda user: _missing(user).count()))
    ext.TODO_PROVIDERS.add(ext.TodoProvider("services.duties", _lazy("企业待办"), _own_items, order=62))
    ext.PERIODIC_HOOKS.add(ext.PeriodicHook("services.credit_supervision", _adjust_supervision, every_seconds=86400))
    ext.PERIODIC_HOOKS.add(ext.PeriodicHook("services.licence_reminders", _remind_licences, every_seconds=86400))
    ext.PERIODIC_HOOKS.add(ext.PeriodicHook("services.commitment_reminders", _remind_commitments,
                                            every_seconds=3600))
    ext.DEMO_LOADERS.add(ext.DemoLoader("services", "yingji.services.demo.load", order=100))


def _remind_licences():
    """Once a day: messages to enterprises whose licence reaches 90, 30 or 7 days before expiry."""
    from .licences import remind_expiring

    return remind_expiring()


def _remind_commitments():
    """Every hour: the principal accounts of enterprises whose commitment for the period is still missing near
    its end get a notice and an SMS, once a period (commitments.remind_missing)."""
    from .commitments import remind_missing

    return remind_missing()


def _adjust_supervision():
    """Once a day: the enforcement targets' 监管类别 follow the credit classes (supervision.py)."""
    from .supervision import adjust_targets

    return adjust_targets()
