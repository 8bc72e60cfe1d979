"""Maps of the enforcement app: the targets layer shows this year's penalised targets in their own colour (未检查 /
未发现问题 / 发现问题 / 已处罚); the layer 行政处罚对象（本年） lists the targets with a case this year, each with its
cases; an inspector's own map (page and one-map layer 我的检查任务) shows their tasks only — to inspect, with a link
to the on-site form, or inspected this year — at the position recorded on site or else at the target."""

import pytest
from django.test import Client
from django.urls import reverse

from yingji.core.extensions import MAP_LAYERS
from yingji.enforcement.layers import CLEAN, FOUND, HANDLING, PENALISED, TO_INSPECT
from yingji.enforcement.models import InspectionTask, Inspector, PenaltyCase, Target

pytestmark = pytest.mark.django_db


def _features(api, user, slug):
    response = api(user).get(f"/api/onemap/layers/{slug}/")
    assert response.status_code == 200, response.content
    return {f["properties"]["code"]: f["properties"] for f in response.json()["features"]}


def _case(api, user, target, *, decide):
    response = api(user).post("/api/enforcement/cases/", {
        "name": "未按规定配备消防器材案", "region": target.region.code, "target": target.code, "party_type": "unit",
        "penalty_kind": "fine", "amount": "20000", "facts": "灭火器过期未更换"}, format="json")
    assert response.status_code == 201, response.content
    case = PenaltyCase.objects.get(uuid=response.json()["uuid"])
    for event in ("investigate", "review", "notify", "decide") if decide else ():
        if event == "decide":
            api(user).post(f"/api/enforcement/cases/{case.uuid}/rights/", {"kind": "statement_waived"}, format="json")
        assert api(user).post(f"/api/enforcement/cases/{case.uuid}/transitions/", {"event": event},
                              format="json").status_code == 200
    return case


def test_penalised_targets_have_their_own_colour_and_layer(api, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    boss = users["commander"]
    without = Target.objects.filter(lon__isnull=False).exclude(
        pk__in=PenaltyCase.objects.values("target")).order_by("code")
    penalised, handled = without[0], without[1]
    decided = _case(api, boss, penalised, decide=True)
    _case(api, boss, handled, decide=False)
    targets = _features(api, boss, "enforcement-targets")
    assert targets[penalised.code]["color"] == PENALISED and "本年已行政处罚" in targets[penalised.code]["lines"]
    assert targets[handled.code]["color"] != PENALISED, "filed, not yet decided: not penalised"
    assert [c for c, _label in MAP_LAYERS.get("enforcement-targets").legend][-1] == PENALISED
    cases = _features(api, boss, "enforcement-penalised")
    row = cases[penalised.code]
    assert row["color"] == PENALISED
    assert any(decided.code in line and "罚款20,000.00元" in line for line in row["lines"])
    url = reverse("registry:enforcement-cases-detail", kwargs={"uuid": decided.uuid})
    assert [decided.code, url] in row["links"]
    assert cases[handled.code]["color"] == HANDLING and "行政处罚办案中" in cases[handled.code]["lines"]
    with_cases = set(PenaltyCase.objects.values_list("target__code", flat=True))
    assert set(cases) <= with_cases and without[2].code not in cases
    outside = _features(api, users["township-guihua"], "enforcement-penalised")
    assert set(outside) <= set(cases)


def test_an_inspectors_map_shows_their_own_tasks_only(api, users):
    inspector = users["inspector"]
    me = Inspector.objects.get(user=inspector)
    other = Inspector.objects.filter(code__in=["ZFRY-002", "ZFRY-004"]).exclude(pk=me.pk).first()
    target = Target.objects.filter(lon__isnull=False).order_by("code").first()
    mine = InspectionTask.objects.create(name="投诉核查：地图", target=target, source="complaint", lead_inspector=other,
                                         second_inspector=me, region=target.region)
    theirs = InspectionTask.objects.create(name="别人的任务：地图", target=target, source="complaint",
                                           lead_inspector=other, region=target.region,
                                           second_inspector=Inspector.objects.get(code="ZFRY-005"))
    features = _features(api, inspector, "enforcement-my-tasks")
    assert mine.code in features and theirs.code not in features
    own = InspectionTask.objects.filter(lead_inspector=me) | InspectionTask.objects.filter(second_inspector=me)
    assert set(features) <= set(own.values_list("code", flat=True))
    row = features[mine.code]
    assert row["color"] == TO_INSPECT and row["name"] == target.name
    assert row["links"][0] == ["现场检查", reverse("enforcement:onsite", kwargs={"uuid": mine.uuid})]
    client = Client()
    client.force_login(inspector)
    page = client.get(reverse("enforcement:my-map"))
    html = page.content.decode()
    assert page.status_code == 200 and 'id="my-task-map"' in html and "enforcement/my-map.js" in html
    assert f'data-lon="{target.lon:f}" data-lat="{target.lat:f}"' in html and mine.code in html
    assert theirs.code not in html
    assert reverse("enforcement:my-map") in client.get(reverse("enforcement:my-calendar")).content.decode()


def test_a_task_inspected_on_site_is_drawn_where_it_was_inspected(api, users):
    boss = users["commander"]
    done = InspectionTask.objects.filter(state="done", is_demo=True).order_by("-inspected_on").first()
    InspectionTask.objects.filter(pk=done.pk).update(lon=105.61, lat=30.52)
    features = {f["properties"]["code"]: f for f in api(boss).get(
        "/api/onemap/layers/enforcement-my-tasks/").json()["features"]}
    feature = features[done.code]
    assert feature["geometry"]["coordinates"] == [105.61, 30.52]
    assert feature["properties"]["color"] in (CLEAN, FOUND)
