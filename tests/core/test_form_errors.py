"""Form errors next to their fields, in every form (issue 14 §3): each registry form and the main hand-written
forms are posted empty, and every error the form has must be marked on its field (`is-invalid`), written right
under it (`<id>_error` in the field's group), and listed in the summary with a link to the field."""

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import html

from yingji.core.registry import REGISTRIES
from yingji.core.roles import role_grants

pytestmark = pytest.mark.django_db

USER_ORDER = ["commander", "duty", "township-guihua", "sysadmin", "observer", "township-longfeng"]


def _writer(users, registry):
    return next((users[name] for name in USER_ORDER if role_grants(users[name].role, registry.perm("add"))), None)


def assert_errors_marked(response, form_name="form"):
    """Every error of the rendered form is beside its field and in the summary."""
    form = response.context[form_name]
    assert form.errors, "the empty post was accepted"
    page = html.fromstring(response.content)
    summaries = page.find_class("yj-form-errors")
    assert summaries, "no error summary"
    summary = " ".join(s.text_content() for s in summaries)
    for name, messages in form.errors.items():
        field = form[name] if name in form.fields else None
        if field is None or field.is_hidden:
            assert all(m in summary for m in messages), (name, messages)
            continue
        feedback = page.get_element_by_id(f"{field.auto_id}_error")
        assert all(m in feedback.text_content() for m in messages), (name, messages)
        widget = page.xpath(f'//*[@id="{field.auto_id}"]')
        if widget:  # radio and checkbox lists have one id per choice
            assert "is-invalid" in widget[0].get("class", ""), name
            assert feedback.get("id") in widget[0].get("aria-describedby", ""), name
            group = next(a for a in widget[0].iterancestors() if a.get("data-field-group") or a.tag == "td")
            assert feedback in group.iterdescendants(), f"{name}: the message is not next to the field"
        assert page.xpath(f'//*[contains(@class, "yj-form-errors")]//a[@data-focus="{field.auto_id}"]'), name


@pytest.mark.parametrize("registry", list(REGISTRIES.values()), ids=list(REGISTRIES))
def test_every_registry_form_marks_its_fields(registry, users, client):
    writer = _writer(users, registry)
    if writer is None:
        pytest.skip(f"no demo user may add {registry.key}")
    client.force_login(writer)
    response = client.post(f"/r/{registry.app_label}/{registry.plural}/new/", {})
    assert response.status_code == 400
    assert_errors_marked(response)


def _local(delta=timedelta()):
    return timezone.localtime(timezone.now() - delta).strftime("%Y-%m-%dT%H:%M")


HAND_WRITTEN = {
    "duty log call": ("duty", "/duty/log/call/", {}, "call_form"),
    "duty log instruction": ("duty", "/duty/log/instruction/", {}, "instruction_form"),
    "duty log event": ("duty", "/duty/log/event/", {}, "event_form"),
    "roster generate": ("duty", "/duty/roster/generate/", {}, "form"),
    "roster shift": ("duty", "/duty/roster/shift/", {}, "shift_form"),
    "roster leave": ("duty", "/duty/roster/leave/", {}, "leave_form"),
    "roll call": ("duty", "/duty/roll-calls/send/", {}, "form"),
    "escalation chain": ("duty", "/duty/escalations/chains/new/", {}, "form"),
    "incident intake": ("duty", "/incidents/new/", {}, "form"),
    "incident intake, wrong figures": ("duty", "/incidents/new/", {"dead": "-1", "occurred_at": "昨天"}, "form"),
    "public report": (None, "/incidents/report/", {}, "form"),
    "password change": ("duty", "/core/password/", {}, "form"),
}


@pytest.mark.parametrize("case", list(HAND_WRITTEN), ids=list(HAND_WRITTEN))
def test_hand_written_forms_mark_their_fields(case, users, client):
    username, url, data, form_name = HAND_WRITTEN[case]
    if username:
        client.force_login(users[username])
    response = client.post(url, data)
    assert response.status_code in (200, 400)  # Django's own views answer a refused form with 200
    assert_errors_marked(response, form_name)


