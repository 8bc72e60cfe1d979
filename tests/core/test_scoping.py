"""Jurisdiction: a user sees and edits only their region's subtree."""

import pytest

from yingji.core.models import Person, Region

pytestmark = pytest.mark.django_db


def _person_in(township_region, code):
    org = township_region.children.first()
    from yingji.core.models import Organization

    organization = Organization.objects.filter(region=township_region).first()
    assert org is not None and organization is not None
    return Person.objects.create(
        code=code, name="测试联系人", organization=organization, region=township_region, mobile="13900001111"
    )


def test_township_officer_cannot_read_or_change_another_townships_records(api, users, regions):
    mine = _person_in(regions["guihua"], "P-MINE")
    theirs = _person_in(regions["longfeng"], "P-THEIRS")
    client = api(users["township-guihua"])
    listed = {row["code"] for row in client.get("/api/core/people/", {"page_size": 1000}).json()["results"]}
    assert "P-MINE" in listed and "P-THEIRS" not in listed
    assert client.get(f"/api/core/people/{theirs.uuid}/").status_code == 404
    assert client.patch(f"/api/core/people/{theirs.uuid}/", {"name": "x"}, format="json").status_code == 404
    assert client.delete(f"/api/core/people/{theirs.uuid}/").status_code == 404
    assert client.patch(f"/api/core/people/{mine.uuid}/", {"name": "改名"}, format="json").status_code == 200


