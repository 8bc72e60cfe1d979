"""Who can act next on a record (DESIGN §1: a user works within their region's subtree).

The people who may take a step on a record placed in region R are the active users whose role grants the
step's permission (core.roles) and whose home region is R or one of its ancestors. `who_may(flow, record, event)`
narrows them to those for whom the workflow offers the step (its preconditions: not the author, …), so a page
and a notice name exactly the people who would see the button: "待 汪红梅 或 罗文斌 签发".
"""

from django.utils.translation import gettext as _

from .models import User
from .roles import ROLE_PERMISSIONS, role_grants
from .workflow import Workflow, by_name

MAX_NAMES = 4


def roles_with(permission: str) -> list[str]:
    return [role for role in ROLE_PERMISSIONS if role_grants(role, permission)]


def _self_and_ancestor_paths(region) -> list[str]:
    codes = region.path.strip("/").split("/")
    return ["/" + "/".join(codes[:n]) + "/" for n in range(1, len(codes) + 1)]


def holders(permission: str, region):
    """Active users holding `permission` whose jurisdiction covers `region` (None: the platform, root users)."""
    users = User.objects.filter(is_active=True, role__in=roles_with(permission)).select_related("region")
    if region is None:
        return users.filter(region__parent__isnull=True, region__isnull=False).order_by("username")
    return users.filter(region__path__in=_self_and_ancestor_paths(region)).order_by("-region__level", "username")


def who_may(flow: Workflow | str, record, event: str, region=None) -> list:
    """The users who may take `event` on `record` now (nobody when the record's state does not offer it)."""
    flow = by_name(flow) if isinstance(flow, str) else flow
    transition = flow.find(getattr(record, flow.state_field), event)
    if transition is None or not transition.permission:
        return []
    region = region if region is not None else getattr(record, "region", None)
    return [user for user in holders(transition.permission, region) if flow.may(record, user, transition)]


def names(users) -> str:
    """"汪红梅 或 罗文斌", "甲、乙、丙、丁 等 6 人"."""
    shown = [user.display_name for user in users[:MAX_NAMES]]
    if len(users) > MAX_NAMES:
        return _("%(names)s 等 %(n)d 人") % {"names": "、".join(shown), "n": len(users)}
    return _(" 或 ").join(shown)


def waiting_text(users, action: str) -> str:
    """"待 汪红梅 或 罗文斌 签发", or a warning that nobody can."""
    if not users:
        return _("没有可%(a)s的人员，请联系管理员配置账户") % {"a": action}
    return _("待 %(names)s %(a)s") % {"names": names(users), "a": action}


def waiting_for(flow: Workflow | str, record, event: str, action: str = "") -> str:
    """The sentence for a page: who may take `event` next, named by `action` (default: the step's label);
    "" when the record is not waiting for that step."""
    flow = by_name(flow) if isinstance(flow, str) else flow
    transition = flow.find(getattr(record, flow.state_field), event)
    if transition is None:
        return ""
    return waiting_text(who_may(flow, record, event), action or str(transition.label))
