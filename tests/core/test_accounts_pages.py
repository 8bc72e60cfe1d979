"""The account pages people see: the demo accounts on the login page, the user menu, the self-service password
change, the forced change at first login in production mode, and the security admin's page for locked
accounts and roles."""

import re

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from yingji.core.models import AuditEntry, User
from yingji.core.roles import Role

pytestmark = pytest.mark.django_db
PASSWORD = "Chuanshan@2025"
NEW_PASSWORD = "Fujiang#Flood2026"


def test_the_login_page_lists_every_demo_account_with_its_role(client, users):
    """Issue 14 item 18: every demo account (9 of 14 were listed; 16 with the enterprise ones, 17 with the volunteer's
    own account), each with its role."""
    page = client.get("/accounts/login/").content.decode()
    table = page[page.index('id="demo-accounts"'):]
    demo = User.objects.filter(is_demo=True)
    assert demo.count() == 17
    for user in demo:
        assert re.search(rf">{re.escape(user.username)}</td><td>{re.escape(user.get_role_display())}<", table), user


def test_production_mode_shows_no_demo_accounts(client, users, settings):
    settings.DEMO_MODE = False
    assert 'id="demo-accounts"' not in client.get("/accounts/login/").content.decode()


def test_the_user_menu_links_the_password_page_and_for_admins_the_accounts_page(client, users):
    client.force_login(users["duty"])
    page = client.get("/").content.decode()
    assert reverse("core:password-change") in page and reverse("core:accounts") not in page
    client.force_login(users["secadmin"])
    assert reverse("core:accounts") in client.get("/").content.decode()


def test_the_password_page_shows_the_policy_and_chinese_errors(client, users):
    client.force_login(users["duty"])
    page = client.get(reverse("core:password-change")).content.decode()
    assert "至少三类" in page and "10" in page
    answer = client.post(reverse("core:password-change"), {"old_password": PASSWORD, "new_password1": "chuanshan12",
                                                           "new_password2": "chuanshan12"}).content.decode()
    assert "密码须包含大写字母、小写字母、数字、符号中的至少三类" in answer
    same = client.post(reverse("core:password-change"), {"old_password": PASSWORD, "new_password1": PASSWORD,
                                                         "new_password2": PASSWORD}).content.decode()
    assert "新密码不能与原密码相同" in same


@pytest.fixture
def reset_by_admin(users):
    """The observer's password as the system admin resets it on the accounts page."""
    admin_client = APIClient()
    admin_client.force_login(users["sysadmin"])
    url = reverse("core:account-action", args=[users["observer"].uuid, "reset-password"])
    page = admin_client.post(url, {"confirmed": "1"}).content.decode()
    return re.search(r'id="temporary-password">([^<]+)<', page).group(1)


def test_a_reset_gives_a_one_time_password_that_meets_the_policy(users, reset_by_admin):
    from django.contrib.auth.password_validation import validate_password

    user = User.objects.get(username="observer")
    validate_password(reset_by_admin, user)
    assert user.check_password(reset_by_admin) and user.must_change_password


def test_production_mode_forces_the_change_at_first_login(client, users, settings, reset_by_admin):
    settings.DEMO_MODE = False
    assert client.post("/accounts/login/", {"username": "observer", "password": reset_by_admin}).status_code == 302
    home = client.get("/")
    assert home.status_code == 302 and home["Location"] == reverse("core:password-change")
    assert "须先修改密码" in client.get(reverse("core:password-change")).content.decode()
    assert client.get("/api/core/me/").json()["error"]["code"] == "password_change_required"
    token = APIClient().post("/api/auth/token/", {"username": "observer", "password": reset_by_admin}, format="json")
    assert token.status_code == 403 and token.json()["error"]["code"] == "password_change_required"
    client.post(reverse("core:password-change"), {"old_password": reset_by_admin, "new_password1": NEW_PASSWORD,
                                                  "new_password2": NEW_PASSWORD})
    assert client.get("/").status_code == 200
    assert not User.objects.get(username="observer").must_change_password


