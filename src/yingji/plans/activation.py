"""Activating a response: one transaction forms the command structure, creates the tasks with absolute
deadlines and queues a notification to every assignee through the outbox."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.events import publish
from yingji.core.models import Organization, Person
from yingji.core.scoping import ensure_in_jurisdiction
from yingji.incidents import timeline
from yingji.incidents.titles import canonical

from .choices import ENDED, RESPONSE_KIND, TOWNSHIP_UNIT, VersionStatus, level_label
from .content import level_definition, tasks_for
from .models import CommandPost, Response, Task
from .workflows import ACTIVATE, check_approver, incident_active


def activate(*, actor, incident, version, level: str, reason: str = "", now=None, is_demo=False) -> Response:
    now = now or timezone.now()
    if actor is not None and not actor.has_perm(ACTIVATE):
        raise PermissionDeniedError("permission_denied", _("您没有启动应急响应的权限"))
    ensure_in_jurisdiction(actor, incident.region)
    if version.status != VersionStatus.PUBLISHED:
        raise DomainError("version_not_published", _("只能按已发布的预案版本启动响应"), field="version")
    if level_definition(version.content, level) is None:
        raise DomainError("level_not_defined", _("该预案未定义%(l)s") % {"l": level_label(level)}, field="level")
    if actor is not None:
        check_approver(version, level, actor)
    with transaction.atomic():
        incident = type(incident).objects.select_for_update().get(pk=incident.pk)
        probe = Response(incident=incident)
        incident_active(probe, actor, {})
        if Response.objects.filter(incident=incident, plan=version.plan).exclude(level=ENDED).exists():
            raise DomainError("already_active", _("该事件已启动“%(p)s”的响应，请提升或降低级别")
                              % {"p": version.plan.name}, field="plan")
        response = Response.objects.create(
            incident=incident, plan=version.plan, version=version, level=level, highest_level=level,
            region=incident.region, reason=reason, activated_at=now,
            activated_by=actor if getattr(actor, "pk", None) else None, is_demo=is_demo)
        _form_command(response)
        tasks = add_tasks(response, actor=actor, now=now)
        _mark_incident_responding(incident, actor, now)
        timeline.write(incident, kind=RESPONSE_KIND, actor=actor, at=now,
                       title=canonical(gettext_noop("启动应急响应：%(p)s %(l)s"), p=version.plan.name,
                                       l=lambda: level_label(level)),
                       body=_("%(r)s 下达任务 %(n)d 项。") % {"r": reason, "n": len(tasks)},
                       data={"source": "plans", "record": str(response.uuid), "event": "activate", "to": level})
        publish("response.activate", {"uuid": str(response.uuid), "title": str(response), "level": level},
                aggregate=response, region=incident.region)
    return response


def _person(organization, title):
    people = Person.objects.filter(organization=organization)
    return people.filter(title=title).first() if title else people.order_by("code").first()


def _form_command(response):
    content, order = response.version.content, 0
    codes = {post["organization"] for post in content.get("command", [])}
    for group in content.get("groups", []):
        codes |= {group["lead"], *group.get("members", [])}
    orgs = {o.code: o for o in Organization.objects.filter(code__in=codes)}
    for order, post in enumerate(content.get("command", [])):
        organization = orgs[post["organization"]]
        CommandPost.objects.create(response=response, role=post["role"], organization=organization,
                                   person=_person(organization, post.get("title", "主要负责人")), order=order)
    for offset, group in enumerate(content.get("groups", []), start=order + 1):
        organization = orgs[group["lead"]]
        members = [orgs[code] for code in group.get("members", []) if code in orgs]  # in the plan's order
        CommandPost.objects.create(response=response, role=group["name"], organization=organization,
                                   person=_person(organization, "分管负责人"), duties=group.get("duties", "")[:500],
                                   members="、".join(m.short_name or m.name for m in members)[:1000], order=offset)


def township_of(incident):
    codes = [*incident.region.ancestor_codes, incident.region.code]
    return Organization.objects.filter(kind="township", region__code__in=codes).order_by("-region__level").first()


def _assignee(response, template):
    groups = {g["name"]: g for g in response.version.content.get("groups", [])}
    if template.get("group") in groups:
        return Organization.objects.get(code=groups[template["group"]]["lead"]), template["group"]
    if template.get("unit") == TOWNSHIP_UNIT:
        township = township_of(response.incident)
        if township is None:
            raise DomainError("no_township", _("事件不在乡镇（街道）范围内，无法下达乡镇任务"), field="incident")
        return township, _("属地乡镇（街道）")
    return Organization.objects.get(code=template["unit"]), ""


def add_tasks(response, *, actor, now) -> list[Task]:
    """Create the tasks of every level up to the response's level that do not exist yet."""
    existing = set(response.tasks.values_list("template_key", flat=True))
    created = []
    for level, template in tasks_for(response.version.content, response.level):
        if template["key"] in existing:
            continue
        organization, group = _assignee(response, template)
        task = Task.objects.create(
            response=response, incident=response.incident, region=response.region, level=level,
            template_key=template["key"], title=template["title"], group=group, organization=organization,
            requirements={"teams": template.get("teams", []), "materials": template.get("materials", [])},
            assigned_at=now, deadline=now + timedelta(minutes=template["deadline_minutes"]),
            is_demo=response.is_demo)
        publish("plans.task_assigned", {"uuid": str(task.uuid), "title": _("新任务：%(t)s") % {"t": task.title},
                                        "organization": organization.code, "incident": response.incident.name,
                                        "deadline": task.deadline.isoformat()},
                aggregate=task, region=response.region, key=f"task-assigned:{task.uuid}")
        created.append(task)
    return created


def _mark_incident_responding(incident, actor, now):
    from yingji.incidents.choices import IncidentStatus
    from yingji.incidents.workflows import INCIDENT_FLOW

    if incident.status in (IncidentStatus.REPORTED, IncidentStatus.VERIFIED) and (
            actor is not None and actor.has_perm("incidents.change_incident")):
        INCIDENT_FLOW.fire(incident, "respond", actor=actor, data={"now": now, "note": _("已启动应急响应")},
                           lock=False)
