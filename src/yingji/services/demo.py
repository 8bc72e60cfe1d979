"""Demonstration data of the enterprise services (a DEMO_LOADERS entry, order 100), on the 14 hazardous-chemicals
enterprises of the prevention demo (QY-HX-01 … 14). Deterministic and flagged is_demo:

- plan filings in every state: filed (备案编号, drills; one 现场处置方案 drill overdue), waiting with a running, an
  amber and an overdue clock, one returned for a missing 评审意见, one just submitted without it; QY-HX-01 (the
  `enterprise` account's 川中精细化工) has none yet — the portal asks for it (the browser journey files it);
- daily safety commitments for the last 30 days with gaps, and today's missing for half of them; weekly ones for
  the other high-risk enterprises (commitment_weekly_categories) over the last five ISO weeks, one week missed
  each, and this week's made by half of them;
- two exam sessions (考试场次): one past, with results (川中 `enterprise` passed, `enterprise-b` failed, 涪江
  `enterprise-2` passed), and one open now (sign-up and exam window open; `enterprise` confirmed, `enterprise-2`
  signed up and waiting for the bureau's confirmation);
- the inspection targets brought in line with the credit classes at once (supervision.adjust_targets, the worker's
  daily pass), so the C and D enterprises are 重点监管 in a fresh demo;
- valid 危险化学品经营许可证 (one expiring within 90 days) and two applications (受理, 现场核查);
- credit events so the classes spread across A–D, one enterprise on the 失信 list and one on the 重点关注 list;
- a second account (`enterprise-b`) for 川中精细化工: several people, each their own login.
Cases are saved one by one (audited); the 400-odd commitments are bulk-created without audit entries, as
prevention does with its risk points and hazards (demonstration data; the audit trail starts with what a user does).
A second load keeps what the first wrote."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from yingji.core import attachments
from yingji.core.models import User
from yingji.core.roles import Role
from yingji.core.sequences import next_code
from yingji.demo.loader import DEMO_PASSWORD
from yingji.prevention.models import Enterprise, EnterpriseAccount

from . import cases, commitments, filing, licences, supervision
from .choices import FILING_DOCUMENTS, LICENCE_DOCUMENTS, CaseState, CreditEventKind, CreditList, RiskState
from .clocks import deadline_after, working_days_between
from .config import current
from .models import (
    CaseMessage,
    CaseStep,
    CreditEvent,
    CreditListEntry,
    Licence,
    PlanDrill,
    SafetyCommitment,
    ServiceCase,
)

SECOND_ACCOUNT = "enterprise-b"
PDF = b"%PDF-1.4\n% Yingji demo document\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# index → (filing state, days since submission, documents left out)
AMBER = "amber"  # a filing submitted so long ago that its clock is amber today, whatever the weekday
FILINGS = {2: ("done", 300, ()), 3: ("done", 400, ()), 4: ("done", 250, ()), 5: ("done", 120, ()),
           6: ("done", 60, ()), 12: ("done", 500, ()), 7: ("submitted", 3, ()), 8: ("submitted", AMBER, ()),
           9: ("submitted", 40, ()), 10: ("returned", 10, ("plan_evaluation",)),
           11: ("submitted", 0, ("plan_evaluation",))}
MISSED = {1: 4, 2: 1, 3: 2, 4: 5, 5: 5, 6: 6, 7: 5, 8: 8, 9: 6, 10: 7, 11: 10, 12: 0, 13: 12, 14: 3}
EVENTS = {3: [("standardisation", 200)], 4: [("penalty", 150)], 5: [("penalty", 300)], 6: [("penalty", 90)],
          7: [("filing_overdue", 100), ("penalty", 400)], 8: [("penalty", 120), ("accident", 500)],
          9: [("penalty", 60), ("penalty", 200)], 10: [("accident", 250)],
          11: [("accident", 40), ("penalty", 35), ("penalty", 300)],
          13: [("accident", 210), ("penalty", 205), ("penalty", 400), ("licence_revoked", 200)],
          14: [("honour", 100)]}


def _file(name):
    return ContentFile(PDF, name=name)


def _enterprises():
    return {i: e for i in range(1, 15) if (e := Enterprise.objects.filter(code=f"QY-HX-{i:02d}").first())}


def _second_account() -> None:
    enterprise = Enterprise.objects.filter(code="QY-HX-01").first()
    first = User.objects.filter(username="enterprise").first()
    if enterprise is None or first is None or User.objects.filter(username=SECOND_ACCOUNT).exists():
        return
    user = User(username=SECOND_ACCOUNT, role=Role.ENTERPRISE, region=first.region, organization=first.organization,
                first_name="企业安全员B（川中化工，演示）", is_demo=True)
    user.set_password(DEMO_PASSWORD)
    user.save()
    EnterpriseAccount.objects.create(user=user, enterprise=enterprise)


def _case(enterprise, kind, when, title, detail, documents, skip=()):
    case = ServiceCase.objects.create(enterprise=enterprise, region_id=enterprise.region_id, kind=kind, title=title,
                                      submitted_at=when, is_demo=True,
                                      deadline=deadline_after(when, 20 if kind == "plan_filing" else 5),
                                      code=next_code("BJ", when))
    detail.case = case
    detail.save()
    CaseStep.objects.create(case=case, event="submit", label="提交申请", to_state=case.state, at=when)
    for code, label in documents.items():
        if code not in skip:
            attachments.attach(actor=None, record=case, upload=_file(f"{label}.pdf"), kind=code,
                               check_permission=False)
    return case


def _step(case, event, to_state, at, note="", **changes):
    transition, from_state = cases.flow_of(case).find(case.state, event), case.state
    for name, value in {"state": to_state, **changes}.items():
        setattr(case, name, value)
    case.save()
    CaseStep.objects.create(case=case, event=event, label=str(transition.label), from_state=from_state,
                            to_state=to_state, at=at, note=note)


def _days_back_to_amber(now) -> int:
    """Calendar days back from which a filing has 2 working days left today: a fixed number of calendar days
    gave 3 working days left on a Saturday and 4 (running, not amber) on a Sunday."""
    today = timezone.localdate(now)
    for days in range(15, 40):
        deadline = deadline_after(now - dt.timedelta(days=days, hours=2), current().filing_working_days)
        if working_days_between(today, timezone.localdate(deadline) - dt.timedelta(days=1)) == 2:
            return days
    raise AssertionError("no start day gives an amber clock")  # 20 working days span at most 28 + holidays


def _filings(found, now, today):
    for index, (state, days, skip) in FILINGS.items():
        enterprise = found.get(index)
        if enterprise is None:
            continue
        when = now - dt.timedelta(days=days if days is not AMBER else _days_back_to_amber(now), hours=2)
        detail = filing.PlanFiling(plan_name=f"{enterprise.name}生产安全事故应急预案",
                                   issued_on=(when - dt.timedelta(days=5)).date(),
                                   evaluated_on=(when - dt.timedelta(days=12)).date(),
                                   special_plans="危险化学品泄漏事故专项应急预案\n火灾爆炸事故专项应急预案",
                                   onsite_plans="储罐区泄漏现场处置方案\n装卸作业现场处置方案",
                                   contact=enterprise.safety_manager, phone=enterprise.safety_phone)
        case = _case(enterprise, "plan_filing", when, f"{enterprise.name}应急预案备案", detail, FILING_DOCUMENTS,
                     skip)
        if state == "returned":
            at = when + dt.timedelta(days=2)
            _step(case, "return", CaseState.RETURNED, at, "缺少应急预案评审（论证）意见，请补正后重新提交",
                  returned_count=1, deadline=None)
            CaseMessage.objects.create(case=case, text="请补充应急预案评审（论证）意见后重新提交。", at=at)
        elif state == "done":
            at = when + dt.timedelta(days=6)
            _step(case, "file", CaseState.DONE, at, finished_at=at)
            filing.record_filing(case, actor=None, day=timezone.localdate(at))
            filed = case.filing
            if index != 4:
                PlanDrill.objects.create(filing=filed, plan_kind="general", held_on=filed.filed_on
                                         + dt.timedelta(days=min(days - 7, 200)), note="综合演练（桌面推演）")
            if index in (2, 3, 12):
                PlanDrill.objects.create(filing=filed, plan_kind="onsite", held_on=today - dt.timedelta(days=40),
                                         note="储罐区泄漏现场处置演练")
        elif index == 9:
            CaseMessage.objects.create(case=case, from_enterprise=True, text="请问备案登记表何时可以领取？",
                                       at=when + dt.timedelta(days=30))


def _licences(found, now, today):
    for index, issued_days in ((3, 300), (6, 1060), (12, 700)):
        enterprise = found.get(index)
        if enterprise is not None:
            issued = today - dt.timedelta(days=issued_days)
            Licence.objects.create(enterprise=enterprise, region_id=enterprise.region_id, licence_type="hazchem_trade",
                                   number=f"川遂船应急经〔{issued.year}〕{index:04d}",
                                   scope="汽油、柴油、甲醇（不带储存）",
                                   issued_on=issued, expires_on=licences._years_later(issued, 3)
                                   - dt.timedelta(days=1), is_demo=True)
    for index, state in ((5, "accepted"), (6, "site_checked")):
        enterprise = found.get(index)
        if enterprise is None:
            continue
        when = now - dt.timedelta(days=8 if state == "accepted" else 15)
        renewal = Licence.objects.filter(enterprise=enterprise).first()
        detail = licences.LicenceApplication(licence_type="hazchem_trade", scope="甲醇、乙醇、丙酮（不带储存）",
                                             renewal_of=renewal)
        case = _case(enterprise, "licence", when, f"{enterprise.name}危险化学品经营许可证（不带储存设施）"
                     f"{'延续' if renewal else ''}申请", detail, LICENCE_DOCUMENTS)
        accepted = when + dt.timedelta(days=1)
        _step(case, "accept", CaseState.ACCEPTED, accepted, deadline=deadline_after(accepted, 20))
        if state == "site_checked":
            at = accepted + dt.timedelta(days=5)
            case.licence_application.site_checked_on = at.date()
            case.licence_application.site_check_note = "经营场所、安全设施与申请材料一致，符合条件。"
            case.licence_application.save()
            _step(case, "site_check", CaseState.SITE_CHECKED, at, case.licence_application.site_check_note)


def _commitments(found, now, today):
    rows = []
    for index, enterprise in found.items():
        if not commitments.owes_commitment(enterprise):
            continue
        order = sorted(range(1, 31), key=lambda back: ((back * 7 + index * 11) % 31, back))
        missed = set(order[:MISSED.get(index, 0)])  # days back without a commitment, spread over the month
        for back in range(0 if index % 2 == 0 else 1, 31):
            if back in missed:
                continue
            day = today - dt.timedelta(days=back)
            risk = RiskState.ELEVATED if (index + back) % 9 == 0 else RiskState.LOW if back % 3 else RiskState.NORMAL
            at = timezone.make_aware(dt.datetime.combine(day, dt.time(8, 10 + index)))
            rows.append(SafetyCommitment(enterprise=enterprise, region_id=enterprise.region_id, day=day,
                                         risk_state=risk, special_work=(index + back) % 3, major_sources_ok=True,
                                         statement=commitments.statement_text(risk, (index + back) % 3, True),
                                         signed_by=enterprise.legal_representative or "负责人", at=at, is_demo=True))
    SafetyCommitment.objects.bulk_create(rows)


def _weekly_commitments(today):
    rows = []
    weekly = [e for e in Enterprise.objects.filter(category__in=current().commitment_weekly_categories)
              .order_by("code") if commitments.frequency_of(e) == commitments.WEEKLY]
    this_monday, _sunday = commitments.period_of(commitments.WEEKLY, today)
    for index, enterprise in enumerate(weekly):
        for back in range(0 if index % 2 == 0 else 1, 6):
            if back and back == 1 + index % 5:
                continue  # one week missed each
            monday = this_monday - dt.timedelta(days=7 * back)
            risk = RiskState.LOW if (index + back) % 4 else RiskState.NORMAL
            made_on = min(monday + dt.timedelta(days=index % 3), today)
            rows.append(SafetyCommitment(
                enterprise=enterprise, region_id=enterprise.region_id, day=monday, frequency=commitments.WEEKLY,
                risk_state=risk, special_work=(index + back) % 2, major_sources_ok=True,
                statement=commitments.statement_text(risk, (index + back) % 2, True, commitments.WEEKLY),
                signed_by=enterprise.legal_representative or "负责人", is_demo=True,
                at=timezone.make_aware(dt.datetime.combine(made_on, dt.time(9, 5 + index % 50)))))
    SafetyCommitment.objects.bulk_create(rows)


SESSION_RULES = "危化品:single:5\n危化品:multiple:3\n危化品:truefalse:5"


def _exam_sessions(now):
    """A past session with results and an open one, through the same functions a user's steps run."""
    from yingji.community import exams

    from . import exam_sessions
    from .models import ExamSession

    bureau = User.objects.filter(username="commander").first()
    people = {name: User.objects.filter(username=name).first() for name in ("enterprise", SECOND_ACCOUNT,
                                                                            "enterprise-2")}
    if bureau is None or None in people.values():
        return
    past_open = now - dt.timedelta(days=45)
    sessions = []
    for name, opens, closes, deadline, capacity in (
            ("危险化学品企业安全管理人员安全生产知识考核（第三季度）", past_open, past_open + dt.timedelta(hours=3),
             past_open - dt.timedelta(days=3), 30),
            ("危险化学品企业主要负责人和安全管理人员考核（12月）", now - dt.timedelta(days=1),
             now + dt.timedelta(days=14), now + dt.timedelta(days=7), 20)):
        sessions.append(exam_sessions.create_session(actor=bureau, now=now, data={
            "name": name, "rules": SESSION_RULES, "duration_minutes": 60, "pass_mark": 80, "validity_months": 36,
            "capacity": capacity, "opens_at": opens, "closes_at": closes, "signup_deadline": deadline}))
    ExamSession.objects.filter(pk__in=[x.pk for x in sessions]).update(is_demo=True)
    past, current_session = sessions
    principal_2 = people["enterprise-2"]
    for person, signer, right in ((people["enterprise"], people["enterprise"], 13),
                                  (people[SECOND_ACCOUNT], people["enterprise"], 8),
                                  (principal_2, principal_2, 12)):
        signup = exam_sessions.sign_up(actor=signer, session_uuid=past.uuid, person_uuid=person.uuid,
                                       now=past_open - dt.timedelta(days=10))
        exam_sessions.confirm(actor=bureau, signup=signup, now=past_open - dt.timedelta(days=2))
        attempt = exam_sessions.start(actor=person, session_uuid=past.uuid, now=past_open + dt.timedelta(minutes=5))
        for n, question in enumerate(exams.questions_of(past.paper)):
            exams.answer(attempt, question.code, question.answer if n < right else _wrong(question),
                         now=past_open + dt.timedelta(minutes=6 + n))
        exams.submit(attempt, now=past_open + dt.timedelta(minutes=40))
        exam_sessions.refresh([signup], now)
    signup = exam_sessions.sign_up(actor=people["enterprise"], session_uuid=current_session.uuid,
                                   person_uuid=people["enterprise"].uuid, now=now - dt.timedelta(hours=20))
    exam_sessions.confirm(actor=bureau, signup=signup, now=now - dt.timedelta(hours=2))
    exam_sessions.sign_up(actor=principal_2, session_uuid=current_session.uuid, person_uuid=principal_2.uuid,
                          now=now - dt.timedelta(hours=1))
    from .models import ExamSignup

    ExamSignup.objects.filter(session__in=sessions).update(is_demo=True)
    from yingji.community.models import ExamAttempt

    ExamAttempt.objects.filter(paper__in=[x.paper for x in sessions]).update(is_demo=True)


