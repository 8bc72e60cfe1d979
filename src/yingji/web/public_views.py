"""公众服务, the public home: at / for visitors who are not signed in (signed-in users keep the overview), and at
/public/ for everyone. Warnings in force, the way to report an incident, the nearest open shelter with room from the
visitor's position or a typed place, and safety guidance. No login and no personal data; shelter searches are
limited per address."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework.throttling import SimpleRateThrottle

from yingji.alerts.models import GuidanceTemplate
from yingji.alerts.services import in_force
from yingji.alerts.types import all_types, level_name, shown
from yingji.core.errors import DomainError
from yingji.core.models import Region, RegionLevel
from yingji.core.timefmt import MINUTE, local_text
from yingji.resources.nearby import parse_point
from yingji.resources.public import nearest_open_shelters

from . import views

PLACE_MAX = 50


class _SearchThrottle(SimpleRateThrottle):
    """Shelter searches per client address (the connection's, as the login limit counts it)."""

    scope, rate = "public_shelter_search", "20/min"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": request.META.get("REMOTE_ADDR", "")}


def entry(request):
    """/: the overview for a signed-in user, the public home for anyone else."""
    if request.user.is_authenticated:
        return views.home(request)
    return public_home(request)


def public_home(request):
    search, status = _shelter_search(request)
    warnings = _warnings()
    return render(request, "web/public_home.html", {
        "warnings": warnings, "search": search, "guidance": _guidance({w["type_code"] for w in warnings}),
    }, status=status)


def _warnings() -> list[dict]:
    rows = []
    for warning in in_force():
        level = warning.level_enum
        rows.append({"headline": warning.headline, "colour": level.hex, "level": level_name(warning.type_code, level),
                     "severity": level.severity, "area": warning.area_desc, "type_code": warning.type_code,
                     "effective": local_text(warning.effective, MINUTE),
                     "expires": local_text(warning.expires, MINUTE)})
    return sorted(rows, key=lambda row: -row["severity"])


def _shelter_search(request) -> tuple[dict | None, int]:
    """(what the search found, the page's status): nothing asked, found, a bad place (400) or too many (429)."""
    place = (request.GET.get("place") or "").strip()[:PLACE_MAX]
    lon, lat = request.GET.get("lon") or "", request.GET.get("lat") or ""
    if not place and not (lon and lat):
        return None, 200
    if not _SearchThrottle().allow_request(request, None):
        return {"place": place, "error": _("查询过于频繁，请一分钟后再试。")}, 429
    try:
        origin, label = _origin(place, lon, lat)
    except DomainError as exc:
        return {"place": place, "error": exc.message}, 400
    return {"place": place, "from": label, "results": nearest_open_shelters(origin)}, 200


def _origin(place: str, lon: str, lat: str) -> tuple[tuple[float, float], str]:
    """The search's starting point: the visitor's position, else the township or village named."""
    if lon and lat:
        return parse_point(lon, lat), _("您的位置")
    region = Region.objects.filter(level__in=(RegionLevel.TOWNSHIP, RegionLevel.VILLAGE), name__icontains=place,
                                   lon__isnull=False).select_related("parent").defer(
        "geometry", "parent__geometry").order_by("level", "code").first()
    if region is None:
        raise DomainError("unknown_place", _("没有找到“%(p)s”，请输入乡镇（街道）或村（社区）的名称") % {"p": place},
                          field="place")
    label = region.name if region.level == RegionLevel.TOWNSHIP else f"{region.parent.name} · {region.name}"
    return (region.lon, region.lat), label


def _guidance(first: set[str]) -> list[dict]:
    """防御指南 per warning type (its least severe level's text): the types of the warnings in force first, open."""
    texts = {}
    for template in GuidanceTemplate.objects.order_by("type_code", "-level"):  # level_4 (blue) before level_1
        texts.setdefault(template.type_code, template.text)
    types = [t for t in all_types().values() if t.code in texts]
    types.sort(key=lambda t: t.code not in first)
    return [{"code": t.code, "label": shown(t.label), "text": texts[t.code], "open": t.code in first} for t in types]
