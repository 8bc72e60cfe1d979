"""The community demo: about 300 volunteers (most approved, some pending), the three-level officer roster, courses
and classes, a bank of at least 100 valid questions over the four topics, past exams, education activities of all
五进 kinds. The bulk-created rows pass the models' own checks."""

import pytest

from yingji.community.choices import Venue
from yingji.community.models import (
    EducationActivity,
    ExamAttempt,
    InfoOfficer,
    Question,
    TrainingClass,
    TrainingRecord,
    Volunteer,
)
from yingji.core.models import Region, RegionLevel

pytestmark = pytest.mark.django_db


def test_demo_facts():
    assert Volunteer.objects.filter(is_demo=True).count() == 300
    assert Volunteer.objects.filter(review_state="pending").count() >= 20
    assert set(InfoOfficer.objects.values_list("level", flat=True)) == {"district", "township", "village", "grid"}
    assert InfoOfficer.objects.filter(level="township").count() == Region.objects.townships().count()
    assert InfoOfficer.objects.filter(level="village").count() == Region.objects.filter(
        level=RegionLevel.VILLAGE).count()
    assert InfoOfficer.objects.filter(user__username="grid-guihua-01").exists()
    assert TrainingClass.objects.count() >= 8 and TrainingRecord.objects.filter(team_member__isnull=False).exists()
    assert Question.objects.count() >= 100
    assert {t for q in Question.objects.all() for t in q.tag_list()} >= {"防汛", "地灾", "消防", "危化品"}
    assert ExamAttempt.objects.filter(submitted_at__isnull=False, passed=True).exists()
    assert set(EducationActivity.objects.values_list("venue", flat=True)) == set(Venue.values)


@pytest.mark.parametrize("model", [Volunteer, InfoOfficer, Question, TrainingRecord, EducationActivity])
def test_bulk_created_rows_pass_the_model_checks(model):
    for record in model.objects.filter(is_demo=True).order_by("code")[:400]:
        record.full_clean()
