"""Plain dict views of responses, tasks and orders for the API and the board feed."""


def response_data(r) -> dict:
    return {"uuid": str(r.uuid), "incident": str(r.incident.uuid), "plan": r.plan.name, "plan_code": r.plan.code,
            "version": r.version.number, "level": r.level, "level_label": r.level_label,
            "activated_at": r.activated_at, "ended_at": r.ended_at,
            "posts": [{"role": p.role, "organization": p.organization.name if p.organization else "",
                       "person": p.person.name if p.person else ""} for p in r.posts.all()],
            "tasks": r.tasks.count()}


def task_data(t) -> dict:
    return {"uuid": str(t.uuid), "incident": str(t.incident.uuid), "incident_name": t.incident.name,
            "title": t.title, "group": t.group, "organization": t.organization.code,
            "organization_name": t.organization.name, "level": t.level, "status": t.status,
            "status_label": t.get_status_display(), "deadline": t.deadline, "acknowledged_at": t.acknowledged_at,
            "completed_at": t.completed_at, "blocked_reason": t.blocked_reason, "requirements": t.requirements}


def order_data(o) -> dict:
    data = {"uuid": str(o.uuid), "code": o.code, "incident": str(o.incident.uuid), "status": o.status,
            "status_label": o.get_status_display(), "times": o.times}
    if hasattr(o, "team"):
        data.update(team=o.team.code, team_name=o.team.name, minutes=o.minutes, active=o.active)
    else:
        data.update(total_minutes=o.total_minutes, lines=[
            {"id": ln.pk, "depot": ln.depot.code, "material": ln.material.code, "quantity": ln.quantity,
             "issued": ln.issued, "received": ln.received, "returned": ln.returned} for ln in o.lines.all()])
    return data
