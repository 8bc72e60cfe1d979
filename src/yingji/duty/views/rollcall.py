"""Roll-call pages: send (district desk), answer (township desks, departments), results and monthly statistics."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.channels.models import Channel
from yingji.core.errors import DomainError
from yingji.core.scoped_fields import scope_choices
from yingji.core.scoping import scope_to_user

from .. import services
from ..forms import RollCallForm
from ..lookups import home_region, parse_month
from ..models import RollCall, RollCallTarget
from ..rollcalls import monthly_stats
from .base import attempt, needs


@needs("duty.view_rollcall")
def roll_calls(request):
    return _page(request)


def _page(request, status=200, form=None):
    """The roll calls; a refused form comes back bound, its errors beside its fields."""
    try:
        month = parse_month(request.GET.get("month"), default=timezone.localdate().replace(day=1))
    except DomainError as exc:
        messages.error(request, exc.message)
        month = timezone.localdate().replace(day=1)
    return render(request, "duty/roll_calls.html", {
        "roll_calls": scope_to_user(RollCall.objects.prefetch_related("targets__organization"), request.user)[:20],
        "mine": RollCallTarget.objects.filter(organization_id=request.user.organization_id,
                                              acknowledged_at__isnull=True).select_related("roll_call"),
        "form": form or scope_choices(RollCallForm(), request.user), "month": month,
        "stats": monthly_stats(month, home_region(request.user)),
        "now": timezone.now()}, status=status)


@require_POST
@needs("duty.add_rollcall")
def send(request):
    form = scope_choices(RollCallForm(request.POST), request.user)
    if not form.is_valid():
        return _page(request, status=400, form=form)
    data = form.cleaned_data
    channel = Channel.objects.filter(code="DUTY-INAPP", enabled=True).first()
    return attempt(request, lambda: services.send_roll_call(
        actor=request.user, region=home_region(request.user), organizations=data["organizations"],
        message=data["message"], window_minutes=data["window_minutes"], channel=channel),
        _("点名已发出"), "duty:roll-calls")


@require_POST
@needs("duty.change_rollcalltarget")
def answer(request, uuid):
    target = get_object_or_404(RollCallTarget.objects.select_related("organization", "roll_call"), uuid=uuid)
    return attempt(request, lambda: services.acknowledge_roll_call(target, actor=request.user), _("已应答点名"),
                   "duty:roll-calls")
