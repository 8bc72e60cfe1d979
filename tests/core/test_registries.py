"""Generated tests: every declared registry gets the same CRUD, permission, bad-input, page, xlsx and
audit checks. A new registry is covered by declaring it; nothing here names a particular model."""

import io
import json

import lxml.html
import pytest
from openpyxl import Workbook, load_workbook

from yingji.core.models import AuditEntry, Region, User
from yingji.core.registry import REGISTRIES, registry_for
from yingji.core.roles import role_grants
from yingji.core.scoping import PICK, in_scope, region_path_lookup, scope_to_user
from yingji.core.services import save_record
from yingji.core.xlsx import headers

pytestmark = pytest.mark.django_db
ALL = list(REGISTRIES.values())
IDS = [r.key for r in ALL]
USER_ORDER = [
    "commander",
    "duty",
    "township-guihua",
    "sysadmin",
    "observer",
    "auditor",
    "township-longfeng",
    "liaison-water",
    "grid-guihua-01",
    "inspector",
    "secadmin",
]


def _user_with(users, registry, actions, lacking=()):
    for name in USER_ORDER:
        role = users[name].role
        if all(role_grants(role, registry.perm(a)) for a in actions) and not any(
            role_grants(role, registry.perm(a)) for a in lacking
        ):
            return users[name]
    pytest.fail(f"no demo user can {actions} without {lacking} on {registry.key}")


def _url(registry, uuid=None):
    base = f"/api/{registry.app_label}/{registry.plural}/"
    return f"{base}{uuid}/" if uuid else base


def _payload(registry, writer):
    data = registry.example(writer.region)
    return {k: v for k, v in data.items() if v not in ("", None)}


def _create(api, registry, writer, **changes):
    response = api(writer).post(_url(registry), {**_payload(registry, writer), **changes}, format="json")
    assert response.status_code == 201, response.content.decode()
    return response.json()


@pytest.mark.parametrize("registry", ALL, ids=IDS)
def test_create_read_update_delete_leave_an_audit_trail(registry, users, api):
    writer = _user_with(users, registry, ("view", "add", "change", "delete"))
    created = _create(api, registry, writer)
    assert created["name"] == registry.example(writer.region)["name"]
    client = api(writer)
    assert client.get(_url(registry, created["uuid"])).json()["code"] == created["code"]

    response = client.patch(_url(registry, created["uuid"]), {"name": "改过的名称"}, format="json")
    assert response.status_code == 200 and response.json()["name"] == "改过的名称"
    record = registry.model.objects.get(uuid=created["uuid"])
    update = AuditEntry.objects.filter(
        model=registry.model._meta.label, object_id=str(record.pk), action="update"
    ).latest("seq")
    assert update.actor_name == writer.username and update.source == "api"
    assert json.loads(update.after)["name"] == "改过的名称"
    assert json.loads(update.before)["name"] == created["name"]

    assert client.delete(_url(registry, created["uuid"])).status_code == 204
    assert not registry.model.objects.filter(uuid=created["uuid"]).exists()
    assert AuditEntry.objects.filter(
        model=registry.model._meta.label, object_id=str(record.pk), action="delete"
    ).exists()


@pytest.mark.parametrize("registry", ALL, ids=IDS)
def test_permissions_and_jurisdiction(registry, users, api):
    writer = _user_with(users, registry, ("view", "add"))
    created = _create(api, registry, writer)
    assert api(None).get(_url(registry)).status_code == 401
    no_view = _user_with(users, registry, (), lacking=("view",))
    assert api(no_view).get(_url(registry)).status_code == 403
    reader = _user_with(users, registry, ("view",), lacking=("add", "change", "delete"))
    assert api(reader).post(_url(registry), _payload(registry, writer), format="json").status_code == 403

    outsider = (
        users["township-longfeng"]
        if not writer.region.path.startswith(users["township-longfeng"].region.path)
        else users["township-guihua"]
    )
    if role_grants(outsider.role, registry.perm("view")):
        client = api(outsider)
        assert client.get(_url(registry, created["uuid"])).status_code == 404
        assert client.patch(_url(registry, created["uuid"]), {"name": "x"}, format="json").status_code in {403, 404}
        codes = [row["code"] for row in client.get(_url(registry), {"page_size": 1000}).json()["results"]]
        assert created["code"] not in codes


