"""陈述申辩 and 听证 as recorded steps of a penalty case (行政处罚法 第四十四、四十五、六十二至六十五条).

After the 告知书 (state 已告知) the case records what the party did with its rights: a 陈述申辩 (its content, within
`statement_days` working days of the notice) or a waiver; with a 听证 right a request (within
`hearing_request_days` working days) or a waiver, then the 听证通知 (time and place, at least
`hearing_notice_days` working days ahead — the 听证通知书 is issued, numbered) and the 听证 held (its 听证笔录, a DOCX
kept with the case). A noticed hearing may be postponed (听证延期: the reason, the new time — later than the
noticed one and again at least `hearing_notice_days` working days ahead — and the place; the 延期举行听证通知书 is
issued, numbered), as often as needed before it is held. 第八十五条: the law's 三日、五日、七日 are working days
(standards.add_working_days, with the configured holidays and 调休 days).

The decision (决定) is refused until each right is settled: 陈述申辩 made, waived or its period over; 听证 waived,
its request period over without a request, or held (a requested hearing must be held first)."""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core import audit
from yingji.core.attachments import attach
from yingji.core.documents import Heading, OfficialDocument, Table, chinese_date, render_docx
from yingji.core.errors import DomainError
from yingji.core.models import AuditAction
from yingji.standards import add_working_days
from yingji.standards.workdays import local_zone

from . import documents
from .choices import CaseState, DocumentKind, RightsKind
from .config import current
from .models import RightsRecord

K = RightsKind


def working_days_after(day: dt.date, n: int) -> dt.date:
    """The last day of a period of n working days counted from the day after `day` (第八十五条)."""
    return add_working_days(dt.datetime.combine(day, dt.time(12), tzinfo=local_zone()), n).date()


def statement_deadline(case) -> dt.date | None:
    return working_days_after(case.notified_on, current().statement_days) if case.notified_on else None


def hearing_request_deadline(case) -> dt.date | None:
    return working_days_after(case.notified_on, current().hearing_request_days) if case.notified_on else None


def _kinds(case) -> dict[str, RightsRecord]:
    """The latest record of each kind."""
    return {r.kind: r for r in case.rights.order_by("on", "id")}


def current_hearing(case) -> RightsRecord | None:
    """The hearing as last noticed: the 听证通知, or the latest 听证延期."""
    return case.rights.filter(kind__in=(K.HEARING_NOTICE, K.HEARING_POSTPONED)).order_by("-id").first()


def rights_status(case, today=None) -> dict:
    """Where the party's rights stand: for 陈述申辩 and 听证 each a code, a Chinese text and whether it is settled."""
    today = today or timezone.localdate()
    done = _kinds(case)
    statement_end = statement_deadline(case)
    if K.STATEMENT in done:
        statement = ("made", _("当事人已陈述申辩"), True)
    elif K.STATEMENT_WAIVED in done:
        statement = ("waived", _("当事人放弃陈述申辩"), True)
    elif statement_end and today > statement_end:
        statement = ("lapsed", _("陈述申辩期限已届满，视为放弃"), True)
    elif statement_end:
        statement = ("open", _("陈述申辩期限至%(d)s") % {"d": f"{statement_end:%Y-%m-%d}"}, False)
    else:
        statement = ("not_notified", _("尚未告知"), False)
    hearing_end = hearing_request_deadline(case)
    if not case.hearing_right:
        hearing = ("none", _("无听证权利"), True)
    elif K.HEARING_HELD in done:
        hearing = ("held", _("听证已举行"), True)
    elif K.HEARING_WAIVED in done:
        hearing = ("waived", _("当事人放弃听证"), True)
    elif K.HEARING_NOTICE in done:
        noticed = current_hearing(case)
        at = timezone.localtime(noticed.hearing_at)
        params = {"t": f"{at:%Y-%m-%d %H:%M}", "p": noticed.place}
        hearing = (("postponed", _("听证已延期至%(t)s，%(p)s") % params, False) if noticed.kind == K.HEARING_POSTPONED
                   else ("noticed", _("已通知听证：%(t)s，%(p)s") % params, False))
    elif K.HEARING_REQUEST in done:
        hearing = ("requested", _("当事人已申请听证，待通知"), False)
    elif hearing_end and today > hearing_end:
        hearing = ("lapsed", _("申请听证期限已届满，视为放弃"), True)
    elif hearing_end:
        hearing = ("open", _("申请听证期限至%(d)s") % {"d": f"{hearing_end:%Y-%m-%d}"}, False)
    else:
        hearing = ("not_notified", _("尚未告知"), False)
    keys = ("code", "text", "settled")
    return {"statement": dict(zip(keys, statement, strict=True)), "hearing": dict(zip(keys, hearing, strict=True))}


