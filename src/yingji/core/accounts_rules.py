"""Who may change what about an account (三员分立, 等保 2.0 level 3). docs/security.md explains the model.

- The security admin (安全管理员) assigns roles, unlocks accounts, and manages the accounts of the three
  admin roles (系统管理员, 安全管理员, 审计管理员): their activation, password reset, placement and profile.
- The system admin (系统管理员) creates and manages ordinary accounts: profile, region, organization,
  activation and password reset. It never touches an admin account, and never sets a role.
- Nobody changes their own account here, except their own password on the self-service page (which asks
  for the old one).

`User.save()` asks `refusal()` for every field it is about to change on behalf of the acting user
(core.context), so the rule holds on every path: the accounts pages, the Django admin, the API and any path
added later.
"""

from enum import StrEnum

from django.utils.translation import gettext as _

from .roles import ADMIN_ROLES


class Change(StrEnum):
    CREATE = "create"
    PROFILE = "profile"  # username, names, e-mail, phone
    PLACEMENT = "placement"  # region, organization
    ACTIVATION = "activation"  # is_active
    PASSWORD = "password"  # a reset by somebody else
    OWN_PASSWORD = "own_password"  # the self-service change, which checks the old password
    ROLE = "role"
    UNLOCK = "unlock"
    DELETE = "delete"


# Which change each stored field is; a field not named here counts as PROFILE.
FIELD_CHANGES = {
    "region_id": Change.PLACEMENT,
    "organization_id": Change.PLACEMENT,
    "is_active": Change.ACTIVATION,
    "password": Change.PASSWORD,
    "must_change_password": Change.PASSWORD,
    "role": Change.ROLE,
    "is_superuser": Change.ROLE,
    "locked_until": Change.UNLOCK,
    "failed_logins": Change.UNLOCK,
}
# Kept by the system, never a person's decision: the last login time, and staff, which follows the role.
BOOKKEEPING = {"last_login", "is_staff"}

MANAGE_ADMIN_ACCOUNTS = "core.manage_admin_user"
PERMISSION_FOR = {
    Change.CREATE: "core.add_user",
    Change.PROFILE: "core.change_user",
    Change.PLACEMENT: "core.change_user",
    Change.ACTIVATION: "core.change_user",
    Change.PASSWORD: "core.change_user",
    Change.ROLE: "core.assign_role",
    Change.UNLOCK: "core.unlock_user",
    Change.DELETE: "core.delete_user",
}
# What the security admin may do to an admin account (roles and unlocks follow their own permission).
ADMIN_ACCOUNT_CHANGES = {Change.PROFILE, Change.PLACEMENT, Change.ACTIVATION, Change.PASSWORD}


# Delegations other apps register (services: an enterprise's principal account manages its colleagues): each is
# called as grant(actor, target, change) and returns True to allow; never consulted for oneself, for the
# self-service password change, or for an admin account. A delegation must never grant ROLE on a stored account.
DELEGATIONS: list = []


def is_admin_account(user) -> bool:
    return bool(user.is_superuser or user.role in ADMIN_ROLES)


def refusal(actor, target, change: Change) -> str | None:
    """None when `actor` may make `change` to `target` (as stored before the change); else the reason."""
    if actor is None or not actor.is_authenticated:
        return _("请先登录")
    if target.pk is not None and target.pk == actor.pk:
        return None if change == Change.OWN_PASSWORD else _("不能变更自己的账户（修改本人密码请使用“修改密码”页面）")
    if change == Change.OWN_PASSWORD:
        return _("只能修改本人的密码")
    if not is_admin_account(target) and any(grant(actor, target, change) for grant in DELEGATIONS):
        return None
    if change in (Change.ROLE, Change.UNLOCK):
        return None if actor.has_perm(PERMISSION_FOR[change]) else _("角色分配和账户解锁由安全管理员办理")
    if target.pk is not None and is_admin_account(target):
        if change in ADMIN_ACCOUNT_CHANGES and actor.has_perm(MANAGE_ADMIN_ACCOUNTS):
            return None
        return _("系统管理员、安全管理员、审计管理员的账户只能由安全管理员变更")
    return None if actor.has_perm(PERMISSION_FOR[change]) else _("无权变更该账户")


def may(actor, target, change: Change) -> bool:
    return refusal(actor, target, change) is None


def changes_between(stored, current, fields=None) -> set[Change]:
    """The kinds of change from `stored` to `current` (limited to `fields` when a save names them)."""
    changed = set()
    for field in current._meta.concrete_fields:
        name = field.attname
        if name in BOOKKEEPING or (fields is not None and field.name not in fields and name not in fields):
            continue
        if getattr(stored, name) != getattr(current, name):
            changed.add(FIELD_CHANGES.get(name, Change.PROFILE))
    return changed
