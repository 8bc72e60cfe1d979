"""The one-map's 双重预防 layers (enterprises by category, major hazard sources by grade, the 四色图, open hazards
with the overdue ones marked), the dashboard's lists (overdue re-assessments among them) computed live in the
user's reach, and the demo's enterprises, places and hazard sources."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from yingji.demo import townships as places
from yingji.prevention.choices import CHEMICALS, COLOUR_HEX
from yingji.prevention.dashboard import standardisation
from yingji.prevention.layers import GRADE_HEX, OPEN, OVERDUE, SECTOR_HEX
from yingji.prevention.models import Enterprise, Hazard, MajorHazardSource, RiskPoint

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _layer(api, user, key, **params):
    response = api(user).get(f"/api/onemap/layers/{key}/", params)
    assert response.status_code == 200
    return response.json()["features"]


def test_the_enterprise_layers_split_the_chemicals_units_from_the_others(api, users):
    chemicals = _layer(api, users["commander"], "prevention-chemicals")
    others = _layer(api, users["commander"], "prevention-enterprises")
    assert len(chemicals) == 14 and len(others) == Enterprise.objects.exclude(category__in=CHEMICALS).count()
    labels = {f["properties"]["lines"][0] for f in others}
    assert {"工贸·建材", "加油站", "燃气", "人员密集场所"} <= labels
    colour = {f["properties"]["code"]: f["properties"]["color"] for f in others}
    by_code = {e.code: e for e in Enterprise.objects.exclude(category__in=CHEMICALS)}
    brickworks = next(e for e in by_code.values() if e.category == "building_materials")
    station = next(e for e in by_code.values() if e.category == "fuel_station")
    school = next(e for e in by_code.values() if e.place_type == "school")
    assert (colour[brickworks.code], colour[station.code], colour[school.code]) == (
        SECTOR_HEX["industry"], SECTOR_HEX["fuel_station"], SECTOR_HEX["crowded"])
    assert len(set(colour.values())) == 6 and not set(colour.values()) & set(COLOUR_HEX.values())
    assert "color" not in chemicals[0]["properties"]  # the layer's own purple
    township = _layer(api, users["township-guihua"], "prevention-chemicals")
    assert [f["properties"]["name"] for f in township] == ["遂宁川中精细化工有限公司"]


def test_the_major_hazard_sources_are_coloured_by_grade(api, users):
    features = {f["properties"]["code"]: f["properties"] for f in _layer(api, users["commander"],
                                                                        "prevention-hazard-sources")}
    for source in MajorHazardSource.objects.filter(is_demo=True):
        shown = features[source.code]
        assert shown["color"] == GRADE_HEX[source.grade] and f"重大危险源：{source.grade_label}" in shown["lines"]


def test_the_four_colour_risk_map_shows_every_point_in_its_colour(api, users):
    features = _layer(api, users["commander"], "prevention-risk-points")
    assert len(features) == RiskPoint.objects.count()
    assert {f["properties"]["color"] for f in features} == {COLOUR_HEX[c] for c in ("red", "orange", "yellow", "blue")}
    red = RiskPoint.objects.filter(colour="red").first()
    shown = next(f["properties"] for f in features if f["properties"]["code"] == red.code)
    assert shown["color"] == COLOUR_HEX["red"] and shown["lines"][0] == "红（重大风险）"
    assert len(_layer(api, users["township-guihua"], "prevention-risk-points")) < len(features)


def test_open_hazards_on_the_map_the_overdue_marked_and_the_closed_left_out(api, users):
    unit = Enterprise.objects.get(code="QY-HX-01")
    spot = {"enterprise": unit, "region": unit.region, "lon": unit.lon, "lat": unit.lat}
    late = Hazard.objects.create(name="地图隐患逾期", state="rectifying", deadline=TODAY - dt.timedelta(days=2),
                                 grade="major", **spot)
    due = Hazard.objects.create(name="地图隐患未到期", state="ordered", deadline=TODAY + dt.timedelta(days=9), **spot)
    done = Hazard.objects.create(name="地图隐患已销号", state="closed", deadline=TODAY - dt.timedelta(days=9), **spot)
    features = {f["properties"]["code"]: f["properties"]
                for f in _layer(api, users["commander"], "prevention-hazards", q="地图隐患")}
    assert set(features) == {late.code, due.code} and done.code not in features
    assert features[late.code]["color"] == OVERDUE and features[due.code]["color"] == OPEN
    assert features[late.code]["lines"][:2] == ["重大隐患", "整改中"]
    assert _layer(api, users["township-longfeng"], "prevention-hazards", q="地图隐患") == []


def test_the_dashboard_lists_overdue_reassessments_in_reach(client, users):
    unit = Enterprise.objects.get(code="QY-HX-01")
    late = RiskPoint.objects.create(name="复评逾期的储罐区", enterprise=unit, region=unit.region, lec_l=3, lec_e=6,
                                    lec_c=15, value=270, colour="red", reassess_due=TODAY - dt.timedelta(days=400))
    client.force_login(users["commander"])
    page = client.get(reverse("prevention:dashboard")).content.decode()
    listed = page.split('id="reassessment-list"')[1].split("<tbody>")[1].split("</table>")[0]
    assert "复评逾期的储罐区" in listed.split("</tr>")[0], "the oldest first"
    assert (TODAY - dt.timedelta(days=400)).isoformat() in listed.split("</tr>")[0]
    overdue = RiskPoint.objects.filter(reassess_due__lt=TODAY).count()
    assert f"逾期未复评 {overdue} 处" in page and 'href="#reassessment"' in page
    client.force_login(users["township-longfeng"])
    page = client.get(reverse("prevention:dashboard")).content.decode()
    assert "复评逾期的储罐区" not in page
    late.reassess_due = TODAY
    late.save()
    client.force_login(users["commander"])
    assert "复评逾期的储罐区" not in client.get(reverse("prevention:dashboard")).content.decode()


def test_the_dashboard_figures_and_lists_follow_the_records(client, users):
    client.force_login(users["township-guihua"])

    def page():
        return client.get(reverse("prevention:dashboard")).content.decode()

    before = page()
    unit = Enterprise.objects.get(code="QY-HX-01")
    Hazard.objects.create(name="看板督办隐患", enterprise=unit, region=unit.region, grade="major", state="rectifying",
                          supervision="city", supervising_body="遂宁市安委会办公室",
                          deadline=TODAY - dt.timedelta(days=3000))  # first in both lists
    after = page()
    assert "看板督办隐患" in after.split('id="overdue"')[1].split('id="supervised"')[0]
    assert "看板督办隐患" in after.split('id="supervised"')[1].split('id="uncertified"')[0]

    def figure(html, key):
        return int(html.split(f'id="figure-{key}">')[1].split("<")[0])

    for key in ("open", "overdue", "major", "supervised"):
        assert figure(after, key) == figure(before, key) + 1
    certified = Enterprise.objects.filter(region__path__startswith=unit.region.path, category__in=CHEMICALS,
                                          certificate_expiry__gt=TODAY).exclude(standard_level="none").first()
    assert certified is not None and certified.name not in after.split('id="uncertified"')[1]
    rate = standardisation(users["township-guihua"])
    certified.certificate_expiry = TODAY - dt.timedelta(days=1)  # expired yesterday
    certified.save()
    lapsed = page()
    assert certified.name in lapsed.split('id="uncertified"')[1].split("</table>")[0]
    expected = round(100 * (rate["valid"] - 1) / rate["total"], 1)
    assert lapsed.split('id="figure-standard">')[1].startswith(f"{expected}%")


def test_the_demo_enterprises_and_places_span_the_sectors_and_townships():
    others = Enterprise.objects.filter(is_demo=True).exclude(category__in=CHEMICALS)
    assert 140 <= others.count() <= 170
    assert {"building_materials", "machinery", "light", "textile", "metallurgy", "commerce", "fuel_station", "gas",
            "crowded", "construction"} <= set(others.values_list("category", flat=True))
    assert {"crowded", "self_built", "school", "scenic"} <= set(others.values_list("place_type", flat=True))
    townships = {path.strip("/").split("/")[1] for path in others.values_list("region__path", flat=True)}
    assert townships == {t.code for t in places.TOWNSHIPS}
    sources = MajorHazardSource.objects.filter(is_demo=True)
    assert sources.count() == 7 and all(s.enterprise.category in CHEMICALS for s in sources)
    assert {s.grade for s in sources} >= {2, 3, 4} and all(s.r_value > 0 for s in sources)
