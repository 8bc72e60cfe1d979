"""The video gateway's contract (video.gateway): the browser address of a camera registered with no HLS address of
its own comes from the gateway's templates (a GB/T 28181 channel, or an RTSP source the gateway pulls); the health
check and the player use it; the SIP parameters are checked. A stand-in gateway (a local HTTP server answering the
playlists at the contracted paths) takes the place of the real one, which cannot be run here."""


import pytest

from yingji.video import gateway, health
from yingji.video.models import Camera

pytestmark = pytest.mark.django_db
DEVICE, CHANNEL = "51090300001180000001", "51090300001320000007"  # an NVR and one of its IP cameras


@pytest.fixture
def stand_in(tmp_path, serve_folder):
    """Answers the playlists a WVP-style gateway publishes: /rtp/<device>_<channel>/hls.m3u8 and
    /proxy/<code>/hls.m3u8."""
    (tmp_path / "rtp" / f"{DEVICE}_{CHANNEL}").mkdir(parents=True)
    (tmp_path / "rtp" / f"{DEVICE}_{CHANNEL}" / "hls.m3u8").write_text("#EXTM3U\n#EXT-X-VERSION:3\n")
    return serve_folder(tmp_path)


@pytest.fixture
def configured(monkeypatch, stand_in):
    monkeypatch.setenv("YINGJI_VIDEO_GATEWAY_HLS", f"{stand_in}/rtp/{{device}}_{{channel}}/hls.m3u8")
    monkeypatch.setenv("YINGJI_VIDEO_GATEWAY_RTSP_HLS", f"{stand_in}/proxy/{{code}}/hls.m3u8")
    monkeypatch.setenv("YINGJI_VIDEO_GATEWAY_SIP_ID", "51090300002000000001")
    monkeypatch.setenv("YINGJI_VIDEO_GATEWAY_SIP_HOST", "10.0.0.5")
    return stand_in


def _only(**fields) -> tuple[Camera, Camera]:
    """Two demo cameras left to the gateway: one a GB/T 28181 channel, one known by RTSP only; the rest disabled."""
    gb, rtsp = Camera.objects.filter(is_demo=True, camera_type="fixed").order_by("code")[:2]
    Camera.objects.filter(pk=gb.pk).update(hls_url="", rtsp_url="", device_id=DEVICE, channel_id=CHANNEL)
    Camera.objects.filter(pk=rtsp.pk).update(hls_url="", rtsp_url="rtsp://10.0.0.9:554/live/1")
    Camera.objects.filter(is_demo=True).exclude(pk__in=[gb.pk, rtsp.pk]).update(status="disabled")
    gb.refresh_from_db()
    rtsp.refresh_from_db()
    return gb, rtsp


def test_addresses_come_from_the_gateway_and_the_health_check_asks_it(configured, client, users):
    gb, rtsp = _only()
    assert gb.play_url == f"{configured}/rtp/{DEVICE}_{CHANNEL}/hls.m3u8"
    assert rtsp.play_url == f"{configured}/proxy/{rtsp.code}/hls.m3u8"
    assert health.check_all()["checked"] == 2
    gb.refresh_from_db()
    rtsp.refresh_from_db()
    assert (gb.status, gb.last_error) == ("online", "")
    assert (rtsp.status, rtsp.last_error) == ("offline", "HTTP 404")  # the gateway does not pull it yet
    client.force_login(users["duty"])
    page = client.get(f"/video/cameras/{gb.uuid}/play/")
    assert page.status_code == 200 and f'data-hls-src="{gb.play_url}"' in page.content.decode()


def test_the_gateway_reads_what_to_pull(configured, api, users):
    _gb, rtsp = _only()
    answer = api(users["commander"]).get("/api/video/gateway/streams/")
    assert answer.status_code == 200 and answer.json()["configured"] is True
    assert answer.json()["streams"] == [{"code": rtsp.code, "device_id": rtsp.device_id, "channel_id": "",
                                         "rtsp_url": "rtsp://10.0.0.9:554/live/1",
                                         "hls_url": f"{configured}/proxy/{rtsp.code}/hls.m3u8", "status": rtsp.status}]
    assert api(users["enterprise"]).get("/api/video/gateway/streams/").status_code == 403


def test_without_a_gateway_a_camera_without_hls_cannot_play(client, users):
    gb, _rtsp = _only()
    assert gb.play_url == ""
    client.force_login(users["duty"])
    page = client.get(f"/video/cameras/{gb.uuid}/play/")
    assert page.status_code == 400 and "视频网关" in page.content.decode()


@pytest.mark.parametrize(("env", "problem"), [
    ({"YINGJI_VIDEO_GATEWAY_SIP_ID": "51090300001320000001"}, "第 11–13 位为 200"),
    ({"YINGJI_VIDEO_GATEWAY_SIP_DOMAIN": "5109030001"}, "SIP 域应为"),
    ({"YINGJI_VIDEO_GATEWAY_SIP_PORT": "70000"}, "SIP 端口"),
    ({"YINGJI_VIDEO_GATEWAY_HLS": "ftp://gw/{device}.m3u8"}, "http://"),
    ({"YINGJI_VIDEO_GATEWAY_HLS": "https://gw/{camera}.m3u8"}, "未知占位符"),
])
def test_the_gateway_page_says_what_is_wrong(configured, monkeypatch, client, users, env, problem):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert any(problem in p for p in gateway.current().problems())
    client.force_login(users["commander"])
    page = client.get("/video/gateway/").content.decode()
    assert 'id="gateway-problems"' in page and problem in page


def test_a_good_configuration_has_no_problems(configured, client, users):
    assert gateway.current().problems() == []
    client.force_login(users["commander"])
    page = client.get("/video/gateway/").content.decode()
    assert "5109030000" in page and "gateway-problems" not in page
    client.force_login(users["liaison-water"])
    assert client.get("/video/gateway/").status_code == 403