@pytest.mark.parametrize("registry", ALL, ids=IDS)
def test_bad_input_is_refused_and_nothing_is_saved(registry, users, api):
    writer = _user_with(users, registry, ("view", "add"))
    client = api(writer)
    count = registry.model.objects.count()
    cases = {
        "duplicate_code": {"code": _create(api, registry, writer)["code"]},
        "unknown_region": {"region": "999999999999"},
        "too_long": {"name": "长" * 300},
    }
    if "lon" in registry.form_fields:
        cases["outside_district"] = {"lon": 104.06, "lat": 30.67}  # Chengdu
        cases["outside_china"] = {"lon": 2.35, "lat": 48.85}  # Paris
    for case, change in cases.items():
        response = client.post(
            _url(registry), {**_payload(registry, writer), "code": f"BAD-{case}", **change}, format="json"
        )
        assert response.status_code == 400, (case, response.content)
        error = response.json()["error"]
        assert error["code"] and error["message"] and error["fields"], case
    expected = {
        "duplicate_code": "duplicate_code",
        "unknown_region": "does_not_exist",
        "too_long": "max_length",
        "outside_district": "location_outside_district",
        "outside_china": "location_outside_china",
    }
    for case, change in cases.items():
        response = client.post(
            _url(registry), {**_payload(registry, writer), "code": f"BAD2-{case}", **change}, format="json"
        )
        assert response.json()["error"]["code"] == expected[case], case
    malformed = client.post(_url(registry), "{not json", content_type="application/json")
    assert malformed.status_code == 400 and malformed.json()["error"]["code"] == "malformed_request"
    assert registry.model.objects.count() == count + 1  # only the first, good record


@pytest.mark.parametrize("registry", ALL, ids=IDS)
def test_pages_list_detail_form_and_delete(registry, users, client):
    writer = _user_with(users, registry, ("view", "add", "change", "delete"))
    client.force_login(writer)
    base = f"/r/{registry.app_label}/{registry.plural}/"
    assert registry.verbose_name_plural in client.get(base).content.decode()
    assert client.get(f"{base}new/").status_code == 200
    form = {k: v for k, v in registry.example(writer.region).items()}
    for name, related in registry.relation_fields().items():
        if form.get(name):
            form[name] = related.objects.get(code=form[name]).pk
    response = client.post(f"{base}new/", {k: v for k, v in form.items() if v is not None})
    assert response.status_code == 302, response.content.decode()[:2000]
    record = registry.model.objects.get(code=form["code"])
    detail = client.get(f"{base}{record.uuid}/").content.decode()
    assert record.name in detail
    bad = client.post(f"{base}new/", {**{k: v for k, v in form.items() if v is not None}, "name": ""})
    assert bad.status_code == 400 and "invalid-feedback" in bad.content.decode()
    assert "确认删除" in client.get(f"{base}{record.uuid}/delete/").content.decode()
    assert client.post(f"{base}{record.uuid}/delete/").status_code == 302
    assert not registry.model.objects.filter(pk=record.pk).exists()


def _workbook_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "upload.xlsx"
    return buffer


