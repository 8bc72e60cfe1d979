"""The enterprise's home (企业服务门户): its duties in one place — hazards to rectify, self-checks to finish, the plan
to file (or a filing returned for correction), today's safety commitment, drills due, licences expiring, exams to
take (安全培训考核), and the bureau's messages on its cases."""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.scoping import scope_to_user

from .choices import CaseKind, CaseState
from .models import CaseMessage, ServiceCase


@dataclass(frozen=True)
class Duty:
    kind: str  # hazard / selfcheck / filing / commitment / drill / licence / notice
    title: str
    detail: str
    url: str
    urgent: bool = False


def duties(user, enterprise, today=None) -> list[Duty]:
    from yingji.prevention.choices import DEADLINE_STATES
    from yingji.prevention.models import Hazard, SelfCheck

    from . import commitments, filing, licences

    today = today or timezone.localdate()
    found: list[Duty] = []
    hazards = scope_to_user(Hazard.objects.filter(enterprise=enterprise, state__in=DEADLINE_STATES[:2]), user)
    for hazard in hazards.order_by("deadline")[:20]:
        late = bool(hazard.deadline and hazard.deadline < today)
        found.append(Duty("hazard", hazard.name, _("整改期限：%(d)s") % {"d": hazard.deadline or "—"},
                          reverse("registry:prevention-hazards-detail", kwargs={"uuid": hazard.uuid}), late))
    for check in scope_to_user(SelfCheck.objects.filter(enterprise=enterprise, state="open"), user)[:10]:
        found.append(Duty("selfcheck", check.name, _("自查未提交"),
                          reverse("registry:prevention-self-checks-detail", kwargs={"uuid": check.uuid})))
    cases = scope_to_user(ServiceCase.objects.filter(enterprise=enterprise, kind=CaseKind.PLAN_FILING), user)
    for case in cases.filter(state=CaseState.RETURNED):
        found.append(Duty("filing", case.title, _("已退回补正，请补充材料后重新提交"),
                          reverse("services:case", kwargs={"uuid": case.uuid}), True))
    current_filing = filing.current_filing(user, enterprise)
    if current_filing is None and not cases.filter(state=CaseState.SUBMITTED).exists() \
            and not cases.filter(state=CaseState.RETURNED).exists():
        found.append(Duty("filing", _("应急预案备案"), _("尚未备案应急预案（应急管理部令第2号）"),
                          reverse("services:filing-new"), True))
    if current_filing is not None:
        for due in filing.drills_due(current_filing, today):
            if due.due <= today + dt.timedelta(days=30):
                found.append(Duty("drill", _("%(k)s演练") % {"k": due.label},
                                  _("应于%(d)s前组织演练") % {"d": due.due},
                                  reverse("services:case", kwargs={"uuid": current_filing.case.uuid}), due.overdue))
    frequency = commitments.frequency_of(enterprise)
    if frequency is not None and commitments.current_commitment(enterprise, today) is None:
        weekly = frequency == commitments.WEEKLY
        found.append(Duty("commitment", _("本周安全承诺") if weekly else _("今日安全承诺"),
                          _("请于本周日24时前作出安全承诺") if weekly else _("请于今日作出安全承诺"),
                          reverse("services:commitment"), True))
    for licence in licences.expiring(user, today=today).filter(enterprise=enterprise):
        found.append(Duty("licence", licences.type_label(licence.licence_type),
                          _("许可证%(n)s将于%(d)s到期，请及时申请延续")
                          % {"n": licence.number, "d": licence.expires_on},
                          reverse("services:licence-new"), licence.expires_on < today + dt.timedelta(days=30)))
    from . import exam_sessions, exams
    from .choices import SignupState

    now = timezone.now()
    for signup in exam_sessions.mine(user).filter(state__in=(SignupState.CONFIRMED, SignupState.TAKEN),
                                                  session__closes_at__gte=now):
        session = signup.session
        found.append(Duty("exam", session.name, _("考试时段：%(a)s 至 %(b)s") % {
            "a": timezone.localtime(session.opens_at).strftime("%Y-%m-%d %H:%M"),
            "b": timezone.localtime(session.closes_at).strftime("%Y-%m-%d %H:%M")},
            reverse("services:exam-sessions"), session.opens_at <= now))
    for offered in exams.offered(user):
        if offered.certified is None:
            started = offered.last is not None and offered.last.submitted_at is None
            found.append(Duty("exam", offered.paper.name, _("考试作答中，请在截止前交卷") if started
                              else _("尚未取得合格证书"), reverse("services:home") + "#portal-exams"))
    notices = scope_to_user(CaseMessage.objects.filter(case__enterprise=enterprise, from_enterprise=False,
                                                       at__gte=timezone.now() - dt.timedelta(days=30)), user)
    for message in notices.select_related("case").order_by("-at")[:10]:
        found.append(Duty("notice", _("区应急管理局留言：%(c)s") % {"c": message.case.code}, message.text[:100],
                          reverse("services:case", kwargs={"uuid": message.case.uuid})))
    return found
