"""The daily duty report: a page, and the DOCX in the official layout."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from yingji.core.documents import DOCX_TYPE, Heading, Table
from yingji.core.errors import DomainError

from .. import report as daily
from ..lookups import home_region, parse_day
from .base import needs


def _day(request):
    try:
        return parse_day(request.GET.get("date"), default=timezone.localdate()), ""
    except DomainError as exc:
        return timezone.localdate(), exc.message


@needs("duty.view_shift")
def report(request):
    day, error = _day(request)
    if error:
        messages.error(request, error)
    blocks = [("heading", b.text) if isinstance(b, Heading) else ("table", b) if isinstance(b, Table)
              else ("text", b) for b in daily.build(day, home_region(request.user))]
    return render(request, "duty/report.html", {"day": day, "title": daily.title(day), "blocks": blocks})


@needs("duty.view_shift")
def report_docx(request):
    day, _error = _day(request)
    response = HttpResponse(daily.docx(day, home_region(request.user)), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="duty-report-{day:%Y-%m-%d}.docx"'
    return response
