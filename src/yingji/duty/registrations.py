"""Registries, permissions and outbox consumers of the duty desk."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yingji.core.models import Organization
from yingji.core.registry import register
from yingji.core.roles import Role, grant

from . import escalation  # noqa: F401  (connects the escalation consumer to the outbox)
from .models import DutyPost, ShiftPattern

MENU = _("值班值守")

# Duty officers and commanders run the whole desk. A township officer keeps the township's posts,
# rosters, log and handovers (jurisdiction scoping limits them to the township) and answers roll calls;
# a department liaison answers roll calls. Observers read (VIEW_ALL).
grant(Role.DUTY_OFFICER, "duty.*")
grant(Role.COMMANDER, "duty.*")
grant(Role.TOWNSHIP_ADMIN, "duty.*_dutypost", "duty.*_shift", "duty.*_roster", "duty.*_leave",
      "duty.*_swaprequest", "duty.approve_swaprequest", "duty.*_logentry", "duty.*_instruction",
      "duty.*_handover", "duty.change_rollcalltarget")
grant(Role.LIAISON, "duty.change_rollcalltarget")


def _pattern_example(region):
    return {"code": "SP-EXAMPLE", "name": "示例班制", "kind": "day_night", "segments": "08:30-20:30,20:30-08:30",
            "region": region.code, "description": ""}


def _post_example(region):
    organization = Organization.objects.filter(region__path__startswith=region.path).order_by("code").first()
    # A pattern the region's officers may pick: their own or one from above (tests create patterns elsewhere).
    pattern = ShiftPattern.objects.filter(Q(region__path__startswith=region.path) | Q(region__in=region.ancestors())
                                          ).order_by("code").first()
    manager = organization.people.order_by("code").first() if organization else None
    return {"code": "DP-EXAMPLE", "name": "示例值班岗位", "organization": organization.code if organization else "",
            "role": "desk", "pattern": pattern.code if pattern else "", "manager": manager.code if manager else "",
            "allow_empty": False, "requires_handover": True, "order": 1, "region": region.code, "description": ""}


register(
    ShiftPattern, plural="patterns", menu_group=MENU,
    list_fields=("code", "name", "kind", "segments", "region"),
    form_fields=("code", "name", "kind", "segments", "region", "description"),
    filter_fields=("kind",), example=_pattern_example,
)
register(
    DutyPost, plural="posts", menu_group=MENU,
    list_fields=("code", "name", "organization", "role", "pattern", "manager", "allow_empty", "requires_handover",
                 "region"),
    form_fields=("code", "name", "organization", "role", "pattern", "manager", "allow_empty", "requires_handover",
                 "order", "region", "description"),
    filter_fields=("role", "organization"), search_fields=("name", "code"), example=_post_example,
)
