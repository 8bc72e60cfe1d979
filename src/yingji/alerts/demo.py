"""Demonstration data: subscribers (YINGJI_DEMO_SUBSCRIBERS, default 20,000), loudspeakers, channels,
防御指南 templates, an approver account, a yellow 暴雨 warning in force in the north, and the red
warning of August 2020, cancelled. Demo warnings are not sent (no fan-out event is written)."""

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from yingji.channels.models import Channel
from yingji.core.models import Region, RegionLevel, User
from yingji.core.roles import Role
from yingji.demo import organizations as orgs

from . import cap, config
from .area import normalise_regions
from .demo_data import AUGUST_2020, GUIDANCE, LEVEL_ADVICE, MET_DEFAULT, NORTHERN, channel_specs
from .models import CapMessage, GuidanceTemplate, Loudspeaker, Subscriber, Warning, WarningEvent, WarningStatus
from .models.warnings import MsgType
from .types import all_types

SEED = 510903
BEIJING = ZoneInfo("Asia/Shanghai")


def load(progress=print) -> None:
    if Subscriber.objects.filter(is_demo=True).exists() or Warning.objects.filter(is_demo=True).exists():
        return
    with transaction.atomic():
        progress("载入预警发布：通道、防御指南、订阅者、应急广播、演示预警……")
        _channels()
        _guidance()
        _approver()
        villages = list(Region.objects.filter(level=RegionLevel.VILLAGE).order_by("code"))
        _subscribers(villages, config.demo_subscribers())
        _loudspeakers(villages)
        _warnings()


def _channels():
    for spec in channel_specs():
        fallback = Channel.objects.filter(code=spec.pop("fallback", "")).first()
        Channel.objects.get_or_create(code=spec["code"], defaults={**spec, "fallback": fallback})


def _guidance():
    rows = []
    for wtype in all_types().values():
        base = GUIDANCE.get(wtype.code) or (MET_DEFAULT if wtype.signal else GUIDANCE["other"])
        if wtype.signal and wtype.code in GUIDANCE:
            base = GUIDANCE[wtype.code]
        rows += [GuidanceTemplate(type_code=wtype.code, level=lv.value, text=f"{base}{LEVEL_ADVICE[lv.value]}")
                 for lv in wtype.levels]
    GuidanceTemplate.objects.bulk_create(rows, ignore_conflicts=True)


def _approver():
    """值班长: a second duty officer, so 制作 and 审核 can be done by different people in the demo."""
    from yingji.demo.loader import DEMO_PASSWORD

    if User.objects.filter(username="duty-chief").exists():
        return
    duty = User.objects.get(username="duty")
    user = User(username="duty-chief", role=Role.DUTY_OFFICER, region=duty.region, organization=duty.organization,
                first_name="值班长（演示）", is_demo=True)
    user.set_password(DEMO_PASSWORD)
    user.save()


def _subscribers(villages, count: int):
    rng = random.Random(SEED)
    weights = [max(v.population, 1) for v in villages]
    chosen = rng.choices(villages, weights=weights, k=count)
    rows = []
    for n, village in enumerate(chosen, 1):
        channel = rng.choices(("sms", "app", "email"), weights=(90, 8, 2))[0]
        rows.append(Subscriber(
            code=f"SUB-{n:07d}", name=rng.choice(orgs.SURNAMES) + rng.choice(orgs.GIVEN_NAMES), region=village,
            phone=f"1{rng.choice('3589')}{rng.randrange(10**9):09d}", preferred_channel=channel,
            email=f"sub{n}@example.cn" if channel == "email" else "", opted_out=rng.random() < 0.01, is_demo=True,
            status="active"))
    Subscriber.objects.bulk_create(rows, batch_size=2000)


