"""A transfer during an incident: township staff mark households on the phone page or through the API; a mark
sent twice with one submission key (the offline queue re-sending) is recorded once; shelter occupancy and the
per-village percentages follow; a township officer cannot mark (or see) another township's households."""

import uuid

import pytest

from yingji.census.evacuation import progress
from yingji.census.models import Transfer, TransferMark
from yingji.demo.townships import township

pytestmark = pytest.mark.django_db


@pytest.fixture
def transfer(api, users, live_incident):
    response = api(users["commander"]).post("/api/census/transfers/", {
        "name": "桂花镇避险转移", "incident": live_incident.code, "region": township("桂花镇").code,
        "state": "active"}, format="json")
    assert response.status_code == 201, response.content.decode()
    return Transfer.objects.get(uuid=response.json()["uuid"])


def _mark(client, transfer, household, mark, key=None):
    return client.post(f"/api/census/transfers/{transfer.uuid}/marks/", {
        "household": household.code, "mark": mark, "submission_key": str(key or uuid.uuid4())}, format="json")


def test_a_mark_sent_twice_is_recorded_once_and_fills_the_shelter(api, users, transfer, guihua_household):
    shelter, client, key = guihua_household.shelter, api(users["township-guihua"]), uuid.uuid4()
    before = shelter.occupancy
    first, again = (_mark(client, transfer, guihua_household, "transferred", key) for _ in range(2))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"] and again.json()["repeated"] is True
    assert TransferMark.objects.filter(transfer=transfer, household=guihua_household).count() == 1
    shelter.refresh_from_db()
    assert shelter.occupancy == before + guihua_household.members
    assert _mark(client, transfer, guihua_household, "returned").status_code == 201
    shelter.refresh_from_db()
    assert shelter.occupancy == before


def test_the_phone_page_posted_twice_marks_once(client, users, transfer, guihua_household):
    client.force_login(users["township-guihua"])
    url = f"/census/transfers/{transfer.uuid}/mark/{guihua_household.uuid}/"
    data = {"submission_key": str(uuid.uuid4()), "mark": "refused", "note": "老人不愿离家"}
    first = client.post(url, data, follow=True)
    again = client.post(url, data, follow=True)  # the offline queue sends it again
    assert first.status_code == again.status_code == 200
    assert f"{guihua_household.name}：拒绝转移" in first.content.decode()
    assert TransferMark.objects.filter(household=guihua_household, transfer=transfer).count() == 1
    page = client.get(f"/census/transfers/{transfer.uuid}/mark/?village={guihua_household.region.code}")
    assert f'id="hh-{guihua_household.code}"' in page.content.decode() and "data-offline-safe" in page.content.decode()


def test_returned_before_transferred_is_refused_naming_the_field(api, users, transfer, guihua_household):
    response = _mark(api(users["township-guihua"]), transfer, guihua_household, "returned")
    assert response.status_code == 400 and response.json()["error"]["code"] == "not_transferred"
    assert "mark" in response.json()["error"]["fields"]
    assert not TransferMark.objects.filter(household=guihua_household, transfer=transfer).exists()


def test_percent_per_village_and_who_is_still_inside(api, users, transfer, guihua_household, client):
    commander = users["commander"]
    village = [h for h in transfer.households() if h.region_id == guihua_household.region_id]
    moved = village[: len(village) // 2]
    for household in moved:
        assert _mark(api(users["township-guihua"]), transfer, household, "transferred").status_code == 201
    figures = progress(transfer, commander)
    row = next(v for v in figures["villages"] if v.code == guihua_household.region.code)
    people = sum(h.members for h in village)
    assert row.percent == round(100 * sum(h.members for h in moved) / people, 1)
    assert figures["inside_count"] == transfer.households().count() - len(moved)
    client.force_login(commander)
    page = client.get(f"/census/transfers/{transfer.uuid}/").content.decode()
    assert f'data-village="{row.code}"' in page and f"{row.percent}" in page
    assert f"仍在危险区 {figures['inside_count']} 户" in page
    progress_json = api(commander).get(f"/api/census/transfers/{transfer.uuid}/progress/").json()
    assert progress_json["total"]["moved_people"] == sum(h.members for h in moved)


def test_another_townships_officer_gets_404(api, users, transfer, guihua_household, client):
    officer = users["township-longfeng"]
    response = _mark(api(officer), transfer, guihua_household, "transferred")
    assert response.status_code == 404
    client.force_login(officer)
    page = client.post(f"/census/transfers/{transfer.uuid}/mark/{guihua_household.uuid}/",
                       {"submission_key": str(uuid.uuid4()), "mark": "transferred"})
    assert page.status_code == 404
    assert not TransferMark.objects.filter(household=guihua_household, transfer=transfer).exists()


def test_the_incident_page_shows_the_transfer(client, users, transfer, live_incident):
    client.force_login(users["commander"])
    page = client.get(f"/incidents/{live_incident.uuid}/").content.decode()
    assert 'id="incident-census"' in page and transfer.name in page


def test_the_transfer_record_links_to_its_pages(client, users, transfer):
    client.force_login(users["commander"])
    page = client.get(f"/r/census/transfers/{transfer.uuid}/").content.decode()
    assert f"/census/transfers/{transfer.uuid}/" in page and 'id="census-mark-page"' in page


def test_the_commanders_page_redraws_itself_when_a_household_is_marked(api, users, transfer, guihua_household,
                                                                       client):
    import re

    client.force_login(users["commander"])
    page = client.get(f"/census/transfers/{transfer.uuid}/").content.decode()
    assert 'hx-trigger="every 5s"' in page and "每 5 秒自动更新" in page
    live = re.search(r'id="transfer-live" hx-get="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert client.get(live).status_code == 204  # nothing changed: nothing redrawn
    assert _mark(api(users["township-guihua"]), transfer, guihua_household, "transferred").status_code == 201
    redrawn = client.get(live)
    assert redrawn.status_code == 200
    fragment = redrawn.content.decode()
    guihua_household.shelter.refresh_from_db()
    assert fragment.startswith('<div id="transfer-live"') and "<html" not in fragment
    assert f"已转移 {guihua_household.members} /" in fragment
    assert f'<td class="shelter-occupancy">{guihua_household.shelter.occupancy}</td>' in fragment
    newer = re.search(r'hx-get="([^"]+)"', fragment).group(1).replace("&amp;", "&")
    assert newer != live and client.get(newer).status_code == 204
    Transfer.objects.filter(pk=transfer.pk).update(state="closed")
    closed = client.get(newer)  # closing is a change too; a closed transfer's page stops asking
    assert closed.status_code == 200 and "hx-get" not in closed.content.decode()


def test_the_evacuation_rules_are_on_the_phone_page_and_the_household_record(client, users, transfer,
                                                                             guihua_household):
    client.force_login(users["township-guihua"])
    rules = "危险隐患点强降雨时紧急撤离；隐患点发生异常险情时紧急撤离；对隐患点险情不能准确判断时紧急撤离。"
    page = client.get(f"/census/transfers/{transfer.uuid}/mark/?village={guihua_household.region.code}")
    assert "提前避让、主动避让、预防避让。" in page.content.decode() and rules in page.content.decode()
    record = client.get(f"/r/census/households/{guihua_household.uuid}/").content.decode()
    assert 'id="evacuation-rules"' in record and rules in record and guihua_household.shelter.name in record