@pytest.fixture
def landslide(users):
    from yingji.demo.townships import township
    from yingji.incidents.services import create_incident

    lon, lat = township("桂花镇").seat
    return create_incident(actor=users["duty"], data={
        "type_code": "1.4.2", "occurred_at": timezone.now() - timedelta(minutes=20), "lon": lon, "lat": lat,
        "statement": "后山滑坡"})


def test_incident_forms_mark_their_fields(users, client, landslide):
    client.force_login(users["duty"])
    base = f"/incidents/{landslide.uuid}/"
    assert_errors_marked(client.post(f"{base}edit/", {"name": "", "version": landslide.version, "dead": "x"}))
    report = client.post(f"{base}reports/new/?kind=initial", {"kind": "initial", "region": "", "as_of": "不是时间"})
    assert_errors_marked(report)
    grade = client.post(f"{base}grade/", {"grade": "grade_3", "reason": "", "version": landslide.version})
    assert_errors_marked(grade, "grade_form")
    posted = client.post(f"{base}timeline/", {"kind": "message", "body": ""})  # the service refuses an empty body
    assert_errors_marked(posted, "timeline_form")
    assert "请填写内容" in posted.context["timeline_form"].errors["body"]


def test_a_service_error_on_a_hand_written_form_is_marked(users, client):
    client.force_login(users["duty"])
    response = client.post("/resources/stock/move/", {"kind": "in", "depot": "", "material": "NOPE", "quantity": "1"})
    assert response.status_code == 400
    page = html.fromstring(response.content)
    marked = page.xpath('//*[contains(@class, "is-invalid")]')
    assert marked and all(page.get_element_by_id(f"{m.get('id')}_error") is not None for m in marked)


def _marked(response, input_id):
    page = html.fromstring(response.content)
    assert "is-invalid" in page.get_element_by_id(input_id).get("class")
    return page.get_element_by_id(f"{input_id}_error").text_content()


def test_the_small_forms_of_the_incident_and_report_pages_mark_their_box(users, client, landslide):
    from yingji.incidents.reporting import create_report
    from yingji.incidents.workflows import fire_report

    client.force_login(users["duty"])
    base = f"/incidents/{landslide.uuid}/"
    refused = client.post(f"{base}transition/", {"event": "mark_false", "reason": " "})
    assert refused.status_code == 400 and _marked(refused, "false-reason") == "请填写理由"
    clock = landslide.clocks.filter(met_at__isnull=True).first()
    refused = client.post(f"{base}clocks/{clock.pk}/waive/", {"reason": ""})
    assert refused.status_code == 400 and "必须说明理由" in _marked(refused, f"waive-{clock.pk}")
    report = fire_report(create_report(landslide, actor=users["duty"], kind="initial"), "submit", actor=users["duty"])
    client.force_login(users["commander"])
    refused = client.post(f"/incidents/reports/{report.uuid}/transition/", {"event": "return", "reason": ""})
    assert refused.status_code == 400 and _marked(refused, "return-reason") == "请填写理由"


def test_the_warning_form_marks_the_field_the_service_names(users, client):
    client.force_login(users["duty"])
    response = client.post("/alerts/new/", {"type_code": "met.rainstorm", "level": "red", "description": "",
                                            "area_kind": "district"})
    assert response.status_code == 400
    fields = response.context["error"].fields
    assert fields, "the service named no field"
    for name, messages in fields.items():
        target = "area-regions" if name == "area" else name
        assert all(m in _marked(response, target) for m in messages), name


def test_the_review_form_marks_a_bad_due_date(users, client):
    from yingji.incidents.models import Incident

    closed = Incident.objects.get(code="SJ20200813-0001")
    client.force_login(users["duty"])
    response = client.post(f"/incidents/{closed.uuid}/review/", {"findings": "预警发布及时", "item_content": "补充物资",
                                                                "item_due": "下个月"})
    assert response.status_code == 400 and "格式应为 YYYY-MM-DD" in _marked(response, "item_due")
    assert "补充物资" in response.content.decode()  # what was typed is kept
