"""The camera registry (GB/T 28181 ids, stream addresses), the audited play page and the 4/9-up wall, the one-map
layers, and the "cameras within 2 km" panel of the incident page."""

import pytest

from yingji.core.models import AuditEntry
from yingji.incidents.models import Incident
from yingji.video.models import Camera

pytestmark = pytest.mark.django_db
GOOD_ID = "51090300001320009001"


def _body(region, **fields):
    return {"name": "测试球机", "device_id": GOOD_ID, "camera_type": "dome", "owner_department": "区公安分局",
            "region": region.code, "lon": 105.60, "lat": 30.43, "hls_url": "/video/streams/testsrc/index.m3u8",
            **fields}


@pytest.mark.parametrize(("fields", "field", "code"), [
    ({"device_id": "5109030000132000900"}, "device_id", "invalid_gb28181_id"),
    ({"device_id": "5109030000A320009001"}, "device_id", "invalid_gb28181_id"),
    ({"device_id": "51090300002160009001"}, "device_id", "gb28181_not_device"),
    ({"channel_id": "51090300001180009001"}, "channel_id", "gb28181_not_camera"),
    ({"hls_url": "ftp://x/index.m3u8"}, "hls_url", "invalid_stream_url"),
    ({"rtsp_url": "http://x/live"}, "rtsp_url", "invalid_stream_url"),
    ({"camera_type": "fixed", "lon": None, "lat": None}, "lon", "location_required"),
])
def test_bad_camera_input_is_refused_by_field_and_nothing_is_saved(api, users, regions, fields, field, code):
    before = Camera.objects.count()
    response = api(users["commander"]).post("/api/video/cameras/", _body(regions["guihua"], **fields), format="json")
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == code and field in error["fields"]
    assert Camera.objects.count() == before


def test_a_moving_device_needs_no_registered_place_and_a_channel_id_is_kept(api, users, regions):
    response = api(users["commander"]).post("/api/video/cameras/", _body(
        regions["guihua"], camera_type="drone", lon=None, lat=None, channel_id="51090300001310009001"), format="json")
    assert response.status_code == 201, response.content
    assert Camera.objects.get(device_id=GOOD_ID).channel_id == "51090300001310009001"


def _camera(**filters):
    return Camera.objects.filter(is_demo=True, **filters).order_by("code").first()


def test_play_page_plays_hls_with_the_vendored_player_and_audits_each_view(client, users):
    camera = _camera(camera_type="dome")
    client.force_login(users["commander"])
    before = AuditEntry.objects.filter(action="view", object_id=str(camera.pk)).count()
    page = client.get(f"/video/cameras/{camera.uuid}/play/")
    html = page.content.decode()
    assert page.status_code == 200
    assert f'data-hls-src="{camera.hls_url}"' in html and "video/vendor/hls.light.min.js" in html
    client.get(f"/video/cameras/{camera.uuid}/play/")
    entries = AuditEntry.objects.filter(action="view", object_id=str(camera.pk))
    assert entries.count() == before + 2
    assert entries.latest("id").actor_name == "commander"


def test_play_needs_the_permission_and_the_jurisdiction(client, users, regions):
    guihua = _camera(region=regions["guihua"])
    longfeng = _camera(region=regions["longfeng"])
    client.force_login(users["township-longfeng"])
    assert client.get(f"/video/cameras/{longfeng.uuid}/play/").status_code == 200
    assert client.get(f"/video/cameras/{guihua.uuid}/play/").status_code == 404
    client.force_login(users["grid-guihua-01"])
    assert client.get(f"/video/cameras/{guihua.uuid}/play/").status_code == 403


def test_a_camera_without_hls_says_why_it_cannot_play(client, users):
    camera = _camera()
    Camera.objects.filter(pk=camera.pk).update(hls_url="")
    client.force_login(users["commander"])
    page = client.get(f"/video/cameras/{camera.uuid}/play/")
    assert page.status_code == 400 and "RTSP/WebRTC" in page.content.decode()
    assert not AuditEntry.objects.filter(action="view", object_id=str(camera.pk)).exists()


def test_the_wall_shows_four_or_nine_cameras_and_audits_each(client, users):
    client.force_login(users["duty"])
    before = AuditEntry.objects.filter(action="view").count()
    nine = client.get("/video/wall/?layout=9").content.decode()
    assert nine.count("data-hls-src=") == 9
    assert AuditEntry.objects.filter(action="view").count() == before + 9
    picked = list(Camera.objects.filter(is_demo=True).order_by("-code")[:2])
    four = client.get("/video/wall/", {"layout": "4", "c": [str(c.uuid) for c in picked]}).content.decode()
    assert four.count("data-hls-src=") == 2 and four.count("空闲画面") == 2
    assert four.index(str(picked[0].uuid)) < four.index(str(picked[1].uuid))


def test_cameras_are_on_the_one_map_with_play_links_within_the_users_reach(client, users, regions):
    client.force_login(users["township-guihua"])
    features = client.get("/api/onemap/layers/video-cameras/").json()["features"]
    assert features and {f["properties"]["code"] for f in features} == set(
        Camera.objects.filter(region=regions["guihua"]).exclude(camera_type__in=(
            "drone", "body", "individual", "deployable")).values_list("code", flat=True))
    assert features[0]["properties"]["links"][0][1].endswith("/play/")
    client.force_login(users["commander"])
    assert len(client.get("/api/onemap/layers/video-cameras/").json()["features"]) >= 17


def test_the_incident_page_lists_the_cameras_within_two_kilometres(client, users, regions):
    incident = Incident.objects.filter(lon__isnull=False).order_by("code").first()
    camera = _camera(camera_type="fixed")
    near, far = Camera.objects.filter(is_demo=True, camera_type="dome").order_by("code")[:2]
    Camera.objects.filter(pk=near.pk).update(lon=incident.lon + 0.015, lat=incident.lat)  # about 1.4 km east
    Camera.objects.filter(pk=far.pk).update(lon=incident.lon, lat=incident.lat + 0.03)  # about 3.3 km north
    Camera.objects.filter(pk=camera.pk).update(lon=incident.lon, lat=incident.lat + 0.001)  # about 110 m
    Camera.objects.filter(pk=camera.pk).update(region=incident.region)
    client.force_login(users["commander"])
    html = client.get(f"/incidents/{incident.uuid}/").content.decode()
    panel = html[html.index('id="video-nearby"'):]
    panel = panel[:panel.index("</section>")]
    assert near.name in panel and camera.name in panel and far.name not in panel
    assert panel.index(camera.name) < panel.index(near.name)  # nearest first
    assert f"/video/cameras/{near.uuid}/play/" in panel
