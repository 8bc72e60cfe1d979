"""1.4 重点行业领域企业安全标准化建设率 (prevention), 2.6 中心村应急物资储备点达标率 and 3.4 乡镇、村（社区）
救援队伍装备配备率 (resources) on fixed data, as the indicators page reads them (a township officer's reach:
their township's enterprises, points and teams)."""

import pytest

from yingji.indicators.catalogue import BY_CODE
from yingji.indicators.status import evaluate
from yingji.resources.choices import TEAM_KITS, DepotLevel, EquipmentCondition
from yingji.resources.models import Depot, Equipment, Material, RescueTeam, StockBatch, StockMinimum

pytestmark = pytest.mark.django_db


def _row(code, user):
    return evaluate(BY_CODE[code], user)


def test_team_equipment_is_the_share_of_teams_carrying_their_whole_kit(users, regions):
    officer = users["township-guihua"]
    teams = list(RescueTeam.objects.filter(team_type__in=list(TEAM_KITS),
                                           region__path__startswith=regions["guihua"].path))
    assert teams, "the demo has township teams and village squads in 桂花镇"
    Equipment.objects.filter(team__in=teams).update(condition=EquipmentCondition.SCRAPPED)
    assert (_row("3.4", officer)["value"], _row("3.4", officer)["status"]) == (0.0, "not_met")
    for team in teams:
        for kind in TEAM_KITS[team.team_type]:
            Equipment.objects.create(name=f"{team.name}{kind}", region=team.region, kind=kind, team=team,
                                     condition=EquipmentCondition.READY)
    row = _row("3.4", officer)
    assert (row["value"], row["status_label"]) == (100.0, "达标")
    Equipment.objects.filter(team=teams[0], condition=EquipmentCondition.READY).first().delete()  # one piece short
    assert _row("3.4", officer)["value"] == round(100 * (len(teams) - 1) / len(teams), 1)


def test_central_village_points_count_when_stocked_to_every_minimum(users, regions):
    officer = users["township-guihua"]
    points = list(Depot.objects.filter(level=DepotLevel.CENTRAL_VILLAGE,
                                       region__path__startswith=regions["guihua"].path).order_by("code"))
    assert points, "the demo has central-village points in 桂花镇"
    material = Material.objects.order_by("code").first()
    StockMinimum.objects.filter(depot__in=points).delete()
    StockBatch.objects.filter(depot__in=points).update(quantity=0, reserved=0)
    assert (_row("2.6", officer)["value"], _row("2.6", officer)["status"]) == (0.0, "not_met")
    for point in points:
        StockBatch.objects.create(depot=point, material=material, batch_no=f"T-{point.code}", quantity=5)
    assert (_row("2.6", officer)["value"], _row("2.6", officer)["status_label"]) == (100.0, "达标")
    StockMinimum.objects.create(name="最低库存", region=points[0].region, depot=points[0], material=material,
                                minimum=50)  # holds 5 of at least 50
    assert _row("2.6", officer)["value"] == round(100 * (len(points) - 1) / len(points), 1)


def test_standardisation_is_the_share_of_key_enterprises_with_a_valid_certificate(users, regions):
    """1.4 (prevention): operating key-sector enterprises in reach holding a certificate not yet expired."""
    from datetime import timedelta

    from django.utils import timezone

    from yingji.prevention.choices import KEY_SECTORS, StandardLevel
    from yingji.prevention.models import Enterprise

    officer, today = users["township-guihua"], timezone.localdate()
    key = Enterprise.objects.filter(category__in=KEY_SECTORS, place_type="enterprise", status="active",
                                    region__path__startswith=regions["guihua"].path).order_by("code")
    count = key.count()
    assert count >= 2, "the demo has key-sector enterprises in 桂花镇"
    key.update(standard_level=StandardLevel.LEVEL_3, certificate_expiry=today + timedelta(days=365))
    assert (_row("1.4", officer)["value"], _row("1.4", officer)["status_label"]) == (100.0, "达标")
    first, second = key[0], key[1]
    Enterprise.objects.filter(pk=first.pk).update(certificate_expiry=today - timedelta(days=1))  # expired
    Enterprise.objects.filter(pk=second.pk).update(standard_level=StandardLevel.NONE)
    row = _row("1.4", officer)
    assert (row["value"], row["status"]) == (round(100 * (count - 2) / count, 1), "not_met")
