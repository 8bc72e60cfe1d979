"""The room-link templates registry (see yingji.core.registry) and the permissions of each role."""

from django.utils.translation import gettext_lazy as _

from yingji.core.registry import register
from yingji.core.roles import Role, grant

from .models import RoomTemplate

MENU = _("统一协同会商")

# The bureau and the duty desk convene and run consultations and keep the room templates; township officers
# convene their own; everyone who reads the platform (liaisons of the departments included) reads them and
# acknowledges their unit's invitation.
grant(Role.COMMANDER, "consultation.*")
grant(Role.DUTY_OFFICER, "consultation.*")
grant(Role.TOWNSHIP_ADMIN, "consultation.view_*", "consultation.convene_consultation",
      "consultation.run_consultation")

ROOMS = register(
    RoomTemplate, plural="rooms", menu_group=MENU,
    list_fields=("code", "name", "system", "url_template", "status"),
    form_fields=("code", "name", "system", "url_template", "status", "region", "description"),
    filter_fields=("system",),
    example=lambda region: {"code": "HYS-EXAMPLE", "name": "示例 Jitsi 会议室", "system": "jitsi",
                            "url_template": "https://meet.example.org/{room}", "status": "active",
                            "region": region.code, "description": ""},
)
