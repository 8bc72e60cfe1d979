"""Loads the community demonstration data (a DEMO_LOADERS entry, order 95). Deterministic and flagged is_demo.

Courses, classes, exam papers and the district and township information officers are saved one by one (validated,
as a form would). The ~300 volunteers, the 117 village officers, the 104 questions, the training records and the
education activities are bulk-created with values that pass the same rules (checked by tests/community): they are
demonstration data, and one audited save each would add seconds to every demo load. A second load keeps what the
first wrote.
"""

import random
from datetime import timedelta

from django.utils import timezone

from yingji.core.models import Region, RegionLevel, User
from yingji.demo.loader import upsert
from yingji.demo.organizations import GIVEN_NAMES, SURNAMES

from . import exams
from .choices import Availability, OfficerLevel, RespondentKind, ReviewState, TraineeKind, Venue
from .demo_questions import QUESTIONS
from .models import (
    Course,
    EducationActivity,
    ExamPaper,
    InfoOfficer,
    KnowledgeSurvey,
    Question,
    SurveyResponse,
    TrainingClass,
    TrainingExpert,
    TrainingRecord,
    Volunteer,
    VolunteerCertificate,
)

SEED = 510903
VOLUNTEERS = 300
SKILLS = ("急救", "水上救援", "驾驶", "无人机", "通信", "心理疏导", "搬运", "医护", "电工", "厨师")
CERTIFICATES = ("红十字救护员证", "潜水员证", "无人机驾驶员执照", "A2 驾驶证", "电工证")
COURSES = (  # code, name, topic, hours, months
    ("KC-01", "防汛抢险技术", "险情识别、管涌与漫溢抢护、冲锋舟操作", 16, 24),
    ("KC-02", "地质灾害群测群防", "隐患点巡查、裂缝监测、预警与避险转移", 8, 24),
    ("KC-03", "初起火灾扑救与疏散", "灭火器和消火栓使用、人员疏散", 8, 12),
    ("KC-04", "危险化学品泄漏处置", "警戒、侦检、堵漏、洗消与个人防护", 16, 24),
)


def load(progress=print) -> None:
    progress("载入社会力量与培训：志愿者、灾害信息员、培训、题库与考试、宣教活动……")
    rng, today = random.Random(SEED), timezone.localdate()
    district = Region.objects.get(level=RegionLevel.DISTRICT)
    townships = list(Region.objects.townships().order_by("code"))
    if not Volunteer.objects.filter(is_demo=True).exists():
        _volunteers(rng, today, townships)
    _officers(rng, district, townships)
    classes = _training(district, today)
    if not TrainingRecord.objects.filter(is_demo=True).exists():
        _records(rng, classes, district, today)
    if not Question.objects.filter(is_demo=True).exists():
        _questions(district)
    _exams(district, today)
    if not EducationActivity.objects.filter(is_demo=True).exists():
        _education(rng, townships, today)
    _experts(district, townships)
    survey = upsert(KnowledgeSurvey, "WJ-01", validate=True, name=f"{today.year}年船山区公众应急知识问卷",
                    rules=SURVEY_RULES, seed=2026, pass_mark=60, opens_on=today - timedelta(days=90),
                    closes_on=today + timedelta(days=60), status="active", region=district)
    if not survey.responses.filter(is_demo=True).exists():
        _responses(rng, survey, townships)
    _volunteer_account(classes)


