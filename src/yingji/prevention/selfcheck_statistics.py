"""企业自查 in the statistics (统计分析): per 乡镇（街道） in the user's reach, the operating units a check list fits,
those that submitted at least one self-check in the period (自查覆盖率 = checked ÷ units), the sessions submitted,
the items found 不合格 and the hazards they filed. Three grouped queries, folded onto townships."""

from collections import Counter

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from yingji.core.models import Region
from yingji.core.scoping import scope_to_user

from .choices import CHEMICALS, Category, PlaceType
from .models import Enterprise, SelfCheck
from .models.criteria import INDUSTRIES
from .models.selfchecks import ResultChoice, SessionState

# The units some check list fits (models.selfchecks.check_sector, as a query).
WITH_LIST = Q(category__in=(*CHEMICALS, *INDUSTRIES, Category.FUEL_STATION, Category.GAS, Category.CROWDED)) | ~Q(
    place_type=PlaceType.ENTERPRISE)
KEYS = ("units", "checked", "sessions", "failed", "hazards")


def _township(path: str) -> str | None:
    codes = path.strip("/").split("/")
    return codes[1] if len(codes) >= 2 else None


def _fold(rows, key, into):
    for path, n in rows:
        code = _township(path)
        if code:
            into.setdefault(code, Counter())[key] += n


def _rate(part, whole):
    return round(100 * part / whole, 1) if whole else None


def selfcheck_statistics(user, period) -> dict:
    units = scope_to_user(Enterprise.objects.filter(WITH_LIST, status="active"), user)
    sessions = scope_to_user(SelfCheck.objects.filter(
        state=SessionState.SUBMITTED, checked_on__gte=period.start, checked_on__lte=period.end), user)
    by_code: dict[str, Counter] = {}
    _fold(units.values_list("region__path").annotate(n=Count("pk")).order_by(), "units", by_code)
    _fold(units.filter(self_checks__in=sessions).values_list("region__path").annotate(
        n=Count("pk", distinct=True)).order_by(), "checked", by_code)
    for path, n, failed, hazards in sessions.values_list("region__path").annotate(
            n=Count("pk", distinct=True), failed=Count("results", filter=Q(results__result=ResultChoice.FAIL)),
            hazards=Count("results__hazard")).values_list("region__path", "n", "failed", "hazards").order_by():
        _fold([(path, n)], "sessions", by_code)
        _fold([(path, failed)], "failed", by_code)
        _fold([(path, hazards)], "hazards", by_code)
    names = dict(Region.objects.filter(code__in=by_code).values_list("code", "name"))
    rows = [{"code": code, "label": names.get(code, code), **{k: by_code[code][k] for k in KEYS},
             "coverage": _rate(by_code[code]["checked"], by_code[code]["units"])} for code in sorted(by_code)]
    total = {k: sum(row[k] for row in rows) for k in KEYS}
    return {"rows": rows, "total": {"code": "", "label": _("合计"), **total,
                                    "coverage": _rate(total["checked"], total["units"])}}


def headers() -> list[str]:
    return [_("有自查清单的单位"), _("已自查单位"), _("自查覆盖率（%）"), _("提交自查"), _("不合格项"), _("生成隐患")]


def cells(row) -> list:
    return [row["units"], row["checked"], row["coverage"], row["sessions"], row["failed"], row["hazards"]]
