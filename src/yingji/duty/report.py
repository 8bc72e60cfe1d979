"""The daily duty report (值班日报): who was on duty, calls and incidents, warnings, instructions and their
status, roll-call results and handovers — as tables, and as a DOCX in the official layout."""

from datetime import date

from django.utils.translation import gettext as _

from yingji.core.documents import Heading, OfficialDocument, Table, chinese_date, render_docx
from yingji.core.timefmt import SHORT, TIME, local_text

from . import linked
from .choices import LogKind
from .models import Handover, Instruction, LogEntry, RollCallTarget, Shift
from .shifts import day_bounds

ISSUER = "遂宁市船山区应急管理局"


def _hm(value) -> str:
    return local_text(value, TIME, empty="")


def _dhm(value) -> str:
    return local_text(value, SHORT, empty="")


def build(day: date, region) -> list:
    """The report's blocks (headings, paragraphs, tables), shared by the page and the DOCX."""
    start, end = day_bounds(day)
    in_region = {"region__path__startswith": region.path}
    shifts = Shift.objects.filter(start__lt=end, end__gt=start, post__role__in=("leader", "chief", "officer"),
                                  **in_region).select_related("post", "person").order_by("post__order", "start")
    calls = LogEntry.objects.filter(at__gte=start, at__lt=end, kind__in=(LogKind.CALL_IN, LogKind.CALL_OUT),
                                    **in_region).order_by("at")
    incidents = linked.incidents_received(region, start, end)
    instructions = Instruction.objects.filter(received_at__lt=end, **in_region).exclude(completed_at__lt=start)
    targets = RollCallTarget.objects.filter(roll_call__sent_at__gte=start, roll_call__sent_at__lt=end,
                                            **in_region).select_related("organization", "roll_call")
    handovers = Handover.objects.filter(due_at__gte=start, due_at__lt=end, **in_region).select_related(
        "post", "outgoing_shift", "author", "accepted_by")
    warnings = linked.warnings_during(region, start, end)
    return [
        Heading(_("一、值班人员")),
        Table([_("岗位"), _("班次"), _("时间"), _("值班人员")],
              [[s.post.name, s.label, f"{_dhm(s.start)}—{_dhm(s.end)}", s.person.name if s.person else _("空岗")]
               for s in shifts]),
        Heading(_("二、来电去电与接报事件")),
        _("当日记录来电去电 %(c)d 次，接报突发事件 %(i)d 起。") % {"c": len(calls), "i": len(incidents)},
        Table([_("时间"), _("类别"), _("对方"), _("内容"), _("关联事件")],
              [[_hm(c.at), c.get_kind_display(), c.counterpart, c.summary, c.incident_label] for c in calls]),
        Table([_("接报时间"), _("事件"), _("状态")],
              [[_hm(i.received_at), i.name, i.get_status_display()] for i in incidents]),
        Heading(_("三、预警信息")),
        "；".join(f"{w['name']}（{w['level']}）" for w in warnings) or _("当日无生效中的预警信息。"),
        Heading(_("四、上级指示批示及落实情况")),
        Table([_("接收时间"), _("指示人"), _("内容"), _("时限"), _("状态")],
              [[_dhm(i.received_at), i.issuer, i.text, _dhm(i.due_at), i.get_status_display()]
               for i in instructions.order_by("received_at")]),
        Heading(_("五、点名抽查情况")),
        Table([_("点名时间"), _("单位"), _("结果"), _("应答时间")],
              [[_hm(t.roll_call.sent_at), t.organization.short_name or t.organization.name, t.get_result_display(),
                _hm(t.acknowledged_at)] for t in targets.order_by("roll_call__sent_at", "organization__code")]),
        Heading(_("六、交接班情况")),
        Table([_("岗位"), _("交班班次"), _("交班人"), _("接班人"), _("状态")],
              [[h.post.name, h.outgoing_shift.label, h.author.display_name if h.author else "",
                h.accepted_by.display_name if h.accepted_by else "", h.get_status_display()] for h in handovers]),
    ]


def title(day: date) -> str:
    return _("船山区应急管理局值班日报（%(d)s）") % {"d": chinese_date(day)}


def docx(day: date, region) -> bytes:
    document = OfficialDocument(title=title(day), issuer=ISSUER, date=day, mark=_("船山区应急值班信息"),
                                number=_("值班日报〔%(y)d〕%(n)d号") % {"y": day.year, "n": day.timetuple().tm_yday},
                                recipient=_("区委、区政府值班室，局领导"), blocks=build(day, region))
    return render_docx(document)
