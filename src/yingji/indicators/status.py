"""Current value, status and yearly trend of every indicator (docs/indicators.md "How a status is decided").

A computed indicator asks the provider registered under its code in core.extensions.INDICATORS, on demand and
for the current year only; the provider's own `meets` decides where it gives one (2.7 judges township by
township), else the catalogue's Target. An entered one counts the latest approved value of its latest year."""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingji.core import extensions as ext

from .catalogue import BASELINE_YEAR, BY_CODE, CATALOGUE, COMPUTED, Entry
from .models import IndicatorSnapshot, IndicatorValue, ValueState

MET, NOT_MET, NO_DATA = "met", "not_met", "no_data"
LABELS = {MET: gettext_lazy("达标"), NOT_MET: gettext_lazy("未达标"), NO_DATA: gettext_lazy("无数据")}
# Where the 2020 baseline comes from (docs/indicators.md "Baseline (2020)"): the catalogue (the plan's text: none
# so far), an approved 2020 value (entered with evidence by the department, approved by the director role), or
# computed by the provider from the data's 2020 records. None: 基线待录入.
BASELINE_SOURCES = {"catalogue": gettext_lazy("规划文本"), "entered": gettext_lazy("部门填报（审核通过）"),
                    "computed": gettext_lazy("系统依据2020年记录计算"), "backfill": gettext_lazy("2020年数值补录")}
BASELINE_MISSING = gettext_lazy("基线待录入")


def approved_by_year(code: str) -> dict[int, Decimal]:
    """The counted value per year: the latest approved one."""
    rows = (IndicatorValue.objects.filter(code=code, status=ValueState.APPROVED)
            .order_by("year", "decided_at", "pk").values_list("year", "value"))
    return dict(rows)


def _number(value):
    return None if value is None else float(value)


def _status(meets) -> str:
    return NO_DATA if meets is None else (MET if meets else NOT_MET)


def _computed(entry: Entry, user, baseline) -> dict:
    provider = ext.INDICATORS.get(entry.code)
    if provider is None or provider.compute is None:
        return {"value": None, "meets": None, "note": _("暂无数据来源"), "url": "", "year": None}
    result = provider.compute(user)
    value = result.get("value")
    computed_baseline = result.get("baseline")  # the provider's figure from the data's 2020 records, if any
    if baseline is None and computed_baseline and computed_baseline.get("value") is not None:
        baseline = computed_baseline["value"]
    meets = result.get("meets")
    if meets is None:
        meets = entry.target.meets(value, baseline)
    note = str(result.get("note") or "") if value is not None else _("暂无数据")
    return {"value": value, "meets": None if value is None else meets, "note": note, "url": result.get("url", ""),
            "year": timezone.localdate().year, "unit": result.get("unit") or entry.unit, "of": result.get("of"),
            "formula": provider.formula, "townships": result.get("townships"),
            "computed_baseline": computed_baseline}


def _entered(entry: Entry, baseline, values: dict) -> dict:
    counted = {year: value for year, value in values.items() if year > BASELINE_YEAR}
    if not counted:
        return {"value": None, "meets": None, "note": _("尚未填报（或未审核通过）"), "url": "", "year": None}
    year = max(counted)
    meets = entry.target.meets(counted[year], baseline)
    note = _("缺少2020年基准值") if meets is None else ""
    return {"value": counted[year], "meets": meets, "note": note, "url": "", "year": year}


def baseline_of(entry: Entry, values: dict, user=None) -> tuple:
    """The 2020 baseline known without asking a provider, and where it comes from: the plan's text (the
    catalogue), else the latest approved 2020 value, else (a computed indicator) the 2020 snapshot of the user's
    region (back-filled). (None, "") when none: a computed indicator's provider may still compute it from the
    data's 2020 records (`_computed`)."""
    if entry.baseline is not None:
        return entry.baseline, "catalogue"
    if BASELINE_YEAR in values:
        return values[BASELINE_YEAR], "entered"
    region = getattr(user, "region", None)
    if entry.source == COMPUTED and region is not None:
        shot = IndicatorSnapshot.objects.filter(indicator=entry.code, year=BASELINE_YEAR, region=region,
                                                value__isnull=False).first()
        if shot is not None:
            return shot.value, "backfill" if shot.entered_by_id else "computed"
    return None, ""


def evaluate(entry: Entry, user) -> dict:
    values = approved_by_year(entry.code)
    baseline, source = baseline_of(entry, values, user)
    found = _computed(entry, user, baseline) if entry.source == COMPUTED else _entered(entry, baseline, values)
    computed = found.get("computed_baseline")
    if baseline is None and computed and computed.get("value") is not None:
        baseline, source = computed["value"], "computed"
    return _row(entry, found, baseline, source)


def _past_computed(entry: Entry, year: int, region, values: dict) -> dict:
    shot = IndicatorSnapshot.objects.filter(indicator=entry.code, year=year, region=region).first() \
        if region is not None else None
    if shot is None or shot.value is None:
        if year in values:  # an approved value entered before the indicator was computed: kept as that year's
            return {"value": values[year], "meets": None, "note": _("部门填报（审核通过）"), "url": "", "year": year,
                    "entered": True}
        return {"value": None, "meets": None, "note": _("该年度无记录"), "url": "", "year": year}
    meets = None if shot.status == NO_DATA else shot.status == MET
    return {"value": shot.value, "meets": meets, "note": "", "url": "", "year": year, "of": shot.of}


