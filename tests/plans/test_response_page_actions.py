"""The response page offers only what would succeed and nothing twice (issue 14 §9–12): suggestions net of the
orders in force, only valid level moves, a confirmed change with its reason on the timeline, quantities in their
unit's precision and no solver names."""

import pytest

from yingji.core.errors import DomainError
from yingji.incidents.models import TimelineEntry
from yingji.plans import dispatch, recommend
from yingji.plans.workflows import RESPONSE_FLOW, fire
from yingji.resources.models import RescueTeam

from .conftest import NOW

pytestmark = pytest.mark.django_db


def _page(client, user, incident):
    client.force_login(user)
    return client.get(f"/plans/incident/{incident.uuid}/").content.decode()


def _row(rows, label_part):
    return next(row for row in rows if label_part in row["label"])


def test_a_team_sent_covers_its_need_and_is_not_offered_again(activate, flood, users):
    activate()
    before = _row(recommend.recommend(flood)["teams"], "水域")
    assert before["still"] == before["need"] == 1 and before["teams"]
    team = RescueTeam.objects.get(code=before["teams"][0]["code"])
    dispatch.dispatch_team(actor=users["commander"], incident=flood, team=team, now=NOW)
    after = _row(recommend.recommend(flood)["teams"], "水域")
    assert after["still"] == 0 and after["sent"] == [team.name] and after["uncovered"] == 0


def test_the_page_offers_no_dispatch_button_for_a_need_already_met(client, activate, flood, users):
    activate()
    row = _row(recommend.recommend(flood)["teams"], "水域")
    team = RescueTeam.objects.get(code=row["teams"][0]["code"])
    dispatch.dispatch_team(actor=users["commander"], incident=flood, team=team, now=NOW)
    page = _page(client, users["commander"], flood)
    need = page.split('class="mb-2 team-need" data-still="0"')[1].split("</div>")[0]
    assert "已派 1 支" in need and "派遣</button>" not in need and "已满足" in need


def test_materials_ordered_are_taken_off_the_proposal(client, activate, flood, users):
    activate()
    first = recommend.recommend(flood)["materials"]
    assert first and first["lines"]
    lines = [(line["depot"], line["material"], line["quantity"]) for line in first["lines"]]
    from yingji.resources.models import Depot, Material

    dispatch.order_materials(actor=users["commander"], incident=flood, now=NOW, lines=[
        (Depot.objects.get(code=d), Material.objects.get(code=m), q) for d, m, q in lines])
    after = recommend.recommend(flood)
    assert after["materials"] is None and after["materials_ordered"]
    page = _page(client, users["commander"], flood)
    assert 'id="materials-ordered"' in page and "order-materials/" not in page


def test_a_running_plan_is_not_offered_for_activation_again(client, activate, flood, users):
    activate()
    page = _page(client, users["commander"], flood)
    suggestion = page.split('data-plan="YA-FX"')[1].split("</div>")[0]
    assert "已按本预案启动" in suggestion and "批准启动" not in suggestion


def test_level_moves_offered_are_the_valid_ones(activate, flood, users):
    response = activate()
    assert {t.event for t in RESPONSE_FLOW.available(response, users["commander"])} == {"raise", "end"}
    # the flood plan's Ⅲ is the commander's to approve: the duty officer is not offered the raise
    assert "raise" not in {t.event for t in RESPONSE_FLOW.available(response, users["duty"])}
    flood.status = "closed"
    flood.save()
    response.refresh_from_db()
    assert {t.event for t in RESPONSE_FLOW.available(response, users["commander"])} == {"end"}


def test_changing_the_level_needs_a_reason_that_goes_on_the_timeline(activate, users):
    response = activate()
    with pytest.raises(DomainError) as refused:
        fire(RESPONSE_FLOW, response, "raise", actor=users["commander"], data={"now": NOW, "reason": " "})
    assert refused.value.code == "reason_required"
    response.refresh_from_db()
    assert response.level == "response_4"
    fire(RESPONSE_FLOW, response, "raise", actor=users["commander"], data={"now": NOW, "reason": "降雨量已超 100 毫米"})
    entry = TimelineEntry.objects.filter(incident=response.incident, title__contains="提升响应级别").get()
    assert "降雨量已超 100 毫米" in entry.body


def test_the_level_buttons_are_a_confirmation_step_with_a_required_reason(client, activate, flood, users):
    activate()
    page = _page(client, users["commander"], flood)
    responses = page.split('id="responses"')[1].split("</section>")[0]
    for event in ("raise", "end"):
        step = responses.split(f'<details class="d-inline-block me-1 mb-1 yj-confirm-step" data-event="{event}">')[1]
        step = step.split("</details>")[0]
        assert 'name="reason"' in step and " required " in step and f'data-event="{event}"' in step
    assert 'data-event="lower"' not in responses  # Ⅳ is the lowest level
    reply = client.post(f"/plans/response/{flood.responses.get().uuid}/transition/", {"event": "end"})
    assert reply.status_code in (302, 400)
    assert flood.responses.get().level == "response_4"  # no reason: nothing changed


def test_quantities_in_their_units_precision_and_no_solver_name(client, activate, flood, users):
    activate()
    page = _page(client, users["commander"], flood)
    advice = page.split('id="advice"')[1].split("</section>")[0]
    quantities = [cell.split("</td>")[0] for cell in advice.split('class="line-quantity">')[1:]]
    assert quantities and not [q for q in quantities if ".0 " in q]
    assert "HiGHS" not in page and "OR-Tools" not in page and "节省 0.0" not in page


def test_a_material_order_waits_in_the_inbox_until_it_is_issued(client, activate, flood, users):
    from yingji.plans.workflows import MATERIAL_FLOW
    from yingji.resources.models import Depot, Material

    activate()
    line = recommend.recommend(flood)["materials"]["lines"][0]
    order = dispatch.order_materials(actor=users["commander"], incident=flood, now=NOW, lines=[
        (Depot.objects.get(code=line["depot"]), Material.objects.get(code=line["material"]), line["quantity"])])
    client.force_login(users["commander"])
    assert order.code in client.get("/todo/").content.decode().split('id="todo-notices"')[0]
    fire(MATERIAL_FLOW, order, "dispatch", actor=users["commander"], data={"now": NOW})
    fire(MATERIAL_FLOW, order, "receive", actor=users["commander"], data={"now": NOW})
    assert order.code not in client.get("/todo/").content.decode().split('id="todo-notices"')[0]
