"""The census demo's live part: a flood threat on the 郪江 at 桂花镇 reported two hours before the demo was loaded,
with a transfer under way (the first two in five households of each village marked, their people counted into
their shelters). It gives the commander's transfer page and the incident panel something current to show."""

from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone

from yingji.core.models import OutboxEvent, User
from yingji.demo.loader import upsert
from yingji.demo.townships import township
from yingji.incidents import services
from yingji.incidents.workflows import fire_incident
from yingji.resources.models import Shelter

from .choices import Mark, TransferState
from .models import Transfer, TransferMark

NAME = "桂花镇郪江漆家桥段洪水险情"


def load_live(zone) -> None:
    """`zone`: the danger zone the threat is in (the 郪江 flood area of 桂花镇)."""
    if Transfer.objects.filter(code="ZY-LIVE-105").exists():
        return
    incident = _incident(zone)
    transfer = upsert(Transfer, "ZY-LIVE-105", name=f"{NAME}避险转移", incident=incident,
                      region=zone.region, danger_zone=zone, started_at=incident.received_at + timedelta(minutes=20),
                      state=TransferState.ACTIVE, description="演示数据：进行中的避险转移")
    marks, seen = [], {}
    for household in transfer.households().order_by("region__code", "code"):
        index = seen[household.region_id] = seen.get(household.region_id, -1) + 1
        if index % 5 < 2:
            mark = Mark.REFUSED if index % 40 == 1 else Mark.TRANSFERRED
            marks.append(TransferMark(transfer=transfer, household=household, mark=mark, people=household.members,
                                      shelter_id=household.shelter_id if mark == Mark.TRANSFERRED else None,
                                      at=transfer.started_at + timedelta(minutes=10 + index % 60)))
    TransferMark.objects.bulk_create(marks, batch_size=2000)
    moved = TransferMark.objects.filter(transfer=transfer, mark=Mark.TRANSFERRED, shelter__isnull=False)
    for row in moved.values("shelter_id").annotate(people=Sum("people")):
        shelter = Shelter.objects.get(pk=row["shelter_id"])
        Shelter.objects.filter(pk=shelter.pk).update(occupancy=shelter.occupancy + row["people"])


def _incident(zone):
    now = timezone.now().replace(second=0, microsecond=0)
    last_event = OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    seat = township("桂花镇").seat
    incident = services.create_incident(actor=User.objects.get(username="duty"), is_demo=True, now=now, data={
        "type_code": "1.1.1", "name": NAME, "address": "桂花镇漆家桥村郪江沿岸",
        "lon": zone.lon or seat[0], "lat": zone.lat or seat[1],
        "occurred_at": now - timedelta(hours=2), "received_at": now - timedelta(hours=2) + timedelta(minutes=6),
        "statement": "郪江上游强降雨，漆家桥段水位快速上涨，预计2小时内漫堤，沿岸低洼处群众需立即转移。",
        "caller_name": "桂花镇防汛值班室", "reporter_org": "桂花镇人民政府"})
    # A transfer is under way, so the threat has been verified and responded to (as the incidents demo's recent
    # road accident): a live demo incident left at 新接报 with people being moved would read as a lapse.
    for event in ("verify", "respond"):
        fire_incident(incident, event, actor=User.objects.get(username="duty"), data={"now": now})
    # Loaded history is not news (as in the incidents demo): consumers must not act on the demo's own events.
    OutboxEvent.objects.filter(id__gt=last_event, kind__regex=r"^(incident|report)\.").delete()
    return incident