SURVEY_RULES = "防汛:truefalse:3\n地灾:truefalse:3\n消防:single:2\n危化品:single:2"
EXPERTS = (  # code, name, field, specialties, title, organization, courses, examines, township (index) or None
    ("PXZJ-01", "何建国", "flood", "堤防抢险、管涌处置、冲锋舟操作", "高级工程师", "区水利局", "防汛抢险技术", True,
     None),
    ("PXZJ-02", "罗慧敏", "flood", "山洪灾害防御、水文预报", "工程师", "区水文站", "防汛抢险技术", False, None),
    ("PXZJ-03", "唐志刚", "geohazard", "地质灾害群测群防、裂缝监测", "高级工程师", "区自然资源局", "地质灾害群测群防",
     True, None),
    ("PXZJ-04", "蒲晓燕", "geohazard", "滑坡应急调查、避险转移", "工程师", "四川省第九地质大队", "地质灾害群测群防",
     False, 2),
    ("PXZJ-05", "蒋立新", "fire", "初起火灾扑救、人员疏散、消防设施", "消防救援站站长", "船山区消防救援大队",
     "初起火灾扑救与疏散", True, None),
    ("PXZJ-06", "邓玉兰", "fire", "森林防灭火、以水灭火", "专职队长", "龙凤镇森林消防专业队", "初起火灾扑救与疏散",
     False, 5),
    ("PXZJ-07", "冯涛", "chemicals", "危化品泄漏堵漏、侦检、洗消", "注册安全工程师", "遂宁市危化品应急救援队",
     "危险化学品泄漏处置", True, None),
    ("PXZJ-08", "黄丽", "chemicals", "重大危险源管理、工艺安全", "高级工程师", "船山经济开发区安监站",
     "危险化学品泄漏处置", True, 0),
    ("PXZJ-09", "曾明", "work_safety", "安全生产标准化、隐患排查", "注册安全工程师", "区应急管理局",
     "安全生产法律法规", True, None),
    ("PXZJ-10", "陈静", "medical", "现场急救、心肺复苏、检伤分类", "主任医师", "遂宁市中心医院", "应急救护", False,
     None),
    ("PXZJ-11", "杨帆", "rescue", "绳索救援、水域救援", "队长", "船山区应急救援大队", "防汛抢险技术", True, None),
    ("PXZJ-12", "周红梅", "management", "应急预案编制、演练评估", "副研究员", "遂宁市应急管理研究中心",
     "应急预案与演练", True, None),
)


def _experts(district, townships) -> None:
    for code, name, field, specialties, title, org, courses, examines, township in EXPERTS:
        upsert(TrainingExpert, code, validate=True, name=name, field=field, specialties=specialties, title=title,
               organization=org, courses=courses, can_examine=examines, phone=f"139{int(code[-2:]):08d}",
               region=district if township is None else townships[township])


def _responses(rng, survey, townships) -> None:
    """About 40 public and 20 student responses per township; each township has its own share of right answers,
    so some townships fall short of 80 % (public) and most short of 100 % (students)."""
    questions = exams.questions_of(survey)
    now, rows = timezone.now(), []
    for t_index, township in enumerate(townships):
        skill = 0.62 + 0.3 * ((t_index * 7) % 10) / 10  # 0.62 … 0.89 of answers right
        for n in range(60):
            kind = RespondentKind.STUDENT if n % 3 == 2 else RespondentKind.PUBLIC
            answers, right = {}, 0
            for q in questions:
                if rng.random() < skill + (0.08 if kind == RespondentKind.STUDENT else 0):
                    answers[q.code], right = q.answer, right + 1
                else:
                    answers[q.code] = next(letter for letter in q.letters() if letter != q.answer)
            score = round(100 * right / len(questions))
            rows.append(SurveyResponse(survey=survey, region=township, kind=kind, answers=answers, score=score,
                                       knows=score >= survey.pass_mark,
                                       created=now - timedelta(minutes=t_index * 60 + n), is_demo=True))
    SurveyResponse.objects.bulk_create(rows)


VOLUNTEER_ACCOUNT = "volunteer-demo"  # 志愿者 role: linked to ZYZ-0001, sees its own call-outs and training


def _volunteer_account(classes) -> None:
    from yingji.core.roles import Role
    from yingji.demo.loader import DEMO_PASSWORD

    volunteer = Volunteer.objects.filter(code="ZYZ-0001").first()
    if volunteer is None or volunteer.user_id:
        return
    user = User.objects.filter(username=VOLUNTEER_ACCOUNT).first()
    if user is None:
        user = User(username=VOLUNTEER_ACCOUNT, role=Role.VOLUNTEER, region=volunteer.region,
                    first_name=f"{volunteer.name}（志愿者演示）", is_demo=True)
        user.set_password(DEMO_PASSWORD)
        user.save()
    volunteer.account_username = user.username
    volunteer.full_clean()
    volunteer.save()
    upsert(TrainingRecord, "PXJL-V001", validate=True, name=volunteer.name, training_class=classes[1],
           kind=TraineeKind.VOLUNTEER, volunteer=volunteer, organization="船山区应急志愿者协会", attended=True,
           hours=classes[1].course.hours, region=volunteer.region)
    _demo_callout(volunteer)


