import time

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_duty_officer_sees_the_district_map_and_switches_language(login, live_url):
    page = login("duty")
    expect(page.locator("h1")).to_contain_text("区域总览")
    expect(page.locator("#figure-townships")).to_have_text("24")
    # The map draws one labelled polygon per township.
    expect(page.locator("#district-map .yj-region-label")).to_have_count(24)
    expect(page.locator("#district-map")).to_have_attribute("data-feature-count", "24")
    expect(page.locator("#township-list a")).to_have_count(24)
    expect(page.locator(".demo-banner")).to_be_visible()
    page.screenshot(path="test-results/foundation-overview.png", full_page=True)

    page.select_option("#language-select", "en")
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_contain_text("District overview")
    expect(page.locator("nav")).to_contain_text("Log out")
    page.select_option("#language-select", "zh-hans")
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_contain_text("区域总览")


def test_wrong_password_shows_a_chinese_error(page, live_url):
    page.goto(f"{live_url}/accounts/login/")
    page.fill("#id_username", "observer")
    page.fill("#id_password", "wrong-password")
    page.click("button[type=submit]")
    expect(page.locator(".alert-danger")).to_contain_text("用户名或密码错误")


def test_the_demo_sends_queued_messages_without_a_separate_worker(live_manage, http_sink):
    """`make demo` starts an embedded worker: a message queued for the SMS gateway reaches it by itself."""
    live_manage("shell", "-c", (
        "from yingji.channels.models import Channel; from yingji.channels.services import Recipient, enqueue; "
        f"c, _ = Channel.objects.update_or_create(code='journey-sms', defaults=dict(name='测试短信', kind='sms_http', "
        f"config={{'url': '{http_sink.url}/sms'}})); "
        "enqueue(channel=c, recipients=[Recipient(name='值班员', contacts={'phone': '13800000009'})], "
        "subject='', body='演示工作进程自检', key_prefix='journey-embedded-worker')"))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not http_sink.requests:
        time.sleep(0.2)
    assert [r["path"] for r in http_sink.requests] == ["/sms"]
    assert "演示工作进程自检" in str(http_sink.requests[0]["json"])
