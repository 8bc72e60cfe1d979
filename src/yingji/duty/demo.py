"""Demonstration duty desk: posts for the bureau, every township and the key departments, this month's
rosters (bulk-created), a few calls and instructions, a pending handover and default escalation chains."""

import random
from datetime import timedelta

from django.utils import timezone

from yingji.channels.models import Channel
from yingji.core.models import Organization, Person, Region, User
from yingji.demo.loader import upsert

from . import demo_data as data
from .chains import save_chain
from .dutylog import complete_instruction, log_call, log_instruction
from .handovers import open_handover, submit
from .models import DutyPost, Leave, Shift, ShiftPattern
from .rostering import plan_roster


def load(progress=print) -> None:
    if DutyPost.objects.filter(code="DP-EMB-OFFICER").exists():
        return
    progress("载入值班值守：岗位、本月排班、值班日志、升级链……")
    now = timezone.now()
    district = Region.objects.get(level=1)
    users = {u.username: u for u in User.objects.filter(is_demo=True)}
    patterns = {code: upsert(ShiftPattern, code, name=name, kind=kind, segments=segments, region=district)
                for code, name, kind, segments in data.PATTERNS}
    staff = _staff(users)
    posts = _bureau_posts(district, patterns, staff["leader"][0]) + _township_posts(patterns) \
        + _department_posts(patterns)
    _leave(staff["officer"][1], now)
    _rosters(posts, staff, timezone.localdate(now))
    _channels()
    for code, name, kind, steps in data.CHAINS:
        save_chain(actor=None, code=code, name=name, region=district, event_kind=kind, steps=[
            {"target": t, "wait_minutes": w, "channel": Channel.objects.get(code=c),
             "person": Person.objects.filter(code=p).first()} for t, w, c, p in steps])
    _log(district, users["duty"], now)
    _handover(users["duty"], now)


def _bureau_posts(district, patterns, manager):
    """The bureau's posts are managed by the first 带班领导 (his account approves their swaps)."""
    bureau = Organization.objects.get(code="ORG-EMB")
    return [upsert(DutyPost, code, name=name, organization=bureau, role=role, pattern=patterns[pattern],
                    requires_handover=handover, order=order, region=district, manager=manager)
            for code, name, role, pattern, handover, order in data.BUREAU_POSTS]


def _township_posts(patterns):
    """A township desk is managed by its first contact with an account (the demo townships that have one)."""
    townships = Organization.objects.filter(kind="township").select_related("region").order_by("code")
    return [upsert(DutyPost, f"DP-{org.code.removeprefix('ORG-')}", name=f"{org.short_name}值班室", organization=org,
                    role="desk", pattern=patterns["SP-24H"], order=10, region=org.region, manager=_with_account(org))
            for org in townships]


def _with_account(organization):
    return next((p for p in organization.people.order_by("code") if (p.extra or {}).get("username")), None)


def _department_posts(patterns):
    departments = Organization.objects.filter(code__in=data.KEY_DEPARTMENTS).order_by("code")
    return [upsert(DutyPost, f"DP-{org.code.removeprefix('ORG-')}", name=f"{org.short_name}值班室", organization=org,
                    role="department", pattern=patterns["SP-24H"], order=20, region=org.region)
            for org in departments]


def _staff(users):
    bureau = Organization.objects.get(code="ORG-EMB")
    result = {}
    for role, people in data.BUREAU_STAFF.items():
        result[role] = []
        for suffix, name, title, username in people:
            mobile = f"139{random.Random(f'duty-{suffix}').randrange(10**7, 10**8)}"
            result[role].append(upsert(Person, f"P-EMB-{suffix}", name=name, title=title, organization=bureau,
                                        region=bureau.region, mobile=mobile, office_phone=bureau.phone,
                                        extra={"username": username} if username else {}))
    for username in ("township-guihua", "township-longfeng"):  # the township desk's shared account
        for person in Person.objects.filter(organization=users[username].organization):
            person.extra = {**person.extra, "username": username}
            person.save()
    return result


def _leave(person, now):
    start = now + timedelta(days=3)
    Leave.objects.create(person=person, region=person.region, start=start, end=start + timedelta(days=2),
                         reason="年休假（演示）")


def _rosters(posts, staff, today):
    """This month and the next (so the desk is staffed across the month's end); the 1st also gets last month."""
    months = [today.replace(day=1), (today.replace(day=28) + timedelta(days=4)).replace(day=1)]
    if today.day == 1:
        months.insert(0, (today - timedelta(days=1)).replace(day=1))
    for month in months:
        shifts = []
        for post in posts:
            people = staff.get(post.role) or list(post.organization.people.order_by("code"))
            shifts += plan_roster(post, month, people, min_rest_hours=12, allow_empty=True).shifts
        Shift.objects.bulk_create(shifts, batch_size=1000)


def _channels():
    for code, name, kind, enabled, config in data.CHANNELS:
        Channel.objects.get_or_create(code=code, defaults={"name": name, "kind": kind, "enabled": enabled,
                                                           "config": config})


def _log(district, duty, now):
    for minutes, kind, counterpart, summary in data.CALLS:
        log_call(actor=duty, region=district, kind=kind, counterpart=counterpart, summary=summary,
                 at=now - timedelta(minutes=minutes), now=now)
    for minutes, issuer, text, hours, done in data.INSTRUCTIONS:
        received = now - timedelta(minutes=minutes)
        instruction = log_instruction(actor=duty, region=district, issuer=issuer, text=text, received_at=received,
                                      due_at=received + timedelta(hours=hours), assignee="值班室", now=now)
        if done:
            complete_instruction(instruction, actor=duty, note=done, now=received + timedelta(hours=hours - 2))


def _handover(duty, now):
    """The officer's shift that ended last is handed over and waits for the incoming officer."""
    shift = Shift.objects.filter(post__code="DP-EMB-OFFICER", end__lte=now).order_by("-end").first()
    if shift is None:
        return
    handover = open_handover(shift=shift, now=now, is_demo=True)
    submit(handover, actor=duty, now=now, remarks="桂花镇场镇段水位仍在上涨，请继续关注并每 2 小时联系一次。",
           notes="卫星电话 1 部电量不足，已充电；值班车辆正常。")
