"""The plan registry, who may do what, the notification consumer and the dispatch map layer.

- 指挥长 (commander): everything; activates, raises, lowers and ends responses (each level names the roles
  that may approve it), dispatches teams and materials, manages every task.
- 值班员 (duty officer): drafts plans and versions, dispatches, manages tasks; activates only a level whose
  definition names the duty officer as approver.
- 部门联络员 / 乡镇管理员: see plans, and see and update their own organization's tasks.
"""

from django.utils.translation import gettext_lazy as _

from yingji.core.registrations import CENTRE
from yingji.core.registry import register
from yingji.core.roles import Role, grant

from .models import Plan

OWN_TASKS = ("plans.view_*", "plans.change_task")
grant(Role.COMMANDER, "plans.*")
grant(Role.DUTY_OFFICER, "plans.*_plan", "plans.*_planversion", "plans.view_*", "plans.change_task",
      "plans.manage_task", "plans.*_teamorder", "plans.*_materialorder", "plans.activate_response")
grant(Role.LIAISON, *OWN_TASKS)
grant(Role.TOWNSHIP_ADMIN, *OWN_TASKS)


def _example(region):
    from yingji.core.models import Organization

    organization = Organization.objects.filter(region__path__startswith=region.path).order_by("code").first()
    return {"code": "YA-EXAMPLE", "name": "示例专项应急预案", "plan_type": "special",
            "organization": organization.code if organization else "", "region": region.code,
            "issued_on": "2025-03-03", "effective_on": "2025-03-10", "filing_status": "pending", "filed_on": "",
            "last_evaluated_on": "", "last_drill_on": "", "description": "", "lon": CENTRE[0], "lat": CENTRE[1]}


PLANS = register(
    Plan, plural="plans", menu_group=_("预案与指挥调度"),
    list_fields=("code", "name", "plan_type", "organization", "issued_on", "filing_status", "filing_deadline",
                 "evaluation_due", "next_drill_due"),
    form_fields=("code", "name", "plan_type", "organization", "region", "issued_on", "effective_on",
                 "filing_status", "filed_on", "last_evaluated_on", "last_drill_on", "lon", "lat", "description"),
    filter_fields=("plan_type", "filing_status"), search_fields=("name", "code"),
    example=_example,
)

from . import layers, notify  # noqa: E402,F401  (the map layer and the outbox consumer register themselves)
