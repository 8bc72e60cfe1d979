import asyncio
import json

from asgiref.sync import sync_to_async
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from yingji.core.extensions import todo_count as count_todo
from yingji.core.extensions import todo_items
from yingji.core.models import Committee, Organization, OutboxEvent, Region, RegionLevel
from yingji.core.scoping import scope_events, scope_to_user
from yingji.onemap.layers import visible_layers


@login_required
def home(request):
    regions = scope_to_user(Region.objects.all(), request.user)
    townships = regions.filter(level=RegionLevel.TOWNSHIP)
    home_region = request.user.region
    figures = {
        "townships": townships.count(),
        "villages": regions.filter(level=RegionLevel.VILLAGE).count(),
        "population": townships.aggregate(total=Sum("population"))["total"] or 0,
        "organizations": scope_to_user(Organization.objects.all(), request.user).count(),
        "committees": scope_to_user(Committee.objects.all(), request.user).count(),
    }
    return render(
        request,
        "web/home.html",
        {"home_region": home_region, "figures": figures, "townships": townships.order_by("code"),
         "reach": _warning_reach(request.user), "todo": _todo_panel(request.user)},
    )


def _todo_panel(user, per_kind: int = 2) -> dict:
    """The home page's 我的待办: a group for each kind of work with its count and its oldest items (so a long
    backlog of one kind, say old hazards, or of several, does not hide the report waiting to be signed now)."""
    groups = [(provider, items[:per_kind], len(items)) for provider, items in todo_items(user)]
    return {"groups": groups, "total": sum(count for _provider, _items, count in groups)}


def _warning_reach(user):
    """Public reach of the warnings published in the last 30 days, against the >98 % target (alerts app)."""
    if not user.has_perm("alerts.view_warning"):
        return None
    from yingji.alerts.delivery import reach_rate
    from yingji.alerts.models import Warning

    return reach_rate(warnings=scope_to_user(Warning.objects.all(), user))


@login_required
def todo(request):
    """我的待办: what waits for this user, by provider, oldest first, each item linking to where it is done."""
    from yingji.channels.inbox import in_app_messages

    groups = todo_items(request.user)
    return render(request, "web/todo.html", {"groups": groups, "total": sum(len(items) for _p, items in groups),
                                             "notices": in_app_messages(request.user.username, 10)})


@login_required
def todo_count(request):
    """The navbar's badge, fetched after the page (htmx), so that no page pays for the providers' counts."""
    return render(request, "web/_todo_count.html", {"count": count_todo(request.user)})


@login_required
def onemap(request):
    return render(request, "web/onemap.html", {"layers": visible_layers(request.user)})


def healthz(request):
    return JsonResponse({"status": "ok"})


def latest_events(user, after_id: int, limit: int = 20):
    """New events the user may see: about records their role may view, in their jurisdiction (core.scoping)."""
    events = scope_events(OutboxEvent.objects.filter(id__gt=after_id), user).order_by("id")
    return [{"id": e.id, "kind": e.kind, "payload": e.payload, "at": e.created.isoformat()} for e in events[:limit]]


@login_required
async def event_stream(request):
    """Server-Sent Events for the live board: new outbox events in the user's jurisdiction."""
    user = await request.auser()
    resume_from = request.headers.get("Last-Event-ID", "")
    last_id = int(resume_from) if resume_from.isdigit() else 0
    if not last_id:
        last_id = await sync_to_async(
            lambda: OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        )()

    async def stream():
        nonlocal last_id
        yield "retry: 3000\n\n"
        for _tick in range(600):  # reconnects every ~20 minutes; the browser resumes with Last-Event-ID
            for event in await sync_to_async(latest_events)(user, last_id):
                last_id = event["id"]
                yield f"id: {event['id']}\ndata: {json.dumps(event, ensure_ascii=False)}\n\n"
            yield ": keep-alive\n\n"
            await asyncio.sleep(2)

    response = StreamingHttpResponse(stream(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


def _error_page(request, status, title, message):
    if request.path.startswith("/api/"):
        codes = {400: "bad_request", 403: "permission_denied", 404: "not_found", 500: "server_error"}
        return JsonResponse({"error": {"code": codes[status], "message": message, "fields": {}}}, status=status)
    return render(request, "web/error.html", {"title": title, "message": message}, status=status)


def bad_request(request, exception=None):
    return _error_page(request, 400, _("请求有误"), _("请求格式不正确，请检查后重试。"))


def forbidden(request, exception=None):
    return _error_page(request, 403, _("没有权限"), _("您的角色没有访问此页面的权限。"))


def not_found(request, exception=None):
    return _error_page(request, 404, _("未找到"), _("页面或记录不存在，或不在您的管辖范围内。"))


def server_error(request):
    response = _error_page(request, 500, _("系统错误"), _("系统发生错误，已记录。请稍后重试或联系管理员。"))
    return response if isinstance(response, HttpResponse) else HttpResponse(status=500)
