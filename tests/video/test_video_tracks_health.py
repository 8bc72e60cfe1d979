"""Moving devices report positions (all or none) and their track is drawn; the periodic health check marks a
stream that does not answer offline and one that answers again online; the local test streams are served."""


import pytest

from peers import free_port
from yingji.core.extensions import PERIODIC_HOOKS
from yingji.core.models import AuditEntry
from yingji.video import health, streams
from yingji.video.models import Camera, PositionFix

pytestmark = pytest.mark.django_db


def _drone():
    return Camera.objects.get(is_demo=True, camera_type="drone")


def _post(api, user, camera, body):
    return api(user).post(f"/api/video/cameras/{camera.uuid}/positions/", body, format="json")


def test_positions_are_kept_and_drawn_as_a_track(api, users, client):
    drone = _drone()
    before = drone.fixes.count()
    response = _post(api, users["duty"], drone, {"positions": [
        {"lon": 105.59, "lat": 30.515, "altitude": 80, "recorded_at": "2026-07-01T10:00:00+08:00"},
        {"lon": 105.591, "lat": 30.516}]})
    assert response.status_code == 201, response.content
    assert response.json()["count"] == 2 and drone.fixes.count() == before + 2
    client.force_login(users["commander"])
    page = client.get(f"/video/cameras/{drone.uuid}/track/").content.decode()
    assert 'id="track-points"' in page and "105.591" in page
    layer = client.get("/api/onemap/layers/video-moving/").json()["features"]
    mine = next(f for f in layer if f["properties"]["code"] == drone.code)
    assert mine["geometry"]["coordinates"] == [105.591, 30.516]  # where it last reported


def test_the_track_of_an_incident_is_the_positions_reported_during_it(api, users):
    drone = _drone()
    incident = drone.fixes.exclude(incident=None).first().incident
    track = api(users["commander"]).get(f"/api/video/cameras/{drone.uuid}/positions/",
                                        {"incident": str(incident.uuid)}).json()
    assert track["count"] == 20


@pytest.mark.parametrize(("body", "code", "field"), [
    ({"positions": [{"lon": 105.59, "lat": 30.51}, {"lon": 500, "lat": 30.5}]}, "invalid_coordinate",
     "positions.1.lon"),
    ({"positions": []}, "positions_required", "positions"),
    ({"positions": [{"lon": 105.59, "lat": 30.51, "recorded_at": "yesterday"}]}, "invalid_datetime",
     "positions.0.recorded_at"),
    ({"positions": [{"lon": 105.59, "lat": 30.51}], "incident": "not-a-uuid"}, "invalid_incident", "incident"),
])
def test_bad_positions_are_refused_and_none_is_kept(api, users, body, code, field):
    drone = _drone()
    before = PositionFix.objects.count()
    response = _post(api, users["commander"], drone, body)
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == code and field in response.json()["error"]["fields"]
    assert PositionFix.objects.count() == before


def test_only_moving_devices_report_positions_and_only_in_reach(api, users, regions):
    fixed = Camera.objects.filter(is_demo=True, camera_type="fixed").order_by("code").first()
    response = _post(api, users["commander"], fixed, {"positions": [{"lon": 105.59, "lat": 30.51}]})
    assert response.json()["error"]["code"] == "not_a_moving_device"
    assert _post(api, users["township-guihua"], _drone(), {"positions": [{"lon": 105.59, "lat": 30.51}]}
                 ).status_code == 404
    assert _post(api, users["liaison-water"], _drone(), {"positions": [{"lon": 105.59, "lat": 30.51}]}
                 ).status_code == 403


@pytest.fixture
def playlist_server(tmp_path, serve_folder):
    (tmp_path / "live").mkdir()
    (tmp_path / "live" / "index.m3u8").write_text("#EXTM3U\n#EXT-X-VERSION:3\n")
    (tmp_path / "live" / "not.m3u8").write_text("<html>login</html>")
    return serve_folder(tmp_path)


def test_the_health_check_marks_silent_streams_offline_and_answering_ones_online(playlist_server):
    cameras = list(Camera.objects.filter(is_demo=True, camera_type="fixed").order_by("code")[:4])
    urls = [f"{playlist_server}/live/index.m3u8", f"http://127.0.0.1:{free_port()}/live/index.m3u8",
            f"{playlist_server}/live/not.m3u8", f"{playlist_server}/live/missing.m3u8"]
    for camera, url in zip(cameras, urls, strict=True):
        Camera.objects.filter(pk=camera.pk).update(hls_url=url, status="offline" if camera is cameras[0] else "online")
    Camera.objects.filter(is_demo=True).exclude(pk__in=[c.pk for c in cameras]).update(status="disabled")
    assert "video.health" in PERIODIC_HOOKS
    changed = health.check_all()
    states = {c.pk: (c.status, c.last_error) for c in Camera.objects.filter(pk__in=[c.pk for c in cameras])}
    assert states[cameras[0].pk] == ("online", "")
    assert states[cameras[1].pk][0] == "offline" and "无应答" in states[cameras[1].pk][1]
    assert states[cameras[2].pk] == ("offline", "应答不是 HLS 播放列表")
    assert states[cameras[3].pk] == ("offline", "HTTP 404")
    assert changed == {"checked": 4, "online": 1, "offline": 3}
    assert AuditEntry.objects.filter(model=Camera._meta.label, object_id=str(cameras[1].pk), action="update").exists()


@pytest.mark.skipif(streams.ffmpeg() is None, reason="ffmpeg is not installed (apt-get install ffmpeg)")
def test_the_local_test_stream_is_made_with_ffmpeg_and_served_to_viewers(client, users):
    client.force_login(users["duty"])
    playlist = client.get("/video/streams/testsrc/index.m3u8")
    assert playlist.status_code == 200 and playlist["Content-Type"] == "application/vnd.apple.mpegurl"
    text = b"".join(playlist.streaming_content).decode()
    assert text.startswith("#EXTM3U") and "seg00000.ts" in text and "#EXT-X-ENDLIST" in text
    segment = client.get("/video/streams/testsrc/seg00000.ts")
    assert segment.status_code == 200 and b"".join(segment.streaming_content)[:1] == b"G"  # MPEG-TS sync byte
    assert client.get("/video/streams/testsrc/../../x").status_code == 404
    assert client.get("/video/streams/nosuch/index.m3u8").status_code == 404
    client.force_login(users["grid-guihua-01"])
    assert client.get("/video/streams/testsrc/index.m3u8").status_code == 403
