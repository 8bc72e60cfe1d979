"""Never losing a report (docs/incidents.md): the network drops while a member of the public presses 提交;
the report waits in the browser and is sent by itself when the network is back — once."""

import uuid

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _incidents_saying(live_manage, statement) -> int:
    out = live_manage("shell", "-c", "from yingji.incidents.models import IntakeReport; "
                      f"print(IntakeReport.objects.filter(statement={statement!r}).count())")
    return int(out.strip().splitlines()[-1])


def _fill(page, live_url, statement):
    page.goto(f"{live_url}/incidents/report/")
    page.select_option("#id_kind", "2.1.4")
    page.fill("#id_statement", statement)
    page.fill("#id_address", "南津路100号")
    page.fill("#id_phone", "13800005678")


def test_report_sent_offline_is_kept_and_sent_when_the_network_is_back(page, live_url, live_manage):
    statement = f"离线测试：仓库冒烟 {uuid.uuid4().hex[:6]}"
    _fill(page, live_url, statement)
    page.context.set_offline(True)
    page.click("#public-submit")
    banner = page.locator("#offline-banner")
    expect(banner).to_contain_text("网络不通：报告已保存在本机，恢复网络后将自动提交（请勿关闭此页面）")
    expect(banner.locator("#offline-retry")).to_have_text("立即重试")
    expect(banner).to_contain_text("群众报告")
    assert _incidents_saying(live_manage, statement) == 0
    page.context.set_offline(False)  # the `online` event: no click needed
    expect(page.locator("#public-thanks")).to_contain_text("已收到您的报告")
    assert _incidents_saying(live_manage, statement) == 1
    page.goto(f"{live_url}/incidents/report/")  # nothing left in the browser to re-send
    expect(page.locator("#public-form")).to_be_visible()
    expect(page.locator("#offline-banner")).to_be_hidden()


def test_double_submit_creates_one_incident(page, live_url, live_manage):
    statement = f"双击测试：路口车辆起火 {uuid.uuid4().hex[:6]}"
    _fill(page, live_url, statement)
    page.evaluate("() => { const b = document.getElementById('public-submit'); b.click(); b.click(); }")
    expect(page.locator("#public-thanks")).to_contain_text("已收到您的报告")
    assert _incidents_saying(live_manage, statement) == 1


STORED = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open("yingji-offline-forms", 1);
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const request = open.result.transaction("reports").objectStore("reports").count();
    request.onsuccess = () => { open.result.close(); resolve(request.result); };
  };
})"""


def _stored_soon(page, expected):
    """The count of reports kept in the browser, once it reaches `expected` (IndexedDB writes are asynchronous)."""
    for _ in range(50):
        count = page.evaluate(STORED)
        if count == expected:
            break
        page.wait_for_timeout(100)
    return count


def test_report_left_unsent_is_sent_by_the_next_page_with_a_form(page, live_url, live_manage):
    statement = f"离线测试：页面已关闭 {uuid.uuid4().hex[:6]}"
    _fill(page, live_url, statement)
    page.context.set_offline(True)
    page.click("#public-submit")
    expect(page.locator("#offline-banner")).to_contain_text("网络不通")
    assert _stored_soon(page, 1) == 1
    context = page.context
    page.close()  # the user closed the page anyway
    context.set_offline(False)
    later = context.new_page()
    later.goto(f"{live_url}/incidents/report/")
    banner = later.locator("#offline-banner")
    expect(banner).to_contain_text("群众报告 · 已提交")
    assert _incidents_saying(live_manage, statement) == 1
    assert _stored_soon(later, 0) == 0
    banner.get_by_role("button", name="查看").click()
    expect(later.locator("#public-thanks")).to_contain_text("已收到您的报告")
