"""The public report page (no login): anyone may report an emergency. Bots fill the hidden field; each address
gets a few reports an hour; photos are checked by their first bytes. A received report is answered with its
reference number (the incident's code), to quote when calling the duty desk."""

from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core import filetypes, submissions

from . import services
from .choices import Source
from .config import get_config
from .forms import PublicReportForm, posted
from .models import Incident
from .views import FAILURES


def _client_ip(request):
    return request.META.get("REMOTE_ADDR", "")


def _throttled(ip) -> bool:
    key = f"incidents:public:{ip}"
    count = cache.get(key, 0)
    if count >= get_config().public_reports_per_hour:
        return True
    cache.set(key, count + 1, 3600)
    return False


def _photo_error(photo):
    if photo is None:
        return None
    if photo.size > get_config().public_photo_max_bytes:
        return _("照片不能超过 5 MB")
    return None if filetypes.sniff(photo) in filetypes.PHOTOS else _("照片只能是 JPG 或 PNG 图片")


def _form(request, form, status=200):
    return render(request, "incidents/public_report.html", {"form": form}, status=status)


def _thanks(request, reference):
    return render(request, "incidents/public_thanks.html", {"reference": reference})


def public_report(request):
    form = PublicReportForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method != "POST":
        return _form(request, form)
    if request.POST.get("website"):
        return _thanks(request, "")  # a bot: look successful, save nothing
    try:  # a repeat of an earlier submission (double tap, retry) is thanked again, with the same number
        earlier = submissions.recorded(request.POST.get("submission_key"), model=Incident)
    except FAILURES as exc:
        form.show_errors(exc)
        return _form(request, form, 400)
    if earlier is not None:
        return _thanks(request, earlier.code)
    if form.is_valid():
        error = _photo_error(form.cleaned_data.get("photo"))
        if error:
            form.add_error("photo", error)
        elif form.cleaned_data.get("lon") is None and not form.cleaned_data.get("address"):
            form.add_error("address", _("请在地图上选择位置或填写地址"))
        elif _throttled(_client_ip(request)):
            form.add_error(None, _("提交过于频繁，请稍后再试；紧急情况请直接拨打 119、110、120"))
            return _form(request, form, 429)
        else:
            incident = _save_public(request, form)
            if incident is not None:
                return _thanks(request, incident.code)
    return _form(request, form, 400)


def _save_public(request, form):
    data = form.cleaned_data
    now = timezone.now()
    payload = {
        "type_code": data["kind"], "occurred_at": now, "received_at": now, "statement": data["statement"],
        "address": data.get("address", ""), "lon": data.get("lon"), "lat": data.get("lat"),
        "caller_phone": data["phone"], "photo": data.get("photo"), "ip": _client_ip(request),
        "name": _("群众报警：%(t)s") % {"t": data["statement"][:20]},
    }
    try:
        return submissions.once(request.POST.get("submission_key"), model=Incident,
                                create=lambda: services.create_incident(actor=None, data=payload,
                                                                        source=Source.PUBLIC, now=now))[0]
    except FAILURES as exc:
        form.show_errors(exc)
        return None
