"""The OpenAPI document is a usable contract: it generates cleanly, every write operation says what body it
takes, every operation says what it answers, and errors share one documented shape."""

import pytest
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

WRITE_METHODS = {"post", "put", "patch"}
ERROR_REF = {"$ref": "#/components/schemas/Error"}
# Modules of hand-written API views: their operations document the shared error shape.
HAND_WRITTEN = {"yingji.alerts.api", "yingji.duty.api", "yingji.plans.api", "yingji.onemap.api",
                "yingji.resources.api", "yingji.core.api", "yingji.channels.views", "yingji.consultation.api",
                "yingji.indicators.api"}
# Operations that take no body (the path says it all).
NO_BODY = {"POST /api/duty/roll-call-targets/{uuid}/acknowledge/", "POST /api/duty/escalations/{uuid}/acknowledge/",
           "POST /api/community/exam-papers/{uuid}/start/", "POST /api/community/attempts/{uuid}/submit/",
           "POST /api/enforcement/tasks/{uuid}/record/", "POST /api/monitoring/stations/{uuid}/key/",
           "POST /api/prevention/self-checks/{uuid}/submit/", "POST /api/enforcement/tasks/{uuid}/publish/",
           "POST /api/consultation/consultations/{uuid}/close/",
           # services: steps on an account, a session or a sign-up named by the path
           "POST /api/services/accounts/{uuid}/deactivate/", "POST /api/services/accounts/{uuid}/activate/",
           "POST /api/services/accounts/{uuid}/reset-password/", "POST /api/services/exam-sessions/{uuid}/start/",
           "POST /api/services/exam-signups/{uuid}/confirm/", "POST /api/services/exam-signups/{uuid}/cancel/"}


@pytest.fixture(scope="module")
def generated():
    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        schema = SchemaGenerator().get_schema(request=None, public=True)
    return schema, dict(GENERATOR_STATS._warn_cache), dict(GENERATOR_STATS._error_cache)


def hand_written_operations():
    generator = SchemaGenerator()
    generator._initialise_endpoints()
    return {f"{method} {path}" for path, _regex, method, view in generator.endpoints
            if view.cls.__module__ in HAND_WRITTEN and not hasattr(view, "actions")}


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, operation


def test_schema_is_valid_openapi_without_errors(generated):
    schema, _warnings, errors = generated
    validate_schema(schema)
    assert not errors


def test_schema_has_no_warnings_at_all(generated):
    assert generated[1] == {}


def test_every_write_operation_documents_its_request_body(generated):
    schema = generated[0]
    missing = [f"{method.upper()} {path}" for path, method, operation in operations(schema)
               if method in WRITE_METHODS and "requestBody" not in operation
               and f"{method.upper()} {path}" not in NO_BODY]
    assert missing == []


def test_every_operation_documents_a_successful_answer(generated):
    schema = generated[0]
    missing = []
    for path, method, operation in operations(schema):
        answers = {code: body for code, body in operation["responses"].items() if code.startswith("2")}
        described = any(code == "204" or body.get("content") for code, body in answers.items())
        if not described:
            missing.append(f"{method.upper()} {path}")
    assert missing == []


def test_errors_share_one_documented_shape(generated):
    schema = generated[0]
    error = schema["components"]["schemas"]["Error"]
    assert error["properties"]["error"]["$ref"] == "#/components/schemas/ErrorBody"
    assert set(schema["components"]["schemas"]["ErrorBody"]["properties"]) == {"code", "message", "fields"}
    hand_written = hand_written_operations()
    assert len(hand_written) > 40
    undocumented = [f"{method.upper()} {path}" for path, method, operation in operations(schema)
                    if f"{method.upper()} {path}" in hand_written and error_schemas(operation) != [ERROR_REF]]
    assert undocumented == []


def error_schemas(operation) -> list:
    """The distinct schemas of an operation's 4xx answers."""
    schemas = [body.get("content", {}).get("application/json", {}).get("schema")
               for code, body in operation["responses"].items() if code.startswith("4")]
    return [s for i, s in enumerate(schemas) if s not in schemas[:i]]
