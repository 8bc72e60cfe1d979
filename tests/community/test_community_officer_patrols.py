"""An information officer of the roster is linked to an account of role 网格员/灾害信息员 on the roster's form (an
account of another role, or one whose reach misses the officer's area, is refused by field); a patrol task for that
account (prevention's patrol tasks) is what the officer then sees when signed in."""

import pytest

from yingji.community.models import InfoOfficer
from yingji.core.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(regions):
    village = User.objects.get(username="grid-guihua-01").region
    return InfoOfficer.objects.create(code="XXY-TEST", name="测试信息员", level="village", phone="13800000001",
                                      region=village)


def test_an_officer_linked_to_an_account_receives_patrol_tasks(officer, users, api, client):
    boss, url = api(users["commander"]), f"/api/community/officers/{officer.uuid}/"
    other = User.objects.create_user("grid-guihua-09", password="x", role="grid_worker", region=officer.region,
                                     organization=users["grid-guihua-01"].organization)
    assert boss.patch(url, {"account_username": other.username}, format="json").status_code == 200
    officer.refresh_from_db()
    assert officer.user == other

    task = boss.post("/api/prevention/patrol-tasks/", {
        "name": "汛期地灾隐患点巡查", "region": officer.region.code, "worker_username": officer.user.username,
        "starts_on": "2026-06-01", "ends_on": "2026-09-30"}, format="json")
    assert task.status_code == 201, task.content
    client.force_login(other)
    assert "汛期地灾隐患点巡查" in client.get("/prevention/patrols/").content.decode()


@pytest.mark.parametrize("username, code", [("duty", "unknown_officer_account"),
                                            ("nobody-here", "unknown_officer_account")])
def test_a_wrong_account_is_refused_by_field(officer, users, api, username, code):
    response = api(users["commander"]).patch(f"/api/community/officers/{officer.uuid}/",
                                             {"account_username": username}, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == code
    assert "account_username" in response.json()["error"]["fields"]


def test_an_account_whose_reach_misses_the_area_is_refused(users, api, regions):
    longfeng_village = regions["longfeng"].children.order_by("code").first()
    officer = InfoOfficer.objects.create(code="XXY-LF", name="龙凤信息员", level="village", phone="13800000002",
                                         region=longfeng_village)
    response = api(users["commander"]).patch(f"/api/community/officers/{officer.uuid}/",
                                             {"account_username": "grid-guihua-01"}, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "officer_account_out_of_area"
