"""Draws on the demo directories: reproducible (API, page, CLI), recusal and qualification, the 400s that name
the field with nothing saved, redraws with a reason, the public page without personal data, township scope."""

import pytest
from django.core.management import call_command

from yingji.core.models import AuditEntry
from yingji.enforcement.models import Draw, InspectionTask, Inspector, Target

pytestmark = pytest.mark.django_db
DRAWS = "/api/enforcement/draws/"


def _body(where, **changes):
    return {"name": "测试抽查", "region": where.code, "target_count": 4, "seed": "20261201-见证摇号-042",
            "seed_source": "公证员见证摇号", **changes}


def _post(api, user, **body):
    return api(user).post(DRAWS, body, format="json")


def test_a_draw_is_recorded_with_its_inputs_and_replays_identically(api, users, regions):
    response = _post(api, users["commander"], **_body(regions["district"]))
    assert response.status_code == 201, response.content
    draw = response.json()
    assert draw["algorithm"] == "yingji-draw-1" and len(draw["result"]) == 4
    assert all(len(row["inspectors"]) == 2 for row in draw["result"])
    replayed = api(users["commander"]).post(f"{DRAWS}{draw['uuid']}/replay/",
                                            {"expected_result_sha256": draw["result_sha256"]}, format="json").json()
    assert replayed["identical"] and replayed["inputs_intact"] and replayed["matches_expected"]
    assert replayed["result"] == draw["result"] and replayed["result_sha256"] == draw["result_sha256"]
    record = Draw.objects.get(uuid=draw["uuid"])
    assert record.tasks.count() == 4 and {t.source for t in record.tasks.all()} == {"draw"}
    entry = AuditEntry.objects.get(model="enforcement.Draw", object_id=str(record.pk), action="create")
    assert record.seed in entry.after and record.inputs_sha256 in entry.after


def test_the_same_seed_on_the_same_directories_draws_the_same(api, users, regions):
    first = _post(api, users["commander"], **_body(regions["district"])).json()
    Draw.objects.filter(uuid=first["uuid"]).update(state="superseded")
    InspectionTask.objects.filter(draw__uuid=first["uuid"]).delete()  # as if it had never happened
    second = _post(api, users["commander"], **_body(regions["district"])).json()
    assert second["result"] == first["result"] and second["inputs_sha256"] == first["inputs_sha256"]


def test_the_demo_draws_replay_from_the_cli_and_the_page(users, client, capsys):
    demo = list(Draw.objects.filter(is_demo=True).order_by("drawn_at"))
    assert len(demo) == 5  # the year's five batches
    for draw in demo:
        call_command("draw", "replay", draw.code)
        assert "复现结果与记录完全一致" in capsys.readouterr().out
    client.force_login(users["commander"])
    page = client.post(f"/enforcement/draws/{demo[0].uuid}/").content.decode()
    assert "复现结果与记录完全一致" in page


def test_a_tampered_draw_does_not_replay(users):
    draw = Draw.objects.filter(is_demo=True).first()
    Draw.objects.filter(pk=draw.pk).update(seed=draw.seed + "x")
    with pytest.raises(Exception, match="不一致"):
        call_command("draw", "replay", draw.code)


def test_unqualified_inspectors_are_never_drawn():
    for draw in Draw.objects.filter(is_demo=True):
        drawn = {code for row in draw.result for code in row["inspectors"]}
        excluded = {row["code"] for row in draw.excluded_inspectors}
        assert {"ZFRY-017", "ZFRY-023"} <= excluded and not drawn & excluded
        assert not {row["code"] for row in draw.candidate_inspectors} & excluded


def test_recusal_holds_on_the_recorded_draws():
    for draw in Draw.objects.filter(is_demo=True):
        targets = {t["code"]: t for t in draw.candidate_targets}
        inspectors = {i["code"]: i for i in draw.candidate_inspectors}
        for row in draw.result:
            target = targets[row["target"]]
            for code in row["inspectors"]:
                assert inspectors[code]["township"] != target["township"]
                assert target["sector"] in inspectors[code]["fields"] and code not in target["last"]


def test_each_later_demo_draw_knows_who_inspected_last_time():
    draws = list(Draw.objects.filter(is_demo=True).order_by("drawn_at"))
    for number, later in enumerate(draws[1:], 1):
        lasts = {t["code"]: t["last"] for t in later.candidate_targets if t["last"]}
        drawn_before = {row["target"] for draw in draws[:number] for row in draw.result}
        assert lasts and set(lasts) <= drawn_before