def check_settled(case) -> None:
    """The 决定 guard: 400 on `event` while a right is still open."""
    status = rights_status(case)
    if not status["statement"]["settled"]:
        raise DomainError("statement_period_open",
                          _("陈述申辩期限未届满（%(s)s），当事人亦未陈述申辩或放弃，不能作出决定")
                          % {"s": status["statement"]["text"]}, field="event")
    if not status["hearing"]["settled"]:
        code = "hearing_period_open" if status["hearing"]["code"] == "open" else "hearing_not_held"
        message = (_("申请听证期限未届满（%(s)s），不能作出决定") if code == "hearing_period_open"
                   else _("当事人已申请听证，听证举行前不能作出决定（%(s)s）"))
        raise DomainError(code, message % {"s": status["hearing"]["text"]}, field="event")


def rights_clocks(case) -> list[tuple[str, dt.date]]:
    """The open rights' deadlines, for the case's clocks while 已告知."""
    status, config, found = rights_status(case), current(), []
    if status["statement"]["code"] == "open":
        found.append((_("陈述申辩（告知后%(n)d个工作日内）") % {"n": config.statement_days}, statement_deadline(case)))
    if status["hearing"]["code"] == "open":
        found.append((_("申请听证（告知后%(n)d个工作日内）") % {"n": config.hearing_request_days},
                      hearing_request_deadline(case)))
    elif status["hearing"]["code"] in ("noticed", "postponed"):
        notice = current_hearing(case)
        found.append((_("举行听证（%(p)s）") % {"p": notice.place}, timezone.localtime(notice.hearing_at).date()))
    return found


# ---- recording -------------------------------------------------------------------------------------------------

def _date(value, field, label, default) -> dt.date:
    if value in (None, ""):
        return default
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise DomainError("invalid_date", _("%(l)s格式无效（YYYY-MM-DD）") % {"l": label}, field=field) from None


def _datetime(value) -> dt.datetime:
    if value in (None, ""):
        raise DomainError("date_required", _("请填写听证时间"), field="hearing_at")
    if isinstance(value, dt.datetime):
        when = value
    else:
        try:
            when = dt.datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise DomainError("invalid_date", _("听证时间格式无效（YYYY-MM-DD HH:MM）"), field="hearing_at") from None
    return when if timezone.is_aware(when) else when.replace(tzinfo=local_zone())


def _text(value, limit) -> str:
    return str(value or "").strip()[:limit]


