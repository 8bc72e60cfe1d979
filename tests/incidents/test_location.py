"""Where an incident is (issue 14 §1): township → village picker, offline place search, resolved names, and the
location corrected later (audited, on the timeline, scoping and clocks follow the new place)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import html

from yingji.core.models import AuditEntry, Region, RegionLevel
from yingji.incidents.locate import place_name, region_named_in
from yingji.incidents.models import Incident

from .conftest import GUIHUA, LONGFENG

pytestmark = pytest.mark.django_db


def _local(delta=timedelta()):
    return timezone.localtime(timezone.now() - delta).strftime("%Y-%m-%dT%H:%M")


def _intake(**changes):
    data = {"type_code": "1.1.1", "occurred_at": _local(timedelta(minutes=30)), "received_at": _local(),
            "statement": "河水漫进村里，5人被困在房顶", "trapped": "5", "evacuated": "120"}
    data.update(changes)
    return data


def _village_of(township):
    return Region.objects.filter(parent=township, level=RegionLevel.VILLAGE).order_by("code").first()


def _new(client, user, **changes):
    client.force_login(user)
    before = set(Incident.objects.values_list("pk", flat=True))
    response = client.post("/incidents/new/", _intake(**changes))
    created = Incident.objects.exclude(pk__in=before)
    return response, created.first()


def test_choosing_a_township_without_a_point_lands_in_the_township(client, users, regions):
    response, incident = _new(client, users["duty"], township=regions["guihua"].code)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert incident.region == regions["guihua"] and incident.lon is None
    assert incident.name.startswith("桂花镇")
    assert incident.grade == "grade_4"  # a flood with people trapped and evacuated is graded (issue 14 §4)
    client.force_login(users["township-guihua"])  # the township sees it; the neighbouring one does not
    assert client.get(f"/incidents/{incident.uuid}/").status_code == 200
    client.force_login(users["township-longfeng"])
    assert client.get(f"/incidents/{incident.uuid}/").status_code == 404


def test_choosing_a_village_lands_in_the_village(client, users, regions):
    village = _village_of(regions["guihua"])
    response, incident = _new(client, users["duty"], township=regions["guihua"].code, village=village.code)
    assert response.status_code == 302
    assert incident.region == village and place_name(incident.region) == f"桂花镇 · {village.name}"


def test_a_village_of_another_township_is_refused_on_its_field(client, users, regions):
    village = _village_of(regions["longfeng"])
    response, incident = _new(client, users["duty"], township=regions["guihua"].code, village=village.code)
    assert response.status_code == 400 and incident is None
    page = html.fromstring(response.content)
    assert "is-invalid" in page.get_element_by_id("id_village").get("class")
    assert "不属于所选乡镇" in page.get_element_by_id("id_village_error").text_content()


def test_no_place_at_all_is_refused_on_the_township_field(client, users):
    response, incident = _new(client, users["duty"])
    assert response.status_code == 400 and incident is None
    page = html.fromstring(response.content)
    assert "is-invalid" in page.get_element_by_id("id_township").get("class")
    assert "请选择乡镇（街道），或在地图上选点" in page.get_element_by_id("id_township_error").text_content()


def test_a_map_point_still_works_and_wins_within_the_township(client, users, regions):
    response, incident = _new(client, users["duty"], township=regions["guihua"].code, lon=GUIHUA[0], lat=GUIHUA[1])
    assert response.status_code == 302
    assert incident.region.parent == regions["guihua"] and incident.lon == pytest.approx(GUIHUA[0])


def test_a_point_outside_the_chosen_township_is_refused(client, users, regions):
    response, incident = _new(client, users["duty"], township=regions["guihua"].code,
                              lon=LONGFENG[0], lat=LONGFENG[1])
    assert response.status_code == 400 and incident is None
    error = html.fromstring(response.content).get_element_by_id("id_township_error").text_content()
    assert "不在所选的桂花镇内" in error


def test_the_choices_are_the_users_reach(client, users, regions):
    client.force_login(users["township-guihua"])
    page = html.fromstring(client.get("/incidents/new/").content)
    townships = [o.get("value") for o in page.get_element_by_id("id_township").findall("option") if o.get("value")]
    assert townships == [regions["guihua"].code]
    villages = page.get_element_by_id("id_village").findall("option")[1:]
    assert villages and {o.get("data-township") for o in villages} == {regions["guihua"].code}
    client.force_login(users["duty"])
    page = html.fromstring(client.get("/incidents/new/").content)
    options = page.get_element_by_id("id_township").findall("option")
    assert options[1].text == "全区（跨乡镇）" and len(options) == 2 + 24


def test_an_address_that_names_a_village_places_the_incident(api, users, regions):
    village = _village_of(regions["longfeng"])
    assert region_named_in(f"龙凤镇{village.name}3组") == village
    assert region_named_in("龙凤镇政府门口") == regions["longfeng"]
    assert region_named_in("不知道在哪里") is None
    response = api(users["duty"]).post("/api/incidents/incidents/", {
        "type_code": "1.1.1", "occurred_at": timezone.now().isoformat(), "statement": "内涝",
        "address": f"龙凤镇{village.name}村口"}, format="json")
    assert response.status_code == 201 and response.json()["region"] == village.code


def test_place_search_finds_townships_villages_and_places_in_reach(client, users, regions):
    village = _village_of(regions["guihua"])
    client.force_login(users["duty"])
    results = client.get("/incidents/places/", {"q": "桂花"}).json()["results"]
    assert results[0] == {"label": "桂花镇", "kind": "镇", "township": regions["guihua"].code, "village": "",
                          "lon": None, "lat": None}
    hits = client.get("/incidents/places/", {"q": village.name}).json()["results"]
    assert {"label": f"桂花镇 · {village.name}", "township": regions["guihua"].code,
            "village": village.code}.items() <= hits[0].items()
    shelter = client.get("/incidents/places/", {"q": "避难"}).json()["results"]
    assert any(hit["lon"] is not None for hit in shelter)  # registered places with a point
    client.force_login(users["township-longfeng"])
    assert client.get("/incidents/places/", {"q": "桂花"}).json()["results"] == []
    client.logout()
    assert client.get("/incidents/places/", {"q": "桂花"}).status_code == 302


def test_locate_names_the_township_of_a_point(client, regions):
    answer = client.get("/incidents/places/locate/", {"lon": GUIHUA[0], "lat": GUIHUA[1]}).json()
    assert answer["township"] == regions["guihua"].code and answer["label"].startswith("桂花镇 · ")
    outside = client.get("/incidents/places/locate/", {"lon": "104.06", "lat": "30.67"})
    assert outside.status_code == 400 and "船山区" in outside.json()["error"]["message"]
    assert client.get("/incidents/places/locate/", {"lon": "x"}).status_code == 400


def test_the_outline_is_public_with_names(client):
    collection = client.get("/incidents/places/outline/").json()
    names = {f["properties"]["name"] for f in collection["features"]}
    assert len(collection["features"]) == 25 and {"船山区", "桂花镇", "龙凤镇"} <= names


def _edit(client, incident, **changes):
    page = html.fromstring(client.get(f"/incidents/{incident.uuid}/edit/").content)
    form = page.get_element_by_id("incident-edit-form")
    data = {name: value for name, value in form.form_values()}
    data.update(changes)
    return client.post(f"/incidents/{incident.uuid}/edit/", data)


def test_the_location_is_corrected_later_audited_and_followed_by_scope_and_clocks(client, users, regions, landslide):
    assert landslide.region.parent == regions["guihua"]
    old_place = place_name(landslide.region)
    client.force_login(users["duty"])
    response = _edit(client, landslide, township=regions["longfeng"].code, village="", lon="", lat="")
    assert response.status_code == 302, response.content.decode()[:3000]
    landslide.refresh_from_db()
    assert landslide.region == regions["longfeng"] and landslide.lon is None
    entry = landslide.timeline.get(title__startswith="位置更正")
    assert entry.title == f"位置更正：{old_place} → 龙凤镇" and entry.actor == users["duty"]
    audit = AuditEntry.objects.filter(model="incidents.Incident", object_id=str(landslide.pk), action="update")
    assert any(f'"region_id":{regions["longfeng"].pk}' in entry.after for entry in audit)  # who moved it, from where
    assert landslide.clocks.filter(met_at__isnull=True).exists()  # clocks still run for the moved incident
    client.force_login(users["township-guihua"])
    assert client.get(f"/incidents/{landslide.uuid}/").status_code == 404
    client.force_login(users["township-longfeng"])
    assert client.get(f"/incidents/{landslide.uuid}/").status_code == 200


def test_an_untouched_place_is_not_a_correction(client, users, landslide):
    client.force_login(users["duty"])
    region = landslide.region
    assert _edit(client, landslide, evacuated="9").status_code == 302
    landslide.refresh_from_db()
    assert landslide.region == region and landslide.evacuated == 9
    assert not landslide.timeline.filter(title__startswith="位置更正").exists()


def test_a_township_officer_cannot_move_an_incident_out_of_reach(client, users, regions, landslide):
    client.force_login(users["township-guihua"])
    response = _edit(client, landslide, township=regions["longfeng"].code, village="", lon="", lat="")
    assert response.status_code == 400  # 龙凤镇 is not offered to the 桂花镇 officer
    landslide.refresh_from_db()
    assert landslide.region.parent == regions["guihua"]


def test_the_api_moves_an_incident_with_the_same_checks(api, users, regions, landslide):
    url = f"/api/incidents/incidents/{landslide.uuid}/"
    denied = api(users["township-guihua"]).patch(url, {"region": regions["longfeng"].code}, format="json")
    assert denied.status_code == 403 and denied.json()["error"]["code"] == "outside_jurisdiction"
    moved = api(users["duty"]).patch(url, {"region": regions["longfeng"].code}, format="json")
    assert moved.status_code == 200 and moved.json()["region"] == regions["longfeng"].code
    assert moved.json()["lon"] is None  # the old point lay in 桂花镇
    assert landslide.timeline.filter(title__startswith="位置更正").count() == 1


def test_the_incident_page_names_the_place_and_offers_the_correction(client, users, landslide):
    client.force_login(users["duty"])
    page = html.fromstring(client.get(f"/incidents/{landslide.uuid}/").content)
    assert page.get_element_by_id("incident-place").text_content() == place_name(landslide.region)
    assert page.get_element_by_id("correct-location").get("href").endswith("/edit/#location")
    client.force_login(users["observer"])
    page = html.fromstring(client.get(f"/incidents/{landslide.uuid}/").content)
    assert not page.xpath('//*[@id="correct-location"]')
