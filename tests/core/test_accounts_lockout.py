"""Login lockout (issue 12 §3, issue 14 item 19): the count, the lock message, the page's rate limits, and the
lock under real concurrency.

The concurrency tests run on PostgreSQL: threads with their own database connections hit the token API at
once (rows are updated by concurrent transactions); SQLite's in-memory test database is not shared by
threads, so there they are skipped. Each thread comes from its own address, like a botnet, so the
per-address rate limits do not hide what the lockout itself does.
"""

from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone
from rest_framework.test import APIClient

from concurrency import in_threads, postgres_only
from yingji.core.models import AuditEntry, Organization, Region, User

PASSWORD = "Chuanshan@2025"
USERNAME = "conc-lockout"


# ---- many attempts at the same moment (PostgreSQL) ------------------------------------------------------------
def _burst(passwords):
    """POST every password to the token API at the same moment; the answers' error codes (or "ok")."""
    outcomes = []

    def attempt(index, password):
        client = APIClient(REMOTE_ADDR=f"10.{index // 250}.{index % 250}.7")
        response = client.post("/api/auth/token/", {"username": USERNAME, "password": password}, format="json")
        outcomes.append("ok" if response.status_code == 200 else response.json()["error"]["code"])

    in_threads([lambda i=i, p=p: attempt(i, p) for i, p in enumerate(passwords)], timeout=120)
    return outcomes


@pytest.fixture
def target(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        postgres_only("login races")
        User.objects.filter(username=USERNAME).delete()
        user = User(username=USERNAME, region=Region.objects.get(level=1), organization=Organization.objects.first())
        user.set_password(PASSWORD)
        user.save()
        yield user
        User.objects.filter(pk=user.pk).delete()


def _checked(outcomes):
    """Answers for which the password was compared (the rest were refused as locked before that)."""
    return [o for o in outcomes if o in {"ok", "invalid_credentials"}]


def test_three_parallel_bursts_of_wrong_passwords_lock_after_exactly_the_threshold(target, django_db_blocker):
    threshold = settings.LOGIN_LOCKOUT_THRESHOLD
    with django_db_blocker.unblock():
        outcomes = [o for _ in range(3) for o in _burst(["wrong-password"] * 40)]
        assert User.objects.get(pk=target.pk).is_locked()
        # Every attempt was counted: no more than the threshold of guesses were ever compared.
        assert len(_checked(outcomes)) == threshold
        assert outcomes.count("account_locked") == 120 - threshold
        assert _burst([PASSWORD]) == ["account_locked"]


def test_the_right_password_among_29_wrong_ones_gets_no_extra_guesses(target, django_db_blocker):
    threshold = settings.LOGIN_LOCKOUT_THRESHOLD
    with django_db_blocker.unblock():
        outcomes = _burst(["wrong-password"] * 29 + [PASSWORD])
        # Any order the attempts could have run in one after another allows at most threshold - 1 wrong
        # guesses before the right one and threshold after it; the account always ends locked.
        assert User.objects.get(pk=target.pk).is_locked()
        assert outcomes.count("ok") <= 1
        assert outcomes.count("invalid_credentials") <= threshold + (threshold - 1 if "ok" in outcomes else 0)
        assert outcomes.count("account_locked") == 30 - len(_checked(outcomes))


def test_a_burst_of_wrong_passwords_then_the_right_one_is_refused_as_locked(target, django_db_blocker):
    with django_db_blocker.unblock():
        _burst(["wrong-password"] * 29)
        assert _burst([PASSWORD]) == ["account_locked"]


# ---- one attempt at a time (any database) -------------------------------------------------------------------
@pytest.fixture
def fresh_limits():
    from django.core.cache import cache

    cache.clear()  # the page's rate limits live in the cache
    yield
    cache.clear()


def _page_login(client, username, password, address="127.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_serial_failures_lock_at_the_threshold(api):
    threshold = settings.LOGIN_LOCKOUT_THRESHOLD
    client = api()
    codes = [client.post("/api/auth/token/", {"username": "observer", "password": "bad"}, format="json").json()
             ["error"]["code"] for _ in range(threshold + 1)]
    assert codes == ["invalid_credentials"] * threshold + ["account_locked"]
    assert User.objects.get(username="observer").is_locked()


@pytest.mark.django_db
def test_a_locked_account_says_so_and_until_when_in_beijing_time(client, users, fresh_limits):
    """Issue 14 item 19: the sixth, right attempt no longer gets "用户名或密码错误"."""
    for _ in range(settings.LOGIN_LOCKOUT_THRESHOLD):
        _page_login(client, "inspector", "wrong-password")
    until = User.objects.get(username="inspector").locked_until
    page = _page_login(client, "inspector", PASSWORD).content.decode()
    shown = timezone.localtime(until, ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
    assert "已被锁定" in page and shown in page and "联系安全管理员" in page
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_an_unknown_name_gets_the_generic_message_however_often_it_is_tried(client, fresh_limits):
    for _ in range(settings.LOGIN_LOCKOUT_THRESHOLD + 2):
        page = _page_login(client, "nobody-here", "wrong-password").content.decode()
    assert "用户名或密码错误" in page and "锁定至" not in page and "已被锁定" not in page


@pytest.mark.django_db
def test_the_token_api_says_locked_and_until_when(api, users):
    client = api()
    for _ in range(settings.LOGIN_LOCKOUT_THRESHOLD):
        client.post("/api/auth/token/", {"username": "liaison-water", "password": "bad"}, format="json")
    response = client.post("/api/auth/token/", {"username": "liaison-water", "password": PASSWORD}, format="json")
    until = timezone.localtime(User.objects.get(username="liaison-water").locked_until, ZoneInfo("Asia/Shanghai"))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "account_locked"
    assert until.strftime("%Y-%m-%d %H:%M") in response.json()["error"]["message"]


@pytest.mark.django_db
def test_a_lock_is_one_audit_entry(api, users):
    client = api()
    for _ in range(settings.LOGIN_LOCKOUT_THRESHOLD + 3):
        client.post("/api/auth/token/", {"username": "observer", "password": "bad"}, format="json")
    user = User.objects.get(username="observer")
    locks = AuditEntry.objects.filter(model="core.User", object_id=str(user.pk), after__contains="login_failures")
    assert locks.count() == 1


@pytest.mark.django_db
def test_page_login_is_limited_per_username_across_addresses(client, users, fresh_limits):
    answers = [_page_login(client, "commander", "wrong-password", f"10.1.0.{i}").status_code for i in range(11)]
    assert answers[:10] == [200] * 10 and answers[10] == 429
    assert "过于频繁" in _page_login(client, "commander", PASSWORD, "10.1.0.99").content.decode()


@pytest.mark.django_db
def test_page_login_is_limited_per_address_across_usernames(client, fresh_limits):
    answers = [client.post("/accounts/login/", {"username": f"spray-{i}", "password": "wrong-password"},
                           REMOTE_ADDR="10.2.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}").status_code
               for i in range(61)]  # a forged X-Forwarded-For does not make a new address
    assert answers[:60] == [200] * 60 and answers[60] == 429
    assert _page_login(client, "spray-x", "wrong-password", "10.2.0.2").status_code == 200


@pytest.mark.django_db
def test_the_admin_login_page_has_the_same_limits_and_lock_message(client, users, fresh_limits):
    for _ in range(settings.LOGIN_LOCKOUT_THRESHOLD):
        client.post("/admin/login/", {"username": "sysadmin", "password": "wrong-password"})
    page = client.post("/admin/login/", {"username": "sysadmin", "password": PASSWORD}).content.decode()
    assert "已被锁定" in page
