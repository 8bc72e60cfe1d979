"""三员分立, walked on every path that changes an account, as each role (issue 12 §1).

The paths are found, not listed: the admin registry, the URL conf and the API router are searched for
everything that can change an account or its credentials, and the test fails on one it does not walk.
Each path is then tried by the system, security and audit admins and an ordinary role against an ordinary
account, each admin account and themselves. What may happen is written out below from the 等保 model
(docs/security.md), independently of the code: allowed changes happen and leave an audit entry, refused
ones change nothing, and a new password ends the account's tokens and sessions.
"""

import re

import pytest
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sessions.models import Session
from django.urls import URLResolver, get_resolver, reverse
from rest_framework.authtoken.models import Token, TokenProxy
from rest_framework.test import APIClient

from yingji.core import accounts_views
from yingji.core.context import acting
from yingji.core.errors import PermissionDeniedError
from yingji.core.models import AuditEntry, Organization, Region, User
from yingji.core.roles import Role

pytestmark = pytest.mark.django_db
PASSWORD = "Chuanshan@2025"
NEW_PASSWORD = "Fujiang#Flood2026"

ACTORS = ["sysadmin", "secadmin", "auditor", "commander"]
TARGETS = ["observer", "sysadmin", "secadmin", "secadmin2", "auditor"]
ADMIN_ACCOUNTS = {"sysadmin", "secadmin", "secadmin2", "auditor"}


def expected(kind: str, actor: str, target: str) -> bool:
    """The 等保 model: the security admin assigns roles, unlocks, and manages the admin accounts; the system
    admin manages ordinary accounts; nobody changes their own account except their own password."""
    if actor == target:
        return kind == "own_password"
    if kind == "own_password":
        return False
    if kind in {"role", "unlock"}:
        return actor == "secadmin"
    if target in ADMIN_ACCOUNTS:
        return actor == "secadmin" and kind in {"password", "activation", "placement", "profile"}
    return actor == "sysadmin" and kind in {"create", "password", "activation", "placement", "profile"}


# ---- finding the paths ---------------------------------------------------------------------------------------
ACCOUNT_MODELS = {User, Token, TokenProxy, Session}
ACCOUNT_WORDS = re.compile(r"account|password|user|token|login|logout|role|unlock|session", re.I)

# Every route that can touch an account, and where it is walked (or why it needs no walk here).
WALKED = {
    "admin:core_user_change": "test_admin_change_form",
    "admin:auth_user_password_change": "test_admin_password_form",
    "admin:core_user_add": "test_admin_add_form",
    "admin:core_user_delete": "test_admin_delete",
    "admin:core_user_changelist": "test_admin_delete (bulk action)",
    "admin:core_user_history": "read only",
    "core:accounts": "read only",
    "core:account-detail": "read only",
    "core:account-action": "test_account_page_actions",
    "core:password-change": "test_own_password_change",
    "api-token": "test_token_issue_is_audited",
    "api-me": "read only",
    "login": "lockout and unlock: tests/core/test_accounts_lockout.py",
    "logout": "ends the own session only",
    "admin:login": "lockout: tests/core/test_accounts_lockout.py",
    "admin:logout": "ends the own session only",
    "admin:password_change": "test_own_password_change (admin's own form)",
    "admin:password_change_done": "read only",
    "channels:acknowledge": "a message's receipt token, not an account",
    "services:accounts": "an enterprise principal, own colleagues only: tests/services/test_services_accounts.py",
    "services:account-action": "(de)activate/reset, own enterprise only: tests/services/test_services_accounts.py",
    "api-services-accounts": "the principal's colleagues (list, create): tests/services/test_services_api_accounts.py",
    "api-services-account-activate": "own enterprise only: tests/services/test_services_api_accounts.py",
    "api-services-account-deactivate": "own enterprise only: tests/services/test_services_api_accounts.py",
    "api-services-account-reset-password": "own enterprise only: tests/services/test_services_api_accounts.py",
    **{name: "an exam session (考试场次), not a login session: changes no account" for name in (
        "api-services-exam-session", "api-services-exam-session-signups", "api-services-exam-session-start",
        "api-services-exam-sessions", "services:exam-session", "services:exam-session-confirm-all",
        "services:exam-session-new", "services:exam-session-take", "services:exam-sessions")},
}


