"""Training: a record's validity follows its class and course; the indicator 3.3 (应急救援人员受专业培训率) counts
team members with a valid record over all team members; officers' regions match their level."""

from datetime import date

import pytest
from django.utils import timezone

from yingji.community.indicators import training_rate
from yingji.community.models import Course, TrainingClass, TrainingRecord
from yingji.community.registrations import OFFICERS, TRAINING_RECORDS
from yingji.core import extensions as ext
from yingji.core.models import Region
from yingji.core.services import save_record
from yingji.resources.models import RescueTeam, TeamMember

pytestmark = pytest.mark.django_db


def _klass(district, ends_on, months=24):
    course = Course.objects.create(code="KC-T", name="测试课程", validity_months=months, region=district)
    return TrainingClass.objects.create(code="PXB-T", name="测试班", course=course, starts_on=ends_on,
                                        ends_on=ends_on, region=district)


def test_training_rate_on_fixed_data(users, regions):
    district = regions["district"]
    TrainingRecord.objects.all().delete()
    TeamMember.objects.all().delete()
    team = RescueTeam.objects.order_by("code").first()
    members = [TeamMember.objects.create(code=f"TM-T{n}", name=f"队员{n}", team=team, region=team.region)
               for n in range(4)]
    valid = _klass(district, timezone.localdate())
    for n, member in enumerate(members[:3]):
        save_record(TRAINING_RECORDS, actor=None, data={
            "name": member.name, "training_class": valid, "kind": "team_member", "team_member": member,
            "attended": n != 2, "hours": 8, "region": district})
    figures = training_rate(users["commander"])
    assert figures == {"total": 4, "trained": 2, "percent": 50.0}
    indicator = next(i for i in ext.INDICATORS if i.code == "3.3")
    assert indicator.compute(users["commander"])["value"] == 50.0


def test_an_expired_record_does_not_count(users, regions):
    record = TrainingRecord.objects.filter(team_member__isnull=False).first()
    assert record.valid_until is not None
    assert training_rate(users["commander"], today=date(2100, 1, 1))["trained"] == 0


def test_team_member_trainee_needs_the_member(api, users):
    klass = TrainingClass.objects.order_by("code").first()
    response = api(users["commander"]).post("/api/community/training-records/", {
        "name": "张三", "training_class": klass.code, "kind": "team_member", "region": users["commander"].region.code,
    }, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "team_member_required"


def test_officer_level_must_match_the_region(users):
    township = Region.objects.get(name="桂花镇")
    with pytest.raises(Exception) as caught:
        save_record(OFFICERS, actor=None, data={"name": "李", "level": "village", "phone": "13900000000",
                                                "region": township})
    assert "level_region_mismatch" in str(caught.value.error_dict["region"][0].code)
