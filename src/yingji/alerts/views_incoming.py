"""Pages for CAP from other authorities: the received messages (upload, filters, what needs doing), one message with
all its blocks and areas on a map, re-issuing it as a local warning, and the polled feeds with their health."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core.errors import DomainError
from yingji.core.models import Region
from yingji.core.refusals import refuse
from yingji.core.timefmt import INPUT, local_text

from . import incoming as inbox
from . import polling
from .models import CapFeed, IncomingCap, IncomingState, SignatureStatus

VIEW = "alerts.view_incomingcap"
# Refusals of 转发 that no edit can fix: the page says why instead of offering the form.
REFUSALS = {"reissue_cancel", "reissue_not_alert", "reissue_not_actual", "reissue_cancelled", "reissue_outdated",
            "reissue_expired", "already_reissued", "permission_denied", "outside_jurisdiction", "warning_cancelled",
            "warning_not_in_force", "update_pending"}
FILTERS = ("status", "msg_type", "state", "signature")


def _records():
    return IncomingCap.objects.select_related("reissued_as", "replaced_by", "feed")


@login_required
@permission_required(VIEW, raise_exception=True)
def incoming(request):
    error = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        xml = upload.read(inbox.MAX_BYTES + 1) if upload else request.POST.get("xml", "")
        try:
            records = inbox.receive(actor=request.user, xml=xml)
            for record in records:
                messages.success(request, _("已接收并通过校验：%(h)s") % {"h": record.headline or record.identifier})
            return redirect("alerts:incoming")
        except DomainError as exc:
            error = refuse(request, exc)
    try:
        records = inbox.filtered(_records(), request.GET)
    except DomainError:
        records = _records().none()
    return render(request, "alerts/incoming.html", {
        "records": records[:100], "error": error, "prompts": inbox.prompts(),
        "filters": {name: request.GET.get(name, "") for name in FILTERS},
        "choices": {"status": [(v, v) for v in ("Actual", "Exercise", "System", "Test", "Draft")],
                    "msg_type": [(v, v) for v in ("Alert", "Update", "Cancel", "Ack", "Error")],
                    "state": IncomingState.choices, "signature": SignatureStatus.choices},
    }, status=400 if error else 200)


def _map_features(record) -> dict:
    """The message's areas as GeoJSON: polygons, circles (points with a radius) and the geocodes that are ours."""
    features = []
    for info in record.infos:
        for area in info.get("areas", []):
            for points in area["polygons"]:
                ring = [[lon, lat] for lat, lon in points]
                features.append({"type": "Feature", "properties": {"desc": area["desc"]},
                                 "geometry": {"type": "Polygon", "coordinates": [ring]}})
            for circle in area["circles"]:
                features.append({"type": "Feature", "properties": {"desc": area["desc"],
                                                                    "radius_m": circle["radius_km"] * 1000},
                                 "geometry": {"type": "Point", "coordinates": [circle["lon"], circle["lat"]]}})
            codes = {g["value"] for g in area["geocodes"]}
            for region in Region.objects.filter(code__in=codes, geometry__isnull=False):
                features.append({"type": "Feature", "properties": {"desc": region.name, "geocode": region.code},
                                 "geometry": region.geometry})
    return {"type": "FeatureCollection", "features": features}


@login_required
@permission_required(VIEW, raise_exception=True)
def detail(request, uuid):
    record = get_object_or_404(_records(), uuid=uuid)
    try:
        inbox.check_reissuable(record)
        refusal = ""
    except DomainError as exc:
        refusal = exc.message
    # <web> is the sender's text: linked only when it is an http(s) address (never javascript: and the like)
    infos = [{**info, "link": info["web"] if info.get("web", "").lower().startswith(("http://", "https://")) else ""}
             for info in record.infos]
    return render(request, "alerts/incoming_detail.html", {
        "r": record, "infos": infos, "refusal": refusal, "area": _map_features(record),
        "replaces": record.replaces.all(), "sent_text": local_text(record.sent, "second")})


@login_required
@permission_required(VIEW, raise_exception=True)
def raw(request, uuid):
    """The document exactly as received (its own declaration says how it is encoded)."""
    record = get_object_or_404(IncomingCap, uuid=uuid)
    response = HttpResponse(bytes(record.raw), content_type="application/xml")
    # a download, never rendered from our origin (it is someone else's document)
    response["Content-Disposition"] = f'attachment; filename="{record.uuid}.xml"'
    return response


def _form_data(values: dict) -> dict:
    """draft_values shaped like the compose form (times as the browser's datetime-local values)."""
    data = {"committees": [], **values}
    for name in ("effective", "onset", "expires"):
        data[name] = local_text(values.get(name), INPUT, empty="") if values.get(name) else ""
    return data


@login_required
@require_POST
def reissue(request, uuid):
    """转发为本地预警: a draft at once when the message fits our rules, else the compose form to edit first."""
    from . import forms
    from .views import _compose_context

    record = get_object_or_404(IncomingCap, uuid=uuid)
    edited = "type_code" in request.POST
    data = forms.from_post(request.POST) if edited else None
    try:
        warning = inbox.reissue(actor=request.user, record=record, data=data)
    except DomainError as exc:
        if exc.code in REFUSALS:
            messages.error(request, refuse(request, exc, keep=True).message)
            return redirect("alerts:incoming-detail", uuid=record.uuid)
        shown = data if edited else _form_data(inbox.draft_values(record))
        context = {**_compose_context(request.user, shown, exc), "reissue_of": record}
        return render(request, "alerts/compose.html", context, status=400)
    messages.success(request, _("已生成本地预警草稿，请核对区域和内容"))
    return redirect("alerts:detail", uuid=warning.uuid)


@login_required
@permission_required("alerts.view_capfeed", raise_exception=True)
def feeds(request):
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("feed"):
                feed = get_object_or_404(CapFeed, pk=request.POST["feed"])
                polling.set_enabled(actor=request.user, feed=feed, enabled=request.POST.get("enabled") == "1")
            else:
                polling.add_feed(actor=request.user, name=request.POST.get("name", ""),
                                 url=request.POST.get("url", ""))
            messages.success(request, _("订阅源已保存"))
            return redirect("alerts:feeds")
        except DomainError as exc:
            feed = request.POST.get("feed", "")
            error = refuse(request, exc, form=f"feed-toggle-{feed}" if feed else "feed-form")
    return render(request, "alerts/feeds.html", {"feeds": CapFeed.objects.all(), "error": error,
                                                 "data": request.POST if error else {}},
                  status=400 if error else 200)