def _demo_callout(volunteer) -> None:
    from yingji.incidents.models import Incident

    from . import callouts

    incident = (Incident.objects.filter(is_demo=True, is_exercise=False, closed_at__isnull=True)
                .order_by("-received_at").first())
    if incident is None or volunteer.review_state != ReviewState.APPROVED:
        return
    others = list(Volunteer.objects.filter(review_state=ReviewState.APPROVED, region=volunteer.region)
                  .exclude(pk=volunteer.pk).order_by("code")[:3])
    callouts.call_out(incident, [volunteer, *others], task="协助转移安置点群众、分发物资",
                      place=f"{volunteer.region.name}便民服务中心")


def _person(rng) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def _phone(rng) -> str:
    return f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}"


def _volunteers(rng, today, townships) -> None:
    """300 volunteers over the townships: most approved, some pending, a few refused; insurance valid, 临期 or
    过期; some with certificates (one expired)."""
    rows = []
    for n in range(1, VOLUNTEERS + 1):
        state = ReviewState.PENDING if n % 10 == 0 else ReviewState.REJECTED if n % 29 == 0 else ReviewState.APPROVED
        rows.append(Volunteer(
            code=f"ZYZ-{n:04d}", name=_person(rng), phone=_phone(rng), region=townships[(n * 7) % len(townships)],
            id_number=f"510903{1960 + n % 45}{1 + n % 12:02d}{1 + n % 28:02d}{n % 1000:03d}X" if n % 3 == 0 else "",
            skills="、".join(rng.sample(SKILLS, 1 + n % 3)), availability=list(Availability.values)[n % 4],
            consent=True, insurance_expiry=today + timedelta(days=rng.randrange(-60, 400)),
            review_state=state,
            review_reason="所填电话无法接通，请核实后重新提交" if state == ReviewState.REJECTED else "",
            reviewed_at=None if state == ReviewState.PENDING else timezone.now(),
            service_hours=rng.randrange(0, 120) if state == ReviewState.APPROVED else 0, is_demo=True))
    Volunteer.objects.bulk_create(rows)
    certificates = [VolunteerCertificate(volunteer=v, name=CERTIFICATES[i % len(CERTIFICATES)],
                                         expiry=today + timedelta(days=-20 if i % 9 == 0 else 200 + i))
                    for i, v in enumerate(Volunteer.objects.filter(is_demo=True).order_by("code")[::4])]
    VolunteerCertificate.objects.bulk_create(certificates)


def _officers(rng, district, townships) -> None:
    """One district officer, one per township, one per village (bulk) and grid workers, the demo grid account
    linked to its own."""
    upsert(InfoOfficer, "XXY-D-01", validate=True, name="区应急管理局灾害信息员", level=OfficerLevel.DISTRICT,
           phone="0825-2221100", organization="区应急管理局", region=district)
    for t in townships:
        upsert(InfoOfficer, f"XXY-T-{t.code[6:9]}", validate=True, name=_person(rng), level=OfficerLevel.TOWNSHIP,
               phone=_phone(rng), organization=f"{t.name}人民政府", region=t)
    if InfoOfficer.objects.filter(level=OfficerLevel.VILLAGE, is_demo=True).exists():
        return
    villages = list(Region.objects.filter(level=RegionLevel.VILLAGE).order_by("code"))
    rows = [InfoOfficer(code=f"XXY-V-{v.code[-6:]}", name=_person(rng), level=OfficerLevel.VILLAGE,
                        phone=_phone(rng), organization=f"{v.name}村（居）民委员会", region=v, is_demo=True)
            for v in villages]
    grid = User.objects.filter(username="grid-guihua-01").first()
    linked = grid is not None and grid.region is not None and grid.region.level >= RegionLevel.VILLAGE
    for i, v in enumerate(villages[::6]):
        own = i == 0 and linked  # the demo grid account's own officer, in the account's village
        place = grid.region if own else v
        rows.append(InfoOfficer(code=f"XXY-G-{v.code[-6:]}", name=_person(rng) if i else "桂花镇网格员（演示）",
                                level=OfficerLevel.GRID, phone=_phone(rng), organization=f"{place.name}网格",
                                region=place, user=grid if own else None,
                                account_username=grid.username if own else "", is_demo=True))
    InfoOfficer.objects.bulk_create(rows)


def _training(district, today) -> list:
    classes = []
    for index, (code, name, topic, hours, months) in enumerate(COURSES):
        course = upsert(Course, code, validate=True, name=name, topic=topic, hours=hours, validity_months=months,
                        region=district)
        for k, weeks in enumerate((60, 8)):  # one class over a year ago, one recent
            starts = today - timedelta(weeks=weeks + index * 3)
            classes.append(upsert(TrainingClass, f"PXB-{index + 1:02d}{k + 1}", validate=True,
                                  name=f"{starts.year}年{name}培训班", course=course, starts_on=starts,
                                  ends_on=starts + timedelta(days=1), place="区应急管理局培训中心",
                                  teacher="区应急管理局", region=district))
    return classes


