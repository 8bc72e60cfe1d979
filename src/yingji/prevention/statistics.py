"""统计分析 of hidden hazards (issue 16), in the user's reach (core.scoping), over a period (a year, a quarter or a
custom range):

- the hazards *found* in the period, by township, sector (the enterprise's 监管类别), grade, source and state;
- 整改率 = found in the period and closed (销号) by its end ÷ found in the period, for 一般 and 重大 separately;
- 按期整改率 = of those closed, closed on or before their 整改期限 ÷ closed;
- the 隐患排查治理情况统计表 that enterprises report each quarter (by the 15th of the next month) and each year (by
  31 January), shared/STANDARDS.md §4: one row per enterprise with hazards found in the period.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.models import Region
from yingji.core.scoping import scope_to_user

from .choices import Category, HazardGrade, HazardSource, HazardState
from .models import Hazard
from .models.hazards import FIVE_IMPLEMENTATIONS

FIRST_YEAR = 2000
QUARTER_START = {1: 1, 2: 4, 3: 7, 4: 10}


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str
    kind: str  # year, quarter, range

    @property
    def report_due(self) -> dt.date | None:
        """When enterprises report this period's table: the 15th of the next month (quarter), 31 January (year)."""
        if self.kind == "year":
            return dt.date(self.end.year + 1, 1, 31)
        if self.kind == "quarter":
            following = self.end + dt.timedelta(days=1)
            return following.replace(day=15)
        return None

    def as_dict(self) -> dict:
        due = self.report_due
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "label": self.label, "kind": self.kind,
                "report_due": due.isoformat() if due else None}


def _int(params, name, low, high):
    raw = str(params.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise DomainError("invalid_period", _("%(n)s 应为 %(a)d–%(b)d 之间的整数") % {"n": name, "a": low, "b": high},
                          field=name)
    return int(raw)


def _date(params, name):
    try:
        return dt.date.fromisoformat(str(params.get(name)).strip())
    except ValueError:
        raise DomainError("invalid_date", _("日期格式应为 YYYY-MM-DD"), field=name) from None


def period_from(params, today=None) -> Period:
    """`start`+`end` (a custom range), else `year` with an optional `quarter` (1–4); default the current year."""
    today = today or timezone.localdate()
    if params.get("start") or params.get("end"):
        start, end = _date(params, "start"), _date(params, "end")
        if end < start:
            raise DomainError("invalid_period", _("结束日期不能早于开始日期"), field="end")
        return Period(start, end, f"{start:%Y-%m-%d}—{end:%Y-%m-%d}", "range")
    year = _int(params, "year", FIRST_YEAR, today.year + 1) or today.year
    quarter = _int(params, "quarter", 1, 4)
    if quarter is None:
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), _("%(y)d年") % {"y": year}, "year")
    start = dt.date(year, QUARTER_START[quarter], 1)
    end = (start.replace(day=28) + dt.timedelta(days=70)).replace(day=1) - dt.timedelta(days=1)
    return Period(start, end, _("%(y)d年第%(q)d季度") % {"y": year, "q": quarter}, "quarter")


def rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def found_in(user, period: Period):
    return scope_to_user(Hazard.objects.filter(found_on__gte=period.start, found_on__lte=period.end), user)


def _closed_q(period) -> Q:
    return Q(state=HazardState.CLOSED, closed_on__lte=period.end)


def _on_time_q(period) -> Q:
    return _closed_q(period) & Q(deadline__isnull=False, closed_on__lte=F("deadline"))


def _counts(period) -> dict:
    closed, major = _closed_q(period), Q(grade=HazardGrade.MAJOR)
    return {"found": Count("pk"), "closed": Count("pk", filter=closed),
            "on_time": Count("pk", filter=_on_time_q(period)), "major": Count("pk", filter=major),
            "major_closed": Count("pk", filter=closed & major)}


def _row(key, label, counts) -> dict:
    return {"key": key, "label": str(label), **counts, "open": counts["found"] - counts["closed"],
            "rate": rate(counts["closed"], counts["found"]), "on_time_rate": rate(counts["on_time"], counts["closed"])}


def _by(hazards, field, period, labels) -> list[dict]:
    rows = {row.pop(field): row for row in hazards.values(field).annotate(**_counts(period)).order_by()}
    return [_row(key, label, rows[key]) for key, label in labels if key in rows]


def _by_township(hazards, period) -> list[dict]:
    """Folded onto townships (the region path's second code); hazards placed on the district itself under it."""
    folded: dict[str, dict] = {}
    for row in hazards.values("region__path").annotate(**_counts(period)).order_by():
        codes = row.pop("region__path").strip("/").split("/")
        into = folded.setdefault(codes[1] if len(codes) > 1 else codes[0], dict.fromkeys(row, 0))
        for name, value in row.items():
            into[name] += value
    names = dict(Region.objects.filter(code__in=folded).values_list("code", "name"))
    return [_row(code, names.get(code, code), folded[code]) for code in sorted(folded)]


def _sector_labels():
    return [*Category.choices, (None, _("区域性隐患（无所属单位）"))]


