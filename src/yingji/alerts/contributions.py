"""What the alerts app contributes to the platform (core.extensions), registered from apps.py: its menu,
the warnings-in-force map layer, the warning-reach indicator, the warnings waiting for the user's review or
signature in the to-do inbox (and the notice to those who can act), and its demo data."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yingji.core import extensions as ext
from yingji.core.scoping import scope_to_user


def _reach(user) -> dict:
    from .delivery import REACH_TARGET, reach_rate
    from .models import Warning

    figures = reach_rate(warnings=scope_to_user(Warning.objects.all(), user))
    percent = figures["percent"]
    return {"value": None if percent is None else round(percent, 1), "unit": "%",
            "meets": None if percent is None else percent > 100 * REACH_TARGET, "url": reverse("alerts:list")}


def _waiting(user):
    """The warnings in the user's jurisdiction waiting for a step this user may take (the workflow's rules:
    the reviewer is not the author, the signer neither author nor reviewer, 补充审核 not by the publisher)."""
    from django.db.models import Q

    from .models import Warning
    from .models import WarningStatus as S
    from .workflows import REVIEW, SIGN

    steps = Q(pk__in=[])
    if user.has_perm(REVIEW):
        steps |= Q(status=S.PENDING_REVIEW) & ~Q(author=user)
        steps |= Q(status=S.PUBLISHED, urgent=True, retro_approver__isnull=True) & ~Q(author=user) & ~Q(publisher=user)
    if user.has_perm(SIGN):
        steps |= Q(status=S.PENDING_SIGN) & ~Q(author=user) & ~Q(reviewer=user)
    return scope_to_user(Warning.objects.filter(steps), user)


def _item(warning) -> ext.TodoItem:
    from .presenters import next_step

    _event, action = next_step(warning)
    return ext.TodoItem(title=warning.headline, url=reverse("alerts:detail", kwargs={"uuid": warning.uuid}),
                        kind=_("%(a)s预警") % {"a": action}, waiting_since=warning.updated)


def _warnings_to_act_on(user) -> list[ext.TodoItem]:
    return [_item(warning) for warning in _waiting(user).order_by("updated")[:50]]


def _notice(event):
    """After 提交审核, 审核通过 or 急发: the warning and the people who may take its next step."""
    from yingji.core.actors import who_may

    from .models import Warning
    from .presenters import next_step
    from .workflows import WARNING_FLOW

    warning = Warning.objects.filter(uuid=event.payload.get("uuid")).select_related("region").first()
    step = next_step(warning) if warning is not None else None
    if step is None:
        return None
    return ext.TodoNotice(_item(warning), tuple(who_may(WARNING_FLOW, warning, step[0])))


def _incoming_followups(user) -> list[ext.TodoItem]:
    """Upstream cancelled or updated a message whose local reissue is still in force (alerts.incoming.prompts)."""
    from .incoming import prompts
    from .models import Warning

    if not user.has_perm("alerts.add_incomingcap"):
        return []
    mine = prompts().filter(reissued_as__in=scope_to_user(Warning.objects.all(), user).values("pk"))
    return [ext.TodoItem(title=r.notice, url=reverse("alerts:detail", kwargs={"uuid": r.reissued_as.uuid}),
                         kind=_("上级预警变更"), waiting_since=r.replaced_by.received if r.replaced_by_id else None)
            for r in mine[:50]]


def register() -> None:
    from .layers import LEGEND, warnings_in_force

    group = _("预警发布")
    for title, url_name, permission in ((_("预警信息"), "alerts:list", "alerts.view_warning"),
                                        (_("制作预警"), "alerts:new", "alerts.add_warning"),
                                        (_("上级预警（CAP）"), "alerts:incoming", "alerts.view_incomingcap"),
                                        (_("防御指南模板"), "alerts:guidance", "alerts.view_guidancetemplate"),
                                        (_("公众预警页面"), "cap:public", "")):
        ext.NAVIGATION.add(ext.NavItem(group, title, url_name, permission))
    ext.MAP_LAYERS.add(ext.MapLayer(slug="alerts-in-force", title=_("生效中的预警"), group=group,
                                    features=warnings_in_force, color="#d9001b", geometry="polygon",
                                    permission="alerts.view_warning", order=5, legend=LEGEND))
    ext.INDICATORS.add(ext.Indicator("2.5", _("预警信息公众覆盖率"), "＞98%", "%", _("预期性"),
                                     _("近 30 天已发布预警中，送达的公众订阅者 ÷ 应送公众订阅者"), _reach))
    ext.TODO_PROVIDERS.add(ext.TodoProvider(
        "alerts.warnings", _("待审核、签发的预警"), _warnings_to_act_on, order=20,
        count=lambda user: _waiting(user).count(),
        notify_on=("warning.submit", "warning.review", "warning.urgent"), notice=_notice))
    ext.TODO_PROVIDERS.add(ext.TodoProvider("alerts.incoming_followups", _("上级预警的更新与解除"),
                                            _incoming_followups, order=21))
    ext.DEMO_LOADERS.add(ext.DemoLoader("alerts", "yingji.alerts.demo.load", order=50))
