"""Knowledge surveys: the public answers a questionnaire (no account), each response is scored against the
survey's pass mark, and the 公众/学生应急知识普及率 (Table 3 #6: ≥80 %, students 100 %) are the share of respondents
who reach it, per township and over the user's reach."""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.models import Region, RegionLevel
from yingji.core.scoping import scope_to_user

from .choices import QuestionType, RespondentKind
from .exams import questions_of
from .models import KnowledgeSurvey, SurveyResponse

TARGETS = {RespondentKind.PUBLIC: 80.0, RespondentKind.STUDENT: 100.0}  # Table 3: 公众 ≥80 %, 学生 100 %


def questionnaire(survey) -> dict:
    """The questions as the public sees them (never the answers)."""
    return {"uuid": str(survey.uuid), "code": survey.code, "name": survey.name, "open": survey.is_open(),
            "questions": [{"code": q.code, "type": q.qtype, "stem": q.name, "options": q.options.splitlines()}
                          for q in questions_of(survey)]}


def _letters(question, value) -> str:
    value = "".join(sorted(str(value or "").upper().replace(",", "").replace(" ", "")))
    letters = question.letters()
    if not value or any(v not in letters for v in value) or len(set(value)) < len(value) or (
            question.qtype != QuestionType.MULTIPLE and len(value) != 1):
        raise DomainError("invalid_answer", _("第 %(n)s 题的答案须为本题的选项") % {"n": question.number},
                          field="answers")
    return value


def respond(survey, *, township, kind, answers: dict, now=None, is_demo=False) -> SurveyResponse:
    """Score and keep one response. Every question must be answered (answer_required on `answers`)."""
    now = now or timezone.now()
    if not survey.is_open(timezone.localtime(now).date()):
        raise DomainError("survey_closed", _("该问卷不在开放期内"), field="survey")
    region = Region.objects.filter(code=str(township or ""), level=RegionLevel.TOWNSHIP).first()
    if region is None:
        raise DomainError("township_required", _("请选择所在乡镇（街道）"), field="township")
    if kind not in RespondentKind.values:
        raise DomainError("invalid_kind", _("请选择受访者类别（社会公众或学生）"), field="kind")
    if not isinstance(answers, dict):
        raise DomainError("invalid_type", _("作答格式不正确"), field="answers")
    questions = questions_of(survey)
    kept, right = {}, 0
    for number, question in enumerate(questions, 1):
        question.number = number
        value = answers.get(question.code)
        if value in (None, "", []):
            raise DomainError("answer_required", _("请回答第 %(n)s 题") % {"n": number}, field="answers")
        if isinstance(value, list):
            value = "".join(str(v) for v in value)
        kept[question.code] = _letters(question, value)
        right += kept[question.code] == question.answer
    score = round(100 * right / len(questions)) if questions else 0
    with transaction.atomic():
        return SurveyResponse.objects.create(survey=survey, region=region, kind=kind, answers=kept, score=score,
                                             knows=score >= survey.pass_mark, created=now, is_demo=is_demo)


def open_surveys(today=None):
    today = today or timezone.localdate()
    return [s for s in KnowledgeSurvey.objects.filter(status="active").order_by("-opens_on", "code")
            if s.is_open(today)]


def _percent(knows: int, total: int) -> float | None:
    return round(100 * knows / total, 1) if total else None


def knowledge_rates(user, year=None) -> dict:
    """Per kind (public, student): respondents, those who know the basics, the rate and its target — over the
    user's reach and per township — for the responses of `year` (default this year)."""
    year = year or timezone.localdate().year
    responses = scope_to_user(SurveyResponse.objects.filter(created__year=year), user)
    rows = responses.values("region__code", "region__name", "kind").annotate(
        total=Count("id"), knows=Count("id", filter=Q(knows=True))).order_by("region__code", "kind")
    townships, overall = {}, {kind: {"total": 0, "knows": 0} for kind in RespondentKind.values}
    for row in rows:
        place = townships.setdefault(row["region__code"], {"code": row["region__code"], "name": row["region__name"],
                                                           **{k: {"total": 0, "knows": 0, "percent": None}
                                                              for k in RespondentKind.values}})
        place[row["kind"]] = {"total": row["total"], "knows": row["knows"],
                              "percent": _percent(row["knows"], row["total"])}
        overall[row["kind"]]["total"] += row["total"]
        overall[row["kind"]]["knows"] += row["knows"]
    for kind, figures in overall.items():
        figures["percent"] = _percent(figures["knows"], figures["total"])
        figures["target"] = TARGETS[kind]
    for place in townships.values():
        place["meets"] = all(place[k]["percent"] is None or place[k]["percent"] >= TARGETS[k]
                             for k in RespondentKind.values)
    return {"year": year, **overall, "townships": list(townships.values())}
