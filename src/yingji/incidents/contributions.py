"""What the incidents app contributes to the platform (core.extensions), registered from apps.py: its menu,
its timeline kinds, the reports waiting for the user's signature in the to-do inbox, and its demo data."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from yingji.core import extensions as ext
from yingji.core.scoping import scope_to_user

from .choices import POSTABLE_KINDS, TIMELINE_ICONS, ReportStatus, TimelineKind
from .workflows import SIGN


def _pending_reports(user):
    from .models import SituationReport

    if not user.has_perm(SIGN):
        return SituationReport.objects.none()
    return scope_to_user(SituationReport.objects.filter(status=ReportStatus.PENDING), user).exclude(author=user)


def _report_item(report) -> ext.TodoItem:
    return ext.TodoItem(title=f"{report.incident.name} · {report.kind_label}",
                        url=reverse("incidents:report", kwargs={"uuid": report.uuid}), kind=_("签发报告"),
                        waiting_since=report.created)


def _reports_to_sign(user) -> list[ext.TodoItem]:
    return [_report_item(report) for report in _pending_reports(user).select_related("incident").order_by(
        "created")[:50]]


def _report_notice(event):
    """After 提交签发: the report and the people who may sign it (not its author)."""
    from yingji.core.actors import who_may

    from .models import SituationReport
    from .workflows import REPORT_FLOW

    report = SituationReport.objects.filter(uuid=event.payload.get("uuid")).select_related("incident").first()
    return report and ext.TodoNotice(_report_item(report), tuple(who_may(REPORT_FLOW, report, "sign")))


def register() -> None:
    group = _lazy("应急处置")
    for title, url_name, permission in ((_lazy("事件接报"), "incidents:new", "incidents.add_incident"),
                                        (_lazy("突发事件"), "incidents:list", "incidents.view_incident"),
                                        (_lazy("指挥大屏"), "incidents:board", "incidents.view_incident"),
                                        (_lazy("群众报警页面"), "incidents:public-report", "")):
        ext.NAVIGATION.add(ext.NavItem(group, title, url_name, permission))
    for order, kind in enumerate(TimelineKind):
        ext.TIMELINE_KINDS.add(ext.TimelineKind(kind.value, kind.label, TIMELINE_ICONS[kind.value],
                                                postable=kind in POSTABLE_KINDS, order=order))
    ext.TODO_PROVIDERS.add(ext.TodoProvider("incidents.reports_to_sign", _lazy("待签发报告"), _reports_to_sign,
                                            order=10, count=lambda user: _pending_reports(user).count(),
                                            notify_on=("report.submit",), notice=_report_notice))
    ext.DEMO_LOADERS.add(ext.DemoLoader("incidents", "yingji.incidents.demo.load", order=30))
    _indicators()


def _indicators() -> None:
    """The plan's 2.1 and 2.2 from natural-disaster incidents (incidents/indicators.py)."""
    from . import indicators as i

    ext.INDICATORS.add(ext.Indicator("2.1", _lazy("年均每百万人口因灾死亡率"), "<1", _lazy("人/百万人"),
                                     _lazy("预期性"),
                                     _lazy("自最早有记录之年至今年，每年自然灾害死亡、失踪人数（事件及历史灾害登记）"
                                           "之年均 ÷ 辖区乡镇常住人口 × 1000000"),
                                     i.disaster_deaths))
    ext.INDICATORS.add(ext.Indicator("2.2", _lazy("年均每十万人受灾人次"), "<15000", _lazy("人次/十万人"),
                                     _lazy("预期性"),
                                     _lazy("自最早有记录之年至今年，每年自然灾害受灾人次（事件及历史灾害登记）"
                                           "之年均 ÷ 辖区乡镇常住人口 × 100000"),
                                     i.affected_rate))
