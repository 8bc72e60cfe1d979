"""Accounts: token auth, lockout, password policy, idle timeout, and the three separated admins."""

import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from yingji.core.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "Chuanshan@2025"


def test_token_then_authenticated_request(api, users):
    client = api()
    response = client.post("/api/auth/token/", {"username": "duty", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    me = client.get("/api/core/me/").json()
    assert me["username"] == "duty" and me["role"] == "duty_officer" and me["region"] == "510903000000"


def test_expired_token_is_refused(api, users):
    from datetime import timedelta

    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    client = api()
    key = client.post("/api/auth/token/", {"username": "duty", "password": PASSWORD}, format="json").json()["token"]
    Token.objects.filter(key=key).update(created=timezone.now() - timedelta(hours=13))
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get("/api/core/me/")
    assert response.status_code == 401 and response.json()["error"]["code"] == "authentication_failed"


def test_wrong_password_gives_a_chinese_error(api, users):
    response = api().post("/api/auth/token/", {"username": "duty", "password": "nope"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "invalid_credentials",
        "message": "用户名或密码错误",
        "fields": {},
    }


def test_repeated_failures_lock_the_account_even_for_the_right_password(api, users, settings):
    settings.LOGIN_LOCKOUT_THRESHOLD = 3
    client = api()
    for _ in range(3):
        client.post("/api/auth/token/", {"username": "observer", "password": "bad"}, format="json")
    assert User.objects.get(username="observer").is_locked()
    response = client.post("/api/auth/token/", {"username": "observer", "password": PASSWORD}, format="json")
    assert response.status_code == 403 and response.json()["error"]["code"] == "account_locked"
    assert "已被锁定" in response.json()["error"]["message"]


def test_page_login_lockout_and_message(client, users, settings):
    settings.LOGIN_LOCKOUT_THRESHOLD = 2
    for _ in range(2):
        client.post("/accounts/login/", {"username": "inspector", "password": "bad"})
    page = client.post("/accounts/login/", {"username": "inspector", "password": PASSWORD})
    assert page.status_code == 200 and "锁定" in page.content.decode()


@pytest.mark.parametrize("password", ["short1A!", "alllowercaseletters", "chuanshan2025"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_strong_password_is_accepted():
    validate_password("Fujiang#Flood2026")


def test_idle_session_is_logged_out(client, users, settings):
    settings.SESSION_IDLE_TIMEOUT_SECONDS = 60
    client.force_login(users["duty"])
    assert client.get("/").status_code == 200
    session = client.session
    session["last_seen"] = time.time() - 120
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_three_separated_admins(client, users):
    """系统管理员 manages users but cannot assign roles or read the audit log; 安全管理员 assigns roles;
    审计管理员 only reads the audit log."""
    sysadmin, secadmin, auditor = users["sysadmin"], users["secadmin"], users["auditor"]
    assert sysadmin.has_perm("core.change_user") and not sysadmin.has_perm("core.assign_role")
    assert not sysadmin.has_perm("core.view_auditentry")
    assert secadmin.has_perm("core.assign_role") and not secadmin.has_perm("core.change_organization")
    assert auditor.has_perm("core.view_auditentry") and not auditor.has_perm("core.change_user")
    client.force_login(sysadmin)
    target = users["observer"]
    form = client.get(f"/admin/core/user/{target.pk}/change/").content.decode()
    assert 'name="role"' not in form  # read-only for the system admin
    client.force_login(auditor)
    assert client.get("/admin/core/auditentry/").status_code == 200
    assert client.get("/admin/core/user/").status_code == 403


def test_roles_without_admin_rights_cannot_open_the_admin(client, users):
    client.force_login(users["commander"])
    response = client.get("/admin/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_everything_requires_login(client):
    # except / itself, which is the public home (公众服务) for a visitor who is not signed in
    for url in ("/onemap/", "/core/regions/", "/r/core/organizations/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
