"""Registries of the enforcement app (see yingji.core.registry) and the permissions of each role."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yingji.core.registry import register
from yingji.core.roles import Role, grant

from .models import AnnualPlan, InspectionItem, InspectionTask, Inspector, PenaltyCase, Target

MENU = _("执法检查")

# Commanders and township officers run enforcement (scoping limits township officers to their township);
# inspectors see everything in reach and record inspections; observers see (VIEW_ALL).
grant(Role.COMMANDER, "enforcement.*")
grant(Role.TOWNSHIP_ADMIN, "enforcement.*_target", "enforcement.*_inspectiontask", "enforcement.run_draw",
      "enforcement.inspect_task", "enforcement.view_*", "enforcement.*_rectificationorder",
      "enforcement.recheck_order", "enforcement.add_penaltycase", "enforcement.change_penaltycase",
      "enforcement.handle_penaltycase", "enforcement.publish_result")
grant(Role.INSPECTOR, "enforcement.view_*", "enforcement.inspect_task", "enforcement.add_rectificationorder",
      "enforcement.recheck_order")


def _item_example(region):
    return {"code": "JCSX-EXAMPLE", "name": "示例：是否建立全员安全生产责任制", "region": region.code,
            "sector": "chemicals", "legal_basis": "《中华人民共和国安全生产法》第二十二条", "method": "documents",
            "description": ""}


def _target_example(region):
    from yingji.prevention.models import Enterprise

    taken = Target.objects.values("enterprise_id")
    free = (Enterprise.objects.filter(region__path__startswith=region.path).exclude(pk__in=taken)
            .order_by("code").first())
    return {"code": "JCDX-EXAMPLE", "name": "示例检查对象", "region": region.code,
            "enterprise": free.code if free else "", "supervision_class": "key", "description": ""}


def _inspector_example(region):
    return {"code": "ZFRY-EXAMPLE", "name": "示例执法员", "region": region.code,
            "certificate_no": f"51099{Inspector.objects.count() + 900001:07d}", "certificate_expiry": "2030-12-31",
            "fields": "chemicals,industry_trade", "training_year": timezone.localdate().year, "training_hours": 48,
            "conflicts": "", "description": ""}


def _task_example(region):
    target = Target.objects.filter(region__path__startswith=region.path).order_by("code").first()
    today = timezone.localdate()
    nearby = Inspector.objects.filter(status="active", region__path__startswith=region.path).order_by("code")
    qualified = [i.code for i in nearby[:40] if i.is_qualified(today)][:2]
    return {"code": "JCRW-EXAMPLE", "name": "示例检查任务", "region": region.code,
            "target": target.code if target else "", "source": "complaint",
            "lead_inspector": qualified[0] if qualified else "", "second_inspector": qualified[-1] if qualified else "",
            "due_on": (today + timezone.timedelta(days=10)).isoformat(), "description": ""}


def _case_example(region):
    target = Target.objects.filter(region__path__startswith=region.path).order_by("code").first()
    return {"code": "ZFAJ-EXAMPLE", "name": "示例：未按规定配备消防器材案", "region": region.code,
            "target": target.code if target else "", "party_type": "unit", "penalty_kind": "fine", "amount": "20000",
            "facts": "现场检查发现灭火器过期未更换", "legal_basis": "《中华人民共和国安全生产法》第九十九条",
            "description": ""}


def _plan_example(region):
    return {"code": "JCJH-EXAMPLE", "name": "示例年度监督检查计划", "region": region.code, "year": 2031,
            "description": ""}


ITEMS = register(
    InspectionItem, plural="items", menu_group=MENU,
    list_fields=("code", "name", "sector", "method", "legal_basis"),
    form_fields=("code", "name", "sector", "legal_basis", "method", "region", "description"),
    filter_fields=("sector", "method"), search_fields=("name", "code", "legal_basis"), example=_item_example,
)

TARGETS = register(
    Target, plural="targets", menu_group=MENU,
    list_fields=("code", "name", "enterprise", "sector", "supervision_class", "region", "status"),
    form_fields=("code", "name", "enterprise", "supervision_class", "region", "description"),
    filter_fields=("sector", "supervision_class", "status"), search_fields=("name", "code"),
    related=(("tasks", ("code", "source", "state", "inspected_on")),), example=_target_example,
)

INSPECTORS = register(
    Inspector, plural="inspectors", menu_group=MENU,
    list_fields=("code", "name", "certificate_no", "certificate_expiry", "fields", "training_hours", "region"),
    form_fields=("code", "name", "certificate_no", "certificate_expiry", "fields", "training_year",
                 "training_hours", "conflicts", "region", "description"),
    filter_fields=("status",), search_fields=("name", "code", "certificate_no"), example=_inspector_example,
)

TASKS = register(
    InspectionTask, plural="tasks", menu_group=MENU,
    list_fields=("code", "name", "target", "source", "lead_inspector", "second_inspector", "state", "inspected_on"),
    form_fields=("code", "name", "target", "source", "lead_inspector", "second_inspector", "due_on", "region",
                 "description"),
    filter_fields=("source", "state", "target"), search_fields=("name", "code"),
    related=(("findings", ("item", "result", "note", "hazard")),), example=_task_example,
)

PLANS = register(
    AnnualPlan, plural="plans", menu_group=MENU,
    list_fields=("code", "name", "year", "state", "region"),
    form_fields=("code", "name", "year", "region", "description"),
    filter_fields=("year", "state"), search_fields=("name", "code"),
    related=(("lines", ("sector", "supervision_class", "month", "planned")),), example=_plan_example,
)

CASES = register(
    PenaltyCase, plural="cases", menu_group=MENU,
    list_fields=("code", "name", "target", "penalty_kind", "amount", "state", "filed_on", "region"),
    form_fields=("code", "name", "target", "party_type", "party_name", "penalty_kind", "amount", "facts",
                 "legal_basis", "region", "description"),
    filter_fields=("state", "penalty_kind", "party_type"), search_fields=("name", "code"), example=_case_example,
)
