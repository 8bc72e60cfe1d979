"""Drafting a warning from an alarm: the alerts app's draft with the alarm's type, colour and township, opened on
the alerts compose page (the draft's edit form) for the duty officer to finish and submit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from yingji.alerts.services import create_draft
from yingji.core.errors import DomainError
from yingji.core.refusals import refuse

from .consequences import draft_values, note_draft
from .views import _alarm


@login_required
@permission_required("alerts.add_warning", raise_exception=True)
@require_POST
def draft_warning(request, uuid):
    record = _alarm(request, uuid)
    try:
        now = timezone.now()
        with transaction.atomic():
            warning = create_draft(actor=request.user, data=draft_values(record, now))
            note_draft(record, warning, request.user, now)
    except DomainError as exc:
        messages.error(request, refuse(request, exc, keep=True, form="draft-warning").message)
        return redirect("monitoring:alarm", uuid=record.uuid)
    return redirect("alerts:edit", uuid=warning.uuid)
