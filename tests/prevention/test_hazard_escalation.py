"""An overdue 重大 hazard escalates through a duty escalation chain once per deadline, on a driven clock: the periodic
hook starts the chain with an outbox event, a second run does nothing, a new deadline re-arms it, and a hazard closed
meanwhile stops the chain before its next step."""

import datetime as dt

import pytest
from django.db.models import F

from yingji.channels.models import Channel
from yingji.core import extensions as ext
from yingji.core.events import dispatch_pending
from yingji.core.models import OutboxEvent, Person
from yingji.duty.chains import save_chain
from yingji.duty.escalation import run_escalations
from yingji.duty.models import Escalation
from yingji.prevention.escalation import EVENT, escalate_overdue
from yingji.prevention.models import Enterprise, Hazard

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def chain(regions, users):
    """A chain configured as on duty's chain page: 触发事件 prevention.hazard_overdue, two steps an hour apart."""
    Hazard.objects.update(escalated_for=F("deadline"))  # the demo's overdue hazards are not these tests' business
    person = Person.objects.filter(code__startswith="P-EMB-").order_by("code").first()
    inapp = Channel.objects.get(code="DUTY-INAPP")
    return save_chain(actor=users["commander"], code="ESC-HAZARD", name="重大隐患逾期升级",
                      region=regions["district"], event_kind=EVENT,
                      steps=[{"target": "person", "person": person, "channel": inapp, "wait_minutes": 0},
                             {"target": "person", "person": person, "channel": inapp, "wait_minutes": 60}])


def _hazard(grade="major", deadline=TODAY - dt.timedelta(days=1), state="rectifying"):
    own = Enterprise.objects.get(code="QY-HX-01")
    return Hazard.objects.create(name="液氯储罐区防火堤破损", enterprise=own, region=own.region, grade=grade,
                                 state=state, deadline=deadline)


def _escalations(hazard):
    return Escalation.objects.filter(source_id=str(hazard.uuid))


def test_the_hook_is_registered():
    assert ext.PERIODIC_HOOKS.get("prevention.hazard_escalation").run is escalate_overdue


def test_an_overdue_major_hazard_escalates_once(chain):
    overdue = _hazard()
    _hazard(grade="general")  # overdue too, but not 重大
    _hazard(deadline=TODAY)  # due today: not yet overdue
    _hazard(state="closed")
    assert escalate_overdue(TODAY) == 1
    escalation = _escalations(overdue).get()
    assert escalation.chain == chain and escalation.event_kind == EVENT and overdue.code in escalation.title
    assert escalation.fires.count() == 2
    assert OutboxEvent.objects.filter(kind=EVENT, aggregate_id=str(overdue.uuid)).count() == 1
    dispatch_pending()  # duty's consumer gets the event too: the same chain and event start nothing new
    assert escalate_overdue(TODAY) == 0
    assert _escalations(overdue).count() == 1
    overdue.refresh_from_db()
    assert overdue.escalated_for == overdue.deadline


def test_a_new_deadline_rearms_the_escalation(chain):
    hazard = _hazard()
    assert escalate_overdue(TODAY) == 1
    Hazard.objects.filter(pk=hazard.pk).update(deadline=TODAY + dt.timedelta(days=10))
    assert escalate_overdue(TODAY + dt.timedelta(days=10)) == 0  # due that day, not overdue yet
    assert escalate_overdue(TODAY + dt.timedelta(days=11)) == 1
    assert escalate_overdue(TODAY + dt.timedelta(days=12)) == 0
    assert _escalations(hazard).count() == 2


def test_a_hazard_closed_meanwhile_stops_its_chain(chain):
    hazard = _hazard()
    escalate_overdue(TODAY)
    escalation = _escalations(hazard).get()
    start = escalation.started_at
    run_escalations(now=start + dt.timedelta(minutes=1))
    assert escalation.fires.filter(status="fired").count() == 1
    Hazard.objects.filter(pk=hazard.pk).update(state="closed")
    run_escalations(now=start + dt.timedelta(minutes=61))
    escalation.refresh_from_db()
    assert escalation.status == "acknowledged" and escalation.fires.filter(status="fired").count() == 1
