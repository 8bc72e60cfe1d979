"""Indicator 2.4 重点隐患点智能化监测覆盖率: a census hazard point counts when a station in service is linked to it
(关联监测站点) or stands within 500 m; a disabled or faulty station does not count; a township sees its own points."""

import pytest

from yingji.census.models import HazardPoint
from yingji.core import extensions as ext
from yingji.monitoring.coverage import coverage
from yingji.monitoring.models import Station

pytestmark = pytest.mark.django_db


def make_station(region, device, kind="landslide", sensors=(), **fields):
    return Station.objects.create(code=f"JC-{device}", name=f"测试站{device}", station_type=kind, region=region,
                                  device_id=device, **{"lon": 105.6, "lat": 30.43, **fields})


@pytest.fixture
def silent(db):
    Station.objects.update(status="disabled")  # the demo's stations out of the count
    HazardPoint.objects.update(station_ref="")


def test_linked_and_nearby_stations_count_and_far_or_disabled_ones_do_not(silent, users, regions):
    points = list(HazardPoint.objects.order_by("code")[:4])
    total = HazardPoint.objects.count()
    assert coverage(users["commander"])["covered"] == 0 and total > 4
    linked = make_station(regions["guihua"], "T-COV-1", kind="landslide", sensors=())
    points[0].station_ref = linked.code
    points[0].save()
    make_station(regions["guihua"], "T-COV-2", kind="landslide", sensors=(), lon=points[1].lon + 0.003,
                 lat=points[1].lat)  # about 290 m east
    make_station(regions["guihua"], "T-COV-3", kind="landslide", sensors=(), lon=points[2].lon + 0.02,
                 lat=points[2].lat)  # about 2 km: too far
    make_station(regions["guihua"], "T-COV-4", kind="landslide", sensors=(), lon=points[3].lon,
                 lat=points[3].lat, status="fault")  # at the point, but not in service
    result = coverage(users["commander"])
    assert (result["covered"], result["total"]) == (2, total)
    assert result["value"] == round(200.0 / total, 1) and result["meets"] is False
    assert result["url"] == "/monitoring/"


def test_a_full_network_meets_the_target_and_a_township_sees_its_own_points(silent, users, regions):
    for number, point in enumerate(HazardPoint.objects.all()):
        make_station(regions["guihua"], f"T-ALL-{number}", kind="landslide", sensors=(), lon=point.lon,
                     lat=point.lat)
    everywhere = coverage(users["commander"])
    assert everywhere["value"] == 100.0 and everywhere["meets"] is True
    own = coverage(users["township-guihua"])
    assert 0 < own["total"] < everywhere["total"]


def test_the_indicator_is_registered_for_the_indicators_page():
    indicator = next(i for i in ext.INDICATORS if i.code == "2.4")
    assert str(indicator.name) == "重点隐患点智能化监测覆盖率" and indicator.compute is not None


def test_the_monitoring_dashboard_shows_the_coverage(silent, client, users, regions):
    point = HazardPoint.objects.order_by("code").first()
    make_station(regions["guihua"], "T-COV-5", lon=point.lon, lat=point.lat)
    total = HazardPoint.objects.count()
    client.force_login(users["commander"])
    page = client.get("/monitoring/").content.decode()
    assert "重点隐患点智能化监测覆盖率" in page and f"1/{total} 个隐患点有监测" in page
    assert f"{round(100.0 / total, 1)}%" in page