def _validate(case, kind, day, data, done) -> dict:
    """The record's own fields, or a DomainError naming the field."""
    today = timezone.localdate()
    if day > today:
        raise DomainError("date_in_future", _("日期不能晚于今天"), field="on")
    if day < case.notified_on:
        raise DomainError("invalid_date", _("日期不能早于告知日期（%(d)s）") % {"d": f"{case.notified_on:%Y-%m-%d}"},
                          field="on")
    fields = {"content": _text(data.get("content"), 8000)}
    if kind in (K.STATEMENT, K.STATEMENT_WAIVED):
        if K.STATEMENT_WAIVED in done or (kind == K.STATEMENT_WAIVED and K.STATEMENT in done):
            raise DomainError("already_recorded", _("已登记陈述申辩或放弃"), field="kind")
        if day > statement_deadline(case):
            raise DomainError("period_over", _("陈述申辩期限已于%(d)s届满")
                              % {"d": f"{statement_deadline(case):%Y-%m-%d}"}, field="on")
        if kind == K.STATEMENT and not fields["content"]:
            raise DomainError("content_required", _("请填写陈述申辩意见"), field="content")
        return fields
    if not case.hearing_right:
        raise DomainError("no_hearing_right", _("该案件当事人没有听证权利"), field="kind")
    if K.HEARING_WAIVED in done or K.HEARING_HELD in done:
        raise DomainError("already_recorded", _("听证已放弃或已举行"), field="kind")
    if kind == K.HEARING_REQUEST:
        if K.HEARING_REQUEST in done:
            raise DomainError("already_recorded", _("已登记听证申请"), field="kind")
        if day > hearing_request_deadline(case):
            raise DomainError("period_over", _("申请听证期限已于%(d)s届满")
                              % {"d": f"{hearing_request_deadline(case):%Y-%m-%d}"}, field="on")
    elif kind == K.HEARING_WAIVED:
        pass
    elif kind == K.HEARING_NOTICE:
        if K.HEARING_REQUEST not in done:
            raise DomainError("hearing_not_requested", _("当事人尚未申请听证"), field="kind")
        if K.HEARING_NOTICE in done:
            raise DomainError("already_recorded", _("已通知听证"), field="kind")
        fields["hearing_at"] = _datetime(data.get("hearing_at"))
        earliest = working_days_after(day, current().hearing_notice_days)
        if timezone.localtime(fields["hearing_at"]).date() < earliest:
            raise DomainError("hearing_too_soon", _("应当在举行听证的%(n)d个工作日前通知当事人：听证不得早于%(d)s")
                              % {"n": current().hearing_notice_days, "d": f"{earliest:%Y-%m-%d}"}, field="hearing_at")
        fields["place"] = _text(data.get("place"), 200)
        if not fields["place"]:
            raise DomainError("place_required", _("请填写听证地点"), field="place")
    elif kind == K.HEARING_POSTPONED:
        if K.HEARING_NOTICE not in done:
            raise DomainError("hearing_not_noticed", _("尚未通知听证"), field="kind")
        noticed = current_hearing(case)
        if day < noticed.on:
            raise DomainError("invalid_date", _("日期不能早于上次通知之日（%(d)s）") % {"d": f"{noticed.on:%Y-%m-%d}"},
                              field="on")
        if day > timezone.localtime(noticed.hearing_at).date():
            raise DomainError("invalid_date", _("听证延期应在原定听证日（%(d)s）或之前决定")
                              % {"d": f"{timezone.localtime(noticed.hearing_at):%Y-%m-%d}"}, field="on")
        if not fields["content"]:
            raise DomainError("reason_required", _("请填写延期理由"), field="content")
        fields["hearing_at"] = _datetime(data.get("hearing_at"))
        if fields["hearing_at"] <= noticed.hearing_at:
            raise DomainError("hearing_not_later", _("延期后的听证时间应晚于原定时间（%(t)s）")
                              % {"t": f"{timezone.localtime(noticed.hearing_at):%Y-%m-%d %H:%M}"}, field="hearing_at")
        earliest = working_days_after(day, current().hearing_notice_days)
        if timezone.localtime(fields["hearing_at"]).date() < earliest:
            raise DomainError("hearing_too_soon", _("应当在举行听证的%(n)d个工作日前通知当事人：听证不得早于%(d)s")
                              % {"n": current().hearing_notice_days, "d": f"{earliest:%Y-%m-%d}"}, field="hearing_at")
        fields["place"] = _text(data.get("place"), 200) or noticed.place
    elif kind == K.HEARING_HELD:
        if K.HEARING_NOTICE not in done:
            raise DomainError("hearing_not_noticed", _("尚未通知听证"), field="kind")
        if day < timezone.localtime(current_hearing(case).hearing_at).date():
            raise DomainError("invalid_date", _("听证举行日期不能早于通知的听证时间"), field="on")
        if not fields["content"]:
            raise DomainError("content_required", _("请填写听证笔录摘要"), field="content")
    return fields


def record(case, kind: str, *, actor, data: dict | None = None) -> RightsRecord:
    """Record one step of the party's rights; issues the 听证通知书 (numbered) or keeps the 陈述申辩笔录 / 听证笔录
    (DOCX) with the case. All or nothing; errors are 400s naming the field."""
    data = data or {}
    if kind not in K.values:
        raise DomainError("invalid_choice", _("请选择登记事项"), field="kind")
    if case.state != CaseState.NOTIFIED:
        raise DomainError("invalid_transition", _("仅在告知之后、作出决定之前登记陈述申辩与听证"), field="kind")
    day = _date(data.get("on"), "on", _("日期"), timezone.localdate())
    user = actor if getattr(actor, "pk", None) else None
    with transaction.atomic():
        case = type(case).objects.select_for_update().get(pk=case.pk)
        if case.state != CaseState.NOTIFIED:
            raise DomainError("invalid_transition", _("仅在告知之后、作出决定之前登记陈述申辩与听证"), field="kind")
        fields = _validate(case, kind, day, data, _kinds(case))
        entry = RightsRecord.objects.create(case=case, kind=kind, on=day, created_by=user, is_demo=case.is_demo,
                                            **fields)
        audit.record(AuditAction.CREATE, model_label=RightsRecord._meta.label, object_id=entry.pk,
                     object_repr=str(entry), actor=actor,
                     after={"case": case.code, "kind": kind, "on": day.isoformat(), "content": entry.content,
                            "hearing_at": entry.hearing_at.isoformat() if entry.hearing_at else "",
                            "place": entry.place})
        if kind == K.HEARING_NOTICE:
            documents.issue(DocumentKind.HEARING_NOTICE, actor=actor, case=case, task=case.task, day=day,
                            build=hearing_notice(case, entry))
        elif kind == K.HEARING_POSTPONED:
            documents.issue(DocumentKind.HEARING_POSTPONEMENT, actor=actor, case=case, task=case.task, day=day,
                            build=hearing_postponement(case, entry))
        elif kind in (K.STATEMENT, K.HEARING_HELD) and documents.files_enabled():
            name = _("陈述申辩笔录") if kind == K.STATEMENT else _("听证笔录")
            upload = ContentFile(render_docx(minutes(case, entry)), name=f"{name}-{case.code}-{entry.pk}.docx")
            attach(actor=actor, record=case, upload=upload, kind="document", check_permission=False)
    return entry