def _loudspeakers(villages):
    Loudspeaker.objects.bulk_create([
        Loudspeaker(code=f"GB-{v.code}", name=f"{v.name}应急广播", device_id=f"GB{v.code[6:]}", region=v,
                    lon=v.lon, lat=v.lat, is_demo=True, status="active")
        for v in villages
    ], batch_size=1000)


def _warnings():
    people = {u.username: u for u in User.objects.filter(username__in=["duty", "duty-chief", "commander"])}
    townships = {r.name: r for r in Region.objects.filter(level=RegionLevel.TOWNSHIP)}
    now = timezone.now().replace(microsecond=0)
    north = [townships[n] for n in NORTHERN]
    _issue(people, north, "yellow", effective=now - timedelta(hours=2), expires=now + timedelta(days=3),
           headline="船山区气象台发布暴雨黄色预警信号",
           description="预计未来 6 小时内北部乡镇降雨量将达 50 毫米以上，局地伴有雷电、短时强降水。")
    august = datetime(2020, 8, 13, 6, 0, tzinfo=BEIJING)
    past = _issue(people, [townships[n] for n in AUGUST_2020], "red", effective=august,
                  expires=august + timedelta(days=5), headline="船山区气象台发布暴雨红色预警信号",
                  description="受强降雨影响，涪江上游普降大到暴雨，预计 3 小时内降雨量将达 100 毫米以上"
                              "（演示：2020 年 8 月）。")
    _cancel(people, past, at=datetime(2020, 8, 17, 18, 0, tzinfo=BEIJING))


def _issue(people, regions, colour, *, effective, expires, headline, description):
    from .compose import guidance
    from .standards_bridge import level_of

    level = level_of(colour)
    warning = Warning.objects.create(
        type_code="met.rainstorm", level=level, headline=headline, description=description,
        instructions=guidance("met.rainstorm", level), effective=effective, expires=expires, source="船山区气象局",
        area_kind="regions", area_desc="、".join(r.name for r in regions),
        population=sum(r.population for r in regions),
        status=WarningStatus.PUBLISHED, region=Region.objects.get(level=RegionLevel.DISTRICT), is_demo=True,
        author=people["duty"], reviewer=people["duty-chief"], signer=people["commander"],
        publisher=people["commander"], published_at=effective)
    warning.area_regions.set(normalise_regions(regions))
    _history(warning, effective, [("draft", "制作", "duty"), ("submit", "提交审核", "duty"),
                                  ("review", "审核通过", "duty-chief"), ("sign", "签发", "commander"),
                                  ("publish", "发布", "commander")], people)
    _cap(warning, effective)
    return warning


def _cancel(people, warning, at):
    notice = Warning.objects.create(
        msg_type=MsgType.CANCEL, references=warning, original=warning, type_code=warning.type_code,
        level=warning.level, headline=f"解除：{warning.headline}", description="降雨过程结束，解除暴雨红色预警。",
        effective=at, expires=warning.expires, area_kind=warning.area_kind, area_desc=warning.area_desc,
        population=warning.population, status=WarningStatus.PUBLISHED, region=warning.region, is_demo=True,
        author=people["commander"], publisher=people["commander"], published_at=at)
    notice.area_regions.set(warning.area_regions.all())
    _cap(notice, at)
    _history(notice, at, [("issue_cancel", "发布解除", "commander")], people)
    Warning.objects.filter(pk=warning.pk).update(status=WarningStatus.CANCELLED, closed_at=at)
    _history(warning, at, [("cancel", "已解除", "commander")], people)


def _cap(warning, at):
    ident = cap.identifier(at, 0)
    CapMessage.objects.create(identifier=ident, warning=warning, sent=at, xml=cap.build(warning, ident, at))


def _history(warning, start, steps, people):
    WarningEvent.objects.bulk_create([
        WarningEvent(warning=warning, at=start - timedelta(minutes=10 * (len(steps) - i - 1)), actor=people[who],
                     event=event, label=label)
        for i, (event, label, who) in enumerate(steps)
    ])
