"""Timeliness measured from the exercise incident's own records (AQ/T 9009: 预警与信息报告, 应急响应启动, 应急处置,
信息报送), in drill minutes: a real duration is converted through the drill clock, so a drill run at ×10 is judged
on its drill time. A task or reporting clock is on time when the drill time it took is within the time it was given.
"""

from yingji.standards import drills as rules

from . import clock


def _minutes(log, start, end) -> float | None:
    if start is None or end is None:
        return None
    return round((clock.drill_seconds(log, end) - clock.drill_seconds(log, start)) / 60, 1)


def _within(log, start, done, allowed) -> bool:
    """Done within the time allowed (a timedelta of the plan or the reporting rule), in drill time."""
    taken = _minutes(log, start, done)
    return taken is not None and taken <= allowed.total_seconds() / 60 + 1e-6


def measure(drill) -> dict:
    """The figures of the drill (plain JSON, kept in the evaluation): acknowledgement and activation minutes, the
    tasks and the reporting clocks, each with the rows behind them for the report."""
    from yingji.incidents.choices import TimelineKind
    from yingji.plans.choices import TaskStatus
    from yingji.plans.models import Response, Task

    incident, log = drill.incident, drill.clock_log
    figures = {"acknowledge_min": None, "activate_min": None, "tasks": [], "clocks": [],
               "tasks_total": 0, "tasks_on_time": 0, "tasks_late": 0, "tasks_open": 0,
               "clocks_total": 0, "clocks_met": 0, "level_planned": drill.level or None, "level_activated": None,
               "resources": [], "resources_total": 0, "resources_met": 0,
               "injects_fired": drill.injects.filter(fired_at__isnull=False).count(),
               "drill_minutes": round(clock.drill_seconds(log, drill.ended_at) / 60, 1) if drill.ended_at else None}
    if incident is None:
        return figures
    start = incident.received_at
    ack = incident.timeline.filter(kind=TimelineKind.STATUS, data__event__in=["verify", "respond"]).order_by("at")
    first = ack.values_list("at", flat=True).first()
    figures["acknowledge_min"] = _minutes(log, start, first)
    response = Response.objects.filter(incident=incident).select_related("version").order_by("activated_at").first()
    figures["activate_min"] = _minutes(log, start, response.activated_at if response else None)
    figures["level_planned"] = drill.level or None
    figures["level_activated"] = response.highest_level if response else None
    if response is not None:
        figures["resources"] = _resources(incident, response)
        figures["resources_total"] = len(figures["resources"])
        figures["resources_met"] = sum(1 for row in figures["resources"] if row["sent"] >= row["need"])
    for task in Task.objects.filter(incident=incident).select_related("organization").order_by("assigned_at", "id"):
        allowed = task.deadline - task.assigned_at
        done = (task.status == TaskStatus.DONE and task.completed_at is not None  # done while the drill ran
                and (drill.ended_at is None or task.completed_at <= drill.ended_at))
        on_time = done and _within(log, task.assigned_at, task.completed_at, allowed)
        state = "on_time" if on_time else ("late" if done else "open")
        figures["tasks"].append({
            "title": task.title, "organization": str(task.organization), "allowed_min": round(
                allowed.total_seconds() / 60, 1),
            "acknowledged_min": _minutes(log, task.assigned_at, task.acknowledged_at),
            "taken_min": _minutes(log, task.assigned_at, task.completed_at) if done else None, "state": state})
        figures[f"tasks_{state}"] += 1
    figures["tasks_total"] = len(figures["tasks"])
    for item in incident.clocks.filter(required=True).order_by("due_at", "id"):
        in_drill = item.met_at is not None and (drill.ended_at is None or item.met_at <= drill.ended_at)
        met = in_drill and _within(log, item.starts_at, item.met_at, item.due_at - item.starts_at)
        figures["clocks"].append({"name": item.name, "allowed_min": round(
            (item.due_at - item.starts_at).total_seconds() / 60, 1), "taken_min": _minutes(
            log, item.starts_at, item.met_at), "met": met})
        figures["clocks_met"] += int(met)
    figures["clocks_total"] = len(figures["clocks"])
    return figures


def _resources(incident, response) -> list[dict]:
    """What the plan's activated level needs (teams by type and speciality, materials by code) against what the
    players dispatched to the exercise incident (team orders, material order lines)."""
    from django.db.models import Sum

    from yingji.plans.capability import team_label
    from yingji.plans.content import requirements
    from yingji.plans.models import MaterialLine, TeamOrder
    from yingji.resources.models import Material

    teams, materials = requirements(response.version.content or {}, response.highest_level)
    orders = list(TeamOrder.objects.filter(incident=incident).select_related("team"))
    rows = []
    for (team_type, speciality), need in sorted(teams.items()):
        sent = sum(1 for order in orders if order.team.team_type == team_type
                   and (not speciality or speciality in order.team.speciality_list))
        rows.append({"name": team_label(team_type, speciality), "unit": "支", "need": need, "sent": sent})
    lines = dict(MaterialLine.objects.filter(order__incident=incident).values("material__code")
                 .annotate(sent=Sum("quantity")).values_list("material__code", "sent"))
    names = dict(Material.objects.filter(code__in=materials).values_list("code", "name"))
    units = dict(Material.objects.filter(code__in=materials).values_list("code", "unit"))
    for code, need in sorted(materials.items()):
        rows.append({"name": names.get(code, code), "unit": units.get(code, ""), "need": float(need),
                     "sent": float(lines.get(code) or 0)})
    return rows


def measured_points(figures: dict) -> dict:
    """The points of the measured elements (standards.drills): times against their targets, shares done."""
    points = {}
    for element in rules.ELEMENTS:
        if element.measured == "acknowledge":
            points[element.key] = rules.time_points(figures["acknowledge_min"], rules.ACKNOWLEDGE_TARGET_MIN,
                                                    element.points)
        elif element.measured == "activate":
            points[element.key] = rules.time_points(figures["activate_min"], rules.ACTIVATE_TARGET_MIN,
                                                    element.points)
        elif element.measured == "tasks":
            # No response started means no task was done: nothing earned, not "nothing to do".
            points[element.key] = (rules.share_points(figures["tasks_on_time"], figures["tasks_total"], element.points)
                                   if figures["activate_min"] is not None else 0.0)
        elif element.measured == "clocks":
            points[element.key] = rules.share_points(figures["clocks_met"], figures["clocks_total"], element.points)
    return points
