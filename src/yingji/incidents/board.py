"""The command board (指挥大屏) with its JSON feed, and the public report page (no login)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.cache import cache
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core import submissions
from yingji.core.extensions import BOARD_PANELS
from yingji.standards import Grade, get_type

from .choices import ACTIVE_STATUSES, ClockState, Source
from .config import get_config
from .forms import PublicReportForm
from .grading import grade_label
from .locate import place_name
from .models import Incident, ReportingClock, TimelineEntry
from .registrations import grade_colour
from .views import FAILURES, VIEW, visible

PHOTO_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


@login_required
@permission_required(VIEW, raise_exception=True)
def board(request):
    return render(request, "incidents/board.html", {"grades": [(g.label, g.hex) for g in Grade]})


def board_data(user, now=None) -> dict:
    now = now or timezone.now()
    active = visible(user).filter(status__in=ACTIVE_STATUSES).order_by("-received_at")
    clocks = ReportingClock.objects.filter(incident__in=active, met_at__isnull=True, waived_at__isnull=True,
                                           required=True).select_related("incident").order_by("due_at")[:30]
    entries = TimelineEntry.objects.filter(incident__in=visible(user)).select_related("incident").order_by(
        "-at", "-id")[:15]
    return {
        "now": now.isoformat(),
        "incidents": [_incident_row(i) for i in active[:200]],
        "clocks": [{"incident": c.incident.name, "name": c.name, "due_at": c.due_at.isoformat(),
                    "state": c.state(now), "state_label": ClockState(c.state(now)).label,
                    "url": reverse("incidents:detail", kwargs={"uuid": c.incident.uuid})} for c in clocks],
        "timeline": [{"at": e.at.isoformat(), "incident": e.incident.name, "title": e.title,
                      "kind": e.get_kind_display()} for e in entries],
        "by_type": [{"name": get_type(row["type_code"]).name, "count": row["n"]}
                    for row in active.values("type_code").annotate(n=Count("id")).order_by("-n")],
        "by_grade": [{"name": grade_label(row["grade"]), "colour": grade_colour(row["grade"]), "count": row["n"]}
                     for row in active.values("grade").annotate(n=Count("id")).order_by("grade")],
        # Sections other apps contribute (core.extensions.BOARD_PANELS), e.g. the plans app's "responses".
        **{panel.key: panel.data(user, active, now) for panel in BOARD_PANELS},
    }


def _incident_row(incident):
    return {
        "uuid": str(incident.uuid), "name": incident.name, "lon": incident.lon, "lat": incident.lat,
        "place": place_name(incident.region), "grade": grade_label(incident.grade),
        "colour": grade_colour(incident.grade), "status": incident.get_status_display(),
        "url": reverse("incidents:detail", kwargs={"uuid": incident.uuid}),
    }


@login_required
@permission_required(VIEW, raise_exception=True)
def board_feed(request):
    return JsonResponse(board_data(request.user))


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
    head = photo.read(8)
    photo.seek(0)
    return None if head.startswith(PHOTO_SIGNATURES) else _("照片只能是 JPG 或 PNG 图片")


def public_report(request):
    """Anyone may report an emergency here. Bots fill the hidden field; each address gets a few an hour."""
    form = PublicReportForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return render(request, "incidents/public_report.html", {"form": form})
    if request.POST.get("website"):
        return render(request, "incidents/public_thanks.html")  # a bot: look successful, save nothing
    try:  # a repeat of an earlier submission (double tap, retry) is thanked again and not counted
        if submissions.recorded(request.POST.get("submission_key"), model=Incident):
            return render(request, "incidents/public_thanks.html")
    except FAILURES as exc:
        form.show_errors(exc)
        return render(request, "incidents/public_report.html", {"form": form}, status=400)
    if form.is_valid():
        error = _photo_error(form.cleaned_data.get("photo"))
        if error:
            form.add_error("photo", error)
        elif not form.cleaned_data.get("lon") and not form.cleaned_data.get("address"):
            form.add_error("address", _("请在地图上选择位置或填写地址"))
        elif _throttled(_client_ip(request)):
            form.add_error(None, _("提交过于频繁，请稍后再试；紧急情况请直接拨打 119、110、120"))
            return render(request, "incidents/public_report.html", {"form": form}, status=429)
        elif _save_public(request, form):
            return render(request, "incidents/public_thanks.html")
    return render(request, "incidents/public_report.html", {"form": form}, status=400)


def _save_public(request, form) -> bool:
    from . import services

    data = form.cleaned_data
    now = timezone.now()
    payload = {
        "type_code": data["kind"], "occurred_at": now, "received_at": now, "statement": data["statement"],
        "address": data.get("address", ""), "lon": data.get("lon"), "lat": data.get("lat"),
        "caller_phone": data["phone"], "photo": data.get("photo"), "ip": _client_ip(request),
        "name": _("群众报警：%(t)s") % {"t": data["statement"][:20]},
    }
    try:
        submissions.once(request.POST.get("submission_key"), model=Incident,
                         create=lambda: services.create_incident(actor=None, data=payload, source=Source.PUBLIC,
                                                                 now=now))
    except FAILURES as exc:
        form.show_errors(exc)
        return False
    return True
