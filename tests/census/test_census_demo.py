"""The census demo: hazard points in the hilly townships, flood areas along the 涪江 and 郪江, 5,000 registered
households, the Aug 2020 rainstorm with its transfer and relief meeting 8 hours in every township but 老池镇."""

import pytest

from yingji.census.clock import relief_clock
from yingji.census.evacuation import progress
from yingji.census.models import DangerZone, HazardPoint, HistoricalDisaster, Household, Transfer
from yingji.demo.townships import TOWNSHIPS
from yingji.incidents.models import Incident

pytestmark = pytest.mark.django_db


def test_hazard_points_lie_in_the_hilly_townships():
    streets = {t.code for t in TOWNSHIPS if t.kind == "街道"}
    points = list(HazardPoint.objects.filter(is_demo=True).select_related("region"))
    assert 30 <= len(points) <= 60
    assert not any(p.region.path.strip("/").split("/")[1] in streets for p in points)


def test_flood_zones_along_the_fujiang_and_qijiang_and_households():
    rivers = set(DangerZone.objects.filter(zone_type="flood").values_list("river", flat=True))
    assert {"涪江", "郪江"} <= rivers
    assert all(z.geometry["type"] in ("Polygon", "MultiPolygon") for z in DangerZone.objects.all())
    assert Household.objects.filter(is_demo=True).count() == 5000
    assert not Household.objects.filter(danger_zone__isnull=True, hazard_point__isnull=True).exists()


def test_the_august_2020_rainstorm_its_transfer_and_relief():
    rain = HistoricalDisaster.objects.get(year=2020, disaster_type="rainstorm_flood")
    assert (rain.affected_people, rain.deaths, rain.incident_code) == (15144, 0, "SJ20200813-0001")
    incident = Incident.objects.get(code="SJ20200813-0001")
    transfers = Transfer.objects.filter(incident=incident)
    assert transfers.count() == 6
    assert all(progress(t, _superuser())["total"].percent > 90 for t in transfers)
    townships = {t.name: t.meets for t in relief_clock(incident)["townships"]}
    assert townships.pop("老池镇") is False
    assert townships and all(townships.values())


def _superuser():
    from yingji.core.models import User

    return User(is_superuser=True)


def test_a_transfer_is_under_way_for_the_live_guihua_flood_threat():
    transfer = Transfer.objects.select_related("incident", "danger_zone").get(code="ZY-LIVE-105")
    figures = progress(transfer, _superuser())
    assert transfer.state == "active" and transfer.danger_zone.river == "郪江"
    assert 20 < figures["total"].percent < 60 and figures["inside_count"] > 0
    assert transfer.incident.region.path.startswith(transfer.region.path)


def test_the_seeds_reservoirs_and_river_reaches_are_exposed_assets():
    from yingji.census.models import ExposedAsset

    reservoirs = ExposedAsset.objects.filter(asset_type="reservoir", code__startswith="CZT-SK-")
    assert {"赤岩沟水库", "九峰寺水库", "谭家咀水库", "文庙湾水库", "舒家庙水库", "谷村沟水库"} <= set(
        reservoirs.values_list("name", flat=True)) and reservoirs.count() == 10
    reaches = ExposedAsset.objects.filter(asset_type="dyke", code__startswith="CZT-HD-")
    assert reaches.count() == 9 and reaches.filter(name="郪江桂花新区漆家桥段堤防").exists()
    assert all(asset.geometry["type"] == "LineString" for asset in reaches)