def _wrong(question) -> str:
    letters = question.letters()
    return next(letter for letter in letters if letter not in question.answer)


def _credit(found, today):
    for index, events in EVENTS.items():
        enterprise = found.get(index)
        for kind, days in events if enterprise else ():
            CreditEvent.objects.create(enterprise=enterprise, region_id=enterprise.region_id, kind=kind,
                                       happened_on=today - dt.timedelta(days=days), is_demo=True,
                                       note=str(CreditEventKind(kind).label))
    for index, kind, days, reason in (
            (13, CreditList.BLACKLIST, 200, "发生生产安全事故且被吊销许可证（严重失信）"),
            (11, CreditList.WATCHLIST, 30, "一年内两次行政处罚，发生生产安全事故")):
        if enterprise := found.get(index):
            CreditListEntry.objects.create(enterprise=enterprise, region_id=enterprise.region_id, list_kind=kind,
                                           entered_on=today - dt.timedelta(days=days), reason=reason, is_demo=True)


def load(progress=print) -> None:
    if ServiceCase.objects.filter(is_demo=True).exists():
        return
    progress("企业服务：预案备案、安全承诺、许可、信用……")
    found, now, today = _enterprises(), timezone.now(), timezone.localdate()
    _second_account()
    _filings(found, now, today)
    _licences(found, now, today)
    _commitments(found, now, today)
    _weekly_commitments(today)
    _credit(found, today)
    _exam_sessions(now)
    supervision.adjust_targets(today)  # what the worker's daily pass does, so a fresh demo shows it at once
