"""Exams: drawing a paper from the bank (seeded, reproducible), taking it against a server-side deadline (each
answer kept as given, so an interrupted exam resumes), and scoring it on submit."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError

from .choices import QuestionType
from .models.base import add_months, field_error
from .models.exams import ExamAttempt, Question

# The key of `ExamPaper.extra` that marks a paper another app gives out on its own terms (services' exam sessions:
# only those signed up and confirmed, within the session's window): such a paper is neither listed nor started here.
RESERVED = "reserved_for"


def open_papers(papers):
    """The papers anyone who may see them may take here: not those reserved by another app."""
    return papers.exclude(extra__has_key=RESERVED)


def is_reserved(paper) -> bool:
    return RESERVED in (paper.extra or {})


def draw(rules, seed: int) -> list[str]:
    """The codes of the questions a paper's rules draw with `seed`: per rule, `count` of the active questions with
    that tag and type (in code order) picked by random.Random(seed) — the same seed draws the same paper."""
    rng, chosen = random.Random(seed), []
    for tag, qtype, count in rules:
        pool = [q.code for q in Question.objects.filter(qtype=qtype, status="active", tags__contains=tag)
                .order_by("code") if tag in q.tag_list() and q.code not in chosen]
        if len(pool) < count:
            raise field_error("rules", "not_enough_questions",
                              _("题库中“%(t)s”的%(q)s只有 %(n)d 道，不足 %(c)d 道")
                              % {"t": tag, "q": QuestionType(qtype).label, "n": len(pool), "c": count})
        chosen += rng.sample(pool, count)
    return chosen


def questions_of(paper) -> list[Question]:
    by_code = {q.code: q for q in Question.objects.filter(code__in=paper.drawn)}
    return [by_code[code] for code in paper.drawn if code in by_code]


def start(paper, user, now=None) -> ExamAttempt:
    """The user's unfinished attempt at the paper (resumed as left), or a new one with its deadline."""
    now = now or timezone.now()
    if paper.status != "active":
        raise DomainError("paper_not_active", _("该试卷尚未发布，不能参加考试"), field="paper")
    open_attempt = ExamAttempt.objects.filter(paper=paper, candidate=user, submitted_at__isnull=True).first()
    if open_attempt is not None:
        return open_attempt
    return ExamAttempt.objects.create(
        paper=paper, candidate=user, candidate_name=user.get_full_name() or user.username,
        region=user.region or paper.region, started_at=now,
        deadline_at=now + timedelta(minutes=paper.duration_minutes))


def _clean_answer(question, value) -> str:
    value = "".join(sorted(str(value or "").upper().replace(",", "").replace(" ", "")))
    letters = question.letters()
    if not value or any(v not in letters for v in value) or len(set(value)) < len(value) or (
            question.qtype != QuestionType.MULTIPLE and len(value) != 1):
        raise DomainError("invalid_answer", _("答案须为本题的选项"), field="answer")
    return value


def answer(attempt, question_code: str, value, now=None) -> ExamAttempt:
    """Keep one answer. After the deadline (server time) it is refused: exam_time_over on `answer`."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = ExamAttempt.objects.select_for_update().get(pk=attempt.pk)
        if attempt.submitted_at is not None:
            raise DomainError("exam_submitted", _("已交卷，不能再作答"), field="answer")
        if now > attempt.deadline_at:
            raise DomainError("exam_time_over", _("考试时间已到，不能再作答"), field="answer")
        if question_code not in attempt.paper.drawn:
            raise DomainError("unknown_question", _("该题不在本试卷中"), field="question")
        question = Question.objects.get(code=question_code)
        attempt.answers = {**attempt.answers, question_code: _clean_answer(question, value)}
        attempt.save(update_fields=["answers"])
    return attempt


def score_of(paper, answers: dict) -> int:
    questions = questions_of(paper)
    right = sum(1 for q in questions if answers.get(q.code) == q.answer)
    return round(100 * right / len(questions)) if questions else 0


def submit(attempt, now=None) -> ExamAttempt:
    """Score the answers given (unanswered count as wrong); a pass gets a certificate valid for the paper's
    months. Submitting after the deadline scores what was saved before it."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = ExamAttempt.objects.select_for_update().select_related("paper").get(pk=attempt.pk)
        if attempt.submitted_at is not None:
            return attempt
        paper = attempt.paper
        attempt.submitted_at = now
        attempt.score = score_of(paper, attempt.answers)
        attempt.passed = attempt.score >= paper.pass_mark
        attempt.certificate_expiry = (add_months(timezone.localtime(attempt.submitted_at).date(),
                                                 paper.validity_months) if attempt.passed else None)
        attempt.save()
    return attempt


def state_of(attempt, now=None) -> dict:
    """The attempt as the exam page and the API show it (never the right answers before submit)."""
    now = now or timezone.now()
    done = attempt.submitted_at is not None
    return {"uuid": str(attempt.uuid), "paper": attempt.paper.code, "deadline_at": attempt.deadline_at.isoformat(),
            "seconds_left": max(0, int((attempt.deadline_at - now).total_seconds())) if not done else 0,
            "submitted": done, "score": attempt.score, "passed": attempt.passed,
            "certificate_expiry": attempt.certificate_expiry.isoformat() if attempt.certificate_expiry else None,
            "questions": [{"code": q.code, "type": q.qtype, "stem": q.name, "options": q.options.splitlines(),
                           "answer": attempt.answers.get(q.code), **({"correct": q.answer} if done else {})}
                          for q in questions_of(attempt.paper)]}
