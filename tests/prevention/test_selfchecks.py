"""Enterprise self-check (企业自查): a session records each item, submitting files every 不合格 as a hazard in one
step and all or nothing, an enterprise account reaches only its own sessions, and bad input names its field."""

import pytest

from yingji.prevention.models import CheckItem, CheckList, Enterprise, Hazard, HazardCriterion, SelfCheck
from yingji.prevention.selfchecks import record_results, start

pytestmark = pytest.mark.django_db
OWN = "QY-HX-01"  # 遂宁川中精细化工有限公司, bound to the `enterprise` demo account


def _new_session(api, user, enterprise=OWN, checklist="ZCB-HG"):
    response = api(user).post("/api/prevention/self-checks/", {
        "name": "十二月自查", "enterprise": enterprise, "checklist": checklist, "checked_on": "2026-12-01",
        "inspector": "王安全", "region": Enterprise.objects.get(code=enterprise).region.code}, format="json")
    return response


def _all_items(checklist="ZCB-HG", failing=(), **extra):
    return [{"item": item.code, "result": "不合格" if item.number in failing else "合格",
             "note": f"第{item.number}项" if item.number in failing else "", **extra}
            for item in CheckItem.objects.filter(checklist__code=checklist)]


def _post(api, user, session_uuid, step, body=None):
    return api(user).post(f"/api/prevention/self-checks/{session_uuid}/{step}/", body or {}, format="json")


def test_submitting_files_each_failed_item_as_a_hazard_in_one_step(api, users):
    user = users["enterprise"]
    created = _new_session(api, user)
    assert created.status_code == 201, created.content.decode()
    uuid = created.json()["uuid"]
    recorded = _post(api, user, uuid, "results", {"results": _all_items(failing=(4, 9))})
    assert recorded.status_code == 200 and recorded.json()["state"] == "open"

    response = _post(api, user, uuid, "submit")
    assert response.status_code == 200, response.content.decode()
    body = response.json()
    assert body["state"] == "submitted"
    assert [(h["grade"], h["criterion"]) for h in body["hazards"]] == [("major", "PD-HG-15"), ("general", None)]
    hazards = Hazard.objects.filter(uuid__in=[h["uuid"] for h in body["hazards"]])
    assert {h.source for h in hazards} == {"self_check"} and {h.state for h in hazards} == {"reported"}
    assert {h.enterprise.code for h in hazards} == {OWN}
    major = hazards.get(grade="major")
    assert major.self_check_result.session.uuid.hex == uuid.replace("-", "") and "第4项" in major.description
    state = api(user).get(f"/api/prevention/self-checks/{uuid}/results/").json()
    assert sum(1 for row in state["results"] if row["hazard"]) == 2


def test_submitting_twice_or_editing_after_is_a_400(api, users):
    user = users["enterprise"]
    uuid = _new_session(api, user).json()["uuid"]
    _post(api, user, uuid, "results", {"results": _all_items(failing=(8,))})
    assert _post(api, user, uuid, "submit").status_code == 200
    again = _post(api, user, uuid, "submit")
    assert again.status_code == 400 and again.json()["error"]["code"] == "already_submitted"
    edit = _post(api, user, uuid, "results", {"results": _all_items()})
    assert edit.json()["error"]["code"] == "already_submitted"
    patch = api(user).patch(f"/api/prevention/self-checks/{uuid}/", {"inspector": "别人"}, format="json")
    assert patch.status_code == 400 and patch.json()["error"]["code"] == "already_submitted"
    assert Hazard.objects.filter(self_check_result__session__uuid=uuid).count() == 1


def test_an_unknown_item_or_a_bad_result_names_its_field_and_records_nothing(api, users):
    user = users["enterprise"]
    uuid = _new_session(api, user).json()["uuid"]
    stranger = CheckItem.objects.filter(checklist__code="ZCB-RM").first().code
    unknown = _post(api, user, uuid, "results", {"results": [*_all_items()[:2], {"item": stranger, "result": "合格"}]})
    assert unknown.status_code == 400
    assert unknown.json()["error"]["code"] == "unknown_item" and list(unknown.json()["error"]["fields"]) == ["item"]
    bad = _post(api, user, uuid, "results", {"results": _all_items(result="还行")})
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "invalid_result" and list(bad.json()["error"]["fields"]) == ["result"]
    assert not SelfCheck.objects.get(uuid=uuid).results.exists()
    assert _post(api, user, uuid, "results", {"results": "all fine"}).json()["error"]["fields"].keys() == {"results"}


def test_every_item_needs_a_result_before_submitting(api, users):
    user = users["enterprise"]
    uuid = _new_session(api, user).json()["uuid"]
    _post(api, user, uuid, "results", {"results": _all_items()[:5]})
    response = _post(api, user, uuid, "submit")
    assert response.status_code == 400 and response.json()["error"]["code"] == "results_incomplete"
    assert SelfCheck.objects.get(uuid=uuid).state == "open"


