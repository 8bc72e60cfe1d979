"""Account changes, for the accounts pages, the Django admin and the API alike (docs/security.md).

Each function checks the rule first (a clear 403 `account_change_refused` with the reason) and then saves
as the actor, so User.save() checks again and the audit entry names the actor. A saved user is audited by
the audit signals; a new password also revokes the user's tokens and sessions (core.accounts_guard).
"""

import secrets
import string

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils.translation import gettext as _

from .accounts_rules import Change, refusal
from .audit import record
from .context import acting, current
from .errors import DomainError, PermissionDeniedError
from .models import User
from .models.audit import AuditAction
from .roles import Role


def ensure_allowed(actor, user, change: Change) -> None:
    reason = refusal(actor, user, change)
    if reason:
        raise PermissionDeniedError("account_change_refused", reason)


def _as(actor):
    """Act as `actor`, keeping the request's source (ui/admin/api), id and address for the audit entry."""
    return acting(user=actor, source=current().source)


def _save(actor, user, change: Change) -> User:
    ensure_allowed(actor, user, change)
    with transaction.atomic(), _as(actor):
        user.save()
    return user


def create_user(*, actor, username: str, password: str, **fields) -> User:
    """A new ordinary account (the default role; the security admin assigns roles). Its password must be
    changed at first login (production mode)."""
    user = User(username=username, **fields)
    ensure_allowed(actor, user, Change.CREATE)
    validate_password(password, user)
    user.set_password(password)
    return _save(actor, user, Change.CREATE)


def save_user(*, actor, user: User) -> User:
    """Save edits made on `user` (e.g. by the admin's form); every changed field is checked."""
    with transaction.atomic(), _as(actor):
        user.save()
    return user


def assign_role(*, actor, user: User, role: str) -> User:
    if role not in Role.values:
        raise DomainError("invalid_role", _("未知角色：%(role)s") % {"role": role}, field="role")
    user.role = role
    return _save(actor, user, Change.ROLE)


def unlock(*, actor, user: User) -> User:
    user.locked_until, user.failed_logins = None, 0
    return _save(actor, user, Change.UNLOCK)


def set_active(*, actor, user: User, active: bool) -> User:
    user.is_active = active
    return _save(actor, user, Change.ACTIVATION)


def reset_password(*, actor, user: User) -> str:
    """Give the user a temporary password (shown once to the admin), to be changed at first login."""
    ensure_allowed(actor, user, Change.PASSWORD)
    password = temporary_password()
    user.set_password(password)
    _save(actor, user, Change.PASSWORD)
    return password


def temporary_password(length: int = 14) -> str:
    """Random, and always of the four kinds the policy asks for (core.passwords.ComplexityValidator)."""
    kinds = (string.ascii_uppercase, string.ascii_lowercase, string.digits, "@#%+=!?")
    chars = [secrets.choice(kind) for kind in kinds]
    chars += [secrets.choice("".join(kinds)) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


def issue_token(*, user: User):
    """A fresh API token for the user who just gave their password (its age is the login's age). Audited
    as a login through the API."""
    from rest_framework.authtoken.models import Token

    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        token = Token.objects.create(user=user)
        record(AuditAction.LOGIN, model_label="core.User", object_id=user.pk, object_repr=user.username,
               after={"token": "issued"}, actor=user)
    return token
