"""Data exchange journey (issue 22): the system administrator gives 公安110 a new key (shown once), the key works
against the running demo's API, the administrator revokes it after confirming the dialog, and the key is refused."""

import re

import httpx
import pytest

pytestmark = pytest.mark.browser


def test_issue_use_and_revoke_a_partner_key(login, live_url):
    page = login("sysadmin")
    page.goto(f"{live_url}/exchange/")
    page.click("#partner-list a:has-text('公安110指挥中心')")
    page.fill("input[name=label]", "浏览器测试")
    page.click("button:has-text('生成')")
    key = page.inner_text("#secret").strip()
    assert re.fullmatch(r"yjp_[0-9a-f]{8}_\S+", key)
    assert "离开本页后将无法再次查看" in page.inner_text("body")
    reply = httpx.get(f"{live_url}/api/exchange/catalogue/", headers={"Authorization": f"Partner {key}"})
    assert reply.status_code == 200 and reply.json()

    page.click("a:has-text('我已保存，返回伙伴页面')")
    assert key not in page.content()
    prefix = key.split("_")[1]
    row = page.locator(f"#key-list tr:has-text('{prefix}')")
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    row.locator("button:has-text('吊销')").click()
    page.wait_for_selector(f"#key-list tr:has-text('{prefix}') .badge:has-text('已吊销')")
    assert dialogs and "不能恢复" in dialogs[0]
    reply = httpx.get(f"{live_url}/api/exchange/catalogue/", headers={"Authorization": f"Partner {key}"})
    assert reply.status_code == 401 and reply.json()["error"]["code"] == "key_revoked"

    page.goto(f"{live_url}/exchange/log/")
    assert "key_revoked" in page.inner_text("#errors")