def test_a_submit_that_fails_half_way_saves_nothing(api, users):
    user = users["enterprise"]
    uuid = _new_session(api, user).json()["uuid"]
    _post(api, user, uuid, "results", {"results": _all_items(failing=(8, 12))})
    # item 12 now maps to a 判定标准 item, and the enterprise has since become a 工贸 works, which it does not fit:
    # item 8's hazard is made first, item 12's is refused
    CheckItem.objects.filter(checklist__code="ZCB-HG", number=12).update(
        criterion=HazardCriterion.objects.get(code="PD-HG-16"))
    Enterprise.objects.filter(code=OWN).update(category="machinery")
    before = Hazard.objects.count()

    response = _post(api, user, uuid, "submit")
    assert response.status_code == 400 and response.json()["error"]["code"] == "criterion_required"
    assert Hazard.objects.count() == before
    session = SelfCheck.objects.get(uuid=uuid)
    assert session.state == "open" and not session.results.filter(hazard__isnull=False).exists()


def test_an_enterprise_account_reaches_only_its_own_sessions(api, users):
    other = Enterprise.objects.filter(category__startswith="chem_").exclude(code=OWN).order_by("code").first()
    session = start(actor=users["commander"], data={"enterprise": other, "checklist": CheckList.objects.get(
        code="ZCB-HG"), "checked_on": "2026-12-01"})
    record_results(session, actor=users["commander"], results=_all_items(failing=(1,)))
    client = api(users["enterprise"])
    assert client.get(f"/api/prevention/self-checks/{session.uuid}/").status_code == 404
    assert client.get(f"/api/prevention/self-checks/{session.uuid}/results/").status_code == 404
    assert _post(api, users["enterprise"], session.uuid, "submit").status_code == 404
    assert _post(api, users["enterprise"], session.uuid, "results", {"results": []}).status_code == 404
    listed = client.get("/api/prevention/self-checks/").json()["results"]
    assert listed and {row["enterprise"] for row in listed} == {OWN}
    refused = _new_session(api, users["enterprise"], enterprise=other.code)
    assert refused.status_code in (400, 403) and not SelfCheck.objects.filter(enterprise=other, name="十二月自查")
    assert SelfCheck.objects.get(pk=session.pk).state == "open"


def test_a_list_of_another_sector_is_refused(api, users):
    response = _new_session(api, users["enterprise"], checklist="ZCB-RQ")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "checklist_not_applicable"
    assert "checklist" in response.json()["error"]["fields"]


def test_the_demo_enterprise_has_past_self_checks_with_their_hazards():
    sessions = SelfCheck.objects.filter(enterprise__code=OWN, is_demo=True)
    assert sessions.filter(state="submitted").count() == 3 and sessions.filter(state="open").count() == 1
    hazards = Hazard.objects.filter(self_check_result__session__in=sessions)
    assert hazards.count() == 5 and set(hazards.values_list("source", flat=True)) == {"self_check"}
    assert set(hazards.filter(grade="major").values_list("criterion__code", flat=True)) == {"PD-HG-12"}
    assert {c.code: c.items.count() for c in CheckList.objects.all()} == {
        "ZCB-HG": 12, "ZCB-GM": 10, "ZCB-JYZ": 9, "ZCB-RQ": 9, "ZCB-RM": 8}


def test_the_page_starts_fills_and_submits_with_a_confirmation(client, users):
    client.force_login(users["enterprise"])
    page = client.get("/prevention/self-checks/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "遂宁川中精细化工有限公司" in text and "遂宁龙凤气体有限公司" not in text
    own, checklist = Enterprise.objects.get(code=OWN), CheckList.objects.get(code="ZCB-HG")
    started = client.post("/prevention/self-checks/", {"enterprise": own.pk, "checklist": checklist.pk,
                                                       "checked_on": "2026-12-02", "inspector": "王安全"})
    assert started.status_code == 302
    url = started["Location"]
    form = client.get(url).content.decode()
    assert form.count('type="radio"') == 3 * 12 and 'data-confirm="' in form and "onclick" not in form
    items = list(checklist.items.order_by("number"))
    post = {f"result-{i.code}": "fail" if i.number == 10 else "pass" for i in items}
    post[f"note-{items[9].code}"] = "安全警示标志褪色"
    saved = client.post(url, {**post, "action": "submit"}, follow=True)
    assert "自查已提交，生成隐患 1 条" in saved.content.decode()
    assert "由本次自查生成的隐患" in saved.content.decode()
    hazard = Hazard.objects.get(self_check_result__session__uuid=url.rstrip("/").split("/")[-1])
    assert hazard.grade == "general" and "安全警示标志褪色" in hazard.description


def test_the_page_shows_a_bad_step_and_keeps_what_was_entered(client, users):
    client.force_login(users["enterprise"])
    session = SelfCheck.objects.get(code="ZC-DEMO-04")  # open, 6 of 12 items recorded
    first = session.checklist.items.order_by("number").first()
    response = client.post(f"/prevention/self-checks/{session.uuid}/",
                           {f"result-{first.code}": "fail", "action": "submit"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "尚有 6 项未填写结果" in text and 'value="fail" autocomplete="off" checked' in text
    assert SelfCheck.objects.get(pk=session.pk).state == "open"


def test_a_sessions_registry_page_opens_its_self_check_page(client, users):
    session = SelfCheck.objects.get(code="ZC-DEMO-04")
    client.force_login(users["enterprise"])
    page = client.get(f"/r/prevention/self-checks/{session.uuid}/").content.decode()
    assert "填写自查" in page and f"/prevention/self-checks/{session.uuid}/" in page
    client.force_login(users["inspector"])
    done = SelfCheck.objects.get(code="ZC-DEMO-01")
    assert "查看自查结果" in client.get(f"/r/prevention/self-checks/{done.uuid}/").content.decode()
