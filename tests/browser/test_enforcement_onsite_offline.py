"""The on-site inspection page on a phone with no signal (issue 17): the inspector loads the task's 现场检查 page,
the network drops (Chromium's offline emulation), the results, a photo, the GPS position and the inspected party's
signature drawn on the canvas are filled in and submitted (取消 at the confirmation keeps it unsent) — the record
waits in the browser — and when the network is back it is sent by itself and recorded once: the findings, one photo,
one signature, the task 已检查."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 500


def _task(live_manage) -> tuple[str, int]:
    out = live_manage("shell", "-c", "from yingji.enforcement.models import InspectionTask; "
                      "from yingji.enforcement.inspections import items_for; "
                      "t = InspectionTask.objects.filter(state='assigned', draw__state='valid')"
                      ".exclude(status='cancelled').order_by('-code').first(); "
                      "print(t.uuid, len(items_for(t)))")
    uuid, items = out.strip().splitlines()[-1].split()
    return uuid, int(items)


def _recorded(live_manage, uuid) -> tuple[str, int, int, int, str]:
    out = live_manage("shell", "-c", "from yingji.enforcement.models import InspectionTask; "
                      "from yingji.core.models import Attachment; "
                      f"t = InspectionTask.objects.get(uuid='{uuid}'); "
                      "a = Attachment.objects.filter(object_id=t.pk, content_type__model='inspectiontask'); "
                      "print(t.state, t.findings.count(), a.filter(kind='site_photo').count(), "
                      "a.filter(kind='signature').count(), t.party_signer or '-')")
    state, findings, photos, signatures, signer = out.strip().splitlines()[-1].split()
    return state, int(findings), int(photos), int(signatures), signer


def _sign(page, canvas: str) -> None:
    """A stroke across the canvas, as a finger would draw it."""
    page.locator(canvas).scroll_into_view_if_needed()
    box = page.locator(canvas).bounding_box()
    page.mouse.move(box["x"] + 30, box["y"] + box["height"] / 2)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(box["x"] + 30 + 25 * step, box["y"] + box["height"] / 2 - (step % 3) * 15)
    page.mouse.up()


def test_an_inspection_filled_offline_is_recorded_once_when_the_signal_returns(page, login, live_url, live_manage):
    uuid, items = _task(live_manage)
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"longitude": 105.6012, "latitude": 30.5311})
    login("commander")
    page.goto(f"{live_url}/enforcement/tasks/{uuid}/onsite/")
    expect(page.locator("#onsite-form")).to_be_visible()
    page.context.set_offline(True)  # the signal drops on site
    first = page.locator("#onsite-form fieldset.onsite-item").first
    first.locator("input[value=fail]").check()
    first.locator("input[name^=note-]").fill("消防通道堆放杂物")
    page.set_input_files("#f-photo", files=[{"name": "site.jpg", "mimeType": "image/jpeg", "buffer": JPEG}])
    page.click("#onsite-locate")
    expect(page.locator("#f-lon")).to_have_value("105.601200")
    page.fill("#f-signer", "李负责")
    box = page.locator("#onsite-signature").bounding_box()
    page.mouse.move(box["x"] + 30, box["y"] + 100)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(box["x"] + 30 + 25 * step, box["y"] + 100 - (step % 3) * 25)
    page.mouse.up()
    assert page.input_value("#f-signature").startswith("data:image/png;base64,")
    for key in ("lead", "second"):  # the two inspectors sign too
        _sign(page, f"#onsite-signature-{key}")
        assert page.input_value(f"#f-signature-{key}").startswith("data:image/png;base64,")
    page.once("dialog", lambda dialog: dialog.dismiss())  # 取消: the offline queue must not take it
    page.click("#onsite-submit")
    page.wait_for_timeout(500)
    banner = page.locator("#offline-banner")
    assert banner.count() == 0 or "现场检查记录" not in (banner.text_content() or "")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#onsite-submit")
    expect(page.locator("#offline-banner")).to_contain_text("网络不通：报告已保存在本机")
    expect(page.locator("#offline-banner")).to_contain_text("现场检查记录")
    assert _recorded(live_manage, uuid)[:4] == ("assigned", 0, 0, 0)
    page.context.set_offline(False)  # sent by itself on the `online` event
    expect(page.locator("main")).to_contain_text("现场检查已记录")
    assert _recorded(live_manage, uuid) == ("done", items, 1, 1, "李负责")
