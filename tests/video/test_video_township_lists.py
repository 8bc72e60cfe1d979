"""Township camera lists (issue 22): a township officer sees the cameras of the township only, on every video list
page and endpoint (walked from the URL configuration, so a list added later is checked too), and the list page
shows each camera's state and a play link; district users pick a township."""

import io
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from yingji.video.models import Camera

pytestmark = pytest.mark.django_db
VIDEO_PREFIXES = ("video/", "api/video/", "r/video/")
MAP_LAYERS = ("/api/onemap/layers/video-cameras/", "/api/onemap/layers/video-moving/")


def _video_lists():
    """Every GET-able video URL without a path parameter (lists, the wall, exports, the gateway's pull list)."""
    found = []

    def walk(patterns, prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                path = (prefix + str(entry.pattern)).replace("^", "").replace("$", "")  # the API router's regexes
                if (path.startswith(VIDEO_PREFIXES) and "<" not in path and "(?P" not in path
                        and not path.endswith(("import/", "new/"))):
                    found.append("/" + path)

    walk(get_resolver().url_patterns, "")
    return sorted(set(found)) + list(MAP_LAYERS)


LISTS = _video_lists()


def _text(reply) -> str:
    if reply.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(reply.content), read_only=True)
        return " ".join(str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                        for v in row if v is not None)
    return reply.content.decode("utf-8", errors="replace")


def _marks(cameras):
    return {mark for c in cameras for mark in (c.code, str(c.uuid), c.device_id)}


def test_the_walk_finds_the_lists():
    assert {"/video/cameras/", "/video/wall/", "/r/video/cameras/", "/api/video/cameras/"} <= set(LISTS), LISTS


@pytest.mark.parametrize("path", LISTS)
def test_a_township_officer_sees_no_camera_of_another_township(client, users, regions, path):
    mine = list(Camera.objects.filter(region__path__startswith=regions["guihua"].path))
    others = list(Camera.objects.exclude(region__path__startswith=regions["guihua"].path))
    assert mine and others, "the demo has cameras in 桂花镇 and elsewhere"
    client.force_login(users["township-guihua"])
    reply = client.get(path)
    assert reply.status_code in (200, 403), (path, reply.status_code)
    text = _text(reply)
    leaked = sorted(m for m in _marks(others) if re.search(rf"\b{re.escape(m)}\b", text))
    assert not leaked, f"{path} shows cameras of other townships: {leaked[:5]}"


def test_the_list_page_shows_the_townships_cameras_with_state_and_play_links(client, users, regions):
    mine = Camera.objects.filter(region__path__startswith=regions["guihua"].path).order_by("code")
    client.force_login(users["township-guihua"])
    page = client.get("/video/cameras/").content.decode()
    assert 'id="camera-list"' in page and 'name="township"' not in page  # nothing to pick for a township officer
    for camera in mine:
        assert f'data-camera="{camera.code}"' in page and camera.get_status_display() in page
        if camera.play_url and camera.status != "disabled":
            assert f"/video/cameras/{camera.uuid}/play/" in page


def test_district_users_filter_by_township_and_state(client, users, regions):
    client.force_login(users["commander"])
    page = client.get("/video/cameras/").content.decode()
    assert 'name="township"' in page and "龙凤镇" in page
    everything = set(re.findall(r'data-camera="([^"]+)"', page))
    assert len(everything) == min(Camera.objects.count(), 50)
    page = client.get(f"/video/cameras/?township={regions['longfeng'].code}").content.decode()
    shown = set(re.findall(r'data-camera="([^"]+)"', page))
    expected = set(Camera.objects.filter(region__path__startswith=regions["longfeng"].path).values_list("code",
                                                                                                          flat=True))
    assert shown == expected and shown
    Camera.objects.filter(code__in=list(shown)[:1]).update(status="offline")
    page = client.get(f"/video/cameras/?township={regions['longfeng'].code}&status=offline").content.decode()
    assert set(re.findall(r'data-camera="([^"]+)"', page)) == set(list(shown)[:1]) or len(shown) == 0
    page = client.get("/video/cameras/?township=nonsense&status=nonsense")  # ignored, as the registry does
    assert page.status_code == 200 and len(re.findall(r'data-camera="', page.content.decode())) == len(everything)


def test_the_api_list_is_scoped_and_filtered_the_same_way(api, users, regions):
    rows = api(users["township-guihua"]).get("/api/video/cameras/").json()["results"]
    expected = set(Camera.objects.filter(region__path__startswith=regions["guihua"].path).values_list("code",
                                                                                                        flat=True))
    assert {r["code"] for r in rows} == expected
    rows = api(users["commander"]).get(f"/api/video/cameras/?region={regions['longfeng'].code}").json()["results"]
    assert {r["code"] for r in rows} == set(Camera.objects.filter(
        region__path__startswith=regions["longfeng"].path).values_list("code", flat=True))


def test_a_reader_who_may_not_play_sees_the_list_without_play_links(client, users):
    """The observer reads the registry (video.view_camera) but does not play (video.play_camera)."""
    client.force_login(users["observer"])
    page = client.get("/video/cameras/")
    assert page.status_code == 200 and 'data-camera="' in page.content.decode()
    assert "/play/" not in page.content.decode()
    client.force_login(users["grid-guihua-01"])
    assert client.get("/video/cameras/").status_code == 403
