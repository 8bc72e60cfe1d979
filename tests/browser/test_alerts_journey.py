"""The warning journey in Chromium: duty drafts a red 暴雨 warning for three townships, sees the reach; the
approver approves and the commander signs; it is published and delivered 100 % to the local sink by a real
worker; the home overview shows the reach rate and links to the coverage report; the public page shows it; a
cancel follows."""

import os
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser
TOWNSHIPS = ("桂花镇", "老池镇", "龙凤镇")


@pytest.fixture
def workers(live_url, tmp_path_factory, http_sink, smtp_sink):
    var_dir = sorted(tmp_path_factory.getbasetemp().glob("browser-var*"))[0]
    env = {**os.environ, "YINGJI_MODE": "demo", "YINGJI_VAR_DIR": str(var_dir), "YINGJI_PUBLIC_URL": live_url}
    env.pop("DATABASE_URL", None)
    cli = [sys.executable, "-m", "yingji.cli"]
    subprocess.run([*cli, "manage", "alerts_channels", "--base-url", http_sink.url, "--smtp-port",
                    str(smtp_sink.port)], env=env, check=True, capture_output=True)
    processes = [subprocess.Popen([*cli, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for _ in range(2)]
    yield http_sink
    for process in processes:
        process.terminate()
        process.wait(10)


def _as(browser, live_url, username):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{live_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_url}/")
    return page


def test_draft_approve_sign_deliver_publish_and_cancel(browser, live_url, workers):
    duty = _as(browser, live_url, "duty")
    duty.goto(f"{live_url}/alerts/new/")
    duty.select_option("#type_code", "met.rainstorm")
    duty.select_option("#level", "red")
    duty.fill("#headline", "船山区暴雨红色预警（浏览器测试）")
    duty.fill("#description", "预计 3 小时内降雨量将达 100 毫米以上。")
    for name in TOWNSHIPS:
        duty.get_by_label(name, exact=True).check()
    duty.click("#save-draft")
    # Clicks that submit a form do not wait for the next page: each check below waits for its text instead.
    summary = duty.locator("#reach-summary")
    expect(summary).to_contain_text("将送达公众及网格员")
    assert int(summary.locator("strong").first.inner_text()) > 100
    for name in TOWNSHIPS:
        expect(duty.locator("#reach-table")).to_contain_text(name)
    duty.click("button[data-event=submit]")
    expect(duty.locator("#status")).to_have_text("待审核")
    url = duty.url

    approver = _as(browser, live_url, "duty-chief")
    approver.goto(url)
    approver.click("button[data-event=review]")
    expect(approver.locator("#status")).to_have_text("待签发")

    commander = _as(browser, live_url, "commander")
    commander.goto(url)
    commander.click("button[data-event=sign]")
    expect(commander.locator("#status")).to_have_text("已发布")
    # (a locator, not wait_for_function: the page's Content-Security-Policy forbids evaluating a string)
    expect(commander.locator("#progress-bar")).to_have_text("100%", timeout=240_000)
    expect(commander.locator("#progress-text")).to_contain_text("发送完毕")
    assert len(workers.keys()) > 100

    commander.goto(f"{live_url}/")  # the home overview: reach rate against the >98 % target, linked to coverage
    reach = commander.locator("#warning-reach")
    expect(reach.locator("#warning-reach-rate")).to_contain_text("%")
    expect(reach).to_contain_text("目标 >98%")
    reach.get_by_text("船山区暴雨红色预警（浏览器测试）").click()
    commander.wait_for_url(f"{url}#coverage-table")
    commander.locator("#coverage-table", has_text="桂花镇").wait_for()

    public = browser.new_page()
    public.goto(f"{live_url}/cap/")
    assert "船山区暴雨红色预警（浏览器测试）" in public.content()

    commander.fill("#cancel-reason", "降雨过程结束")
    commander.click("#cancel-form button")
    expect(commander.locator("body")).to_contain_text("已发布解除消息")
    public.reload()
    expect(public.locator("main")).not_to_contain_text("船山区暴雨红色预警（浏览器测试）")