def _records(rng, classes, district, today) -> None:
    """Most team members attend a class (some only an old one, now expired); bureau, township and enterprise
    trainees too."""
    from yingji.resources.models import TeamMember

    rows, n = [], 0
    for i, member in enumerate(TeamMember.objects.order_by("code")):
        if i % 7 == 6:
            continue  # never trained
        n += 1
        klass = classes[(2 * (i % 4)) + (0 if i % 5 == 4 else 1)]  # every 5th only an older class
        rows.append(_record(n, member.name, klass, TraineeKind.TEAM_MEMBER, member.team.name, member.region,
                            team_member=member))
    others = ((TraineeKind.BUREAU, "区应急管理局"), (TraineeKind.TOWNSHIP, "乡镇（街道）应急办"),
              (TraineeKind.ENTERPRISE, "重点企业安全管理部门"))
    for k in range(60):
        n += 1
        kind, organization = others[k % 3]
        rows.append(_record(n, _person(rng), classes[k % len(classes)], kind, organization, district))
    TrainingRecord.objects.bulk_create(rows)


def _record(n, name, klass, kind, organization, region, team_member=None):
    record = TrainingRecord(code=f"PXJL-{n:04d}", name=name, training_class=klass, kind=kind,
                            team_member=team_member, organization=organization[:200], attended=True,
                            hours=klass.course.hours, region=region, is_demo=True)
    from .models.base import add_months

    record.valid_until = add_months(klass.ends_on, klass.course.validity_months)
    return record


def _questions(district) -> None:
    Question.objects.bulk_create([
        Question(code=f"TK-{n:04d}", name=stem, qtype=qtype, tags=tag, options="\n".join(options.split("|"))
                 if options else "", answer=answer, status="active", region=district, is_demo=True)
        for n, (tag, qtype, stem, options, answer) in enumerate(QUESTIONS, 1)])


PAPERS = (  # code, name, rules, seed
    ("SJ-01", "防汛抢险与地质灾害防治知识考试",
     "防汛:single:5\n防汛:truefalse:5\n地灾:single:5\n地灾:multiple:3", 2024),
    ("SJ-02", "消防与危险化学品安全知识考试",
     "消防:single:5\n消防:truefalse:5\n危化品:single:5\n危化品:multiple:3", 2025),
)


def _exams(district, today) -> None:
    papers = [upsert(ExamPaper, code, validate=True, name=name, rules=rules, seed=seed, duration_minutes=30,
                     pass_mark=60, validity_months=24, region=district) for code, name, rules, seed in PAPERS]
    if papers[0].attempts.filter(is_demo=True).exists():
        return
    for k, username in enumerate(("commander", "township-guihua", "grid-guihua-01", "duty")):
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        paper = papers[k % 2]
        started = timezone.now() - timedelta(days=30 + 10 * k)
        attempt = exams.start(paper, user, now=started)
        for q in exams.questions_of(paper)[: 18 - 5 * (k % 3)]:  # some leave questions unanswered
            attempt.answers[q.code] = q.answer
        attempt.is_demo = True
        attempt.save()
        exams.submit(attempt, now=started + timedelta(minutes=20))


def _education(rng, townships, today) -> None:
    names = {Venue.ENTERPRISE: "安全生产月宣讲", Venue.VILLAGE: "汛期地质灾害避险知识宣传",
             Venue.COMMUNITY: "防灾减灾日应急知识讲座", Venue.SCHOOL: "校园疏散演练与安全课",
             Venue.FAMILY: "家庭应急物资储备入户宣传"}
    rows = []
    for n in range(1, 49):
        venue = list(Venue.values)[n % 5]
        township = townships[(n * 5) % len(townships)]
        audience = rng.randrange(30, 400)
        rows.append(EducationActivity(
            code=f"XJ-{n:04d}", name=f"{township.name}{names[venue]}", venue=venue,
            held_on=today - timedelta(days=7 * n),
            place=f"{township.name}{'中心学校' if venue == Venue.SCHOOL else '便民服务中心'}",
            organizer=f"{township.name}应急办", audience=audience,
            students=audience if venue == Venue.SCHOOL else 0, materials=audience * 2, region=township,
            is_demo=True))
    EducationActivity.objects.bulk_create(rows)


