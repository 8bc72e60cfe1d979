"""A refused small form shows its message beside itself, not only in the banner (issue 14 §3): the page drawn again
(400) or the page a redirect goes back to marks the field of the form that was posted, and only that form."""

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import html

pytestmark = pytest.mark.django_db


def _page(response):
    return html.fromstring(response.content)


def _marked(page, input_id) -> str:
    """The message under the marked input (the renderer's `<id>_error`)."""
    box = page.get_element_by_id(input_id)
    assert "is-invalid" in box.get("class", ""), f"{input_id} is not marked"
    assert f"{input_id}_error" in box.get("aria-describedby", "")
    return page.get_element_by_id(f"{input_id}_error").text_content().strip()


def _no_marks_in(page, form_id):
    form = page.get_element_by_id(form_id)
    assert not form.find_class("is-invalid") and not form.find_class("invalid-feedback"), form_id


@pytest.fixture
def consultation(users):
    from yingji.consultation import services
    from yingji.demo.townships import township
    from yingji.incidents.services import create_incident

    lon, lat = township("老池镇").seat
    now = timezone.now()
    flood = create_incident(actor=users["duty"], now=now, data={
        "type_code": "1.1.1", "occurred_at": now - timedelta(minutes=40), "lon": lon, "lat": lat,
        "statement": "老池镇场镇暴雨积水"})
    return services.convene(actor=users["commander"], incident=flood, title="研判", agenda="议程",
                            scheduled_at=timezone.localtime(now + timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M"),
                            departments=["ORG-WATER"])


def test_a_refused_decision_is_marked_beside_its_box_and_the_other_forms_stay_clean(client, users, consultation):
    client.force_login(users["commander"])
    response = client.post(f"/consultation/{consultation.uuid}/decisions/", {
        "yj_form": "decision-form", "text": "", "kind": "instruction", "owner": "张三",
        "deadline": timezone.localtime(timezone.now() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 400
    page = _page(response)
    assert _marked(page, "d-text")
    assert page.get_element_by_id("d-owner").get("value") == "张三"  # what was typed is kept
    _no_marks_in(page, "minutes-form")
    assert page.get_element_by_id("step-error") is not None  # and the summary at the top


def test_closing_without_minutes_is_said_under_the_close_button(client, users, consultation):
    client.force_login(users["commander"])
    response = client.post(f"/consultation/{consultation.uuid}/close/", {"yj_form": "close-form"})
    assert response.status_code == 400
    page = _page(response)
    under = page.get_element_by_id("close-form_error")
    assert "纪要" in under.text_content() and under in page.get_element_by_id("close-form").iterdescendants()
    _no_marks_in(page, "decision-form")


def test_the_forms_write_the_field_that_names_them(client, users, consultation):
    client.force_login(users["commander"])
    page = _page(client.get(f"/consultation/{consultation.uuid}/"))
    for form_id in ("minutes-form", "decision-form", "close-form", "attendance-form"):
        form = page.get_element_by_id(form_id)
        assert form.xpath('.//input[@name="yj_form"]/@value') == [form_id]


def test_a_refusal_kept_over_a_redirect_marks_the_form_on_the_page_it_goes_back_to(client, users):
    from yingji.plans.models import Plan

    plan = Plan.objects.get(code="YA-FX")
    client.force_login(users["commander"])
    url = f"/plans/{plan.uuid}/"
    page = _page(client.get(url))
    assert page.get_element_by_id("plan-document").xpath('.//input[@name="yj_form"]/@value') == ["plan-document"]
    refused = client.post(f"{url}document/", {"yj_form": "plan-document", "next": url})
    assert refused.status_code == 302
    page = _page(client.get(url))
    assert _marked(page, "plan-document-file") == "请选择预案原文文件"
    again = _page(client.get(url))  # said once
    assert "is-invalid" not in again.get_element_by_id("plan-document-file").get("class")


def test_a_refused_inject_keeps_what_was_typed_beside_the_marked_box(client, users):
    from yingji.drills.models import Drill

    drill = Drill.objects.filter(stage="planned").first() or Drill.objects.first()
    client.force_login(users["commander"])
    response = client.post(f"/drills/{drill.uuid}/injects/", {
        "yj_form": "inject-form", "minute": "x", "kind": "info", "title": "山洪预警", "content": "上游来水"})
    assert response.status_code == 400
    page = _page(response)
    assert "分钟数" in _marked(page, "inject-minute")
    assert page.get_element_by_id("inject-title").get("value") == "山洪预警"
    _no_marks_in(page, "participant-form")


def test_a_refused_call_out_answers_with_the_panel_and_the_task_box_marked(client, users, consultation):
    client.force_login(users["commander"])
    incident = consultation.incident
    response = client.post(f"/community/incidents/{incident.uuid}/callouts/",
                           {"yj_form": "callout-form", "task": "", "place": "场镇"})
    assert response.status_code == 400
    page = _page(response)
    assert _marked(page, "callout-task") == "请填写召集任务"
    assert page.get_element_by_id("callout-place").get("value") == "场镇"


def test_a_refused_key_rotation_comes_back_bound_beside_its_field(client, users):
    from yingji.exchange.models import Partner

    partner = Partner.objects.order_by("code").first()
    client.force_login(users["sysadmin"])
    response = client.post(f"/exchange/partners/{partner.uuid}/keys/rotate/", {"overlap_hours": "9999"})
    assert response.status_code == 400
    page = _page(response)
    assert _marked(page, "rotate-overlap_hours")
    assert page.find_class("yj-form-errors")


def test_the_refusal_under_a_form_is_markup_not_escaped_text():
    from django.template import Context, Template

    from yingji.core.errors import DomainError
    from yingji.core.refusals import FormRefusal

    template = Template('{% load yingji_forms %}{% form_refusal error "f" %}|{% form_refusal refusal %}')
    drawn = template.render(Context({"error": DomainError("x", "不行"),
                                     "refusal": FormRefusal("g", DomainError("y", "也不行"))}))
    assert drawn.startswith('<div class="invalid-feedback d-block yj-form-errors" id="f_error"')
    assert '<input type="hidden" name="yj_form" value="g"><div class="invalid-feedback' in drawn
