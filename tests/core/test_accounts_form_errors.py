"""The action forms of an account's page (issue 14 §3): a refusal is said beside the form it concerns (the role
box marked, the message under it), nothing is saved; a change no longer offered is said in the summary."""

import pytest
from django.urls import reverse
from lxml import html

from yingji.core.errors import DomainError
from yingji.core.models import User

pytestmark = pytest.mark.django_db


def _post(client, actor, target, action, data):
    client.force_login(actor)
    return client.post(reverse("core:account-action", args=[target.uuid, action]), data)


def test_an_unknown_role_is_refused_beside_the_role_box(client, users):
    reply = _post(client, users["secadmin"], users["observer"], "role", {"role": "emperor", "confirmed": "1"})
    assert reply.status_code == 400
    page = html.fromstring(reply.content.decode())
    box, feedback = page.get_element_by_id("id_role"), page.get_element_by_id("id_role_error")
    assert "is-invalid" in box.get("class") and feedback.text_content() == "请选择有效的角色"
    assert feedback in page.get_element_by_id("action-role").iterdescendants()
    assert User.objects.get(username="observer").role == users["observer"].role


def test_a_refused_change_is_said_under_its_form(client, users, monkeypatch):
    from yingji.core import accounts_services

    def refuse(**kwargs):
        raise DomainError("password_refused", "临时密码未能生成，请重试")

    monkeypatch.setattr(accounts_services, "reset_password", refuse)
    before = User.objects.get(username="observer").password
    reply = _post(client, users["sysadmin"], users["observer"], "reset-password", {"confirmed": "1"})
    assert reply.status_code == 400
    page = html.fromstring(reply.content.decode())
    feedback = page.get_element_by_id("action-reset-password_error")
    assert feedback.text_content() == "临时密码未能生成，请重试"
    assert feedback in page.get_element_by_id("action-reset-password").iterdescendants()
    assert User.objects.get(username="observer").password == before


def test_a_change_that_is_not_offered_is_refused_in_the_summary(client, users):
    reply = _post(client, users["sysadmin"], users["observer"], "role", {"role": "commander", "confirmed": "1"})
    assert reply.status_code == 400 and "角色分配和账户解锁由安全管理员办理" in reply.content.decode()
    assert 'id="action-role"' not in reply.content.decode()
    assert User.objects.get(username="observer").role == users["observer"].role
