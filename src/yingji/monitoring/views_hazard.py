"""转为隐患 on an alarm's page, and the alarm's link on the hazard's page (monitoring may import prevention; the
reverse is not allowed, docs/architecture.md "Layers"). Any alarm, not only those of rules flagged `to_hazard`,
becomes a hazard with source 监测报警 (prevention.monitoring_bridge.file_from_alarm), once: a second press opens the
same hazard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core import extensions as ext
from yingji.core.errors import DomainError
from yingji.core.refusals import refuse
from yingji.core.registry import registry_for
from yingji.core.scoping import scope_to_user
from yingji.prevention.models import Hazard
from yingji.prevention.monitoring_bridge import ALARM_KEY, file_from_alarm, hazard_of_alarm

from .alarms import event_payload
from .models import Alarm
from .views import _alarm

ADD_HAZARD = "prevention.add_hazard"


def hazard_url(hazard) -> str:
    return reverse(registry_for(Hazard).url_name("detail"), kwargs={"uuid": hazard.uuid})


def alarm_hazard(user, alarm) -> Hazard | None:
    """The hazard filed from this alarm, if the user may see it."""
    hazard = hazard_of_alarm(alarm.uuid)
    if hazard is None or not user.has_perm("prevention.view_hazard"):
        return None
    return scope_to_user(Hazard.objects.filter(pk=hazard.pk), user).first()


@login_required
@permission_required(("monitoring.view_station", ADD_HAZARD), raise_exception=True)
@require_POST
def to_hazard(request, uuid):
    record = _alarm(request, uuid)  # 404 outside the user's reach
    try:
        hazard = file_from_alarm(event_payload(record), actor=request.user)
    except (DomainError, ValidationError) as exc:
        messages.error(request, refuse(request, exc, keep=True, form="to-hazard").message)
        return redirect("monitoring:alarm", uuid=record.uuid)
    messages.success(request, _("已转为隐患：%(c)s") % {"c": hazard.code})
    return redirect(hazard_url(hazard))


def _alarm_link(user, hazard) -> list[tuple[str, str, str]]:
    """A 监测报警 button on the page of a hazard filed from an alarm the user may see."""
    alarm_uuid = (hazard.extra or {}).get(ALARM_KEY)
    if not alarm_uuid or not user.has_perm("monitoring.view_station"):
        return []
    alarm = scope_to_user(Alarm.objects.filter(uuid=alarm_uuid), user).only("uuid").first()
    if alarm is None:
        return []
    return [(str(_("来源监测报警")), reverse("monitoring:alarm", kwargs={"uuid": alarm.uuid}), "hazard-alarm")]


def register() -> None:
    ext.RECORD_PANELS.add(ext.RecordPanel("monitoring.hazard-alarm", "prevention.hazard", "",
                                          lambda user, record: None, links=_alarm_link))

