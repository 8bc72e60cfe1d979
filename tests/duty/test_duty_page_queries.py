"""Duty pages list posts, log entries and escalations with their regions' names, never their boundaries
(the district's alone is tens of kilobytes of JSON, decoded again for every row)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

REGION_BOUNDARY = '"core_region"."geometry"'


@pytest.mark.parametrize("path", ["/duty/", "/duty/roster/", "/duty/log/", "/duty/escalations/", "/duty/on-duty/",
                                  "/duty/handovers/", "/duty/roll-calls/"])
def test_duty_pages_skip_region_boundaries(client, users, path):
    client.force_login(users["duty-chief"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    assert [q["sql"][:120] for q in queries.captured_queries if REGION_BOUNDARY in q["sql"]] == []
