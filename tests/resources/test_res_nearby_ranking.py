"""Near here ranks in SQL (growing boxes) and gives what ranking every candidate by haversine gave: the same
records in the same order, with points placed just inside and just outside the first box's radius, on its widest
longitude, with filters (a boat, a material in stock) and within a township officer's jurisdiction."""

import math
import random
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yingji.core.models import Region
from yingji.geo.measure import EARTH_MEAN_RADIUS_M, haversine_m
from yingji.resources import nearby
from yingji.resources.choices import Readiness
from yingji.resources.models import Depot, Equipment, Material, RescueTeam
from yingji.resources.routing import Estimator
from yingji.resources.stock import available_by_depot

ORIGIN = (105.575, 30.49)
EDGE = nearby.FIRST_RADIUS_M


def destination(origin, bearing_deg, distance_m):
    """The point `distance_m` from `origin` along `bearing_deg`, on the sphere of haversine_m."""
    lon, lat = map(math.radians, origin)
    angle, bearing = distance_m / EARTH_MEAN_RADIUS_M, math.radians(bearing_deg)
    lat2 = math.asin(math.sin(lat) * math.cos(angle) + math.cos(lat) * math.sin(angle) * math.cos(bearing))
    lon2 = lon + math.atan2(math.sin(bearing) * math.sin(angle) * math.cos(lat),
                            math.cos(angle) - math.sin(lat) * math.sin(lat2))
    return math.degrees(lon2), math.degrees(lat2)


def _widest_bearing(origin, distance_m):
    """The bearing at which a circle around `origin` reaches its widest longitude (slightly poleward of east)."""
    angle, lat = distance_m / EARTH_MEAN_RADIUS_M, math.radians(origin[1])
    return math.degrees(math.asin(min(1.0, math.cos(math.asin(math.sin(lat) / math.cos(angle))) / math.cos(lat))))


@pytest.fixture
def generated(db):
    """Teams on two rings 1e-6 m inside and outside the first radius (every 15° and at the widest longitude),
    a ring at 4× that, 300 scattered over 20 km, a tenth of them with a boat; half in 桂花镇, half in 龙凤镇."""
    guihua, longfeng = Region.objects.get(name="桂花镇"), Region.objects.get(name="龙凤镇")
    rng = random.Random(13)
    east = _widest_bearing(ORIGIN, EDGE)
    places = [destination(ORIGIN, bearing, radius) for radius in (EDGE - 1e-6, EDGE + 1e-6, 4 * EDGE)
              for bearing in [*range(0, 360, 15), east, 180 - east, 180 + east, 360 - east]]
    places += [destination(ORIGIN, rng.uniform(0, 360), 20_000 * math.sqrt(rng.random())) for _ in range(300)]
    teams = RescueTeam.objects.bulk_create([RescueTeam(
        code=f"GEN-T{i:04d}", name=f"生成队伍{i}", team_type="social", headcount=10, lon=lon, lat=lat,
        region=guihua if i % 2 else longfeng, readiness=Readiness.INACTIVE if i % 37 == 0 else Readiness.STANDBY)
        for i, (lon, lat) in enumerate(places)])
    Equipment.objects.bulk_create([Equipment(code=f"GEN-E{i:04d}", name="冲锋舟", kind="boat", team=team,
                                             region=team.region) for i, team in enumerate(teams) if i % 10 == 3])
    return teams


def today(candidates, origin, limit):
    """What near-here did before: rank every located candidate by haversine (ties in code order), estimate
    travel for the max(4·limit, 40) nearest, keep the `limit` quickest."""
    points = candidates.filter(lon__isnull=False).order_by("code").values_list("pk", "lon", "lat")
    ranked = sorted(points, key=lambda p: haversine_m(origin[0], origin[1], p[1], p[2]))[:max(limit * 4, 40)]
    routes = Estimator().table(origin, [(lon, lat) for _pk, lon, lat in ranked])
    order = sorted(zip(ranked, routes, strict=True), key=lambda pair: pair[1].duration_s)[:limit]
    return [(candidates.model.objects.get(pk=pk).code, round(route.duration_s / 60, 1))
            for (pk, _lon, _lat), route in order]


def _found(user, **params):
    answer = nearby.find(user, {"lon": ORIGIN[0], "lat": ORIGIN[1], **params})
    return [(r["code"], r["minutes"]) for r in answer["results"]]


def _brute_nearest(queryset, origin, count):
    rows = queryset.values_list("pk", "lon", "lat", "code")
    return [row[:3] for row in sorted(rows, key=lambda r: (haversine_m(origin[0], origin[1], r[1], r[2]), r[3]))
            ][:count]


def test_the_box_ranking_equals_ranking_every_point(generated):
    inside = sum(1 for t in RescueTeam.objects.exclude(lon=None)
                 if haversine_m(*ORIGIN, t.lon, t.lat) <= EDGE)
    every = RescueTeam.objects.exclude(lon=None)
    for count in [*range(1, inside + 4), 40, 200, every.count(), every.count() + 5]:
        assert nearby.nearest_points(RescueTeam.objects.all(), ORIGIN, count) == _brute_nearest(every, ORIGIN, count)
    boats = every.filter(equipment__name="冲锋舟").distinct()
    for origin in (ORIGIN, destination(ORIGIN, 45, EDGE), (105.60, 30.40)):
        assert nearby.nearest_points(boats, origin, 40) == _brute_nearest(boats, origin, 40)


@pytest.mark.parametrize("limit", ["1", "10", "50"])
def test_nearest_teams_are_the_same_as_before(generated, users, limit):
    commander = users["commander"]
    teams = RescueTeam.objects.exclude(readiness=Readiness.INACTIVE)
    assert _found(commander, kind="team", limit=limit) == today(teams, ORIGIN, int(limit))


def test_nearest_teams_with_a_boat_are_the_same_as_before(generated, users):
    boats = Equipment.objects.filter(name__contains="冲锋舟").exclude(condition="scrapped").values("team_id")
    teams = RescueTeam.objects.exclude(readiness=Readiness.INACTIVE).filter(pk__in=boats)
    assert _found(users["commander"], kind="team", equipment="冲锋舟") == today(teams, ORIGIN, 10)


def test_nearest_depots_holding_a_material_are_the_same_as_before(users):
    bags = Material.objects.get(code="3010101")
    holding = available_by_depot(bags, Decimal(10), Depot.objects.all())
    found = _found(users["commander"], kind="depot", material="3010101", quantity="10", limit="5")
    assert found == today(Depot.objects.filter(pk__in=list(holding)), ORIGIN, 5) and len(found) == 5


def test_a_township_officer_gets_the_nearest_of_their_own_township(generated, users):
    officer = users["township-guihua"]
    own = RescueTeam.objects.filter(region__path__startswith=officer.region.path).exclude(
        readiness=Readiness.INACTIVE)
    found = _found(officer, kind="team", limit="20")
    assert found == today(own, ORIGIN, 20) and len(found) == 20
    assert not {code for code, _m in found} & set(
        RescueTeam.objects.exclude(region__path__startswith=officer.region.path).values_list("code", flat=True))


@given(lon=st.floats(73, 135), lat=st.floats(18, 54), radius=st.floats(1, 500_000),
       bearing=st.floats(0, 360))
def test_the_box_holds_every_point_within_its_radius(lon, lat, radius, bearing):
    (west, east), (south, north) = nearby.box_around((lon, lat), radius)
    for b in (bearing, _widest_bearing((lon, lat), radius), 180 - _widest_bearing((lon, lat), radius)):
        x, y = destination((lon, lat), b, radius)
        assert west <= x <= east and south <= y <= north
