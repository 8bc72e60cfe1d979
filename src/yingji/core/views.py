from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from .models import AuditEntry, Region
from .registry import REGISTRIES
from .scoping import scope_to_user


@login_required
@permission_required("core.view_region", raise_exception=True)
def region_list(request):
    regions = scope_to_user(Region.objects.filter(level__lte=2), request.user).order_by("level", "code")
    return render(request, "core/region_list.html", {"regions": regions})


@login_required
@permission_required("core.view_region", raise_exception=True)
def region_detail(request, uuid):
    region = get_object_or_404(scope_to_user(Region.objects.all(), request.user), uuid=uuid)
    counts = []
    for registry in REGISTRIES.values():
        if request.user.has_perm(registry.perm("view")):
            count = registry.model.objects.filter(region__path__startswith=region.path).count()
            counts.append((registry, count))
    return render(
        request,
        "core/region_detail.html",
        {
            "region": region,
            "ancestors": region.ancestors(),
            "children": region.children.order_by("code"),
            "counts": counts,
        },
    )


@login_required
@permission_required("core.view_auditentry", raise_exception=True)
def audit_log(request):
    entries = AuditEntry.objects.all()
    query = request.GET.get("q", "").strip()
    if query:
        entries = entries.filter(
            Q(actor_name__icontains=query)
            | Q(object_repr__icontains=query)
            | Q(model__icontains=query)
            | Q(request_id=query)
        )
    action = request.GET.get("action", "")
    if action:
        entries = entries.filter(action=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit_log.html",
        {"page": page, "query": query, "action": action, "actions": AuditEntry._meta.get_field("action").choices},
    )
