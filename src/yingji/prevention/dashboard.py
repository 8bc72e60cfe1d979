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


def _hazard_figures(user, today) -> dict:
    """One grouped pass over the hazards in reach (a row per state, with its late, major and supervised counts):
    open, overdue, open major, open supervised and the count of each state are sums of its rows."""
    rows = scope_to_user(Hazard.objects.all(), user).values("state").annotate(
        n=Count("pk"), late=Count("pk", filter=Q(deadline__lt=today)),
        major=Count("pk", filter=Q(grade=HazardGrade.MAJOR)),
        supervised=Count("pk", filter=~Q(supervision="none"))).order_by()
    by_state = {row["state"]: row for row in rows}

    def total(key, states):
        return sum(by_state[state][key] for state in states if state in by_state)

    return {"open_hazards": total("n", OPEN_STATES), "overdue_hazards": total("late", DEADLINE_STATES),
            "major_open": total("major", OPEN_STATES), "supervised_open": total("supervised", OPEN_STATES),
            "hazards_by_state": {s.value: total("n", [s.value]) for s in HazardState}}


def _risk_figures(user, today) -> dict:
    """One grouped pass over the risk points in reach: by township and colour, with the overdue re-assessments;
    the colour totals and the overdue count are sums of its rows."""
    rows = list(scope_to_user(RiskPoint.objects.all(), user).values_list("region__path", "colour").annotate(
        n=Count("pk"), overdue=Count("pk", filter=Q(reassess_due__lt=today))).values_list(
        "region__path", "colour", "n", "overdue").order_by())
    by_colour = Counter()
    for _path, colour, n, _overdue in rows:
        by_colour[colour] += n
    return {"risks_by_colour": {c: by_colour[c] for c in Colour.values},
            "risks_by_township": _townships([(path, colour, n) for path, colour, n, _overdue in rows]),
            "reassessment_overdue": sum(row[3] for row in rows)}


def figures(user, today=None) -> dict:
    today = _today(today)
    standard = standardisation(user, today)
    return {**_hazard_figures(user, today), **_risk_figures(user, today),
            "without_certificate": standard["total"] - standard["valid"], "standardisation": standard}


def lists(user, today=None, limit=20) -> dict:
    """The records behind the figures: overdue hazards, open 挂牌督办 hazards, enterprises without a certificate,
    risk points past their re-assessment date."""
    today = _today(today)
    hazards = scope_to_user(Hazard.objects.select_related("enterprise"), user)
    enterprises = key_enterprises(user)
    supervised = hazards.filter(state__in=OPEN_STATES).exclude(supervision="none")
    return {
        "overdue": list(hazards.filter(overdue_q(today)).order_by("deadline")[:limit]),
        "supervised": list(supervised.order_by("deadline")[:limit]),
        "uncertified": list(enterprises.exclude(valid_certificate_q(today)).order_by("code")[:limit]),
        "reassessment": list(scope_to_user(RiskPoint.objects.select_related("enterprise"), user).filter(
            reassess_due__lt=today).order_by("reassess_due", "code")[:limit]),
    }
