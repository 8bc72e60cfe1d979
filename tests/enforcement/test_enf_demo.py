"""The enforcement demo (issue 17): the year's five draws with ~40 inspections in every state — published on time,
late, waiting, overdue; with 责令限期整改 orders re-checked or running — and ten penalty cases across the steps with
statements and a noticed hearing (no 文书 files: the test template keeps no media)."""

import pytest
from django.utils import timezone

from yingji.enforcement import publication
from yingji.enforcement.cases import case_clocks
from yingji.enforcement.models import Draw, InspectionTask, PenaltyCase, RectificationOrder, RightsRecord

pytestmark = pytest.mark.django_db


def test_the_years_draws_carry_about_forty_inspections_in_every_publication_state():
    draws = Draw.objects.filter(is_demo=True)
    assert draws.count() == 5 and {d.drawn_at.year for d in draws} == {timezone.localdate().year}
    done = InspectionTask.objects.filter(is_demo=True, state="done")
    assert 35 <= done.count() <= 45 and InspectionTask.objects.filter(is_demo=True, state="assigned").exists()
    clocks = [publication.clock(t) for t in publication.awaiting()]
    assert [c.state for c in clocks].count("overdue") == 1 and "running" in {c.state for c in clocks}
    published = done.filter(published_on__isnull=False)
    late = [t for t in published if t.published_on > publication.deadline(t)]
    assert published.count() >= 25 and late and len(late) < published.count()


def test_orders_and_cases_are_in_every_step_with_their_documents():
    assert set(RectificationOrder.objects.filter(is_demo=True).values_list("state", flat=True)) == {
        "ordered", "passed", "failed"}
    demo = PenaltyCase.objects.filter(is_demo=True)
    states = set(demo.values_list("state", flat=True))
    assert demo.count() == 10 and states == {"filed", "investigating", "reviewing", "legal_reviewed", "notified",
                                             "decided", "served", "executed", "closed"}
    assert demo.filter(notified_on__isnull=False).count() == 6 and demo.filter(decided_on__isnull=False).count() == 4
    assert RightsRecord.objects.filter(case__is_demo=True, kind="statement").exists()
    hearing = demo.get(rights__kind="hearing_notice")
    assert hearing.state == "notified" and hearing.hearing_right
    assert any("举行听证" in c.what for c in case_clocks(hearing))
    open_statement = [c for c in demo.filter(state="notified") if any("陈述申辩" in k.what for k in case_clocks(c))]
    assert open_statement, "a case notified days ago still has its 陈述申辩 period running"