def for_year(entry: Entry, year: int, user) -> dict:
    """The row of `evaluate` as it stood in `year`: this year (or later) computed now; a past year the approved
    value of that year (entered) or the year's snapshot of the user's region (computed: recorded by the worker
    or back-filled, snapshots.py; without one, an approved value entered for that year before the indicator was
    computed)."""
    if year >= timezone.localdate().year:
        return evaluate(entry, user)
    values = approved_by_year(entry.code)
    baseline, source = baseline_of(entry, values, user)
    if entry.source == COMPUTED:
        found = _past_computed(entry, year, getattr(user, "region", None), values)
        if found.pop("entered", False):
            found["meets"] = entry.target.meets(found["value"], baseline)
    elif year in values:
        meets = entry.target.meets(values[year], baseline)
        found = {"value": values[year], "meets": meets, "note": _("缺少2020年基准值") if meets is None else "",
                 "url": "", "year": year}
    else:
        found = {"value": None, "meets": None, "note": _("该年度尚未填报（或未审核通过）"), "url": "", "year": year}
    return _row(entry, found, baseline, source)


def baseline_cell(row: dict) -> str:
    """The 2020年基准 cell of the reports: the figure (saying so when the system computed it from the data's 2020
    records), or 待录入."""
    if row.get("baseline") is None:
        return "待录入"
    text = f"{row['baseline']:g}"
    if row.get("baseline_source") == "computed":
        text += "（据2020年记录计算）"
    return text


def attainment(row: dict) -> float:
    """Target attainment in % (as the page's charts draw it): value ÷ target; target ÷ value for an upper limit;
    the achieved decrease ÷ the required one. No figure: 0."""
    check, value = row["target_check"], row["value"]
    if value is None:
        return 0.0
    if check["op"] == "decrease":
        baseline = row["baseline"]
        if not baseline:
            return 0.0
        return 100 * ((baseline - value) / baseline * 100) / check["value"]
    if check["op"] in ("<", "<="):
        return 100.0 if value == 0 else 100 * check["value"] / value
    return 100.0 if check["value"] == 0 else 100 * value / check["value"]


def _row(entry: Entry, found: dict, baseline, baseline_source: str = "") -> dict:
    status = _status(found["meets"])
    if baseline is None:
        baseline_source, baseline_note = "", str(BASELINE_MISSING)
    else:
        baseline_note = str(BASELINE_SOURCES[baseline_source])
    row = {"code": entry.code, "table": entry.table, "name": str(entry.name), "target": str(entry.target_text),
           "target_check": {"op": entry.target.op, "value": float(entry.target.value),
                            "unit": str(entry.target.unit)},
           "attribute": str(entry.attribute), "unit": str(found.get("unit") or entry.unit),
           "formula": str(found.get("formula") or entry.formula), "source": entry.source,
           "baseline": _number(baseline), "baseline_source": baseline_source, "baseline_note": baseline_note,
           "year": found["year"], "value": _number(found["value"]), "of": found.get("of"), "status": status,
           "status_label": str(LABELS[status]), "note": str(found["note"]), "url": found["url"],
           "townships": found.get("townships")}
    return row


def current(user) -> list[dict]:
    return [evaluate(entry, user) for entry in CATALOGUE]


def history(code: str, user) -> dict | None:
    """Per year since the 2020 baseline: approved entered values; a computed indicator the yearly snapshots of
    the user's region for the years before this one (snapshots.py) and this year's figure, computed on demand.
    The baseline, when there is one, is the first year (`source: baseline`); approved values entered for a
    computed indicator before it was computed stay as their years' figures where no snapshot replaces them."""
    entry = BY_CODE.get(code)
    if entry is None:
        return None
    now = evaluate(entry, user)
    values = approved_by_year(code)
    values.pop(BASELINE_YEAR, None)
    years = [{"year": year, "value": float(value), "source": "entered"} for year, value in sorted(values.items())
             if year > BASELINE_YEAR]
    if entry.source == COMPUTED and getattr(user, "region", None) is not None:
        from .snapshots import past_years  # the figures recorded for the user's region in the years before

        recorded = past_years(code, user.region)
        recorded.pop(BASELINE_YEAR, None)
        years = [y for y in years if y["year"] not in recorded]
        years += [{"year": year, "value": value, "source": source} for year, (value, source) in recorded.items()]
    if entry.source == COMPUTED and now["value"] is not None:
        years = [y for y in years if y["year"] != now["year"]]
        years.append({"year": now["year"], "value": now["value"], "source": "computed"})
    if now["baseline"] is not None:
        years.append({"year": BASELINE_YEAR, "value": now["baseline"], "source": "baseline"})
    years.sort(key=lambda y: y["year"])
    return {"indicator": now, "years": years}