def test_demo_mode_does_not_force_the_change(client, users, reset_by_admin):
    client.post("/accounts/login/", {"username": "observer", "password": reset_by_admin})
    assert client.get("/").status_code == 200


def test_the_security_admin_sees_locked_accounts_and_unlocks_one(client, users, settings):
    for _ in range(settings.LOGIN_LOCKOUT_THRESHOLD):
        APIClient().post("/api/auth/token/", {"username": "inspector", "password": "bad"}, format="json")
    inspector = User.objects.get(username="inspector")
    client.force_login(users["secadmin"])
    listing = client.get(reverse("core:accounts"), {"locked": "1"}).content.decode()
    assert 'id="locked-summary"' in listing and "inspector" in listing and "commander<" not in listing
    detail = client.get(reverse("core:account-detail", args=[inspector.uuid])).content.decode()
    assert 'id="action-unlock"' in detail and 'id="action-role"' in detail
    assert 'id="action-reset-password"' not in detail  # an ordinary account: the system admin's
    url = reverse("core:account-action", args=[inspector.uuid, "unlock"])
    assert "请确认" in client.post(url).content.decode()
    client.post(url, {"confirmed": "1"})
    inspector.refresh_from_db()
    assert not inspector.is_locked() and inspector.failed_logins == 0
    entry = AuditEntry.objects.filter(model="core.User", object_id=str(inspector.pk), action="update").latest("pk")
    assert entry.actor_name == "secadmin" and entry.source == "ui" and "locked_until" in entry.before
    assert APIClient().post("/api/auth/token/", {"username": "inspector", "password": PASSWORD},
                            format="json").status_code == 200


def test_the_security_admin_assigns_a_role_after_confirming(client, users):
    observer = users["observer"]
    client.force_login(users["secadmin"])
    url = reverse("core:account-action", args=[observer.uuid, "role"])
    confirm = client.post(url, {"role": Role.INSPECTOR}).content.decode()
    assert "只读观察员" in confirm and "执法人员" in confirm
    client.post(url, {"role": Role.INSPECTOR, "confirmed": "1"})
    observer.refresh_from_db()
    assert observer.role == Role.INSPECTOR


def test_an_unknown_role_is_refused_clearly(client, users):
    client.force_login(users["secadmin"])
    url = reverse("core:account-action", args=[users["observer"].uuid, "role"])
    page = client.post(url, {"role": "king", "confirmed": "1"}, follow=True).content.decode()
    assert "请选择有效的角色" in page
    assert User.objects.get(username="observer").role == Role.OBSERVER


def test_the_own_account_page_offers_nothing_but_the_password_link(client, users):
    client.force_login(users["secadmin"])
    page = client.get(reverse("core:account-detail", args=[users["secadmin"].uuid])).content.decode()
    assert 'id="action-' not in page and reverse("core:password-change") in page


def test_the_system_admin_sees_no_buttons_on_admin_accounts(client, users):
    client.force_login(users["sysadmin"])
    page = client.get(reverse("core:account-detail", args=[users["auditor"].uuid])).content.decode()
    assert 'id="action-' not in page and 'id="no-actions"' in page
    assert reverse("admin:core_user_change", args=[users["auditor"].pk]) not in page
    ordinary = client.get(reverse("core:account-detail", args=[users["observer"].uuid])).content.decode()
    assert 'id="action-reset-password"' in ordinary and 'id="action-role"' not in ordinary
    assert reverse("admin:core_user_change", args=[users["observer"].pk]) in ordinary


def test_the_audit_auditor_and_ordinary_roles_cannot_open_the_accounts_pages(client, users):
    for username in ("auditor", "commander"):
        client.force_login(users[username])
        assert client.get(reverse("core:accounts")).status_code == 403


def test_tokens_of_a_deactivated_account_stop_working(client, users):
    token = Token.objects.create(user=users["observer"])
    client.force_login(users["sysadmin"])
    client.post(reverse("core:account-action", args=[users["observer"].uuid, "deactivate"]), {"confirmed": "1"})
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/core/me/").status_code == 401
