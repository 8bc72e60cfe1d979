"""The loop risk → hazard → incident → review → new hazard in the demonstration data (called by the prevention
loader, order 70, after the incidents' demo, order 30), through the same services a user's steps take:

- 南津路街道: a grid worker's hazard in a residential building (楼道堆物、私拉电线为电动自行车充电), ordered and left
  overdue; the demo's residential fire there is linked to it (关联事件), so the incident page lists the hazard
  and its history, and the hazard page names the incident.
- The 2020 rainstorm's review: its item 为沿江乡镇补充排涝泵车和冲锋舟 became a hazard (事故复盘, 转为隐患) that went
  through the whole loop and was closed (销号) in December 2020, which completed the item (已完成); the review's
  other item still offers 转为隐患.

A second load keeps what the first wrote. The outbox events of these historical steps are removed (as the incidents'
demo does): loaded history is not news."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from yingji.core.models import OutboxEvent, Region, User
from yingji.demo import townships as places

from .choices import HazardSource, HazardState
from .models import Hazard
from .workflows import fire_hazard, hazard_from_review_item, link_incident

FIRE_HAZARD = "YH-SG-01"
FIRE_INCIDENT = "南津路街道居民楼住宅火灾"
REVIEW_ITEM = "为沿江乡镇补充排涝泵车和冲锋舟"


def _at(day: date, hour: int = 10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _drive(hazard, actor, steps) -> Hazard:
    """Steps (event, day, extra data) as of their day: the deadline rule and the history read that day."""
    for event, day, extra in steps:
        hazard = fire_hazard(hazard, event, actor=actor, data={"today": day, "now": _at(day), **extra})
    return hazard


def load_loop(progress=print) -> None:
    from yingji.incidents.models import Incident, RectificationItem

    commander = User.objects.filter(username="commander").first()
    if commander is None:
        return
    progress("载入双重预防：隐患与事件、评估整改事项的关联……")
    last_event = OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    incident = Incident.objects.filter(name=FIRE_INCIDENT, is_demo=True).first()
    if incident is not None and not Hazard.objects.filter(code=FIRE_HAZARD).exists():
        _fire_hazard(incident, commander)
    item = RectificationItem.objects.filter(content=REVIEW_ITEM, review__incident__is_demo=True).first()
    if item is not None and not Hazard.objects.filter(review_item=item).exists():
        _review_hazard(item, commander)
    OutboxEvent.objects.filter(id__gt=last_event, kind__startswith="hazard.").delete()


def _fire_hazard(incident, actor) -> None:
    today = timezone.localdate()
    found = today - timedelta(days=40)
    region = Region.objects.get(code=places.township("南津路街道").code)
    grid = User.objects.filter(role="grid_worker", is_demo=True).order_by("username").first()
    hazard = Hazard.objects.create(
        code=FIRE_HAZARD, name="南津路某小区5栋楼道堆放杂物、私拉电线为电动自行车充电", source=HazardSource.GRID,
        description="网格员巡查发现：5栋3楼、4楼楼道堆放纸箱杂物，住户从窗口私拉电线为电动自行车充电，堵塞疏散通道。",
        found_on=found, region=region, lon=incident.lon, lat=incident.lat, is_demo=True,
        created_by=grid or actor, updated_by=actor)
    Hazard.objects.filter(pk=hazard.pk).update(created=_at(found, 9))
    hazard.refresh_from_db()
    hazard = _drive(hazard, actor, [
        ("verify", found + timedelta(days=1), {}),
        ("order", found + timedelta(days=2), {"deadline": found + timedelta(days=30)}),
    ])
    link_incident(hazard, incident, actor=actor)


def _review_hazard(item, actor) -> None:
    hazard = hazard_from_review_item(item, actor=actor)
    filed = date(2020, 8, 25)
    Hazard.objects.filter(pk=hazard.pk).update(created=_at(filed, 9), found_on=filed, is_demo=True)
    hazard.steps.update(at=_at(filed, 9))
    hazard.refresh_from_db()
    if hazard.state != HazardState.REPORTED:
        return
    _drive(hazard, actor, [
        ("verify", date(2020, 8, 26), {}),
        ("order", date(2020, 8, 27), {"deadline": date(2020, 12, 31)}),
        ("start", date(2020, 9, 1), {}),
        ("apply", date(2020, 12, 10), {"note": "已为沿江8个乡镇配备排涝泵车4台、冲锋舟6艘"}),
        ("recheck", date(2020, 12, 15), {}),
        ("close", date(2020, 12, 18), {}),
    ])
