"""/api/services/accounts/: the principal account manages its colleagues' accounts through the API, with the page's
rules (accounts.py, core.accounts_rules.DELEGATIONS); others are refused, another enterprise's account is a 404."""

import pytest

from yingji.core.models import User
from yingji.core.models.audit import AuditEntry
from yingji.prevention.models import EnterpriseAccount
from yingji.services import accounts

pytestmark = pytest.mark.django_db

STRONG = "Anquan#2026x"


@pytest.fixture
def manager(users):
    return accounts.principal(EnterpriseAccount.objects.get(user=users["enterprise"]).enterprise)


def test_the_principal_lists_creates_and_deactivates_colleagues(api, manager, users):
    client = api(manager)
    listed = client.get("/api/services/accounts/").json()
    assert {a["username"] for a in listed} >= {"enterprise", "enterprise-b"}
    assert [a["username"] for a in listed if a["principal"]] == [manager.username]
    answer = client.post("/api/services/accounts/", {"username": "li-aq", "name": "李安全", "phone": "13900002222"},
                         format="json")
    assert answer.status_code == 201 and answer["Cache-Control"] == "no-store"
    created = User.objects.get(username="li-aq")
    assert created.check_password(answer.json()["initial_password"]) and created.must_change_password
    assert EnterpriseAccount.objects.get(user=created).enterprise == accounts.managed_enterprise(manager)
    assert AuditEntry.objects.filter(object_id=str(created.pk), actor_id=manager.pk).exists() or \
        AuditEntry.objects.filter(actor_id=manager.pk, model="prevention.EnterpriseAccount").exists()

    off = client.post(f"/api/services/accounts/{created.uuid}/deactivate/")
    assert off.status_code == 200 and off.json()["is_active"] is False
    created.refresh_from_db()
    assert not created.is_active
    assert client.post(f"/api/services/accounts/{created.uuid}/activate/").json()["is_active"] is True
    reset = client.post(f"/api/services/accounts/{created.uuid}/reset-password/").json()
    created.refresh_from_db()
    assert created.check_password(reset["initial_password"])


def test_bad_input_is_400_with_nothing_saved(api, manager):
    client = api(manager)
    before = User.objects.count()
    for body, code, field in (({"username": "a", "name": "x"}, "username_invalid", "username"),
                              ({"username": "enterprise-b", "name": "x"}, "username_taken", "username"),
                              ({"username": "wang-aq", "name": ""}, "name_required", "name"),
                              ({"username": "wang-aq", "name": "王", "phone": "123"}, "phone_invalid", "phone"),
                              ({"username": "wang-aq", "name": "王", "password": "1"}, "password_invalid", "password"),
                              ({"username": ["x"], "name": "王"}, "invalid_type", "username")):
        answer = client.post("/api/services/accounts/", body, format="json")
        error = answer.json()["error"]
        assert answer.status_code == 400 and error["code"] == code and field in error["fields"]
    assert User.objects.count() == before
    answer = client.post(f"/api/services/accounts/{manager.uuid}/deactivate/")
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "cannot_change_self"


def test_others_are_refused_and_another_enterprise_is_not_found(api, manager, users):
    colleague = User.objects.get(username="enterprise-b" if manager.username != "enterprise-b" else "enterprise")
    answer = api(colleague).get("/api/services/accounts/")
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "not_enterprise_principal"
    assert api(users["commander"]).get("/api/services/accounts/").status_code == 403
    other = users["enterprise-2"]
    answer = api(manager).post(f"/api/services/accounts/{other.uuid}/deactivate/")
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "account_not_found"
    other.refresh_from_db()
    assert other.is_active
    assert other.username not in api(manager).get("/api/services/accounts/").content.decode()
