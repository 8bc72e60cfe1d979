"""Property-based API fuzzing with schemathesis against our own OpenAPI schema: whatever a client sends,
the answer is never a server error. Runs in-process (WSGI) on the test database."""

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.config import SchemathesisConfig

# The coverage phase sends the boundary and wrong-kind values of every documented field (thousands of requests,
# minutes); YINGJI_FUZZ_COVERAGE=0 leaves only YINGJI_FUZZ_EXAMPLES random cases per operation (quick).
# YINGJI_FUZZ_PATHS=<regex> fuzzes only the matching paths, e.g. "^/api/duty/".
COVERAGE = os.environ.get("YINGJI_FUZZ_COVERAGE", "1") != "0"
raw_schema = SchemaGenerator().get_schema(request=None, public=True)
schema = schemathesis.openapi.from_dict(
    raw_schema, config=SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": COVERAGE}}}))
if os.environ.get("YINGJI_FUZZ_PATHS"):
    schema = schema.include(path_regex=os.environ["YINGJI_FUZZ_PATHS"])
schema.app = get_wsgi_application()


@pytest.fixture
def token_header(db, users):
    token, _ = Token.objects.get_or_create(user=users["commander"])
    return {"Authorization": f"Token {token.key}"}


pytestmark = pytest.mark.fuzz


@pytest.fixture(autouse=True)
def _connection_kept_across_requests():
    """Django's test client does the same: the WSGI handler closes the database connection after each request
    when autocommit is off, which it is inside the test's transaction. On SQLite (in memory) closing is a no-op;
    on PostgreSQL every later query failed with "the connection is closed" (a 500 on every endpoint)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("YINGJI_FUZZ_EXAMPLES", "5")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
@pytest.mark.django_db
def test_no_input_gives_a_server_error(case, token_header):
    response = case.call(headers=token_header)
    assert response.status_code < 500, f"{case.method} {case.formatted_path} → {response.status_code}"
