"""Production hardening (issue 12, §4–5): the Content-Security-Policy, the API documents behind a login in
production, request ids that a client cannot fill with arbitrary text, and JSON bodies bounded in depth and size."""

import re
from pathlib import Path

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db
SRC = Path(__file__).resolve().parents[2] / "src" / "yingji"
TEMPLATES = sorted(SRC.glob("*/templates/**/*.html"))


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_every_page_carries_the_policy_and_its_scripts_the_nonce(client, users):
    client.force_login(users["commander"])
    page = client.get("/")
    policy = _policy(page)
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"] and "'unsafe-inline'" not in policy["script-src"]
    nonce = next(s for s in policy["script-src"] if s.startswith("'nonce-"))[len("'nonce-"):-1]
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page.content.decode())
    assert inline and all(f'nonce="{nonce}"' in attributes for attributes in inline if "json" not in attributes)
    assert client.get("/").content.decode().count(nonce) == 0  # a fresh nonce on every response


def test_the_api_and_the_public_pages_carry_the_policy_too(client, api, users):
    assert "default-src 'self'" in api(users["duty"]).get("/api/core/me/")["Content-Security-Policy"]
    assert "default-src 'self'" in client.get("/accounts/login/")["Content-Security-Policy"]


@pytest.mark.parametrize("template", TEMPLATES, ids=[str(t.relative_to(SRC)) for t in TEMPLATES])
def test_no_template_has_an_inline_handler_or_a_script_without_the_nonce(template):
    text = template.read_text(encoding="utf-8")
    assert not re.search(r"\son[a-z]+\s*=", text), "inline event handler: use a data- attribute (web/behaviours.js)"
    assert not re.search(r"href=[\"']javascript:", text)
    for attributes in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", text):
        assert 'nonce="{{ csp_nonce }}"' in attributes or "application/json" in attributes, template


@override_settings(DEMO_MODE=False)
def test_the_api_documents_need_a_login_in_production(client, users):
    assert client.get("/api/schema/").status_code in (401, 403)
    docs = client.get("/api/docs/")
    assert docs.status_code == 302 and docs["Location"].startswith("/accounts/login/")
    client.force_login(users["observer"])
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


def test_the_api_documents_stay_open_in_demo_mode(client):
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/")
    assert docs.status_code == 200 and "<script>" not in docs.content.decode()  # the start-up script is a file
    assert client.get("/api/docs/?script=").status_code == 200


@pytest.mark.parametrize("given", ["abc-123_DEF.4", "x" * 64])
def test_a_plain_request_id_is_kept(client, given):
    assert client.get("/healthz", HTTP_X_REQUEST_ID=given)["X-Request-ID"] == given


@pytest.mark.parametrize("given", ["<script>alert(1)</script>", "a b", "x" * 65, "id\u200bzero-width", "行"])
def test_any_other_request_id_is_replaced_by_our_own(client, given):
    ours = client.get("/healthz", HTTP_X_REQUEST_ID=given)["X-Request-ID"]
    assert ours != given and re.fullmatch(r"[0-9a-f]{32}", ours)


def test_a_deeply_nested_json_body_is_refused(api, users):
    reply = api(users["duty"]).post("/api/incidents/incidents/", "[" * 100_000, content_type="application/json")
    assert reply.status_code == 400 and reply.json()["error"]["code"] == "json_too_deep"


@pytest.mark.parametrize(("body", "field"), [
    ('{"statement": "a\\u0000b"}', "statement"),
    ('{"statement": "x", "findings": [{"note": "ok"}, {"note": "\\u0000"}]}', "findings.1.note"),
])
def test_a_nul_character_anywhere_in_a_json_body_is_refused_naming_where(api, users, body, field):
    """PostgreSQL cannot store a NUL character: six endpoints answered 500 to one inside a nested JSON value."""
    reply = api(users["duty"]).post("/api/incidents/incidents/", body, content_type="application/json")
    assert reply.status_code == 400
    assert reply.json()["error"]["code"] == "nul_character" and field in reply.json()["error"]["fields"]


def test_a_reasonably_nested_json_body_is_parsed(api, users):
    nested = {"type_code": "1.4.2", "region": None, "statement": "x", "extra": [[[[[[1]]]]]]}
    reply = api(users["duty"]).post("/api/incidents/incidents/", nested, format="json")
    assert reply.json()["error"]["code"] != "json_too_deep"


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_json_body_beyond_the_size_limit_is_refused(api, users):
    body = '{"statement": "' + "x" * 2000 + '"}'
    reply = api(users["duty"]).post("/api/incidents/incidents/", body, content_type="application/json")
    # Django's own limit on request bodies may answer first (bad_request); either way a 400, never a 500.
    assert reply.status_code == 400 and reply.json()["error"]["code"] in ("body_too_large", "bad_request")


def test_a_deeply_nested_plan_edited_on_the_page_is_refused(client, users):
    from yingji.core.errors import DomainError
    from yingji.plans.editor import parse

    with pytest.raises(DomainError) as refused:
        parse("[" * 100_000)
    assert refused.value.code == "json_too_deep"


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "multipart/form-data"])
def test_a_nul_character_in_a_form_field_is_refused_naming_it(api, users, content_type):
    """The PostgreSQL fuzz sent one as a form field: /api/plans/plans/ and /api/enforcement/draws/ answered 500."""
    client = api(users["commander"])
    body = {"name": "演练预案", "region": "\x00", "plan_type": "overall", "issued_on": "2026-01-01"}
    if content_type.startswith("multipart"):
        reply = client.post("/api/plans/plans/", body, format="multipart")
    else:
        from urllib.parse import urlencode

        reply = client.post("/api/plans/plans/", urlencode(body), content_type=content_type)
    assert reply.status_code == 400
    assert reply.json()["error"]["code"] == "nul_character" and "region" in reply.json()["error"]["fields"]


def test_every_api_view_parses_with_the_bounded_parsers():
    """A view that names DRF's own form or multipart parser would let a NUL character reach the database again."""
    from django.urls import get_resolver
    from rest_framework.parsers import BaseParser

    from yingji.alerts.api import CapXmlParser
    from yingji.core import parsers

    ours = (parsers.JSONParser, parsers.FormParser, parsers.MultiPartParser, CapXmlParser)  # XML refuses NUL itself

    def views(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from views(pattern.url_patterns)
            else:
                cls = getattr(pattern.callback, "cls", None) or getattr(pattern.callback, "view_class", None)
                if cls is not None and hasattr(cls, "parser_classes"):
                    yield cls

    found = {cls for cls in views(get_resolver().url_patterns)}
    assert len(found) > 50
    unbounded = sorted({f"{cls.__module__}.{cls.__name__}: {parser.__name__}" for cls in found
                        for parser in cls.parser_classes
                        if issubclass(parser, BaseParser) and not issubclass(parser, ours)})
    assert unbounded == []
