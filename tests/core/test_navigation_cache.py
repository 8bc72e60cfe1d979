"""The menu is built once per set of permissions (web/navigation.py, issue 13 §2) and still shows each user only
the entries their permissions open: a user who gains a permission sees its entry on the next page, and loses it
again with the permission; an entry contributed later appears; the English menu is in English."""

import pytest

from yingji.core import extensions as ext

pytestmark = pytest.mark.django_db
ENTRY = ext.NavItem("测试分组", "缓存测试页面", "incidents:board", "incidents.view_incident")


@pytest.fixture
def entry():
    ext.NAVIGATION.add(ENTRY)
    yield ENTRY
    ext.NAVIGATION.remove(ENTRY.key)


def menu(client, **headers) -> str:
    page = client.get("/", **headers).content.decode()
    return page[page.index('id="mainnav"'):page.index('id="language-form"')]


def test_a_user_who_gains_a_permission_sees_its_entry_and_loses_it_with_it(client, users, entry):
    auditor, duty = users["auditor"], users["duty"]
    assert not auditor.has_perm(entry.permission) and duty.has_perm(entry.permission)
    client.force_login(auditor)
    assert "缓存测试页面" not in menu(client) and "缓存测试页面" not in menu(client)  # the second from the cache
    role = auditor.role
    auditor.role = duty.role
    auditor.save(update_fields=["role"])
    assert "缓存测试页面" in menu(client)
    auditor.role = role
    auditor.save(update_fields=["role"])
    assert "缓存测试页面" not in menu(client)


def test_an_entry_contributed_after_the_menu_was_built_appears(client, users):
    client.force_login(users["duty"])
    assert "缓存测试页面" not in menu(client)
    ext.NAVIGATION.add(ENTRY)
    try:
        assert "缓存测试页面" in menu(client)
    finally:
        ext.NAVIGATION.remove(ENTRY.key)
    assert "缓存测试页面" not in menu(client)


def test_the_same_permissions_in_english_get_the_english_menu(client, users):
    client.force_login(users["duty"])
    assert "区域总览" in menu(client, HTTP_ACCEPT_LANGUAGE="zh-hans")
    english = menu(client, HTTP_ACCEPT_LANGUAGE="en")
    assert "District overview" in english and "区域总览" not in english
