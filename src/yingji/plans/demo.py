"""Demonstration plans: the six plans of demo_data, each with a published version (防汛 with two)."""

import copy
import datetime as dt

from yingji.channels.models import Channel, ChannelKind
from yingji.core.models import Organization, Region, User
from yingji.core.roles import Role
from yingji.demo.loader import DEMO_PASSWORD
from yingji.demo.townships import township

from .demo_data import GROUPS, PLANS
from .models import Plan
from .notify import task_sms_channel_code
from .versions import publish_version, save_draft


def _teams(text):
    result = []
    for item in filter(None, text.split(",")):
        team_type, speciality, count = item.split(":")
        result.append({"type": team_type, "speciality": speciality, "count": int(count)})
    return result


def _materials(text):
    pairs = (item.split(":") for item in filter(None, text.split(",")))
    return [{"code": code, "quantity": float(qty)} for code, qty in pairs]


def _task(key, title, who, minutes, teams, materials):
    where = {"unit": who} if who.startswith("@") else {"group": who}
    return {"key": key, "title": title, **where, "deadline_minutes": minutes, "teams": _teams(teams),
            "materials": _materials(materials)}


def build_content(types, command, extra_groups, levels) -> dict:
    groups = {**GROUPS, **extra_groups}
    return {
        "incident_types": types,
        "command": [{"role": role, "organization": org, "title": title} for role, org, title in command],
        "groups": [{"name": name, "lead": lead, "members": members, "duties": duties}
                   for name, (lead, members, duties) in groups.items()],
        "levels": [{"level": level, "approvers": approvers,
                    "criteria": {**({"min_grade": grade} if grade else {}), "types": [], "thresholds": thresholds},
                    "tasks": [_task(*task) for task in tasks]}
                   for level, approvers, grade, thresholds, tasks in levels],
    }


def _date(text):
    return dt.date.fromisoformat(text) if text else None


def _township_user() -> None:
    """The 老池镇 township account of the flood story: it receives and works the township's tasks."""
    region = Region.objects.get(code=township("老池镇").code)
    user = User.objects.filter(username="township-laochi").first() or User(username="township-laochi")
    user.role, user.region, user.first_name, user.is_demo = Role.TOWNSHIP_ADMIN, region, "老池镇管理员（演示）", True
    user.organization = Organization.objects.get(kind="township", region=region)
    user.set_password(DEMO_PASSWORD)
    user.save()


def _task_sms_channel():
    """Task notices by SMS to the assignee units' contact people: off until the gateway address is set (`yingji
    demo` sends it to a local stand-in and turns it on: demo_standin)."""
    Channel.objects.get_or_create(code=task_sms_channel_code(), defaults={
        "name": "任务短信通知", "kind": ChannelKind.SMS_HTTP, "enabled": False,
        "config": {"url": "http://127.0.0.1:9/sms", "demo_standin": True}})


def load(progress) -> None:
    progress("载入应急预案……")
    _township_user()
    _task_sms_channel()
    district = Region.objects.get(level=1)
    for code, name, plan_type, org, issued, filing, filed, drill, types, command, groups, levels in PLANS:
        if Plan.objects.filter(code=code).exists():
            continue
        plan = Plan(code=code, name=name, plan_type=plan_type, organization=Organization.objects.get(code=org),
                    region=district, issued_on=_date(issued), effective_on=_date(issued), filing_status=filing,
                    filed_on=_date(filed), last_drill_on=_date(drill), is_demo=True,
                    description="演示数据：结构依据船山区应急预案体系编写，内容为示意。")
        plan.full_clean()
        plan.save()
        content = build_content(types, command, groups, levels)
        if code == "YA-FX":
            _first_edition(plan, content)
        publish_version(actor=None, version=save_draft(actor=None, plan=plan, content=content,
                                                       note="依据2024年汛期复盘修订"))


def _first_edition(plan, content):
    """An earlier published edition, so the version history and the diff have something to show."""
    older = copy.deepcopy(content)
    older["levels"][0]["criteria"]["thresholds"]["rainfall_mm"] = 80
    older["levels"][0]["tasks"][1]["deadline_minutes"] = 120
    older["levels"][1]["tasks"] = older["levels"][1]["tasks"][:2]
    publish_version(actor=None, version=save_draft(actor=None, plan=plan, content=older, note="首次发布"))
