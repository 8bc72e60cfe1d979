"""Figures of the prevention dashboard (computed live, in the user's reach)."""

from collections import Counter

from django.db.models import Count, Q
from django.utils import timezone

from yingji.core.models import Region
from yingji.core.scoping import scope_to_user

from .choices import DEADLINE_STATES, KEY_SECTORS, OPEN_STATES, Colour, HazardGrade, HazardState
from .models import Enterprise, Hazard, RiskPoint


def _today(today):
    return today or timezone.localdate()


def overdue_q(today) -> Q:
    return Q(state__in=DEADLINE_STATES, deadline__lt=today)


def valid_certificate_q(today) -> Q:
    return ~Q(standard_level="none") & Q(certificate_expiry__gte=today)


def key_enterprises(user):
    """Operating enterprises (not places) of the key sectors, in the user's reach."""
    return scope_to_user(Enterprise.objects.filter(category__in=KEY_SECTORS, place_type="enterprise",
                                                   status="active"), user)


def standardisation(user, today=None) -> dict:
    """Indicator 1.4: key-sector enterprises (operating, not places) holding a valid standardisation certificate."""
    today = _today(today)
    key = key_enterprises(user)
    counts = key.aggregate(total=Count("pk"), valid=Count("pk", filter=valid_certificate_q(today)))
    total, valid = counts["total"], counts["valid"]
    return {"total": total, "valid": valid, "percent": round(100 * valid / total, 1) if total else 0.0}


def _townships(rows) -> list[dict]:
    """(region path, colour, n) rows folded onto townships (the path's second code), in code order."""
    by_code: dict[str, Counter] = {}
    for path, colour, n in rows:
        codes = path.strip("/").split("/")
        if len(codes) >= 2:
            by_code.setdefault(codes[1], Counter())[colour] += n
    names = dict(Region.objects.filter(code__in=by_code).values_list("code", "name"))
    return [{"code": code, "name": names.get(code, code), **{c: by_code[code][c] for c in Colour.values},
             "total": sum(by_code[code].values())} for code in sorted(by_code)]


def figures(user, today=None) -> dict:
    today = _today(today)
    hazards = scope_to_user(Hazard.objects.all(), user)
    counts = hazards.aggregate(
        open=Count("pk", filter=Q(state__in=OPEN_STATES)), overdue=Count("pk", filter=overdue_q(today)),
        major=Count("pk", filter=Q(state__in=OPEN_STATES, grade=HazardGrade.MAJOR)),
        supervised=Count("pk", filter=Q(state__in=OPEN_STATES) & ~Q(supervision="none")))
    by_state = dict(hazards.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    risks = scope_to_user(RiskPoint.objects.all(), user)
    by_colour = dict(risks.values_list("colour").annotate(n=Count("pk")).values_list("colour", "n"))
    township_rows = risks.values_list("region__path", "colour").annotate(n=Count("pk")).values_list(
        "region__path", "colour", "n")
    standard = standardisation(user, today)
    return {
        "open_hazards": counts["open"], "overdue_hazards": counts["overdue"], "major_open": counts["major"],
        "supervised_open": counts["supervised"],
        "hazards_by_state": {s.value: by_state.get(s.value, 0) for s in HazardState},
        "risks_by_colour": {c: by_colour.get(c, 0) for c in Colour.values},
        "risks_by_township": _townships(township_rows),
        "reassessment_overdue": risks.filter(reassess_due__lt=today).count(),
        "without_certificate": standard["total"] - standard["valid"],
        "standardisation": standard,
    }


def lists(user, today=None, limit=20) -> dict:
    """The records behind the figures: overdue hazards, open 挂牌督办 hazards, enterprises without a certificate."""
    today = _today(today)
    hazards = scope_to_user(Hazard.objects.select_related("enterprise"), user)
    enterprises = key_enterprises(user)
    supervised = hazards.filter(state__in=OPEN_STATES).exclude(supervision="none")
    return {
        "overdue": list(hazards.filter(overdue_q(today)).order_by("deadline")[:limit]),
        "supervised": list(supervised.order_by("deadline")[:limit]),
        "uncertified": list(enterprises.exclude(valid_certificate_q(today)).order_by("code")[:limit]),
    }
