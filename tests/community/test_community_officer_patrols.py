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


def _linked_pair(users, regions):
    """Two village officers of 桂花镇, each linked to their own grid-worker account, each with a patrol task."""
    from yingji.core.services import save_record
    from yingji.prevention.registrations_patrols import PATROL_TASKS

    demo = users["grid-guihua-01"]  # the demo's grid worker has demo tasks: two fresh accounts in its village
    mine, other = (User.objects.create_user(name, password="x", role="grid_worker", region=demo.region,
                                            organization=demo.organization)
                   for name in ("grid-guihua-07", "grid-guihua-08"))
    officers = []
    for code, account in (("XXY-ME", mine), ("XXY-OTHER", other)):
        officers.append(InfoOfficer.objects.create(code=code, name=f"信息员{code}", level="village",
                                                   phone="13800000009", region=mine.region, user=account,
                                                   account_username=account.username))
    tasks = [save_record(PATROL_TASKS, actor=None, data={
        "name": name, "region": mine.region, "worker_username": account.username, "starts_on": "2026-01-01",
        "ends_on": "2026-12-31"}) for name, account in (("我的汛期巡查", mine), ("别人的汛期巡查", other))]
    return officers, tasks, mine, other


def test_the_officer_desk_shows_the_roster_entry_and_only_the_officers_own_tasks(users, regions, client, api):
    (me_officer, _), (my_task, _other), mine, _ = _linked_pair(users, regions)
    client.force_login(mine)
    page = client.get("/community/officer/").content.decode()
    assert "信息员XXY-ME" in page and me_officer.region.name in page
    assert "我的汛期巡查" in page and "别人的汛期巡查" not in page
    assert f"/prevention/patrols/{my_task.uuid}/" in page  # the offline-safe report form of the task
    assert "我的信息员工作" in client.get("/").content.decode()  # in the menu of a grid worker
    desk = api(mine).get("/api/community/officer/").json()
    assert desk["officer"]["region"] == me_officer.region.code
    names = [t["name"] for t in desk["tasks"]]
    assert "我的汛期巡查" in names and "别人的汛期巡查" not in names
    report_page = client.get(f"/prevention/patrols/{my_task.uuid}/").content.decode()
    assert 'data-offline-safe' in report_page and me_officer.region.name in report_page  # the area, prefilled


def test_the_officers_report_completes_the_task_once_and_another_officers_task_is_refused(users, regions, client,
                                                                                           api):
    import uuid

    from yingji.prevention.models import PatrolTask, PatrolVisit

    _, (my_task, other_task), mine, _ = _linked_pair(users, regions)
    client.force_login(mine)
    key = uuid.uuid4()
    report = {"submission_key": str(key), "result": "normal", "note": "堤段无异常", "finish": "on"}
    for _attempt in range(2):  # queued offline and sent twice: recorded once
        assert client.post(f"/prevention/patrols/{my_task.uuid}/", report).status_code == 302
    my_task.refresh_from_db()
    assert my_task.state == "done" and PatrolVisit.objects.filter(task=my_task).count() == 1
    desk = client.get("/community/officer/").content.decode()
    assert 'id="officer-open-tasks"' in desk and "暂无待办的巡查任务" in desk
    done = api(mine).get("/api/community/officer/").json()["tasks"]
    assert next(t for t in done if t["name"] == "我的汛期巡查")["state"] == "done"

    refused = client.post(f"/prevention/patrols/{other_task.uuid}/", {**report, "submission_key": str(uuid.uuid4())})
    assert refused.status_code == 404 and not PatrolVisit.objects.filter(task=other_task).exists()
    assert PatrolTask.objects.get(pk=other_task.pk).state == "pending"
    api_refused = api(mine).get(f"/api/prevention/patrol-tasks/{other_task.uuid}/")
    assert api_refused.status_code == 404 and api_refused.json()["error"]["code"] == "not_found"


def test_an_account_linked_to_no_officer_is_told_so(users, client, api):
    demo = users["grid-guihua-01"]
    unlinked = User.objects.create_user("grid-guihua-06", password="x", role="grid_worker", region=demo.region,
                                        organization=demo.organization)
    client.force_login(unlinked)
    response = client.get("/community/officer/")
    assert response.status_code == 404 and "尚未关联灾害信息员" in response.content.decode()
    answer = api(unlinked).get("/api/community/officer/")
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"
