"""Indicator 3.3 应急救援人员受专业培训率: the rescue teams' members with a training record valid today ÷ all the
teams' members (in the user's reach)."""

from django.utils import timezone

from yingji.core.scoping import scope_to_user


def training_rate(user, today=None) -> dict:
    from yingji.resources.models import TeamMember

    today = today or timezone.localdate()
    members = scope_to_user(TeamMember.objects.all(), user)
    total = members.count()
    trained = members.filter(training_records__attended=True, training_records__valid_until__gte=today) \
        .distinct().count()
    return {"total": total, "trained": trained, "percent": round(100 * trained / total, 1) if total else 0.0}


BASELINE_YEAR = 2020  # the plan's base year (indicators.catalogue.BASELINE_YEAR; this app does not import it)


def _township_rows(rates: dict) -> list[dict]:
    return [{"code": t["code"], "name": t["name"], "value": t["public"]["percent"], "of": t["public"]["total"],
             "student": t["student"]["percent"], "meets": t["meets"] if t["public"]["percent"] is not None else None}
            for t in rates["townships"]]


def knowledge_indicator(user, year=None) -> dict:
    """Indicator 3.6 公众应急知识普及率 (target ≥80 %, students 100 %) from the knowledge surveys' answer sheets
    of the year in the user's reach: the public's rate is the figure; it meets the target when the public's
    rate is ≥ 80 % and the students' (where students answered) is 100 %. With the township breakdown, the link
    to the answer sheets' summary of that year, and the 2020 figure as the baseline where 2020 sheets exist."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from .surveys import knowledge_rates

    rates = knowledge_rates(user, year)
    public, student = rates["public"], rates["student"]
    value = public["percent"]
    meets = None
    if value is not None:
        meets = value >= public["target"] and (student["percent"] is None or student["percent"] >= student["target"])
    note = ""
    if value is not None:
        note = _("公众 %(k)s/%(t)s 人掌握") % {"k": public["knows"], "t": public["total"]}
        note += "；" + (_("学生 %(p)s%%（%(k)s/%(t)s）") % {"p": f"{student['percent']:g}", "k": student["knows"],
                                                          "t": student["total"]}
                       if student["percent"] is not None else _("学生暂无答卷"))
    result = {"value": value, "unit": "%", "meets": meets, "of": public["total"] or None, "note": note,
              "url": reverse("community:survey-results") + f"?year={rates['year']}",
              "townships": _township_rows(rates)}
    if rates["year"] != BASELINE_YEAR:
        base = knowledge_rates(user, BASELINE_YEAR)
        if base["public"]["percent"] is not None:
            result["baseline"] = {"value": base["public"]["percent"], "of": base["public"]["total"],
                                  "url": reverse("community:survey-results") + f"?year={BASELINE_YEAR}"}
    return result


def register() -> None:
    """Declares 3.6 in core.extensions.INDICATORS (called from contributions.register)."""
    from django.utils.translation import gettext_lazy as _lazy

    from yingji.core import extensions as ext

    ext.INDICATORS.add(ext.Indicator(
        "3.6", _lazy("公众应急知识普及率"), "≥80%（学生100%）", "%", _lazy("预期性"),
        _lazy("本年应急知识问卷中得分达到掌握标准的受访公众 ÷ 受访公众；学生另计，须达100%"),
        knowledge_indicator))
