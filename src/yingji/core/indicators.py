"""Plan indicators 3.1 and 3.2 from the people registry (core.Person), which core owns, so core provides them
(one provider per code, core.extensions.INDICATORS; docs/indicators.md).

3.1 乡镇（街道）应急管理专职人员 ≥2名: for each township in the viewer's reach, the people of township
    governments (乡镇政府/街道办事处) in its subtree marked 专职; the figure is the smallest of them (every township
    must have two), with each township's count in `townships`.
3.2 应急管理部门专业人才占比 ＞60%: of the 在编 people of the emergency bureau (应急管理部门) in reach, those
    with a relevant degree or professional qualification (`qualification` filled in)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _lazy

from .models import Establishment, OrganizationKind, Person, Region, RegionLevel, Staffing
from .scoping import scope_to_user


def _people_url(**filters) -> str:
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return reverse("registry:core-people-list") + (f"?{query}" if query else "")


def township_staff(user) -> dict:
    """{"townships": [{code, name, full_time}], "fewest": n or None}: 专职 staff per township in reach."""
    townships = list(scope_to_user(Region.objects.filter(level=RegionLevel.TOWNSHIP), user).defer("geometry")
                     .order_by("code"))
    staff = scope_to_user(Person.objects.filter(staffing=Staffing.FULL_TIME,
                                                organization__kind=OrganizationKind.TOWNSHIP), user)
    paths = list(staff.values_list("region__path", flat=True))
    rows = [{"code": t.code, "name": t.name, "full_time": sum(1 for p in paths if p.startswith(t.path))}
            for t in townships]
    return {"townships": rows, "fewest": min((r["full_time"] for r in rows), default=None)}


def professional_share(user) -> dict:
    """{"established", "qualified", "percent" or None}: qualified ÷ 在编 staff of the emergency bureau in reach."""
    staff = scope_to_user(Person.objects.filter(establishment=Establishment.ESTABLISHED,
                                                organization__kind=OrganizationKind.EMERGENCY_BUREAU), user)
    established = staff.count()
    qualified = staff.exclude(qualification="").count()
    percent = round(100 * qualified / established, 1) if established else None
    return {"established": established, "qualified": qualified, "percent": percent}


def _township_staff(user) -> dict:
    figures = township_staff(user)
    return {"value": figures["fewest"], "townships": figures["townships"],
            "url": _people_url(staffing=Staffing.FULL_TIME)}


def _professional_share(user) -> dict:
    figures = professional_share(user)
    return {"value": figures["percent"], "unit": "%", "url": _people_url(establishment=Establishment.ESTABLISHED)}


def register() -> None:
    from .extensions import INDICATORS, Indicator

    INDICATORS.add(Indicator("3.1", _lazy("乡镇（街道）应急管理专职人员"), "≥2名", "人", _lazy("约束性"),
                             _lazy("各乡镇（街道）政府人员中标注为专职的人数，取最少的乡镇（人员库）"),
                             _township_staff))
    INDICATORS.add(Indicator("3.2", _lazy("应急管理部门专业人才占比"), "＞60%", "%", _lazy("预期性"),
                             _lazy("应急管理部门在编人员中具有相关专业学历或职业资格者 ÷ 在编人员（人员库）"),
                             _professional_share))
