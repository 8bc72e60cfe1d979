"""我的信息员工作: the page of a disaster information officer (灾害信息员) or grid worker (网格员) signed in with the
account the roster links to them. It shows their roster entry (level, area, unit) and their patrol tasks — prevention's
patrol tasks, given to that account — each opening prevention's mobile patrol page, the offline-safe report form
(web/static/web/offline-forms.js: queued in the phone when there is no network, sent when it is back, once) that
records the visit against the task, files a hazard found in the task's area and, ticked, completes the task. The
report form is not repeated here: one form, one queue."""

from .models import InfoOfficer


def my_officer(user) -> InfoOfficer | None:
    """The roster entry linked to the account (the newest, should the bureau have linked two)."""
    if not getattr(user, "pk", None):
        return None
    return InfoOfficer.objects.filter(user=user).select_related("region").order_by("-created").first()


def my_patrol_tasks(user) -> list:
    """The account's own patrol tasks, open ones first (prevention.patrols.my_tasks: never another's)."""
    from yingji.prevention.patrols import my_tasks

    return my_tasks(user)


def state_of(officer, tasks) -> dict:
    from django.urls import reverse

    return {
        "officer": {"code": officer.code, "name": officer.name, "level": officer.level,
                    "level_label": officer.get_level_display(), "region": officer.region.code,
                    "region_name": officer.region.name, "organization": officer.organization},
        "tasks": [{"uuid": str(t.uuid), "code": t.code, "name": t.name, "region": t.region.code,
                   "region_name": t.region.name, "starts_on": t.starts_on, "ends_on": t.ends_on, "state": t.state,
                   "state_label": t.get_state_display(), "visits": t.visits.count(),
                   "report_url": reverse("prevention:patrol", kwargs={"uuid": t.uuid})} for t in tasks],
    }