@pytest.mark.parametrize("changes, field, code", [
    ({"target_count": 100000}, "target_count", "too_many_targets"),
    ({"target_count": 0}, "target_count", "number_too_small"),
    ({"target_count": "许多"}, "target_count", "invalid_type"),
    ({"inspectors_per_target": 1}, "inspectors_per_target", "number_too_small"),
    ({"inspectors_per_target": 30}, "inspectors_per_target", "not_enough_inspectors"),
    ({"seed": "  "}, "seed", "seed_required"),
    ({"sector": "mines"}, "sector", "invalid_choice"),
    ({"region": "999999999999"}, "region", "does_not_exist"),
    ({"redraw_of": "SSJ-NONE"}, "redraw_of", "does_not_exist"),
])
def test_bad_draws_are_a_400_naming_the_field_and_save_nothing(api, users, regions, changes, field, code):
    before = (Draw.objects.count(), InspectionTask.objects.count())
    response = _post(api, users["commander"], **_body(regions["district"], **changes))
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert (error["code"], list(error["fields"])) == (code, [field])
    assert (Draw.objects.count(), InspectionTask.objects.count()) == before


def test_a_redraw_needs_a_reason_and_supersedes_the_draw(api, users, regions):
    old = _post(api, users["commander"], **_body(regions["district"])).json()
    refused = _post(api, users["commander"], **_body(regions["district"], redraw_of=old["code"], seed="第二次"))
    assert refused.json()["error"]["fields"] == {"redraw_reason": ["重抽须填写理由"]}
    new = _post(api, users["commander"], **_body(regions["district"], redraw_of=old["code"], seed="第二次",
                                                redraw_reason="抽中对象已停产，经局长办公会同意重抽"))
    assert new.status_code == 201 and new.json()["redraw_of"] == old["code"]
    assert Draw.objects.get(uuid=old["uuid"]).state == "superseded"
    assert set(InspectionTask.objects.filter(draw__uuid=old["uuid"]).values_list("status", flat=True)) == {"cancelled"}
    again = _post(api, users["commander"], **_body(regions["district"], redraw_of=old["code"], redraw_reason="再抽"))
    assert again.json()["error"]["code"] == "already_redrawn"


def test_the_public_page_lists_results_without_personal_data(client):
    page = client.get("/enforcement/public/")
    assert page.status_code == 200
    text = page.content.decode()
    demo = Draw.objects.filter(is_demo=True).order_by("drawn_at").first()
    task = demo.tasks.order_by("code").first()
    assert task.target.name in text and "整改" in text and demo.code in text
    for inspector in Inspector.objects.all():
        assert inspector.name not in text and inspector.certificate_no not in text
    assert task.target.enterprise.legal_representative not in text


def test_a_township_officer_draws_and_sees_only_their_township(api, users, regions):
    officer = users["township-guihua"]
    outside = _post(api, officer, **_body(regions["longfeng"], target_count=1))
    assert outside.status_code == 403 and outside.json()["error"]["fields"] == {"region": ["该区域不在您的管辖范围内"]}
    own = _post(api, officer, **_body(regions["guihua"], target_count=1))
    assert own.status_code == 201, own.content
    listed = {d["code"] for d in api(officer).get(DRAWS).json()}
    assert listed == {own.json()["code"]}  # not the district's demo draws
    targets = api(officer).get("/api/enforcement/targets/", {"page_size": 1000}).json()["results"]
    assert targets and {t["region"] for t in targets} == {regions["guihua"].code}
    assert Target.objects.exclude(region=regions["guihua"]).exists()


def test_who_may_draw(api, users, regions):
    assert _post(api, users["inspector"], **_body(regions["district"])).status_code == 403
    assert api(users["grid-guihua-01"]).get(DRAWS).status_code == 403
    assert api(None).get("/api/enforcement/draws/").status_code == 401


def test_the_draw_page_runs_a_draw_and_keeps_the_input_on_an_error(users, client, regions):
    client.force_login(users["commander"])
    form = {"name": "页面抽查", "region": regions["district"].code, "target_count": "100000", "seed": "页面种子",
            "seed_source": "见证", "inspectors_per_target": "2"}
    refused = client.post("/enforcement/", form)
    text = refused.content.decode()
    assert refused.status_code == 400 and 'data-code="too_many_targets"' in text and 'value="页面种子"' in text
    assert not Draw.objects.filter(name="页面抽查").exists()
    done = client.post("/enforcement/", {**form, "target_count": "3"})
    draw = Draw.objects.get(name="页面抽查")
    assert done.status_code == 302 and done["Location"] == f"/enforcement/draws/{draw.uuid}/"
    assert "复现抽取" in client.get(done["Location"]).content.decode()
    assert client.get("/enforcement/").status_code == 200


def test_the_draw_page_warns_of_expiring_and_unqualified_inspectors(users, client):
    client.force_login(users["commander"])
    page = client.get("/enforcement/").content.decode()
    alerts = page[page.index('id="qualification-alerts"'):page.index('id="draws"')]
    for code in ("ZFRY-003", "ZFRY-011"):  # certificates expiring within the month
        assert f"{Inspector.objects.get(code=code).name}：执法证 " in alerts
    assert f"{Inspector.objects.get(code='ZFRY-017').name}：执法证已过期" in alerts
    assert f"{Inspector.objects.get(code='ZFRY-023').name}：本年度培训学时不足" in alerts
    assert alerts.count("<li") == 4
