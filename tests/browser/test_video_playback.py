"""In Chromium, under the Content-Security-Policy: the platform's own test-pattern stream (made by ffmpeg on first
request) plays through the vendored hls.js, and its frames advance (video.currentTime grows); the 4-up wall plays
four tiles; a drone's track is drawn on its map."""

import os

import pytest

from yingji.video import streams

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(streams.ffmpeg() is None, reason="ffmpeg is not installed (apt-get install ffmpeg)")]


def _time(page, selector: str) -> float:
    return page.evaluate(f"document.querySelector('{selector}').currentTime")


def _reaches(page, selector: str, seconds: float, within_ms: int) -> float:
    """Polls the element's currentTime (wait_for_function would eval a string, which the CSP forbids)."""
    for _ in range(within_ms // 200):
        now = _time(page, selector)
        if now > seconds:
            return now
        page.wait_for_timeout(200)
    raise AssertionError(f"{selector}: currentTime stayed at {_time(page, selector)}, never passed {seconds}")


def _advances(page, selector: str) -> None:
    first = _reaches(page, selector, 0.5, 60_000)
    _reaches(page, selector, first + 1.0, 30_000)
    assert page.get_attribute(selector, "data-state") == "playing"


def test_a_camera_plays_and_its_frames_advance(login, live_url):
    page = login("commander")
    cameras = page.request.get(f"{live_url}/api/video/cameras/?search=凯旋路广场").json()["results"]
    page.goto(f"{live_url}/video/cameras/{cameras[0]['uuid']}/play/")
    _advances(page, "video[data-hls-src]")
    assert page.evaluate("window.Hls && window.Hls.isSupported()")  # played through the vendored hls.js
    if os.environ.get("YINGJI_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["YINGJI_SCREENSHOTS"], "video-play.png"))


def test_the_wall_plays_four_tiles_and_a_drone_track_is_drawn(login, live_url):
    page = login("duty")
    page.goto(f"{live_url}/video/wall/?layout=4")
    assert page.locator("#video-wall video[data-hls-src]").count() == 4
    for index in range(1, 5):
        _advances(page, f"#video-wall > div:nth-child({index}) video")
    if os.environ.get("YINGJI_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["YINGJI_SCREENSHOTS"], "video-wall.png"))
    drone = page.request.get(f"{live_url}/api/video/cameras/?search=无人机").json()["results"][0]
    page.goto(f"{live_url}/video/cameras/{drone['uuid']}/track/")
    page.wait_for_selector("#track-map[data-drawn]")
    assert int(page.get_attribute("#track-map", "data-drawn")) >= 20
