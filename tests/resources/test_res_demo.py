"""The demonstration data reproduces the district plan's facts (shared/DISTRICT.md)."""

import pytest
from django.db.models import Count, Sum

from yingji.core.models import Region
from yingji.resources.models import Depot, Equipment, KeyFacility, RescueTeam, Shelter, StockBatch

pytestmark = pytest.mark.django_db


def test_134_teams_with_2087_people_in_the_plans_breakdown():
    rows = {r["team_type"]: (r["n"], r["p"]) for r in RescueTeam.objects.values("team_type").annotate(
        n=Count("id"), p=Sum("headcount"))}
    assert rows == {"fire_national": (1, 30), "government": (2, 17), "social": (2, 100), "township": (12, 240),
                    "village": (117, 1700)}
    assert not RescueTeam.objects.filter(is_demo=False).exists()


def test_guanyinhu_water_rescue_team_with_boats_and_gear():
    team = RescueTeam.objects.get(name="船山区观音湖水上救援队")
    gear = set(Equipment.objects.filter(team=team).values_list("name", flat=True))
    assert {"冲锋舟", "救援担架", "医用氧气瓶", "急救包", "救援绳", "救生衣", "救生圈", "探照灯"} <= gear
    assert team.members.count() == 8 and "水域" in team.specialities


def test_fire_stations_and_depots():
    stations = KeyFacility.objects.filter(kind="fire_station").values_list("region__name", "facility_status")
    assert {("桂花镇", "building"), ("龙凤镇", "upgrading"), ("河沙镇", "planned")} <= set(stations)
    levels = dict(Depot.objects.values_list("level").annotate(n=Count("id")))
    assert (levels["district"], levels["township"], levels["forward"]) == (1, 12, 2)
    district = Depot.objects.get(level="district")
    assert (district.land_area_m2, district.building_area_m2) == (4000, 800)


def test_locations_lie_inside_their_township():
    from shapely.geometry import Point, shape

    for model in (RescueTeam, Depot, Shelter, KeyFacility):
        for record in model.objects.select_related("region", "region__parent")[:300]:
            township = record.region if record.region.level == 2 else record.region.parent
            if township.level == 2:
                assert shape(township.geometry).covers(Point(record.lon, record.lat)), record


def test_shelters_in_every_township_and_uneven_capacity():
    townships = Region.objects.filter(level=2)
    assert set(Shelter.objects.values_list("region", flat=True)) == set(townships.values_list("pk", flat=True))
    from yingji.resources.indicators import shelter_area

    figures = shelter_area(type("Root", (), {"is_superuser": True})())
    assert 0 < figures["meeting"] < figures["total"] == 24


def test_some_batches_are_near_expiry():
    from yingji.resources.stock import expiring

    root = type("Root", (), {"is_superuser": True})()
    assert expiring(root).exists() and StockBatch.objects.filter(is_demo=True).count() > 100
