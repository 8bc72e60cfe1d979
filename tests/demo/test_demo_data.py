"""The demonstration dataset reproduces the district's published facts (shared/DISTRICT.md)."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Sum

from yingji.core.models import Committee, CommitteeMember, Organization, Region, User
from yingji.core.roles import Role

pytestmark = pytest.mark.django_db


def test_regions_match_the_district():
    district = Region.objects.get(level=1)
    assert district.code == "510903000000" and district.name == "船山区"
    townships = Region.objects.filter(level=2)
    assert townships.count() == 24
    assert townships.filter(kind="街道").count() == 14
    assert townships.aggregate(total=Sum("population"))["total"] == 832_863
    assert set(townships.values_list("name", flat=True)) >= {"桂花镇", "龙凤镇", "唐家乡", "河沙镇", "南津路街道"}
    assert Region.objects.filter(level=3).count() == 117
    assert 550 < district.area_km2 < 680
    assert all(t.geometry_is_approximate and t.geometry for t in townships)


def test_village_populations_add_up_to_their_township():
    for township in Region.objects.filter(level=2):
        assert township.children.aggregate(total=Sum("population"))["total"] == township.population


def test_command_bodies_follow_the_plan():
    assert Committee.objects.filter(kind="safety_committee").count() == 11
    assert Committee.objects.filter(kind="headquarters").count() == 19
    assert Committee.objects.filter(kind="disaster_reduction").count() == 1
    flood = Committee.objects.get(name__contains="防汛抗旱")
    assert flood.lead_organization.short_name == "区水利局"
    posts = set(CommitteeMember.objects.filter(committee=flood).values_list("post", flat=True))
    assert {"commander", "deputy", "member"} <= posts
    assert Organization.objects.filter(kind="township").count() == 24


def test_one_demo_user_per_role():
    roles = set(User.objects.filter(is_demo=True).values_list("role", flat=True))
    assert roles == {r.value for r in Role}
    guihua = User.objects.get(username="township-guihua")
    assert guihua.region.name == "桂花镇" and guihua.organization.short_name == "桂花镇"
    assert User.objects.get(username="grid-guihua-01").region.parent.name == "桂花镇"


def test_everything_is_labelled_demo_and_reloading_changes_nothing():
    assert not Region.objects.filter(is_demo=False).exists()
    assert not Organization.objects.filter(is_demo=False).exists()
    counts = (Region.objects.count(), Organization.objects.count(), Committee.objects.count())
    call_command("load_demo", force=True, stdout=io.StringIO())  # as `yingji manage load_demo --force`
    assert (Region.objects.count(), Organization.objects.count(), Committee.objects.count()) == counts
