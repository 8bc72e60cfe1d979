"""The consultation summary (会商纪要) as DOCX in the official-document layout (core.documents)."""

from django.utils import timezone

from yingji.core.documents import Heading, OfficialDocument, Table, chinese_date, render_docx

from .choices import InviteeKind


def _when(moment) -> str:
    local = timezone.localtime(moment)
    return f"{chinese_date(local.date())}{local:%H:%M}"


def summary(consultation) -> bytes:
    invitees = list(consultation.invitees.select_related("organization", "expert"))
    decisions = list(consultation.decisions.select_related("organization"))
    day = timezone.localtime(consultation.closed_at or consultation.scheduled_at).date()
    present = [i for i in invitees if i.attended]
    absent = [i for i in invitees if not i.attended]
    blocks = [
        f"{_when(consultation.scheduled_at)}，{consultation.convened_by.display_name}召集"
        f"{('“' + consultation.incident.name + '”') if consultation.incident_id else ''}研判会商"
        f"{('，地点：' + consultation.place) if consultation.place else ''}。现将会商情况纪要如下。",
        Heading("一、会商议题"),
        consultation.agenda,
        Heading("二、参会单位和人员"),
        Table(["类别", "单位或专家", "出席人", "确认时间"],
              [[InviteeKind(i.kind).label, i.name, i.attendee or "出席", _when(i.acknowledged_at)
                if i.acknowledged_at else "—"] for i in present] or [["—", "无", "—", "—"]]),
    ]
    if absent:
        blocks.append("未出席：" + "、".join(i.name for i in absent) + "。")
    blocks += [Heading("三、会商意见"), *(p for p in (consultation.minutes or "（未填写）").splitlines() if p.strip())]
    blocks.append(Heading("四、议定事项"))
    if decisions:
        blocks.append(Table(["序号", "议定事项", "落实方式", "责任单位", "责任人", "完成时限"],
                            [[str(n), d.text, d.get_kind_display(), d.organization.short_name or d.organization.name,
                              d.owner or "—", _when(d.deadline)] for n, d in enumerate(decisions, 1)]))
    else:
        blocks.append("本次会商无议定事项。")
    return render_docx(OfficialDocument(
        title=f"{consultation.title}会商纪要", issuer="船山区应急管理局", date=day,
        number=f"船应急会〔{day.year}〕{consultation.code[-3:].lstrip('0') or '0'}号",
        recipient="各参会单位", blocks=blocks))
