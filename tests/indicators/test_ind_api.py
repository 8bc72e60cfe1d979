"""/api/indicators/ and /api/indicators/<code>/history/: shape, trend by year, errors as the shared JSON."""

KEYS = {"code", "table", "name", "target", "target_check", "attribute", "unit", "formula", "source", "baseline",
        "baseline_source", "baseline_note", "year", "value", "of", "status", "status_label", "note", "url", "townships"}


def test_the_list_has_all_19_with_status(api, users):
    rows = api(users["observer"]).get("/api/indicators/").json()
    assert [r["code"] for r in rows][:2] == ["1.1", "1.2"] and len(rows) == 19
    assert all(set(r) == KEYS for r in rows)
    assert {r["status"] for r in rows} <= {"met", "not_met", "no_data"}
    assert {r["status_label"] for r in rows} <= {"达标", "未达标", "无数据"}


def test_history_by_year_since_2020(api, users, evidence):
    from yingji.indicators.models import IndicatorValue

    liaison, commander = users["liaison-water"], users["commander"]
    for year, value in ((2022, "1.1"), (2020, "1.3"), (2023, "0.8")):
        uuid = api(liaison).post("/api/indicators/values/", {"code": "2.3", "year": year, "value": value,
                                                             "evidence": evidence()}, format="multipart").json()["uuid"]
        if year != 2023:
            api(commander).post(f"/api/indicators/values/{uuid}/approve/", {}, format="json")
    body = api(users["observer"]).get("/api/indicators/2.3/history/").json()
    assert body["years"] == [{"year": 2020, "value": 1.3, "source": "baseline"},
                             {"year": 2022, "value": 1.1, "source": "entered"}]
    assert (body["indicator"]["value"], body["indicator"]["status"]) == (1.1, "not_met")
    assert IndicatorValue.objects.filter(code="2.3").count() == 3


def test_a_computed_history_is_this_years_figure(api, users, provider):
    provider("2.4", lambda user: {"value": 91.5, "unit": "%"})
    body = api(users["commander"]).get("/api/indicators/2.4/history/").json()
    assert [(y["value"], y["source"]) for y in body["years"]] == [(91.5, "computed")]


def test_errors_are_the_shared_json(api, users):
    missing = api(users["commander"]).get("/api/indicators/9.9/history/")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    denied = api(users["grid-guihua-01"]).get("/api/indicators/")
    assert denied.status_code == 403 and denied.json()["error"]["code"] == "permission_denied"
    assert api(None).get("/api/indicators/").status_code in {401, 403}
