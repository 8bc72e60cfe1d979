"""A team's readiness is changed through one service: validated, audited, refused for outsiders."""

import pytest

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.models import AuditEntry
from yingji.resources.models import RescueTeam
from yingji.resources.readiness import set_readiness

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return RescueTeam.objects.get(code="TEAM-S001")


def test_a_commander_sets_readiness_and_the_change_is_audited(users, team):
    before = AuditEntry.objects.filter(model="resources.RescueTeam", object_id=str(team.pk)).count()
    set_readiness(actor=users["commander"], team=team, readiness="resting")
    team.refresh_from_db()
    entries = AuditEntry.objects.filter(model="resources.RescueTeam", object_id=str(team.pk)).order_by("id")
    assert team.readiness == "resting" and entries.count() == before + 1
    assert '"resting"' in entries.last().after and '"resting"' not in entries.last().before


def test_an_unknown_readiness_is_refused_and_nothing_changes(users, team):
    with pytest.raises(DomainError) as refused:
        set_readiness(actor=users["commander"], team=team, readiness="asleep")
    assert refused.value.code == "invalid_readiness" and "asleep" in refused.value.message
    team.refresh_from_db()
    assert team.readiness == "standby"


def test_people_without_the_permission_cannot_change_readiness(users, team):
    with pytest.raises(PermissionDeniedError):
        set_readiness(actor=users["liaison-water"], team=team, readiness="inactive")
    team.refresh_from_db()
    assert team.readiness == "standby"


def test_a_township_officer_cannot_change_a_team_outside_the_township(users, team):
    if team.region.path.startswith(users["township-guihua"].region.path):
        pytest.skip("the demo team lies in 桂花镇")
    with pytest.raises(PermissionDeniedError):
        set_readiness(actor=users["township-guihua"], team=team, readiness="inactive")
    team.refresh_from_db()
    assert team.readiness == "standby"


def test_a_dispatch_order_may_change_a_team_outside_the_dispatchers_jurisdiction(users, team):
    set_readiness(actor=users["township-guihua"], team=team, readiness="on_mission", by_order=True)
    team.refresh_from_db()
    assert team.readiness == "on_mission"
