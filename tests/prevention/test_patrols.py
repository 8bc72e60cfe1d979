"""Grid worker patrols: the mobile page's report, sent twice with one submission key (an offline re-send), files
one hazard (source 网格员巡查, photo attached, task under way); a grid worker sees only their own tasks."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yingji.core.models import Attachment, User
from yingji.core.services import save_record
from yingji.prevention.models import Hazard, PatrolTask, PatrolVisit
from yingji.prevention.registrations_patrols import PATROL_TASKS

pytestmark = pytest.mark.django_db
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 300


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def worker(users):
    return users["grid-guihua-01"]


def _task(worker, **fields):
    data = {"name": "测试巡查", "region": worker.region, "worker_username": worker.username,
            "starts_on": "2026-01-01", "ends_on": "2026-12-31", **fields}
    return save_record(PATROL_TASKS, actor=None, data=data)


def _report(key, **fields):
    return {"submission_key": str(key), "result": "hazard", "hazard_name": "加油站消防通道堵塞", "grade": "general",
            "note": "卷帘门前堆放货物", "lon": "105.5921", "lat": "30.5123",
            "photo": SimpleUploadedFile("site.jpg", JPEG, content_type="image/jpeg"), **fields}


def test_a_report_sent_twice_files_one_hazard_with_its_photo(client, worker, _media):
    task = _task(worker)
    client.force_login(worker)
    key, url = uuid.uuid4(), f"/prevention/patrols/{task.uuid}/"
    first = client.post(url, _report(key), follow=True)
    again = client.post(url, _report(key), follow=True)  # the offline queue sends it again
    assert first.status_code == again.status_code == 200
    hazard = Hazard.objects.get(name="加油站消防通道堵塞")
    assert "已记录巡查并上报隐患" in first.content.decode() and hazard.code in again.content.decode()
    assert hazard.get_source_display() == "网格员巡查" and hazard.region == task.region
    assert (hazard.lon, hazard.lat) == (105.5921, 30.5123) and task.code in hazard.description
    visit = PatrolVisit.objects.get(task=task)
    assert visit.hazard == hazard and visit.recorded_by == worker
    photo = Attachment.objects.get(object_id=hazard.pk)
    assert (photo.kind, photo.media_type, photo.original_name) == ("before", "image/jpeg", "site.jpg")
    assert len([p for p in _media.rglob("*") if p.is_file()]) == 1
    task.refresh_from_db()
    assert task.get_state_display() == "巡查中"
    page = client.get(f"/r/prevention/hazards/{hazard.uuid}/").content.decode()
    assert f"/core/attachments/{photo.uuid}/" in page  # the photo's thumbnail on the hazard's page


def test_a_normal_visit_files_nothing_and_can_finish_the_task(client, worker):
    task = _task(worker)
    client.force_login(worker)
    client.post(f"/prevention/patrols/{task.uuid}/", {"submission_key": str(uuid.uuid4()), "result": "normal",
                                                       "note": "一切正常", "finish": "on"})
    task.refresh_from_db()
    assert task.state == "done" and task.visits.get().hazard is None
    page = client.get(f"/prevention/patrols/{task.uuid}/").content.decode()
    assert "该巡查任务已完成" in page and 'id="patrol-form"' not in page


@pytest.mark.parametrize(("change", "field"), [
    ({"photo": SimpleUploadedFile("x.jpg", b"GIF89a not a jpeg")}, "photo"),
    ({"hazard_name": " "}, "hazard_name"),
    ({"lon": "east"}, "lon"),
])
def test_a_bad_report_is_a_400_and_nothing_is_saved(client, worker, _media, change, field):
    task = _task(worker)
    hazards, attachments = Hazard.objects.count(), Attachment.objects.count()
    client.force_login(worker)
    response = client.post(f"/prevention/patrols/{task.uuid}/", _report(uuid.uuid4(), **change))
    assert response.status_code == 400 and response.context["form"].errors.keys() == {field}
    assert Hazard.objects.count() == hazards and not PatrolVisit.objects.filter(task=task).exists()
    assert Attachment.objects.count() == attachments and not [p for p in _media.rglob("*") if p.is_file()]
    task.refresh_from_db()
    assert task.state == "pending"


def test_a_grid_worker_sees_only_their_own_tasks(client, api, worker):
    other = User.objects.create_user("grid-guihua-02", password="x", role="grid_worker", region=worker.region,
                                     organization=worker.organization)
    mine, theirs = _task(worker, name="我的任务"), _task(other, name="别人的任务")
    client.force_login(worker)
    listed = client.get("/prevention/patrols/").content.decode()
    assert "我的任务" in listed and "别人的任务" not in listed
    assert client.get(f"/prevention/patrols/{theirs.uuid}/").status_code == 404
    names = [row["name"] for row in api(worker).get("/api/prevention/patrol-tasks/?page_size=100").json()["results"]]
    assert "我的任务" in names and "别人的任务" not in names
    officer_page = client.get(f"/prevention/patrols/{mine.uuid}/")
    assert 'capture="environment"' in officer_page.content.decode()


def test_only_the_tasks_grid_worker_records_visits(client, users, worker):
    task = _task(worker)
    client.force_login(users["township-guihua"])
    page = client.get(f"/prevention/patrols/{task.uuid}/").content.decode()
    assert "只有该任务的网格员可以填报巡查记录" in page
    response = client.post(f"/prevention/patrols/{task.uuid}/", _report(uuid.uuid4()))
    assert response.status_code == 400 and not PatrolVisit.objects.filter(task=task).exists()


@pytest.mark.parametrize(("fields", "field", "code"), [
    ({"worker_username": "township-guihua"}, "worker_username", "unknown_grid_worker"),
    ({"ends_on": "2025-12-01"}, "ends_on", "invalid_period"),
])
def test_a_task_names_a_grid_worker_and_a_period(api, users, worker, fields, field, code):
    data = {**PATROL_TASKS.example(users["township-guihua"].region), **fields}
    response = api(users["township-guihua"]).post("/api/prevention/patrol-tasks/", data, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code and field in error["fields"]


def test_a_grid_area_outside_the_workers_reach_is_refused(api, users, regions):
    data = {**PATROL_TASKS.example(regions["guihua"]), "region": regions["guihua"].code}
    response = api(users["township-guihua"]).post("/api/prevention/patrol-tasks/", data, format="json")
    assert response.json()["error"]["code"] == "grid_worker_out_of_area"


def test_the_demo_grid_worker_has_tasks_of_three_months(worker):
    states = sorted(PatrolTask.objects.filter(worker=worker, is_demo=True).values_list("state", flat=True))
    assert states == ["active", "done", "pending"]