def test_township_officer_cannot_move_a_record_into_another_township(api, users, regions):
    mine = _person_in(regions["guihua"], "P-MOVE")
    response = api(users["township-guihua"]).patch(
        f"/api/core/people/{mine.uuid}/", {"region": regions["longfeng"].code}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "outside_jurisdiction"
    mine.refresh_from_db()
    assert mine.region == regions["guihua"]


def test_township_officer_cannot_create_in_another_township(api, users, regions):
    from yingji.core.models import Organization

    organization = Organization.objects.filter(region=regions["longfeng"]).first()
    response = api(users["township-guihua"]).post(
        "/api/core/people/",
        {"name": "越权", "organization": organization.code, "region": regions["longfeng"].code},
        format="json",
    )
    assert response.status_code == 403 and not Person.objects.filter(name="越权").exists()


def test_pages_are_scoped_too(client, users, regions):
    theirs = _person_in(regions["longfeng"], "P-PAGE")
    client.force_login(users["township-guihua"])
    assert client.get(f"/r/core/people/{theirs.uuid}/").status_code == 404
    assert "P-PAGE" not in client.get("/r/core/people/", {"q": "测试联系人"}).content.decode()


def test_region_api_subtree_and_levels(api, users, regions):
    district = api(users["duty"]).get("/api/core/regions/", {"level": 2, "page_size": 100}).json()
    assert district["count"] == 24
    township = api(users["township-guihua"]).get("/api/core/regions/", {"page_size": 100}).json()
    codes = {row["code"] for row in township["results"]}
    assert regions["guihua"].code in codes and regions["longfeng"].code not in codes
    assert all(code.startswith(regions["guihua"].code[:9]) for code in codes)
    within = api(users["duty"]).get("/api/core/regions/", {"within": regions["guihua"].code}).json()
    assert within["count"] == township["count"]


def test_region_ancestors_and_containment(regions):
    village = regions["guihua"].children.order_by("code").first()
    assert [r.code for r in village.ancestors()] == [regions["district"].code, regions["guihua"].code]
    assert regions["district"].contains(village) and not regions["longfeng"].contains(village)
    assert village.full_name.startswith("船山区桂花镇")
    assert Region.objects.subtree(regions["guihua"]).count() == regions["guihua"].children.count() + 1


def test_contact_phones_are_masked_unless_the_role_needs_them(api, users, regions):
    person = _person_in(regions["guihua"], "P-PHONE")
    full = api(users["duty"]).get(f"/api/core/people/{person.uuid}/").json()["mobile"]
    masked = api(users["observer"]).get(f"/api/core/people/{person.uuid}/").json()["mobile"]
    assert full == "13900001111" and masked == "139****1111"


def test_what_is_shared_beyond_a_subtree_is_declared_on_the_model():
    """Every deliberate exception to "own subtree only", read from the models: changing this list is a decision."""
    from django.apps import apps

    from yingji.core.scoping import PICK, READ, REQUEST

    declared = {m._meta.label: set(m.jurisdiction_shared) for m in apps.get_models()
                if getattr(m, "jurisdiction_shared", None)}
    district_lists = {PICK, READ}  # kept by the district, read and used by every township (and enterprise)
    assert declared == {"resources.Material": {PICK}, "duty.ShiftPattern": {PICK}, "resources.Depot": {REQUEST},
                        "resources.RescueTeam": {REQUEST}, "alerts.Warning": {READ},
                        "prevention.HazardCriterion": district_lists, "prevention.CheckList": district_lists,
                        "prevention.CheckItem": district_lists, "community.Question": district_lists,
                        "community.ExamPaper": district_lists, "community.Course": district_lists,
                        "community.TrainingClass": district_lists,
                        "community.KnowledgeSurvey": district_lists,  # the district's surveys, in every township
                        "indicators.IndicatorValue": {READ},  # the plan's figures are the whole district's
                        "indicators.IndicatorOwner": {READ},  # so is who answers for each of them (责任部门)
                        "census.RiskAssessment": {READ},  # the published zoning covers every township
                        "plans.Plan": {PICK},  # a township's drill may exercise the district's plan
                        # the district's consultations, with their invitees and decisions, to the townships asked
                        "consultation.Consultation": district_lists, "consultation.Invitee": district_lists,
                        "consultation.Decision": district_lists, "consultation.RoomTemplate": {PICK},
                        "services.ExamSession": district_lists}  # the district's exam sessions, to every enterprise


def test_a_township_picks_from_the_districts_catalogue_but_does_not_own_it(users):
    from yingji.core.scoping import PICK, REQUEST, scope_to_user
    from yingji.resources.models import Depot, Material

    officer = users["township-guihua"]
    assert scope_to_user(Material.objects.all(), officer, PICK).count() == Material.objects.count() > 0
    assert not scope_to_user(Material.objects.all(), officer).exists()  # the registry list: the district's
    requestable = set(scope_to_user(Depot.objects.all(), officer, REQUEST).values_list("code", flat=True))
    assert {"DEP-D01", "DEP-T105"} <= requestable and "DEP-T100" not in requestable  # not 龙凤镇's station
    assert "DEP-D01" not in set(scope_to_user(Depot.objects.all(), officer, PICK).values_list("code", flat=True))


def test_a_model_without_a_place_must_declare_its_reach(users):
    from django.core.exceptions import ImproperlyConfigured

    from yingji.channels.models import Channel
    from yingji.core.scoping import scope_to_user

    with pytest.raises(ImproperlyConfigured, match=r"channels\.Channel"):
        scope_to_user(Channel.objects.all(), users["township-guihua"])


def test_a_record_without_a_region_belongs_to_the_whole_platform(users):
    from django.utils import timezone

    from yingji.core.scoping import scope_to_user
    from yingji.duty.models import Escalation, EscalationChain

    platform = Escalation.objects.create(key="test:none", chain=EscalationChain.objects.first(), event_kind="x",
                                         source_id="x", region=None, title="无区域", started_at=timezone.now())
    assert scope_to_user(Escalation.objects.filter(pk=platform.pk), users["duty"]).exists()
    assert not scope_to_user(Escalation.objects.filter(pk=platform.pk), users["township-guihua"]).exists()


def test_helpers_called_without_a_user_scope_to_whoever_is_acting(users, rf):
    from django.contrib.auth.models import AnonymousUser

    from yingji.core.context import acting
    from yingji.core.scoping import scope_for

    people = Person.objects.all()
    assert scope_for(people).count() == people.count()  # a shell or a job acts for the platform
    with acting(user=users["township-guihua"]):
        assert 0 < scope_for(people).count() < people.count()
    request = rf.get("/")
    request.user = AnonymousUser()
    with acting(request=request):
        assert not scope_for(people).exists()
