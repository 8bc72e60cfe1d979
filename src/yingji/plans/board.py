"""The plans part of the command board, per active incident: level, task progress, teams, materials,
shortfalls. Served as JSON (/api/plans/board/) and as a template include (plans/_board_panel.html)."""

from django.utils import timezone

from .choices import ENDED, TaskStatus
from .layers import team_positions
from .models import MaterialLine, Response, Task


def panel(incident, now=None) -> dict:
    now = now or timezone.now()
    responses = Response.objects.filter(incident=incident).exclude(level=ENDED).select_related("plan")
    tasks = list(Task.objects.filter(incident=incident))
    done = [t for t in tasks if t.status == TaskStatus.DONE]
    issued = MaterialLine.objects.filter(order__incident=incident, issued__gt=0).select_related("material")
    from .recommend import needs_of, recommend_teams

    teams_needed, _materials = needs_of(incident)
    shortfalls = [row["label"] for row in recommend_teams(incident, teams_needed) if row["uncovered"]]
    return {
        "levels": [{"plan": r.plan.name, "level": r.level, "level_label": r.level_label} for r in responses],
        "tasks": {"total": len(tasks), "done": len(done),
                  "done_on_time": sum(1 for t in done if t.completed_at <= t.deadline),
                  "overdue": sum(1 for t in tasks if t.status != TaskStatus.DONE and now > t.deadline)},
        "teams": [f["properties"] | {"lon": f["geometry"]["coordinates"][0], "lat": f["geometry"]["coordinates"][1]}
                  for f in team_positions(None, incident)],
        "materials_issued": [{"material": ln.material.name, "quantity": float(ln.issued), "unit": ln.material.unit}
                             for ln in issued],
        "shortfalls": shortfalls,
    }
