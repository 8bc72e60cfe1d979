"""The patrol tasks' registry (网格员巡查任务) and who may do what with patrols (imported by registrations.py)."""

from django.utils.translation import gettext_lazy as _

from yingji.core.registrations import located_example
from yingji.core.registry import register
from yingji.core.roles import Role, grant

from .models.patrols import GRID_WORKER_ROLE, PatrolTask

# Township officers and commanders plan tasks (prevention.* in registrations.py); a grid worker sees their own
# tasks (the narrowing on PatrolTask) and records visits on them.
grant(Role.GRID_WORKER, "prevention.add_patrolvisit")


def _example(region) -> dict:
    """A task for the first grid worker whose area lies in `region` (the demo's grid-guihua-01), in that area."""
    from yingji.core.models import User

    worker = (User.objects.filter(role=GRID_WORKER_ROLE, is_active=True, region__path__startswith=region.path)
              .select_related("region").order_by("username").first())
    return located_example(worker.region if worker else region, "XC-EXAMPLE", "示例：村网格月度巡查",
                           worker_username=worker.username if worker else "", starts_on="2026-03-01",
                           ends_on="2026-03-31", state="pending", notes="重点查看自建房经营场所和加油站")


PATROL_TASKS = register(
    PatrolTask, plural="patrol-tasks", menu_group=_("双重预防"),
    list_fields=("code", "name", "region", "worker_username", "starts_on", "ends_on", "state"),
    form_fields=("code", "name", "region", "worker_username", "starts_on", "ends_on", "state", "notes", "lon",
                 "lat", "description"),
    filter_fields=("state",), search_fields=("name", "code", "worker_username"),
    related=(("visits", ("at", "result", "hazard", "note", "recorded_by")),),
    example=_example,
)
