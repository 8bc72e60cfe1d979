"""The enforcement loop in the browser (issue 17, docs/enforcement.md): a commander runs a 双随机 draw with an
announced seed; the inspection is recorded on a phone-sized screen with one 不合格 item (a hazard opens); the
责令限期整改指令书 is issued and downloaded as a numbered DOCX; the re-check 合格 closes the hazard and issues the
整改复查意见书; the result is published (审核公示) and the public page (no login) shows it 已整改."""

import datetime as dt
import io
import uuid

import pytest
from docx import Document
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _draw(page, live_url, seed) -> str:
    page.goto(f"{live_url}/enforcement/")
    page.fill("#f-name", f"浏览器测试抽查 {seed}")
    page.select_option("#f-sector", "chemicals")
    page.fill("#f-n", "1")
    page.fill("#f-k", "2")
    page.fill("#f-seed", seed)
    page.fill("#f-source", "测试公证摇号")
    page.click("#draw-form button[type=submit]")
    expect(page.locator("#draw-result tbody tr")).to_have_count(1)
    return page.locator("h1").inner_text().split()[0]


def _inspect_on_a_phone(page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#draw-result tbody a").first.click()
    page.click("#inspect-link")
    first = page.locator("#inspect-form fieldset").first
    first.locator("input[value=fail]").check()
    first.locator("input[name^=note-]").fill("灭火器压力不足")
    page.click("#inspect-form button[type=submit]")
    expect(page.locator("#order-form")).to_be_visible()
    page.set_viewport_size({"width": 1400, "height": 900})


def _order_and_download(page) -> None:
    deadline = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    page.fill("#f-deadline", deadline)
    page.fill("#f-requirements", "更换灭火器")
    page.click("#issue-order")
    expect(page.locator("#order-state")).to_have_attribute("data-state", "ordered")
    expect(page.locator("#order-hazards li")).to_have_attribute("data-state", "ordered")
    with page.expect_download() as info:
        page.click("#document-order")
    download = info.value
    assert download.suggested_filename.startswith("船应急责改〔") and download.suggested_filename.endswith(".docx")
    with open(download.path(), "rb") as handle:
        text = "\n".join(p.text for p in Document(io.BytesIO(handle.read())).paragraphs)
    assert "责令限期整改指令书" in text and "灭火器压力不足" in text and "更换灭火器" in text


def test_draw_inspect_order_recheck_and_publish(page, login, live_url):
    seed = f"journey-{uuid.uuid4().hex[:8]}"
    login("commander")
    code = _draw(page, live_url, seed)
    _inspect_on_a_phone(page)
    _order_and_download(page)
    page.select_option("#f-result", "pass")
    page.fill("#f-note", "已更换")
    page.click("#recheck-submit")
    expect(page.locator("#order-state")).to_have_attribute("data-state", "passed")
    expect(page.locator("#order-hazards li")).to_have_attribute("data-state", "closed")
    expect(page.locator("#document-recheck")).to_contain_text("船应急复查〔")
    page.goto(f"{live_url}/enforcement/publication/")  # 审核公示 (within 20 working days)
    page.locator("#publication-list tr", has_text=code).locator("input[name=task]").check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#publish-selected")
    expect(page.locator("#publication-list tr", has_text=code)).to_have_count(0)
    page.context.clear_cookies()  # the public page needs no login
    page.goto(f"{live_url}/enforcement/public/")
    row = page.locator("#public-results tbody tr", has_text=code)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("发现问题 1 项")
    expect(row).to_contain_text("已整改")
