"""Escalation-chain pages: create and edit a chain with its ordered steps; disable, enable or delete one after
a confirmation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core.errors import DomainError
from yingji.core.models import Person
from yingji.core.scoping import PICK, scope_to_user

from .. import services
from ..chain_forms import ChainForm, step_formset, steps_of
from ..lookups import home_region
from ..models import EscalationChain
from .base import attempt, needs


def _chain(request, uuid):
    return get_object_or_404(scope_to_user(EscalationChain.objects.select_related("region"), request.user), uuid=uuid)


def _initial(chain):
    if chain is None:
        return {"enabled": True, "repeat": 0}
    return {"code": chain.code, "name": chain.name, "event_kind": chain.event_kind, "repeat": chain.repeat,
            "stop_kinds": chain.stop_kinds}


@needs("duty.view_escalationchain")
def edit(request, uuid=None):
    chain = _chain(request, uuid) if uuid else None
    if not request.user.has_perm("duty.change_escalationchain" if chain else "duty.add_escalationchain"):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form, steps = ChainForm(data, chain=chain, initial=_initial(chain)), step_formset(data, chain)
    people = scope_to_user(Person.objects.select_related("organization").order_by("code"), request.user, PICK)
    for step in steps.forms:
        step.fields["person"].queryset = people  # channels are the district's, offered to all
    if data is not None and _save(request, chain, form, steps):
        messages.success(request, _("升级链已保存"))
        return redirect("duty:escalations")
    return render(request, "duty/chain_form.html", {"chain": chain, "form": form, "steps": steps},
                  status=400 if data is not None else 200)


def _save(request, chain, form, steps) -> bool:
    if not (form.is_valid() and steps.is_valid()):
        return False
    values = {**form.cleaned_data, "enabled": chain.enabled if chain else form.cleaned_data["enabled"]}
    try:
        services.save_chain(actor=request.user, region=chain.region if chain else home_region(request.user),
                            instance=chain, steps=steps_of(steps), **values)
    except DomainError as exc:
        field = next(iter(exc.fields), None)
        form.add_error(field if field in form.fields else None, exc.message)
        return False
    return True


@needs("duty.change_escalationchain")
def remove(request, uuid):
    """GET: the confirmation; POST event=disable | delete."""
    chain = _chain(request, uuid)
    if request.method != "POST":
        return render(request, "duty/chain_remove.html", {"chain": chain, "used": chain.escalations.exists()})
    if request.POST.get("event") == "delete":
        if not request.user.has_perm("duty.delete_escalationchain"):
            raise PermissionDenied
        return attempt(request, lambda: services.delete_chain(chain, actor=request.user), _("升级链已删除"),
                       "duty:escalations")
    return attempt(request, lambda: services.set_enabled(chain, actor=request.user, enabled=False), _("升级链已停用"),
                   "duty:escalations")


@require_POST
@needs("duty.change_escalationchain")
def enable(request, uuid):
    chain = _chain(request, uuid)
    return attempt(request, lambda: services.set_enabled(chain, actor=request.user, enabled=True), _("升级链已启用"),
                   "duty:escalations")
