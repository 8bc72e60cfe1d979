"""Roles (DESIGN §1) and the permissions each one holds.

Permissions are Django permission strings ("app.action_model") matched with shell-style wildcards.
A few privileged permissions are never granted by a wildcard: they must be named, which keeps the
three separated admins (三员分立, 等保 2.0) apart.
"""

from fnmatch import fnmatchcase

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COMMANDER = "commander", _("指挥长/带班领导")
    DUTY_OFFICER = "duty_officer", _("值班员/值班长")
    LIAISON = "liaison", _("部门联络员")
    TOWNSHIP_ADMIN = "township_admin", _("乡镇管理员")
    GRID_WORKER = "grid_worker", _("网格员/灾害信息员")
    INSPECTOR = "inspector", _("执法人员")
    ENTERPRISE = "enterprise", _("企业用户")
    VOLUNTEER = "volunteer", _("志愿者")
    SYSADMIN = "sysadmin", _("系统管理员")
    SECADMIN = "secadmin", _("安全管理员")
    AUDITOR = "auditor", _("审计管理员")
    OBSERVER = "observer", _("只读观察员")


# Never implied by a wildcard.
PRIVILEGED = {
    "core.view_auditentry",
    "core.view_contact_phone",
    "core.assign_role",
    "core.unlock_user",
    "core.manage_admin_user",
    "core.add_user",
    "core.change_user",
    "core.delete_user",
    "core.view_user",
}

VIEW_ALL = "*.view_*"

ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.COMMANDER: {
        VIEW_ALL,
        "core.view_contact_phone",
        "core.*_organization",
        "core.*_person",
        "core.*_committee",
        "core.*_committeemember",
    },
    Role.DUTY_OFFICER: {
        VIEW_ALL,
        "core.view_contact_phone",
        "core.add_organization",
        "core.change_organization",
        "core.*_person",
        "core.*_committeemember",
    },
    Role.LIAISON: {VIEW_ALL, "core.view_contact_phone"},
    Role.TOWNSHIP_ADMIN: {
        VIEW_ALL,
        "core.view_contact_phone",
        "core.add_person",
        "core.change_person",
        "core.delete_person",
    },
    Role.GRID_WORKER: {"core.view_region", "core.view_organization"},
    Role.INSPECTOR: {VIEW_ALL},
    Role.ENTERPRISE: {"core.view_region"},
    Role.VOLUNTEER: {"core.view_region"},  # and their own call-outs and training (community)
    Role.SYSADMIN: {
        "core.view_region",
        "core.change_region",
        "core.*_organization",
        "core.*_person",
        "core.*_committee",
        "core.*_committeemember",
        "core.add_user",
        "core.change_user",
        "core.view_user",
        "core.view_contact_phone",
        # Message channels (SMS gateway, robots, SMTP, MQTT, loudspeakers) are configured in the admin.
        "channels.*_channel",
        "channels.view_message",
    },
    # 三员分立 (docs/security.md): roles, unlocks and the three admin accounts themselves.
    Role.SECADMIN: {
        "core.view_user",
        "core.assign_role",
        "core.unlock_user",
        "core.manage_admin_user",
        "core.view_region",
    },
    Role.AUDITOR: {"core.view_auditentry", "core.view_region"},
    Role.OBSERVER: {VIEW_ALL},
}


def grant(role: str, *patterns: str) -> None:
    """Apps add their permission patterns from their own module, e.g. in registrations.py:
    `grant(Role.DUTY_OFFICER, "incidents.*_incident")`."""
    ROLE_PERMISSIONS.setdefault(role, set()).update(patterns)


# Roles allowed into the Django admin (it still checks each model permission).
ADMIN_ROLES = {Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR}


def role_grants(role: str, perm: str) -> bool:
    patterns = ROLE_PERMISSIONS.get(role, set())
    if perm in PRIVILEGED:
        return perm in patterns
    return any(fnmatchcase(perm, pattern) for pattern in patterns)
