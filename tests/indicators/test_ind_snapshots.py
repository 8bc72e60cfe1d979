"""Yearly snapshots of the computed indicators and the township ranking (indicators/snapshots.py)."""

import pytest
from django.test import Client
from django.utils import timezone

from yingji.core import extensions as ext
from yingji.core.models import Region, RegionLevel
from yingji.indicators.models import IndicatorSnapshot
from yingji.indicators.snapshots import COMPUTED_ENTRIES, record

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_worker_records_each_regions_figures_once_a_year_and_the_ranking_is_scoped(users, regions):
    assert ext.PERIODIC_HOOKS.get("indicators.snapshots").every_seconds == 6 * 3600
    places = [regions["guihua"], regions["longfeng"]]  # record() alone takes the district and every township
    assert record(regions=places) == len(places) * len(COMPUTED_ENTRIES)
    year = timezone.localdate().year
    shots = IndicatorSnapshot.objects.filter(year=year, region__in=places)
    assert shots.count() == len(places) * len(COMPUTED_ENTRIES)
    assert record(regions=[regions["guihua"]]) == len(COMPUTED_ENTRIES)  # the year's row is replaced, not added
    assert shots.count() == len(places) * len(COMPUTED_ENTRIES)
    # the demo recorded the district's and every township's (demo.py, the last demo loader)
    assert IndicatorSnapshot.objects.filter(year=year, region=regions["district"]).count() == len(COMPUTED_ENTRIES)
    mine = IndicatorSnapshot.objects.get(indicator="3.7", year=year, region=regions["guihua"])
    assert mine.status in ("met", "not_met", "no_data") and mine.computed_at

    page = _client(users["commander"]).get("/indicators/townships/").content.decode()
    townships = Region.objects.filter(level=RegionLevel.TOWNSHIP).count()
    assert page.count('<tr data-region="') == townships and "桂花镇" in page and "龙凤镇" in page
    officer = _client(users["township-guihua"]).get("/indicators/townships/").content.decode()
    assert officer.count('<tr data-region="') == 1 and "桂花镇" in officer and "龙凤镇" not in officer
    assert "立即重新计算" not in officer


def test_a_past_years_snapshot_is_the_history_of_the_viewers_region(users, regions, api):
    now = timezone.now()
    for region, value in ((regions["district"], 55.5), (regions["guihua"], 22.2)):
        IndicatorSnapshot.objects.create(indicator="3.3", year=now.year - 1, region=region, value=value,
                                         status="not_met", computed_at=now)
    years = api(users["commander"]).get("/api/indicators/3.3/history/").json()["years"]
    assert {"year": now.year - 1, "value": 55.5, "source": "snapshot"} in years
    assert years[-1]["year"] == now.year and years[-1]["source"] == "computed"
    officer = api(users["township-guihua"]).get("/api/indicators/3.3/history/").json()["years"]
    assert {"year": now.year - 1, "value": 22.2, "source": "snapshot"} in officer
    assert all(y["value"] != 55.5 for y in officer)


def test_only_the_director_role_recomputes_from_the_page(users):
    liaison = next(u for u in users.values() if u.has_perm("indicators.view_indicatorvalue")
                   and not u.has_perm("indicators.approve_indicatorvalue"))
    before = IndicatorSnapshot.objects.order_by("-computed_at").values_list("computed_at", flat=True).first()
    response = _client(liaison).post("/indicators/townships/refresh/", follow=True)
    assert "没有重新计算指标的权限" in response.content.decode()
    assert IndicatorSnapshot.objects.order_by("-computed_at").values_list("computed_at", flat=True).first() == before
