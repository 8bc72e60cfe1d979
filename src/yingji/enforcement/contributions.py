"""What the enforcement app contributes to the platform (core.extensions), registered from apps.py: its menu, the
map layer of the targets by this year's result, inspection tasks waiting for the inspector's results in the to-do
inbox, and its demo data."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _lazy

from yingji.core import extensions as ext
from yingji.core.scoping import scope_to_user


def _waiting(user):
    from .choices import TaskState
    from .models import InspectionTask

    if not user.has_perm("enforcement.inspect_task"):
        return InspectionTask.objects.none()
    tasks = InspectionTask.objects.filter(state=TaskState.ASSIGNED).exclude(status="cancelled")
    if getattr(user, "role", "") == "inspector":
        tasks = tasks.filter(lead_inspector__user=user) | tasks.filter(second_inspector__user=user)
    return scope_to_user(tasks, user)


def _task_items(user) -> list[ext.TodoItem]:
    return [ext.TodoItem(title=t.name, url=reverse("enforcement:onsite", kwargs={"uuid": t.uuid}),
                         kind=str(_lazy("录入检查结果")), waiting_since=t.created)
            for t in _waiting(user).order_by("created")[:50]]


def _offline_pages(user) -> list[str]:
    """Kept by the site's service worker for use without a signal: the task calendar and the on-site form of each
    task waiting for this inspector (the soonest first); nothing for those who do not record inspections."""
    if not user.has_perm("enforcement.inspect_task"):
        return []
    uuids = _waiting(user).order_by("due_on", "created").values_list("uuid", flat=True)[:40]
    return [reverse("enforcement:my-calendar"),
            *(reverse("enforcement:onsite", kwargs={"uuid": uuid}) for uuid in uuids)]


def _unpublished(user):
    from .publication import PUBLISH, awaiting

    return awaiting(user) if user.has_perm(PUBLISH) else awaiting().none()


def _publication_items(user) -> list[ext.TodoItem]:
    """Each inspected 双随机 result to publish, due at 24:00 of its 20th working day."""
    import datetime as dt

    from django.utils import timezone

    from .publication import deadline

    url, items = reverse("enforcement:publication"), []
    for task in _unpublished(user)[:50]:
        end = deadline(task)
        due = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
        items.append(ext.TodoItem(title=str(_lazy("公示抽查结果：%(t)s")) % {"t": task.target.name}, url=url,
                                  kind=str(_lazy("结果公示")), due_at=due, waiting_since=task.updated))
    return items


def _panels() -> None:
    from yingji.core.views_attachments import panel as attachments_panel

    from .views_cases import case_panel
    from .views_orders import hazard_links, task_panel

    ext.RECORD_PANELS.add(ext.RecordPanel("enforcement.case-steps", "enforcement.penaltycase",
                                          "enforcement/case_panel.html", case_panel))
    ext.RECORD_PANELS.add(attachments_panel("enforcement.penaltycase"))  # the evidence list (证据)
    ext.RECORD_PANELS.add(ext.RecordPanel("enforcement.task-documents", "enforcement.inspectiontask",
                                          "enforcement/task_panel.html", task_panel))
    ext.RECORD_PANELS.add(ext.RecordPanel("enforcement.hazard-order", "prevention.hazard", "",
                                          lambda user, record: None, links=hazard_links))


def _indicators() -> None:
    from . import indicators as i

    for code, name, target, attribute, formula, compute in (
        ("E.1", _lazy("年度监督检查计划完成率"), "100%", _lazy("预期性"),
         _lazy("本年已完成检查任务数 ÷ 本年已批准（发布）计划的计划检查次数"), i.plan_completion),
        ("E.2", _lazy("双随机抽查检查占比"), "—", _lazy("预期性"),
         _lazy("本年双随机抽查产生的已完成检查 ÷ 本年已完成检查"), i.drawn_share),
        ("E.3", _lazy("整改复查率"), "100%", _lazy("预期性"),
         _lazy("已复查的责令限期整改 ÷（已复查 + 已过整改期限未复查）"), i.recheck_rate),
        ("E.4", _lazy("执法人员持证上岗率"), "100%", _lazy("约束性"),
         _lazy("执法证在有效期内的在册执法人员 ÷ 在册执法人员"), i.certification_rate),
        ("E.5", _lazy("执法人员培训率"), "100%", _lazy("约束性"),
         _lazy("本年度培训学时达标的在册执法人员 ÷ 在册执法人员"), i.training_rate),
        ("E.6", _lazy("双随机抽查结果按时公示率"), "100%", _lazy("约束性"),
         _lazy("检查后20个工作日内公示的结果 ÷（已公示 + 已过公示期限未公示），本年双随机抽查"), i.publication_rate),
        ("E.7", _lazy("“互联网+执法”占比"), "—", _lazy("预期性"),
         _lazy("本年通过移动执法现场检查页面（现场定位、当事人签名）录入的检查 ÷ 本年已完成检查"), i.internet_share),
    ):
        ext.INDICATORS.add(ext.Indicator(code, name, target, "%", attribute, formula, compute, order=200))
    ext.INDICATORS.add(ext.Indicator(  # the plan's own 3.7 (表3)
        "3.7", _lazy("“互联网+执法”检查事项网上办理率"), "100%", "%", _lazy("约束性"),
        _lazy("本年已检查或已过计划检查日期的检查任务中，在系统内逐项录入检查结果的 ÷ 这些检查任务"), i.online_rate))


def register() -> None:
    from yingji.core.attachments import add_kind

    from .layers import register_layers
    from .onsite import KINDS

    for code, label in KINDS.items():
        add_kind(code, label)
    _indicators()
    register_layers()
    _panels()
    ext.NAVIGATION.add(ext.NavItem(_lazy("执法检查"), _lazy("双随机抽查"), "enforcement:draws",
                                   "enforcement.view_draw", order=10))
    ext.TODO_PROVIDERS.add(ext.TodoProvider("enforcement.tasks", _lazy("待检查任务"), _task_items, order=45,
                                            count=lambda user: _waiting(user).count()))
    ext.TODO_PROVIDERS.add(ext.TodoProvider("enforcement.publication", _lazy("待公示抽查结果"), _publication_items,
                                            order=46, count=lambda user: _unpublished(user).count()))
    ext.NAVIGATION.add(ext.NavItem(_lazy("执法检查"), _lazy("我的检查任务"), "enforcement:my-calendar",
                                   "enforcement.view_inspectiontask", order=11))
    ext.NAVIGATION.add(ext.NavItem(_lazy("执法检查"), _lazy("抽查结果公示"), "enforcement:publication",
                                   "enforcement.view_inspectiontask", order=12))
    ext.NAVIGATION.add(ext.NavItem(_lazy("执法检查"), _lazy("我的检查任务地图"), "enforcement:my-map",
                                   "enforcement.view_inspectiontask", order=11))
    # scope: the app's URL prefix (yingji/urls.py mounts each domain app at /<app>/)
    ext.OFFLINE_PAGES.add(ext.OfflinePages("enforcement.onsite", "/enforcement/", _offline_pages))
    ext.DEMO_LOADERS.add(ext.DemoLoader("enforcement", "yingji.enforcement.demo.load", order=80))
