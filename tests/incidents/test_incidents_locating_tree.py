"""Locating a report's point reads the region tree's shape from a per-process copy (issue 13, intake CPU): it must
give the same region as asking the database each time, and a region added in this process is used at once."""

import random

import pytest

from yingji.core.models import Region, RegionLevel
from yingji.demo.townships import TOWNSHIPS
from yingji.geo.measure import haversine_m, point_in_polygon
from yingji.incidents.locate import _LOCATING, region_for_point

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tree_from_committed_data():
    """Each test starts and ends with the tree read from committed data (its own regions are rolled back)."""
    _LOCATING.update(at=None, uncommitted_until=0.0)
    yield
    _LOCATING.update(at=None, uncommitted_until=0.0)


def _asked_each_time(lon, lat):
    """The same rule worked out with queries only (the code before the per-process copy)."""
    candidates = Region.objects.filter(geometry__isnull=False, min_lon__lte=lon, max_lon__gte=lon, min_lat__lte=lat,
                                       max_lat__gte=lat).order_by("-level", "code")
    region = next((r for r in candidates if point_in_polygon(lon, lat, r.geometry)), None)
    if region is None:
        return None
    seats = list(region.children.filter(geometry__isnull=True, lon__isnull=False))
    return min(seats, key=lambda s: haversine_m(lon, lat, s.lon, s.lat)) if seats else region


def test_points_across_the_district_land_where_the_database_says():
    rng = random.Random(13)
    points = [(t.seat[0] + rng.uniform(-0.02, 0.02), t.seat[1] + rng.uniform(-0.02, 0.02))
              for t in TOWNSHIPS for _ in range(3)]
    for lon, lat in [*points, (0.0, 0.0)]:
        found, expected = region_for_point(lon, lat), _asked_each_time(lon, lat)
        assert (found and found.pk) == (expected and expected.pk), (lon, lat)
        if found is not None and found.level > RegionLevel.TOWNSHIP:
            assert Region.parent.is_cached(found) and found.parent.pk == found.parent_id  # place names ask nothing


def test_a_village_added_now_is_used_by_the_next_report():
    lon, lat = TOWNSHIPS[0].seat[0] + 0.004, TOWNSHIPS[0].seat[1] + 0.004
    before = region_for_point(lon, lat)  # the tree is read and kept
    township = before if before.level == RegionLevel.TOWNSHIP else before.parent
    village = Region.objects.create(code=f"{township.code[:9]}999", name="新设村", level=RegionLevel.VILLAGE,
                                    kind="村", parent=township, lon=lon, lat=lat)
    assert region_for_point(lon, lat).pk == village.pk
    village.delete()
    assert region_for_point(lon, lat).pk == before.pk
