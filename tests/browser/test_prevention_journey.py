"""The hazard loop end to end in the browser (issue 16, docs/prevention.md): a grid worker files a hazard with a photo
from the patrol page while offline; the township officer attributes it to the unit, grades it 重大, verifies it and
orders its rectification with the 五落实; the unit's account submits its 治理方案 as it starts, adds the 整改后照片 and
applies for acceptance; an inspector re-checks and closes it. The hazard page then shows the whole history and the
auditor finds every change (the photos with their SHA-256) in the audit log."""

import datetime as dt
import re
import uuid

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 500
UNIT = "遂宁川中精细化工有限公司"  # bound to the demo `enterprise` account


def _log_out(page):
    page.click("form[action$='/logout/'] button")


def _state(page, state):
    expect(page.locator("#hazard-state")).to_have_attribute("data-state", state)


def _file_offline(page, login, live_url, name) -> str:
    """The grid worker's patrol page on a phone: the report waits offline and is sent when the network is back."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"longitude": 105.5931, "latitude": 30.5207})
    login("grid-guihua-01")
    page.goto(f"{live_url}/prevention/patrols/")
    page.locator("#patrol-tasks a", has_text="巡查中").first.click()
    page.check("#id_result_1")  # 发现隐患
    page.fill("#id_hazard_name", name)
    page.set_input_files("#id_photo", files=[{"name": "before.jpg", "mimeType": "image/jpeg", "buffer": JPEG}])
    page.click("#patrol-locate")
    expect(page.locator("#id_lon")).to_have_value("105.593100")
    page.context.set_offline(True)
    page.click("#patrol-submit")
    expect(page.locator("#offline-banner")).to_contain_text("网络不通：报告已保存在本机")
    page.context.set_offline(False)
    expect(page.locator("main")).to_contain_text("已记录巡查并上报隐患")
    link = page.locator("#patrol-visits a", has_text=name)
    url = live_url + link.get_attribute("href")
    link.click()
    _state(page, "reported")
    expect(page.locator("#hazard-no-steps")).to_be_visible()  # a grid worker files, others decide
    expect(page.locator("#attachment-list")).to_contain_text("before.jpg")
    page.set_viewport_size({"width": 1400, "height": 900})  # the menu (and 退出) is folded at phone width
    _log_out(page)
    return url


def _option(page, select, text) -> str:
    return page.locator(f"{select} option", has_text=text).first.get_attribute("value")


def _township_orders(page, login, url, deadline):
    login("township-guihua")
    page.goto(url)
    page.click("a[href='edit/']")  # 核实/评估: the unit and the grade
    page.select_option("#id_enterprise", _option(page, "#id_enterprise", UNIT))
    page.select_option("#id_grade", "major")
    page.select_option("#id_criterion", _option(page, "#id_criterion", "PD-HG-12"))
    page.click("#registry-form button[type=submit]")
    expect(page.locator("#record-fields")).to_contain_text(UNIT)
    page.click("#step-verify-button")
    _state(page, "verified")
    page.click("#step-order-button")  # the 五落实 are required: refused on the first missing one, nothing saved
    expect(page.locator("#step-order-deadline_error")).to_be_visible()
    _state(page, "verified")
    page.fill("#step-order-deadline", deadline)
    page.fill("#step-order-plan_responsible", "王建国")
    page.fill("#step-order-plan_measures", "更换可燃气体检测报警装置并送检")
    page.fill("#step-order-plan_funds", "8.5")
    page.fill("#step-order-plan_deadline", deadline)
    page.fill("#step-order-plan_contingency", "液氨泄漏专项应急预案")
    page.click("#step-order-button")  # asks first (data-confirm), accepted below
    _state(page, "ordered")
    expect(page.locator("#hazard-loop")).to_contain_text(deadline)
    _log_out(page)


def _enterprise_rectifies(page, login, url):
    login("enterprise")
    page.goto(url)
    expect(page.locator("#step-start-plan_responsible")).to_have_value("王建国")  # the order's plan, to revise
    page.fill("#step-start-plan_measures", "更换可燃气体检测报警装置，委托检定机构检定，补充巡检记录")
    page.fill("#step-start-plan_funds", "12")
    page.click("#step-start-button")
    _state(page, "rectifying")
    page.select_option("#attachment-kind", "after")
    page.set_input_files("#attachment-file", files=[{"name": "after.jpg", "mimeType": "image/jpeg",
                                                     "buffer": JPEG + b"after"}])
    page.click("#attachment-form button[type=submit]")
    expect(page.locator("#attachment-list")).to_contain_text("after.jpg")
    page.click("#step-apply-button")
    _state(page, "acceptance")
    expect(page.locator("#hazard-no-steps")).to_be_visible()  # the unit does not check its own work
    _log_out(page)


def _inspector_closes(page, login, url):
    login("inspector")
    page.goto(url)
    page.click("#step-recheck-button")
    _state(page, "rechecked")
    page.click("#step-close-button")
    _state(page, "closed")
    expect(page.locator("#hazard-no-steps")).to_be_visible()


def test_a_hazard_from_a_grid_patrol_to_its_closing(page, login, live_url):
    name = f"巡查发现：液氨储罐区气体报警仪失效 {uuid.uuid4().hex[:6]}"
    deadline = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    page.on("dialog", lambda dialog: dialog.accept())  # 下达整改, 复查合格 and 销号 ask for confirmation
    url = _file_offline(page, login, live_url, name)
    _township_orders(page, login, url, deadline)
    _enterprise_rectifies(page, login, url)
    _inspector_closes(page, login, url)

    rows = page.locator(".hazard-history tbody tr")
    events = [rows.nth(i).get_attribute("data-event") for i in range(rows.count())]
    assert events == ["report", "verify", "order", "start", "apply", "recheck", "close"]
    history = page.locator(".hazard-history")
    for who in ("桂花镇网格员（演示）", "桂花镇管理员（演示）", "企业安全员（演示）", "执法人员（演示）"):
        expect(history).to_contain_text(who)
    expect(history).to_contain_text("网格员巡查")
    expect(rows.nth(3)).to_contain_text("治理资金（万元）：12")  # the unit's revised plan
    expect(page.locator("#hazard-state")).to_have_text("已销号")
    _log_out(page)

    login("auditor")
    page.goto(f"{live_url}/core/audit/?q={name}")
    table = page.locator("#audit-table")
    for who in ("grid-guihua-01", "township-guihua", "enterprise", "inspector"):  # each one's change is recorded
        expect(table.locator("td", has_text=re.compile(f"^{who}$")).first).to_be_visible()
    expect(table).to_contain_text(f"{name} · before.jpg")  # the photos, their SHA-256 in the entry
    expect(table).to_contain_text(f"{name} · after.jpg")
