"""What pages and the API show about a warning: labels, times in the GB/T 35965.1 form, available steps."""

from django.urls import reverse
from django.utils.translation import gettext as _

from yingji.channels.models import Channel
from yingji.core.actors import waiting_for
from yingji.core.timefmt import MINUTE, local_text

from .cap import profile_time
from .compose import incident_code
from .models import WarningStatus
from .types import get_type, level_name, shown
from .workflows import WARNING_FLOW

SYSTEM_EVENTS = {"expire", "supersede", "cancel", "publish", "issue_cancel"}


def summary(warning) -> dict:
    level = warning.level_enum
    wtype = get_type(warning.type_code)
    ident = getattr(getattr(warning, "cap", None), "identifier", "") if hasattr(warning, "cap") else ""
    return {
        "uuid": str(warning.uuid), "msg_type": warning.msg_type, "msg_type_label": warning.get_msg_type_display(),
        "type_code": warning.type_code, "type_label": shown(wtype.label) if wtype else warning.type_code,
        "level": warning.level, "colour": level.colour, "colour_hex": level.hex,
        "level_label": level_name(warning.type_code, level), "headline": warning.headline,
        "description": warning.description, "instructions": warning.instructions, "source": warning.source,
        "effective": profile_time(warning.effective), "expires": profile_time(warning.expires),
        "onset": profile_time(warning.onset) if warning.onset else "", "area_desc": warning.area_desc,
        # what pages show (core.timefmt); the API's effective/expires/onset keep the GB/T 35965.1 form
        "effective_text": local_text(warning.effective, MINUTE), "expires_text": local_text(warning.expires, MINUTE),
        "onset_text": local_text(warning.onset, MINUTE, empty=""),
        "population": warning.population, "status": warning.status, "status_label": warning.get_status_display(),
        "urgent": warning.urgent, "incident_uuid": warning.incident_uuid,
        "incident_code": incident_code(warning.incident_uuid), "identifier": ident,
        "cap_url": reverse("cap:xml", kwargs={"identifier": ident}) if ident else "",
        "references": str(warning.references.uuid) if warning.references_id else "",
        "url": reverse("alerts:detail", kwargs={"uuid": warning.uuid}),
    }


def next_step(warning) -> tuple[str, str] | None:
    """The person's step the warning waits for, as (event, verb), or None."""
    if warning.status == WarningStatus.PENDING_REVIEW:
        return "review", _("审核")
    if warning.status == WarningStatus.PENDING_SIGN:
        return "sign", _("签发")
    if warning.status == WarningStatus.PUBLISHED and warning.urgent and not warning.retro_approver_id:
        return "retro_approve", _("补充审核")
    return None


def waiting(warning) -> str:
    """"待 汪红梅 或 罗文斌 签发": who may take the warning's next step ("" when it waits for nobody)."""
    step = next_step(warning)
    return waiting_for(WARNING_FLOW, warning, *step) if step else ""


def actions(warning, user) -> list[dict]:
    """Workflow steps this user may take now (system steps excluded)."""
    return [{"event": t.event, "label": str(t.label)} for t in WARNING_FLOW.available(warning, user)
            if t.event not in SYSTEM_EVENTS]


def channel_names() -> dict[str, str]:
    return dict(Channel.objects.values_list("code", "name"))


def preview_rows(preview: dict) -> tuple[list[str], list[list]]:
    """The reach preview as a table: township, one count per channel, total."""
    names = channel_names()
    header = [names.get(c, c) for c in preview["channels"]]
    rows = []
    for township, counts in preview["townships"].items():
        values = [counts.get(c, 0) for c in preview["channels"]]
        rows.append([township, *values, sum(values)])
    return header, rows