@pytest.mark.parametrize("registry", ALL, ids=IDS)
def test_xlsx_template_import_update_and_export(registry, users, client):
    writer = _user_with(users, registry, ("view", "add", "change"))
    client.force_login(writer)
    base = f"/r/{registry.app_label}/{registry.plural}/"
    template = load_workbook(io.BytesIO(client.get(f"{base}template.xlsx").content))
    rows = [list(r) for r in template.worksheets[0].iter_rows(values_only=True)]
    assert rows[0] == headers(registry)
    response = client.post(f"{base}import/", {"file": _workbook_bytes(rows)})
    assert response.status_code == 302, response.content.decode()[:3000]
    code = registry.example(writer.region)["code"]
    assert registry.model.objects.filter(code=code).exists()

    rows[1][rows[0].index(headers(registry)[registry.form_fields.index("name")])] = "导入后更新"
    assert client.post(f"{base}import/", {"file": _workbook_bytes(rows)}).status_code == 302
    assert registry.model.objects.get(code=code).name == "导入后更新"
    assert AuditEntry.objects.filter(model=registry.model._meta.label, source="import").exists()

    exported = load_workbook(io.BytesIO(client.get(f"{base}export.xlsx").content)).worksheets[0]
    assert "导入后更新" in [row[registry.form_fields.index("name")] for row in exported.iter_rows(values_only=True)]


@pytest.mark.parametrize("registry", ALL, ids=IDS)
def test_bad_import_reports_rows_and_saves_nothing(registry, users, client):
    writer = _user_with(users, registry, ("view", "add", "change"))
    client.force_login(writer)
    base = f"/r/{registry.app_label}/{registry.plural}/"
    good = registry.example(writer.region)
    titles = headers(registry)
    row = [good.get(name, "") for name in registry.form_fields]
    bad_region = list(row)
    bad_region[0] = "IMPORT-BAD-1"
    bad_region[registry.form_fields.index("region")] = "999999999999"
    blank_name = list(row)
    blank_name[0] = "IMPORT-BAD-2"
    blank_name[registry.form_fields.index("name")] = ""
    count = registry.model.objects.count()
    good_row = list(row)
    good_row[0] = "IMPORT-GOOD"
    response = client.post(f"{base}import/", {"file": _workbook_bytes([titles, good_row, bad_region, blank_name])})
    assert response.status_code == 400
    page = response.content.decode()
    assert "import-errors" in page and "999999999999" in page
    assert ">3<" in page and ">4<" in page  # row numbers of the two bad rows
    assert registry.model.objects.count() == count  # the good row was not saved either
    not_xlsx = io.BytesIO(b"name,code\n1,2\n")
    not_xlsx.name = "data.csv"
    response = client.post(f"{base}import/", {"file": not_xlsx})
    assert response.status_code == 400 and "不是有效的 Excel" in response.content.decode()


def test_every_registry_is_reachable_from_the_navigation(users, client):
    client.force_login(users["commander"])
    page = client.get("/").content.decode()
    for registry in ALL:
        if users["commander"].has_perm(registry.perm("view")):
            assert registry.list_url in page


def test_demo_users_are_not_superusers():
    assert not User.objects.filter(is_demo=True, is_superuser=True).exists()


# ---- jurisdiction of relation fields and choice lists (issue 12 §2) ----------------------------------------
TOWNSHIP_WRITER = "township-guihua"
RELATIONS = [(r, name) for r in ALL for name, model in r.relation_fields().items() if model is not Region]


def _foreign(model, township, user):
    """A record of `model` kept in `township` that `user` may not pick: from the demo, or made from the model's
    registry example."""
    reachable = scope_to_user(model.objects.all(), user, PICK)
    placed = model.objects.filter(**{f"{region_path_lookup(model)}__startswith": township.path})
    record = placed.exclude(pk__in=reachable.values("pk")).order_by("pk").first()
    if record is None:
        registry = registry_for(model)
        example = {k: v for k, v in registry.example(township).items() if v not in ("", None)}
        for name, related in registry.relation_fields().items():
            if name in example:
                example[name] = related.objects.get(code=example[name])
        record = save_record(registry, actor=None, data={**example, "code": f"ZZ-FOREIGN-{model._meta.model_name}"})
    assert not in_scope(user, record, PICK)
    return record


def _township_writer(users, registry):
    writer = users[TOWNSHIP_WRITER]
    if not role_grants(writer.role, registry.perm("add")):
        pytest.skip(f"a township officer does not write {registry.key}; only district users, who reach everything")
    return writer


