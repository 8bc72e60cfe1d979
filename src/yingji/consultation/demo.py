"""Loads the consultation demonstration data (a DEMO_LOADERS entry, order 98): the room-link templates of the
district's 政务视频会议 system and its on-premises Jitsi, and a scheduled flood-season consultation (趋势研判) to
which the water, weather and natural-resources departments, two townships and two experts are invited."""

from datetime import timedelta

from django.utils import timezone

from yingji.core.models import Organization, Region, User
from yingji.demo.loader import DISTRICT_REGION_CODE

from .choices import InviteeKind, RoomSystem, Subject
from .models import Consultation, Invitee, RoomTemplate

ROOMS = (("HYS-GOV", "区政务视频会议系统", RoomSystem.GOV_VIDEO, "https://hy.chuanshan.example/meeting/{room}"),
         ("HYS-JITSI", "区应急管理局 Jitsi 会议室", RoomSystem.JITSI, "https://meet.chuanshan.example/{room}"))


def load(progress=print) -> None:
    progress("载入统一协同会商：会议室链接模板和一次待召开的会商……")
    if RoomTemplate.objects.filter(is_demo=True).exists():
        return
    district = Region.objects.get(code=DISTRICT_REGION_CODE)
    rooms = [RoomTemplate(code=code, name=name, system=system, url_template=url, region=district, is_demo=True)
             for code, name, system, url in ROOMS]
    RoomTemplate.objects.bulk_create(rooms)
    convener = User.objects.filter(username="commander").first()
    if convener is None:
        return
    now = timezone.now()
    consultation = Consultation.objects.create(
        code=f"HS{timezone.localdate():%Y%m%d}-900", title="汛期雨情水情趋势研判会商", subject=Subject.FORECAST,
        region=district, scheduled_at=now + timedelta(hours=3), room_template=RoomTemplate.objects.get(code="HYS-GOV"),
        room="yingji-demo-flood", place="区应急指挥中心", convened_by=convener, convened_at=now, is_demo=True,
        agenda="一、气象局通报未来72小时降雨预报；\n二、水利局通报涪江及中小河流、水库水情；\n"
               "三、自然资源分局通报地质灾害隐患点巡查情况；\n四、研判是否发布预警、提前转移危险区域群众。")
    for code, kind in (("ORG-MET", InviteeKind.DEPARTMENT), ("ORG-WATER", InviteeKind.DEPARTMENT),
                       ("ORG-NRP", InviteeKind.DEPARTMENT)):
        organization = Organization.objects.get(code=code)
        Invitee.objects.create(consultation=consultation, kind=kind, organization=organization,
                               name=organization.short_name or organization.name, notified_at=now)
    for organization in Organization.objects.filter(kind="township").order_by("code")[:2]:
        Invitee.objects.create(consultation=consultation, kind=InviteeKind.TOWNSHIP, organization=organization,
                               name=organization.short_name or organization.name, notified_at=now)
    from yingji.resources.models import Expert

    for expert in Expert.objects.filter(field__in=("flood", "geology")).order_by("code")[:2]:
        Invitee.objects.create(consultation=consultation, kind=InviteeKind.EXPERT, expert=expert,
                               name=f"{expert.name}（{expert.get_field_display()}）", notified_at=now)