def _routes(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", str(pattern.pattern), pattern.callback


def _touches_accounts(name, route, callback) -> bool:
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    auth_view = view is not None and issubclass(view, (auth_views.LoginView, auth_views.LogoutView,
                                                       auth_views.PasswordContextMixin))
    module = getattr(callback, "__module__", "")
    return auth_view or module == accounts_views.__name__ or bool(ACCOUNT_WORDS.search(f"{name} {route}"))


def test_every_path_that_can_change_an_account_is_walked():
    account_admins = {model for model in admin.site._registry if model in ACCOUNT_MODELS}
    assert account_admins == {User}, "only the user admin may edit accounts or credentials (tokens are API-issued)"
    found = {name for name, route, callback in _routes() if _touches_accounts(name, route, callback)}
    user_admin = {f"admin:{pattern.name}" for pattern in admin.site._registry[User].urls if pattern.name}
    missing = (found | user_admin) - set(WALKED)
    assert not missing, f"account paths not walked by this test: {sorted(missing)}"


def test_no_api_viewset_serves_accounts():
    from yingji.urls import router

    models = {getattr(viewset, "queryset", None).model for _prefix, viewset, _basename in router.registry
              if getattr(viewset, "queryset", None) is not None}
    assert not models & ACCOUNT_MODELS


def test_every_page_action_is_walked():
    assert set(accounts_views.ACTIONS) == set(PAGE_ACTIONS)


# ---- fixtures ------------------------------------------------------------------------------------------------
@pytest.fixture
def accounts(users):
    second = User(username="secadmin2", role=Role.SECADMIN, region=users["secadmin"].region,
                  organization=users["secadmin"].organization, first_name="第二安全管理员")
    second.set_password(PASSWORD)
    second.save()
    return {**users, "secadmin2": second}


def _client(user):
    client = APIClient()
    client.force_login(user)
    return client


def _entries(user, actions=("create", "update", "delete")) -> int:
    """Audit entries about the account (changes; signing in is counted separately)."""
    return AuditEntry.objects.filter(model="core.User", object_id=str(user.pk), action__in=actions).count()


def _other_region(user):
    return Region.objects.filter(level=2).exclude(pk=user.region_id).order_by("code").first()


def _other_organization(user):
    return Organization.objects.exclude(pk=user.organization_id).order_by("code").first()


def _form_data(user) -> dict:
    data = {"username": user.username, "last_name": user.last_name, "first_name": user.first_name,
            "email": user.email, "phone": user.phone, "organization": user.organization_id or "",
            "region": user.region_id or "", "role": user.role, "_save": "1"}
    if user.is_active:
        data["is_active"] = "on"
    return data


# field → (kind of change, how to change it in the form, how to see the change)
ADMIN_FIELD_EDITS = {
    "username": ("profile", lambda u, d: d.update(username=f"{u.username}-x"), lambda u: u.username),
    "last_name": ("profile", lambda u, d: d.update(last_name="改名"), lambda u: u.last_name),
    "phone": ("profile", lambda u, d: d.update(phone="13800000000"), lambda u: u.phone),
    "is_active": ("activation", lambda u, d: d.pop("is_active", None), lambda u: u.is_active),
    "region": ("placement", lambda u, d: d.update(region=_other_region(u).pk), lambda u: u.region_id),
    "organization": ("placement", lambda u, d: d.update(organization=_other_organization(u).pk),
                     lambda u: u.organization_id),
    "role": ("via the page only", lambda u, d: d.update(role="commander"), lambda u: u.role),
}


# ---- the walks -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("field", ADMIN_FIELD_EDITS)
@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("actor", ACTORS)
def test_admin_change_form(accounts, actor, target, field):
    kind, edit, read = ADMIN_FIELD_EDITS[field]
    user = accounts[target]
    before, entries = read(user), _entries(user)
    data = _form_data(user)
    edit(user, data)
    _client(accounts[actor]).post(reverse("admin:core_user_change", args=[user.pk]), data)
    user.refresh_from_db()
    allowed = expected(kind, actor, target) and accounts[actor].has_perm("core.change_user")
    assert (read(user) != before) == allowed, (actor, target, field)
    assert (_entries(user) > entries) == allowed
    if allowed:
        latest = AuditEntry.objects.filter(model="core.User", object_id=str(user.pk)).order_by("-pk")[0]
        assert latest.actor_name == actor and latest.source == "admin"


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("actor", ACTORS)
def test_admin_password_form(accounts, actor, target):
    user = accounts[target]
    token, victim, entries = Token.objects.create(user=user), _client(user), _entries(user)
    response = _client(accounts[actor]).post(reverse("admin:auth_user_password_change", args=[user.pk]),
                                             {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
                                              "usable_password": "true"})
    user.refresh_from_db()
    allowed = expected("password", actor, target) and accounts[actor].has_perm("core.change_user")
    assert user.check_password(NEW_PASSWORD) == allowed, (actor, target, response.status_code)
    _assert_credentials(user, token, victim, entries, revoked=allowed)
    if allowed:
        assert user.must_change_password


@pytest.mark.parametrize("actor", ACTORS)
def test_admin_add_form(accounts, actor):
    data = {"username": "new-person", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "last_name": "新",
            "first_name": "同事", "organization": accounts["observer"].organization_id,
            "region": accounts["observer"].region_id}
    _client(accounts[actor]).post(reverse("admin:core_user_add"), data)
    created = User.objects.filter(username="new-person").first()
    assert (created is not None) == expected("create", actor, "new-person")
    if created:
        assert created.role == Role.OBSERVER and created.must_change_password
        assert AuditEntry.objects.filter(model="core.User", object_id=str(created.pk), action="create").exists()


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("actor", ACTORS)
def test_admin_delete(accounts, actor, target):
    user, client = accounts[target], _client(accounts[actor])
    client.post(reverse("admin:core_user_delete", args=[user.pk]), {"post": "yes"})
    client.post(reverse("admin:core_user_changelist"),
                {"action": "delete_selected", "_selected_action": [user.pk], "post": "yes"})
    assert User.objects.filter(pk=user.pk).exists()  # accounts are deactivated, never deleted


def _prepare(user, action):
    if action == "unlock":
        User.objects.filter(pk=user.pk).update(locked_until="2099-01-01T00:00:00Z", failed_logins=5)
    if action == "activate":
        User.objects.filter(pk=user.pk).update(is_active=False)
    user.refresh_from_db()


PAGE_ACTIONS = {
    # action: (kind, extra POST data, how to see the change)
    "role": ("role", {"role": Role.INSPECTOR}, lambda u: u.role),
    "unlock": ("unlock", {}, lambda u: u.locked_until),
    "reset-password": ("password", {}, lambda u: u.password),
    "deactivate": ("activation", {}, lambda u: u.is_active),
    "activate": ("activation", {}, lambda u: u.is_active),
}


@pytest.mark.parametrize("action", PAGE_ACTIONS)
@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("actor", ACTORS)
def test_account_page_actions(accounts, actor, target, action):
    kind, extra, read = PAGE_ACTIONS[action]
    user = accounts[target]
    _prepare(user, action)
    token, victim, entries, before = Token.objects.create(user=user), _client(user), _entries(user), read(user)
    url = reverse("core:account-action", args=[user.uuid, action])
    client = _client(accounts[actor])
    first = client.post(url, extra)  # the confirmation page, which changes nothing yet
    user.refresh_from_db()
    assert read(user) == before
    allowed = expected(kind, actor, target)
    assert (first.status_code == 200 and "请确认" in first.content.decode()) == allowed
    client.post(url, {**extra, "confirmed": "1"})
    user.refresh_from_db()
    assert (read(user) != before) == allowed, (actor, target, action)
    assert (_entries(user) > entries) == allowed
    if kind == "password":
        _assert_credentials(user, token, victim, entries, revoked=allowed)


@pytest.mark.parametrize("actor", [*ACTORS, "observer"])
def test_own_password_change(accounts, actor):
    """Everybody changes their own password, with the old one and the policy; it ends their other sessions
    and tokens, keeps this session, and is audited. The admin's own password form is the same page."""
    user = accounts[actor]
    token, other_device, entries, client = Token.objects.create(user=user), _client(user), _entries(user), _client(user)
    weak = client.post(reverse("core:password-change"), {"old_password": PASSWORD, "new_password1": "abc",
                                                         "new_password2": "abc"})
    assert weak.status_code == 200 and "密码" in weak.content.decode()
    wrong_old = client.post(reverse("core:password-change"), {"old_password": "nope", "new_password1": NEW_PASSWORD,
                                                              "new_password2": NEW_PASSWORD})
    assert wrong_old.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    done = client.post(reverse("core:password-change"), {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                                         "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD) and not user.must_change_password
    _assert_credentials(user, token, other_device, entries, revoked=True)
    assert client.get("/").status_code == 200  # this session stays
    if user.is_staff:
        admin_form = client.get(reverse("admin:password_change"))
        assert admin_form.status_code == 302 and reverse("core:password-change") in admin_form["Location"]


@pytest.mark.parametrize("actor", [*ACTORS, "observer"])
def test_token_issue_is_audited(accounts, actor):
    user = accounts[actor]
    logins = _entries(user, actions=["login"])
    response = APIClient().post("/api/auth/token/", {"username": actor, "password": PASSWORD}, format="json")
    assert response.status_code == 200
    assert _entries(user, actions=["login"]) == logins + 1
    assert Token.objects.filter(user=user).count() == 1


def _assert_credentials(user, token, session_client, entries, *, revoked: bool):
    assert Token.objects.filter(pk=token.pk).exists() != revoked
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert (api.get("/api/core/me/").status_code == 401) == revoked
    signed_out = session_client.get("/onemap/")  # a page behind the login (/ is the public home when signed out)
    assert (signed_out.status_code == 302 and "/accounts/login/" in signed_out["Location"]) == revoked
    if revoked:
        entry = AuditEntry.objects.filter(model="core.User", object_id=str(user.pk), action="update").order_by("-pk")[0]
        assert _entries(user) > entries and '"password"' in entry.after and '"tokens_revoked":1' in entry.after


# ---- the reviewer's findings, and a path nobody wrote yet ------------------------------------------------------
def test_the_system_admin_can_no_longer_become_the_auditor(accounts):
    auditor, sysadmin = accounts["auditor"], accounts["sysadmin"]
    token = Token.objects.create(user=auditor)
    client = _client(sysadmin)
    assert client.get(reverse("admin:auth_user_password_change", args=[auditor.pk])).status_code == 403
    response = client.post(reverse("admin:auth_user_password_change", args=[auditor.pk]),
                           {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"})
    assert response.status_code == 403
    auditor.refresh_from_db()
    assert auditor.check_password(PASSWORD) and Token.objects.filter(pk=token.pk).exists()


def test_a_path_that_forgets_the_rule_is_still_refused(accounts):
    """Any code that saves a user on behalf of someone (a future view, an import, a task) is checked."""
    auditor, sysadmin = accounts["auditor"], accounts["sysadmin"]
    for change in (lambda u: u.set_password(NEW_PASSWORD), lambda u: setattr(u, "is_active", False),
                   lambda u: setattr(u, "region", _other_region(u)), lambda u: setattr(u, "role", Role.OBSERVER)):
        user = User.objects.get(pk=auditor.pk)
        change(user)
        with acting(user=sysadmin), pytest.raises(PermissionDeniedError) as refused:
            user.save()
        assert refused.value.code == "account_change_refused"
    with acting(user=sysadmin), pytest.raises(PermissionDeniedError):
        sysadmin.role = Role.SECADMIN
        sysadmin.save()
    auditor.refresh_from_db()
    assert auditor.check_password(PASSWORD) and auditor.is_active and auditor.role == Role.AUDITOR
