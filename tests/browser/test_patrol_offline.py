"""The grid worker's mobile patrol page (docs/prevention.md "Attachments and grid worker patrols"): on a phone-wide
screen the worker takes the position, picks a photo and files a hazard while the network is down; the report waits
in the browser and, when the network is back, files one hazard (网格员巡查) with the photo attached."""

import uuid

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 500


def _count(live_manage, name) -> tuple[int, int]:
    out = live_manage("shell", "-c", "from yingji.prevention.models import Hazard; "
                      "from yingji.core.models import Attachment; "
                      f"h = Hazard.objects.filter(name={name!r}, source='grid'); "
                      "print(h.count(), Attachment.objects.filter(object_id__in=h.values('pk')).count())")
    hazards, photos = out.strip().splitlines()[-1].split()
    return int(hazards), int(photos)


def test_a_hazard_filed_offline_is_sent_once_when_the_network_is_back(page, login, live_url, live_manage):
    name = f"巡查发现：燃气软管老化 {uuid.uuid4().hex[:6]}"
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"longitude": 105.5931, "latitude": 30.5207})
    login("grid-guihua-01")
    page.goto(f"{live_url}/prevention/patrols/")
    page.locator("#patrol-tasks a", has_text="巡查中").first.click()
    expect(page.locator("#patrol-hazard")).to_be_hidden()
    page.check("#id_result_1")  # 发现隐患
    expect(page.locator("#patrol-hazard")).to_be_visible()
    page.fill("#id_hazard_name", name)
    page.set_input_files("#id_photo", files=[{"name": "site.jpg", "mimeType": "image/jpeg", "buffer": JPEG}])
    page.click("#patrol-locate")
    expect(page.locator("#id_lon")).to_have_value("105.593100")
    expect(page.locator("#id_lat")).to_have_value("30.520700")
    page.context.set_offline(True)
    page.click("#patrol-submit")
    expect(page.locator("#offline-banner")).to_contain_text("网络不通：报告已保存在本机")
    expect(page.locator("#offline-banner")).to_contain_text("巡查记录")
    assert _count(live_manage, name) == (0, 0)
    page.context.set_offline(False)  # sent by itself on the `online` event
    expect(page.locator("main")).to_contain_text("已记录巡查并上报隐患")
    assert _count(live_manage, name) == (1, 1)
    expect(page.locator("#patrol-visits")).to_contain_text(name)