def _form_data(registry, writer, **changes):
    form = {k: v for k, v in registry.example(writer.region).items() if v is not None}
    for name, related in registry.relation_fields().items():
        if form.get(name):
            form[name] = related.objects.get(code=form[name]).pk
    return {**form, **changes}


@pytest.mark.parametrize(("registry", "field"), RELATIONS, ids=[f"{r.key}.{f}" for r, f in RELATIONS])
def test_a_write_pointing_outside_the_jurisdiction_is_refused_and_nothing_is_saved(
        registry, field, users, api, client, regions):
    writer = _township_writer(users, registry)
    foreign = _foreign(registry.relation_fields()[field], regions["longfeng"], writer)
    own = _create(api, registry, writer)  # the same write within reach is accepted
    count = registry.model.objects.count()

    response = api(writer).post(_url(registry), {**_payload(registry, writer), "code": "OUT-1",
                                                 field: foreign.code}, format="json")
    assert response.status_code == 403, response.content.decode()
    error = response.json()["error"]
    assert error["code"] == "outside_jurisdiction" and field in error["fields"] and "管辖范围" in error["message"]
    response = api(writer).patch(_url(registry, own["uuid"]), {field: foreign.code}, format="json")
    assert response.status_code == 403 and response.json()["error"]["fields"].keys() == {field}

    client.force_login(writer)
    base = f"/r/{registry.app_label}/{registry.plural}/"
    page = client.post(f"{base}new/", _form_data(registry, writer, code="OUT-2", **{field: foreign.pk}))
    assert page.status_code == 400 and "不在您的管辖范围内" in page.content.decode()

    row = [registry.example(writer.region).get(name, "") for name in registry.form_fields]
    row[0], row[registry.form_fields.index(field)] = "OUT-3", foreign.code
    imported = client.post(f"{base}import/", {"file": _workbook_bytes([headers(registry), row])})
    assert imported.status_code == 400 and "不在您的管辖范围内" in imported.content.decode()

    assert registry.model.objects.count() == count
    assert getattr(registry.model.objects.get(uuid=own["uuid"]), f"{field}_id") != foreign.pk


def _select_values(html: str, name: str) -> set[str]:
    document = lxml.html.fromstring(html)
    return {value for value in document.xpath(f'//select[@name="{name}"]/option/@value') if value}


WITH_RELATIONS = [r for r in ALL if any(m is not Region for m in r.relation_fields().values())]


@pytest.mark.parametrize("registry", WITH_RELATIONS, ids=[r.key for r in WITH_RELATIONS])
def test_every_choice_offered_to_a_township_officer_is_within_reach(registry, users, api, client, regions):
    user = users[TOWNSHIP_WRITER]
    if not role_grants(user.role, registry.perm("view")):
        pytest.skip(f"a township officer does not see {registry.key}")
    relations = {n: m for n, m in registry.relation_fields().items() if m is not Region}
    foreign = {name: _foreign(model, regions["longfeng"], user) for name, model in relations.items()}
    client.force_login(user)
    base = f"/r/{registry.app_label}/{registry.plural}/"
    offered = {}
    listing = client.get(base).content.decode()
    for name in set(relations) & set(registry.filter_fields):
        offered[f"filter {name}"] = (relations[name], "code", _select_values(listing, name))
        response = api(user).get(_url(registry), {name: foreign[name].pk})
        assert response.status_code == 400, (name, response.content.decode()[:300])  # not a choice here
    if role_grants(user.role, registry.perm("add")):
        form = client.get(f"{base}new/").content.decode()
        for name, model in relations.items():
            offered[f"form {name}"] = (model, "pk", _select_values(form, name))
    if not offered:
        pytest.skip(f"{registry.key} offers a township officer no choice of related records")
    for label, (model, key, values) in offered.items():
        reachable = {str(v) for v in scope_to_user(model.objects.all(), user, PICK).values_list(key, flat=True)}
        assert values and values <= reachable, (label, sorted(values - reachable)[:5])