def totals(hazards, period) -> dict:
    """整改率 for 一般, 重大 and all; 按期整改率 over all closed."""
    grades = {row["key"]: row for row in _by(hazards, "grade", period, HazardGrade.choices)}
    empty = _row("", "", dict.fromkeys(("found", "closed", "on_time", "major", "major_closed"), 0))
    everything = _row("all", _("合计"), hazards.aggregate(**_counts(period)))
    return {"general": grades.get(HazardGrade.GENERAL, empty), "major": grades.get(HazardGrade.MAJOR, empty),
            "all": everything}


def statistics(user, period: Period) -> dict:
    hazards = found_in(user, period)
    return {
        "period": period.as_dict(),
        "totals": totals(hazards, period),
        "by_township": _by_township(hazards, period),
        "by_sector": _by(hazards, "enterprise__category", period, _sector_labels()),
        "by_grade": _by(hazards, "grade", period, HazardGrade.choices),
        "by_source": _by(hazards, "source", period, HazardSource.choices),
        "by_state": _by(hazards, "state", period, HazardState.choices),
    }


DIMENSIONS = (("by_township", _("乡镇（街道）")), ("by_sector", _("行业领域（监管类别）")), ("by_grade", _("隐患等级")),
              ("by_source", _("隐患来源")), ("by_state", _("治理状态")))


def table_headers() -> list[str]:
    return [_("排查隐患"), _("已整改销号"), _("未销号"), _("整改率（%）"), _("按期整改"), _("按期整改率（%）"),
            _("重大隐患"), _("重大已销号")]


def table_cells(row) -> list:
    return [row["found"], row["closed"], row["open"], row["rate"], row["on_time"], row["on_time_rate"], row["major"],
            row["major_closed"]]


# 隐患排查治理情况统计表 ----------------------------------------------------------------------------------------------

def _five_done_q() -> Q:
    """A 重大 hazard whose 治理方案 has all of the 五落实."""
    condition = Q(grade=HazardGrade.MAJOR)
    for field, _label in FIVE_IMPLEMENTATIONS:
        condition &= Q(**{f"{field}__isnull": False})
        if field not in ("plan_funds", "plan_deadline"):
            condition &= ~Q(**{field: ""})
    return condition


def report_rows(user, period: Period) -> list[dict]:
    """One row per enterprise with hazards found in the period, in code order, and a 合计 row."""
    closed, major, general = _closed_q(period), Q(grade=HazardGrade.MAJOR), Q(grade=HazardGrade.GENERAL)
    rows = list(found_in(user, period).filter(enterprise__isnull=False).values(
        "enterprise__code", "enterprise__name", "enterprise__credit_code", "enterprise__category",
        "enterprise__region__path").annotate(
        general=Count("pk", filter=general), general_closed=Count("pk", filter=general & closed),
        major=Count("pk", filter=major), major_closed=Count("pk", filter=major & closed),
        major_planned=Count("pk", filter=_five_done_q()), supervised=Count("pk", filter=major & ~Q(supervision="none")),
        funds=Sum("plan_funds", filter=major), closed=Count("pk", filter=closed),
        on_time=Count("pk", filter=_on_time_q(period))).order_by("enterprise__code"))
    townships = dict(Region.objects.filter(level=2).values_list("code", "name"))
    categories = dict(Category.choices)
    for row in rows:
        codes = row.pop("enterprise__region__path").strip("/").split("/")
        row.update(code=row.pop("enterprise__code"), name=row.pop("enterprise__name"),
                   credit_code=row.pop("enterprise__credit_code"),
                   category=str(categories.get(row.pop("enterprise__category"), "")),
                   township=townships.get(codes[1], "") if len(codes) > 1 else "")
    total = {key: sum(r[key] or 0 for r in rows) for key in ("general", "general_closed", "major", "major_closed",
                                                             "major_planned", "supervised", "funds", "closed",
                                                             "on_time")}
    rows.append({"code": "", "name": _("合计"), "credit_code": "", "category": "", "township": "", **total})
    for row in rows:
        row.update(general_rate=rate(row["general_closed"], row["general"]),
                   major_rate=rate(row["major_closed"], row["major"]), on_time_rate=rate(row["on_time"], row["closed"]),
                   funds=row["funds"] or 0)
    return rows


REPORT_COLUMNS = (
    ("name", _("单位名称")), ("credit_code", _("统一社会信用代码")), ("township", _("乡镇（街道）")),
    ("category", _("监管类别")), ("general", _("一般隐患排查数")), ("general_closed", _("一般隐患已整改数")),
    ("general_rate", _("一般隐患整改率（%）")), ("major", _("重大隐患排查数")),
    ("major_closed", _("重大隐患已整改销号数")),
    ("major_rate", _("重大隐患整改率（%）")), ("major_planned", _("重大隐患“五落实”到位数")),
    ("supervised", _("挂牌督办数")), ("funds", _("重大隐患治理资金（万元）")), ("on_time_rate", _("按期整改率（%）")),
)


def report_table(rows) -> tuple[list[str], list[list]]:
    headers = [_("序号"), *(str(label) for _key, label in REPORT_COLUMNS)]
    body = [[n if row["code"] else "", *(row[key] for key, _label in REPORT_COLUMNS)] for n, row in enumerate(rows, 1)]
    return headers, body
