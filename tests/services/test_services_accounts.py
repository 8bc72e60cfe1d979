"""An enterprise's principal account manages its colleagues' accounts on /services/accounts/."""

import pytest
from django.test import Client

from yingji.core import accounts_services
from yingji.core.errors import PermissionDeniedError
from yingji.core.models import User
from yingji.core.models.audit import AuditEntry
from yingji.prevention.models import EnterpriseAccount
from yingji.services import accounts

pytestmark = pytest.mark.django_db

STRONG = "Anquan#2026x"


@pytest.fixture
def manager(users):
    own = EnterpriseAccount.objects.get(user=users["enterprise"]).enterprise
    return accounts.principal(own)


def _page(user) -> Client:
    page = Client()
    page.force_login(user)
    return page


def test_the_principal_adds_a_colleague_with_a_password_shown_once(manager):
    page = _page(manager)
    assert page.get("/services/").content.decode().count('id="manage-accounts"') == 1
    answer = page.post("/services/accounts/", {"username": "zhang-aq", "name": "张安全", "phone": "13900001111"})
    assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"
    text = answer.content.decode()
    assert 'id="initial-password"' in text
    user = User.objects.get(username="zhang-aq")
    shown = text.split('id="initial-password"')[1].split("<code>")[1].split("</code>")[0]
    assert user.check_password(shown) and user.must_change_password
    assert user.role == "enterprise" and user.display_name == "张安全" and user.phone == "13900001111"
    assert EnterpriseAccount.objects.get(user=user).enterprise == accounts.managed_enterprise(manager)
    created = AuditEntry.objects.filter(model="core.User", object_id=str(user.pk), action="create").get()
    assert created.actor_id == manager.pk
    assert 'data-username="zhang-aq"' in page.get("/services/accounts/").content.decode()
    assert 'id="initial-password"' not in page.get("/services/accounts/").content.decode()
    # The new colleague is no principal: the accounts page is refused to them.
    assert _page(user).get("/services/accounts/").status_code == 403


@pytest.mark.parametrize(("form", "code", "field"), [
    ({"username": "li-aq", "name": "李安全", "password": "abcdefgh12"}, "password_invalid", "password"),
    ({"username": "enterprise", "name": "李安全"}, "username_taken", "username"),
    ({"username": "li aq!", "name": "李安全"}, "username_invalid", "username"),
    ({"username": "li-aq", "name": ""}, "name_required", "name"),
    ({"username": "li-aq", "name": "李安全", "phone": "12345"}, "phone_invalid", "phone"),
])
def test_bad_input_is_a_400_and_nothing_is_saved(manager, form, code, field):
    users_before, bindings_before = User.objects.count(), EnterpriseAccount.objects.count()
    answer = _page(manager).post("/services/accounts/", form)
    assert answer.status_code == 400
    text = answer.content.decode()
    assert f'data-code="{code}"' in text and f'data-field="{field}"' in text
    assert (User.objects.count(), EnterpriseAccount.objects.count()) == (users_before, bindings_before)


def test_a_password_the_principal_sets_is_kept_when_it_meets_the_rules(manager):
    _page(manager).post("/services/accounts/", {"username": "wang-aq", "name": "王安全", "password": STRONG})
    assert User.objects.get(username="wang-aq").check_password(STRONG)


def test_deactivate_a_colleague_never_oneself_never_another_enterprise(manager, users):
    page = _page(manager)
    page.post("/services/accounts/", {"username": "zhao-aq", "name": "赵安全"})
    colleague = User.objects.get(username="zhao-aq")
    listing = page.get("/services/accounts/").content.decode()
    assert f'/services/accounts/{colleague.uuid}/deactivate/' in listing and "data-confirm" in listing
    assert f'/services/accounts/{manager.uuid}/deactivate/' not in listing
    assert page.post(f"/services/accounts/{colleague.uuid}/deactivate/").status_code == 302
    colleague.refresh_from_db()
    assert not colleague.is_active
    assert "已停用" in page.get("/services/accounts/").content.decode()
    entry = AuditEntry.objects.filter(model="core.User", object_id=str(colleague.pk), action="update").first()
    assert entry is not None and entry.actor_id == manager.pk and "is_active" in entry.after
    page.post(f"/services/accounts/{colleague.uuid}/activate/")
    colleague.refresh_from_db()
    assert colleague.is_active
    reset = page.post(f"/services/accounts/{colleague.uuid}/reset-password/").content.decode()
    colleague.refresh_from_db()
    assert colleague.check_password(reset.split('id="initial-password"')[1].split("<code>")[1].split("</code>")[0])

    answer = page.post(f"/services/accounts/{manager.uuid}/deactivate/")
    assert answer.status_code == 400 and 'data-code="cannot_change_self"' in answer.content.decode()
    manager.refresh_from_db()
    assert manager.is_active

    own = accounts.managed_enterprise(manager)
    other = EnterpriseAccount.objects.exclude(enterprise=own).select_related("user").first()
    if other is None:  # the demo binds two enterprises; make sure of one more
        other_user = User.objects.create(username="other-ent", role="enterprise")
        from yingji.prevention.models import Enterprise
        other = EnterpriseAccount.objects.create(user=other_user, enterprise=Enterprise.objects.exclude(pk=own.pk)
                                                 .first())
    assert page.post(f"/services/accounts/{other.user.uuid}/deactivate/").status_code == 404
    assert page.post(f"/services/accounts/{users['commander'].uuid}/deactivate/").status_code == 404
    other.user.refresh_from_db()
    assert other.user.is_active and users["commander"].is_active


def test_the_delegation_grants_nothing_outside_the_accounts_page(manager):
    page = _page(manager)
    page.post("/services/accounts/", {"username": "sun-aq", "name": "孙安全"})
    colleague = User.objects.get(username="sun-aq")
    with pytest.raises(PermissionDeniedError):
        accounts_services.set_active(actor=manager, user=colleague, active=False)
    with pytest.raises(PermissionDeniedError):
        accounts_services.assign_role(actor=manager, user=colleague, role="commander")
    colleague.refresh_from_db()
    assert colleague.is_active and colleague.role == "enterprise"


def test_bureau_users_have_no_enterprise_accounts_page(users):
    assert _page(users["commander"]).get("/services/accounts/").status_code == 403