# ---- documents -------------------------------------------------------------------------------------------------

def _party(case) -> str:
    return case.party_name if case.party_type == "person" and case.party_name else case.target.enterprise.name


def hearing_notice(case, entry):
    """听证通知书: the time and place of the hearing, the party's rights at it (第六十四条)."""
    notice = case.documents.filter(kind=DocumentKind.NOTICE).first()

    def build(number):
        at = timezone.localtime(entry.hearing_at)
        blocks = [_("根据你（单位）的申请，本机关定于%(d)s%(t)s在%(p)s对%(c)s举行听证，请准时出席。")
                  % {"d": chinese_date(at.date()), "t": f"{at:%H:%M}", "p": entry.place,
                     "c": _("《行政处罚告知书》（%(n)s）所述案件") % {"n": notice.number if notice else case.code}},
                  _("你（单位）可以亲自参加听证，也可以委托一至二人代理。委托代理人参加听证的，应当在听证前提交授权委托书。"),
                  _("你（单位）认为听证主持人与本案有直接利害关系的，有权申请回避。"),
                  _("无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。")]
        return OfficialDocument(title=_("听证通知书"), issuer=documents.ISSUER, date=entry.on, number=number,
                                recipient=_party(case), blocks=blocks)
    return build


def hearing_postponement(case, entry):
    """延期举行听证通知书: the hearing first noticed (its 听证通知书), the reason, the new time and place."""
    notice = case.documents.filter(kind=DocumentKind.HEARING_NOTICE).order_by("-id").first()

    def build(number):
        at = timezone.localtime(entry.hearing_at)
        return OfficialDocument(title=_("延期举行听证通知书"), issuer=documents.ISSUER, date=entry.on, number=number,
                                recipient=_party(case), blocks=[
            _("本机关《听证通知书》（%(n)s）通知的听证，因%(r)s，决定延期举行。")
            % {"n": notice.number if notice else case.code, "r": entry.content.rstrip("。")},
            _("现定于%(d)s%(t)s在%(p)s举行听证，请准时出席。") % {"d": chinese_date(at.date()), "t": f"{at:%H:%M}",
                                                           "p": entry.place},
            _("无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。")])
    return build


def minutes(case, entry) -> OfficialDocument:
    """陈述申辩笔录 / 听证笔录 (no 文号): the case, the party, the date and what was said."""
    statement = entry.kind == K.STATEMENT
    rows = [[_("案件"), f"{case.code} {case.name}"], [_("当事人"), _party(case)], [_("日期"), chinese_date(entry.on)]]
    if not statement:
        notice = current_hearing(case)
        rows.append([_("听证地点"), notice.place if notice else "—"])
    blocks = [Table([_("项目"), _("内容")], rows), Heading(_("陈述申辩意见") if statement else _("听证情况")),
              *[line for line in entry.content.splitlines() if line.strip()],
              _("当事人（签名）：　　　　　　　　记录人（签名）：")]
    return OfficialDocument(title=_("陈述申辩笔录") if statement else _("听证笔录"), issuer=documents.ISSUER,
                            date=entry.on, blocks=blocks)


def decision_paragraph(case) -> str:
    """What the 决定书 says of the party's rights."""
    status = rights_status(case)
    said = {"made": _("你（单位）在法定期限内提出了陈述申辩，本机关已进行复核"),
            "waived": _("你（单位）明确放弃陈述申辩"),
            "lapsed": _("你（单位）在法定期限内未提出陈述申辩")}.get(status["statement"]["code"], "")
    heard = {"held": _("本机关依你（单位）申请举行了听证"), "waived": _("你（单位）放弃听证"),
             "lapsed": _("你（单位）在法定期限内未申请听证")}.get(status["hearing"]["code"], "")
    return "；".join(p for p in (said, heard) if p) + ("。" if said or heard else "")


__all__ = ["check_settled", "current_hearing", "decision_paragraph", "record", "rights_clocks", "rights_status",
           "working_days_after"]
