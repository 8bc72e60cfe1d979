"""One-map layers: enterprises by category, major hazard sources by grade, risk points by colour (四色图), open
hazards by state with the overdue ones in red."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from yingji.core.extensions import MAP_LAYERS, MapLayer
from yingji.core.geojson import MAX_FEATURES, detail_url, located, point
from yingji.core.registry import registry_for

from .choices import CHEMICALS, COLOUR_HEX, DEADLINE_STATES, OPEN_STATES, Category, Colour, PlaceType
from .models import Enterprise, Hazard, MajorHazardSource, RiskPoint
from .models.criteria import INDUSTRIES

GROUP = _lazy("双重预防")
GRADE_HEX = {1: COLOUR_HEX["red"], 2: COLOUR_HEX["orange"], 3: COLOUR_HEX["yellow"], 4: COLOUR_HEX["blue"]}
OVERDUE, OPEN = "#9d0191", "#6c757d"  # magenta, not red: red, orange, yellow and blue are grades and levels
# The other enterprises and places coloured by sector group (none of the risk colours, nor the chemicals' purple).
SECTOR_GROUPS = (("industry", "#8d6e63", _lazy("工贸企业")), ("fuel_station", "#2a9d8f", _lazy("加油站")),
                 ("gas", "#3a5a40", _lazy("燃气")), ("crowded", "#d63384", _lazy("人员密集场所与其他重点场所")),
                 ("construction", "#5c677d", _lazy("建筑施工")), ("other", "#6d6875", _lazy("其他")))
SECTOR_HEX = {key: colour for key, colour, _label in SECTOR_GROUPS}


def sector_group(enterprise) -> str:
    if enterprise.place_type != PlaceType.ENTERPRISE or enterprise.category == Category.CROWDED:
        return "crowded"
    if enterprise.category in INDUSTRIES:
        return "industry"
    return enterprise.category if enterprise.category in SECTOR_HEX else "other"


def _features(model, rows, props):
    url = detail_url(registry_for(model).url_name("detail"))
    return [point(r.lon, r.lat, {"uuid": str(r.uuid), "code": r.code, "name": r.name, "url": url(r.uuid), **props(r)})
            for r in rows[:MAX_FEATURES]]


def _enterprises(filter_q, coloured=False):
    def features(user, bbox, params):
        rows = located(Enterprise.objects.filter(filter_q), user, bbox, params)

        def props(e):
            colour = {"color": SECTOR_HEX[sector_group(e)]} if coloured else {}
            return {**colour, "lines": [e.get_category_display(), e.address]}

        return _features(Enterprise, rows, props)

    return features


def _sources(user, bbox, params):
    rows = located(MajorHazardSource.objects.select_related("enterprise"), user, bbox, params)
    return _features(MajorHazardSource, rows, lambda s: {"color": GRADE_HEX.get(s.grade, OPEN), "lines": [
        _("重大危险源：%s") % s.grade_label, _("R值：%s") % s.r_value, str(s.enterprise)]})


def _risks(user, bbox, params):
    rows = located(RiskPoint.objects.all(), user, bbox, params).only("uuid", "code", "name", "lon", "lat", "colour",
                                                                      "value", "band")
    return _features(RiskPoint, rows, lambda r: {"color": COLOUR_HEX[r.colour], "lines": [
        r.get_colour_display(), _("风险值：%s") % r.value.normalize(), r.band]})


def _hazards(user, bbox, params):
    today = timezone.localdate()
    rows = located(Hazard.objects.filter(state__in=OPEN_STATES), user, bbox, params)
    overdue = Q(state__in=DEADLINE_STATES, deadline__lt=today)
    late = set(rows.filter(overdue).values_list("pk", flat=True))
    return _features(Hazard, rows, lambda h: {"color": OVERDUE if h.pk in late else OPEN, "lines": [
        h.get_grade_display(), h.get_state_display(), (_("整改期限：%s") % h.deadline) if h.deadline else ""]})


def register_layers() -> None:
    MAP_LAYERS.add(MapLayer("prevention-chemicals", _lazy("危险化学品企业"), GROUP,
                            _enterprises(Q(category__in=CHEMICALS)), color="#7b2cbf",
                            permission="prevention.view_enterprise", order=70))
    MAP_LAYERS.add(MapLayer("prevention-enterprises", _lazy("其他企业与重点场所"), GROUP,
                            _enterprises(~Q(category__in=CHEMICALS), coloured=True), color=SECTOR_HEX["other"],
                            permission="prevention.view_enterprise", order=71,
                            legend=tuple((colour, label) for _key, colour, label in SECTOR_GROUPS)))
    MAP_LAYERS.add(MapLayer("prevention-hazard-sources", _lazy("重大危险源（按等级）"), GROUP, _sources,
                            color=GRADE_HEX[1], permission="prevention.view_majorhazardsource", order=72,
                            legend=((GRADE_HEX[1], _lazy("一级")), (GRADE_HEX[2], _lazy("二级")),
                                    (GRADE_HEX[3], _lazy("三级")), (GRADE_HEX[4], _lazy("四级")))))
    MAP_LAYERS.add(MapLayer("prevention-risk-points", _lazy("安全生产风险四色图"), GROUP, _risks,
                            color=COLOUR_HEX["red"], permission="prevention.view_riskpoint", order=73,
                            legend=tuple((COLOUR_HEX[c.value], c.label) for c in Colour)))
    MAP_LAYERS.add(MapLayer("prevention-hazards", _lazy("未销号隐患"), GROUP, _hazards,
                            color=OVERDUE, permission="prevention.view_hazard", order=74,
                            legend=((OVERDUE, _lazy("逾期")), (OPEN, _lazy("整改中或待办")))))
