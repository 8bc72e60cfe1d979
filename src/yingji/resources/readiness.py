"""A rescue team's readiness (战备状态): the one way to change it, validated and audited."""

from django.utils.translation import gettext as _

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.registry import registry_for
from yingji.core.services import save_record

from .choices import Readiness
from .models import RescueTeam

PERMISSION = "resources.change_rescueteam"


def set_readiness(*, actor, team: RescueTeam, readiness: str, by_order: bool = False) -> RescueTeam:
    """Set `team.readiness` through core.services.save_record (full_clean, optimistic lock, audit).

    A user changing it by hand needs the team permission and the team in their jurisdiction. A dispatch
    order (`by_order=True`) changes it as the consequence of an order that was already authorised, so the
    team may lie outside the dispatcher's own jurisdiction (a district team sent to a township incident).
    """
    if readiness not in Readiness.values:
        raise DomainError("invalid_readiness", _("未知的战备状态：%(r)s") % {"r": readiness}, field="readiness")
    if not by_order and actor is not None and not actor.has_perm(PERMISSION):
        raise PermissionDeniedError("permission_denied", _("您没有修改队伍战备状态的权限"))
    return save_record(registry_for(RescueTeam), actor=None if by_order else actor, data={"readiness": readiness},
                       instance=team)
