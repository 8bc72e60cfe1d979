"""The form that adds a colleague's account draws its refusal beside the refused field (issue 14 §3)."""

import re

import pytest
from django.test import Client

from yingji.core.models import User
from yingji.prevention.models import EnterpriseAccount
from yingji.services import accounts

pytestmark = pytest.mark.django_db


def test_a_taken_username_is_refused_beside_the_username_field_and_what_was_typed_is_kept(users):
    manager = accounts.principal(EnterpriseAccount.objects.get(user=users["enterprise"]).enterprise)
    page = Client()
    page.force_login(manager)
    before = User.objects.count()
    answer = page.post("/services/accounts/", {"username": "enterprise", "name": "李安全", "phone": "13900002222",
                                               "password": "Anquan#2026x"})
    assert answer.status_code == 400
    text = answer.content.decode()
    form = re.search(r'<form method="post" id="add-account".*?</form>', text, re.S).group(0)
    username = re.search(r'<input[^>]*id="f-username"[^>]*>', form).group(0)
    assert "is-invalid" in username and 'value="enterprise"' in username
    assert 'aria-describedby="f-username_error"' in username
    message = re.search(r'<div[^>]*id="f-username_error"[^>]*>(.*?)</div></div>', form, re.S)
    assert message and "该用户名已被使用" in message.group(1)
    name = re.search(r'<input[^>]*id="f-name"[^>]*>', form).group(0)
    assert 'value="李安全"' in name and "is-invalid" not in name
    assert 'value="13900002222"' in form and "Anquan#2026x" not in text  # the password is never drawn back
    assert User.objects.count() == before
