"""The structured plan editor page: it offers the real choices, writes a draft (never the published
version), publishes on request, and sends every problem back next to its field, with nothing saved."""

import copy
import json
import re

import pytest

from yingji.plans.models import Plan, PlanVersion
from yingji.resources.choices import SPECIALITIES


def _data(page: str, element_id: str):
    found = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


@pytest.fixture
def editor(client, users, flood_plan):
    client.force_login(users["commander"])
    return client, f"/plans/{flood_plan.plan.uuid}/edit/"


def test_the_editor_offers_the_content_and_the_choices(editor, flood_plan):
    client, url = editor
    page = client.get(url).content.decode()
    assert 'id="plan-editor"' in page and f"基于第{flood_plan.number}版（已发布）" in page
    assert _data(page, "plan-content") == flood_plan.content
    options = _data(page, "plan-options")
    assert ["commander", "指挥长/带班领导"] in options["roles"]
    assert options["levels"][0] == ["response_4", "Ⅳ级应急响应"]
    assert any(code == "ORG-FIRE" for code, _name in options["organizations"])
    assert any(code == "3010101" and "编织袋" in name for code, name in options["materials"])
    assert "rainfall_mm" in dict(options["figures"]) and options["township"][0] == "@township"
    assert ["水域", "水域"] in options["specialities"] and len(options["specialities"]) == len(SPECIALITIES)


def test_saving_makes_a_draft_and_the_published_version_stays(editor, flood_plan):
    client, url = editor
    content = copy.deepcopy(flood_plan.content)
    content["levels"][0]["tasks"][1]["deadline_minutes"] = 45
    reply = client.post(url, {"content": json.dumps(content), "note": "缩短巡查时限"})
    assert reply.status_code == 200 and f"草稿已保存（第{flood_plan.number + 1}版）" in reply.content.decode()
    draft = PlanVersion.objects.get(plan=flood_plan.plan, status="draft")
    assert draft.content["levels"][0]["tasks"][1]["deadline_minutes"] == 45 and draft.note == "缩短巡查时限"
    flood_plan.refresh_from_db()
    assert flood_plan.content["levels"][0]["tasks"][1]["deadline_minutes"] == 60
    reply = client.post(url, {"content": json.dumps(content), "publish": "1"})
    assert f"已发布第{draft.number}版" in reply.content.decode()
    assert flood_plan.plan.current_version().number == draft.number
    assert PlanVersion.objects.filter(plan=flood_plan.plan, status="draft").count() == 0


def test_every_problem_is_shown_by_its_field_and_nothing_is_saved(editor, flood_plan):
    client, url = editor
    content = copy.deepcopy(flood_plan.content)
    content["levels"][0]["tasks"][1]["deadline_minutes"] = 0
    content["groups"][0]["lead"] = "ORG-NOPE"
    content["levels"][1]["criteria"]["thresholds"]["rainfall_mm"] = -5
    content["levels"][0]["approvers"] = []
    reply = client.post(url, {"content": json.dumps(content)})
    page = reply.content.decode()
    assert reply.status_code == 400 and "另有 3 处问题" in page
    errors = _data(page, "plan-errors")
    assert "时限必须是正整数分钟" in errors["levels.0.tasks.1.deadline_minutes"][0]
    assert "ORG-NOPE" in errors["groups.0.lead"][0]
    assert "过程降雨量" in errors["levels.1.criteria.thresholds.rainfall_mm"][0]
    assert errors["levels.0.approvers"] == ["请为每个响应级别指定审批角色"]
    assert _data(page, "plan-content")["groups"][0]["lead"] == "ORG-NOPE"  # the user's input is kept
    assert not PlanVersion.objects.filter(plan=flood_plan.plan, status="draft").exists()


def test_broken_content_is_refused_with_a_message(editor, flood_plan):
    client, url = editor
    reply = client.post(url, {"content": "{not json"})
    assert reply.status_code == 400 and "内容格式错误" in reply.content.decode()
    assert not PlanVersion.objects.filter(plan=flood_plan.plan, status="draft").exists()


def test_people_who_may_not_edit_plans_cannot_open_the_editor(client, users, flood_plan):
    client.force_login(users["liaison-water"])
    assert client.get(f"/plans/{flood_plan.plan.uuid}/edit/").status_code == 403


def _with_speciality(content, speciality):
    changed = copy.deepcopy(content)
    changed["levels"][0]["tasks"][1]["teams"][0]["speciality"] = speciality  # fx4-rescue: social:水域:1
    return changed


def test_a_misspelt_speciality_is_refused_at_its_field_and_nothing_is_saved(editor, flood_plan):
    client, url = editor
    reply = client.post(url, {"content": json.dumps(_with_speciality(flood_plan.content, "水 域"))})
    page = reply.content.decode()
    assert reply.status_code == 400 and "不在专业目录中" in page
    message = _data(page, "plan-errors")["levels.0.tasks.1.teams.0.speciality"][0]
    assert "水 域" in message and "水域、危化、森林" in message  # it names the allowed values
    assert _data(page, "plan-content")["levels"][0]["tasks"][1]["teams"][0]["speciality"] == "水 域"
    assert not PlanVersion.objects.filter(plan=flood_plan.plan, status="draft").exists()


def test_an_empty_speciality_means_any_team_of_the_type(editor, flood_plan):
    client, url = editor
    reply = client.post(url, {"content": json.dumps(_with_speciality(flood_plan.content, ""))})
    assert reply.status_code == 200 and "草稿已保存" in reply.content.decode()
    draft = PlanVersion.objects.get(plan=flood_plan.plan, status="draft")
    assert draft.content["levels"][0]["tasks"][1]["teams"][0] == {"type": "social", "speciality": "", "count": 1}


def test_the_api_refuses_an_unknown_speciality_the_same_way(api, users, flood_plan):
    reply = api(users["duty"]).post(f"/api/plans/plans/{flood_plan.plan.uuid}/versions/",
                                    {"content": _with_speciality(flood_plan.content, "潜水")}, format="json")
    error = reply.json()["error"]
    assert reply.status_code == 400 and error["code"] == "unknown_speciality"
    assert "潜水" in error["fields"]["levels.0.tasks.1.teams.0.speciality"][0]
    assert not PlanVersion.objects.filter(plan=flood_plan.plan, status="draft").exists()


def test_every_demo_plan_names_only_known_specialities(db):
    needs = [team["speciality"] for plan in Plan.objects.all() for level in plan.current_version().content["levels"]
             for task in level["tasks"] for team in task["teams"]]
    assert needs and set(needs) <= {"", *SPECIALITIES}


def test_the_response_lists_member_units_in_the_order_the_editor_gave(editor, flood_plan, flood, users, now):
    from yingji.core.models import Organization
    from yingji.plans.activation import activate

    client, url = editor
    content = copy.deepcopy(flood_plan.content)
    rescue = next(group for group in content["groups"] if group["name"] == "抢险救援组")
    rescue["members"] = ["ORG-TRANS", "ORG-EMB"]  # moved up: not the order of the unit codes
    assert "已发布" in client.post(url, {"content": json.dumps(content), "publish": "1"}).content.decode()
    response = activate(actor=users["commander"], incident=flood, version=flood_plan.plan.current_version(),
                        level="response_4", now=now)
    names = [o.short_name or o.name for o in (Organization.objects.get(code=c) for c in rescue["members"])]
    assert response.posts.get(role="抢险救援组").members == "、".join(names)
