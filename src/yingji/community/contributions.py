"""What the community app contributes to the platform (core.extensions), registered from apps.py: its menu,
indicator 3.3 (应急救援人员受专业培训率), volunteers waiting for review in the to-do inbox, the review panel on a
volunteer's page, the call-out panel on the incident page, and its demo data."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _lazy

from yingji.core import extensions as ext
from yingji.core.scoping import scope_to_user

MENU = _lazy("社会力量与培训")


def _training_rate(user) -> dict:
    from .indicators import training_rate

    figures = training_rate(user)
    return {"value": figures["percent"], "unit": "%", "meets": figures["total"] > 0 and figures["percent"] >= 100,
            "url": reverse("registry:community-training-records-list")}


def _knowledge(kind):
    def compute(user) -> dict:
        from .surveys import knowledge_rates

        figures = knowledge_rates(user)[kind]
        value = figures["percent"]
        return {"value": value, "unit": "%", "meets": None if value is None else value >= figures["target"],
                "of": f"{figures['knows']}/{figures['total']}", "url": reverse("community:survey-results")}

    return compute


def _my_invitations(user):
    from .choices import Response
    from .mine import my_volunteer
    from .models import CallOutEntry

    volunteer = my_volunteer(user)
    if volunteer is None:
        return CallOutEntry.objects.none()
    return CallOutEntry.objects.filter(volunteer=volunteer, response=Response.INVITED).select_related(
        "callout", "callout__incident")


def _my_invitation_items(user) -> list[ext.TodoItem]:
    return [ext.TodoItem(title=f"{e.callout.incident.name}：{e.callout.task}", url=reverse("community:mine"),
                         kind=str(_lazy("志愿者召集待回复")), waiting_since=e.callout.created)
            for e in _my_invitations(user).order_by("callout__created")[:50]]


def _pending(user):
    from .choices import ReviewState
    from .models import Volunteer

    if not user.has_perm("community.review_volunteer"):
        return Volunteer.objects.none()
    return scope_to_user(Volunteer.objects.filter(review_state=ReviewState.PENDING), user)


def _pending_items(user) -> list[ext.TodoItem]:
    return [ext.TodoItem(title=v.name, url=reverse("registry:community-volunteers-detail", kwargs={"uuid": v.uuid}),
                         kind=str(_lazy("审核志愿者注册")), waiting_since=v.created)
            for v in _pending(user).order_by("created")[:50]]


def _panels() -> None:
    from .panels import callout_links, callout_panel, review_panel

    ext.RECORD_PANELS.add(ext.RecordPanel("community.volunteer-review", "community.volunteer",
                                          "community/volunteer_panel.html", review_panel))
    ext.INCIDENT_PANELS.add(ext.IncidentPanel("community.callouts", "community/callout_panel.html", callout_panel,
                                              links=callout_links, order=80))


def register() -> None:
    ext.NAVIGATION.add(ext.NavItem(MENU, _lazy("在线考试"), "community:exams", "", order=20))
    ext.NAVIGATION.add(ext.NavItem(MENU, _lazy("志愿者注册（公众）"), "community:volunteer-signup",
                                   "community.view_volunteer", order=30))
    ext.NAVIGATION.add(ext.NavItem(MENU, _lazy("我的志愿服务"), "community:mine", "community.serve_as_volunteer",
                                   order=10))
    ext.NAVIGATION.add(ext.NavItem(MENU, _lazy("我的信息员工作"), "community:officer-desk",
                                   "prevention.add_patrolvisit", order=11))
    ext.NAVIGATION.add(ext.NavItem(MENU, _lazy("应急知识问卷（公众）"), "community:surveys",
                                   "community.view_knowledgesurvey", order=40))
    ext.NAVIGATION.add(ext.NavItem(MENU, _lazy("应急知识普及率"), "community:survey-results",
                                   "community.view_surveyresponse", order=41))
    _panels()
    ext.INDICATORS.add(ext.Indicator("3.3", _lazy("应急救援人员受专业培训率"), "100%", "%", _lazy("约束性"),
                                     _lazy("有有效期内培训记录的救援队伍队员 ÷ 救援队伍队员总数"), _training_rate))
    for code, kind, name, target, attribute in (
            ("C.1", "public", _lazy("公众应急知识普及率（问卷调查）"), "≥80%", _lazy("预期性")),
            ("C.2", "student", _lazy("学生应急知识普及率（问卷调查）"), "100%", _lazy("预期性"))):
        ext.INDICATORS.add(ext.Indicator(code, name, target, "%", attribute,
                                         _lazy("本年问卷中得分达到掌握标准的受访者 ÷ 受访者（按类别）"),
                                         _knowledge(kind), order=200))
    from .indicators import register as register_indicators  # the plan's 3.6 from the knowledge surveys

    register_indicators()
    ext.TODO_PROVIDERS.add(ext.TodoProvider("community.my-callouts", _lazy("志愿者召集待回复"),
                                            _my_invitation_items, order=61,
                                            count=lambda user: _my_invitations(user).count()))
    ext.TODO_PROVIDERS.add(ext.TodoProvider("community.volunteers", _lazy("待审核志愿者"), _pending_items,
                                            order=60, count=lambda user: _pending(user).count()))
    ext.DEMO_LOADERS.add(ext.DemoLoader("community", "yingji.community.demo.load", order=95))
