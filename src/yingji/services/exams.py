"""安全培训考核 on the portal: the community app's exam papers meant for enterprise safety managers (a paper whose
rules draw questions of a tag in config.exam_tags), taken through the community app's exam pages; a pass gives the
certificate the community app issues. These are standing papers (practice and re-certification at any time); the
scheduled sessions with sign-up are exam_sessions.py, and their papers are not offered here."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from . import config
from .enterprises import NotFoundError


@dataclass(frozen=True)
class PortalExam:
    paper: object
    last: object  # the user's latest attempt, or None
    certified: object  # the user's latest passed attempt whose certificate is valid, or None


def _for_managers(paper) -> bool:
    from yingji.community.models.exams import parse_rules

    try:
        rules = parse_rules(paper.rules)
    except Exception:
        return False
    return any(tag in config.current().exam_tags for tag, _kind, _count in rules)


def papers():
    from yingji.community.models import ExamPaper

    from .models import ExamSession

    standing = ExamPaper.objects.filter(status="active").exclude(pk__in=ExamSession.objects.values("paper_id"))
    return [p for p in standing.order_by("code") if _for_managers(p)]


def offered(user) -> list[PortalExam]:
    from yingji.community.models import ExamAttempt

    today = timezone.localdate()
    found = []
    for paper in papers():
        attempts = ExamAttempt.objects.filter(paper=paper, candidate=user).order_by("-started_at", "-pk")
        certified = attempts.filter(passed=True).exclude(certificate_expiry__lt=today).first()
        found.append(PortalExam(paper, attempts.first(), certified))
    return found


def start(user, uuid):
    """Start (or resume) an offered paper for an enterprise account; another paper is a 404."""
    from yingji.community import exams

    paper = next((p for p in papers() if str(p.uuid) == str(uuid)), None)
    if paper is None:
        raise NotFoundError("paper_not_found", _("未找到该考试，或不面向企业安全管理人员"), field="paper")
    return exams.start(paper, user)
