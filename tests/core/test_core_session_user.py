"""The signed-in user is loaded once per request with the home region's path, without its boundary."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

REGION_BOUNDARY = '"core_region"."geometry"'


def test_a_page_request_loads_the_home_region_without_its_boundary(client, users):
    client.force_login(users["commander"])  # the commander's home region is the whole district
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/incidents/")
    assert response.status_code == 200
    user_queries = [q["sql"] for q in queries.captured_queries if 'FROM "core_user"' in q["sql"]]
    assert user_queries and '"core_region"."path"' in user_queries[0] and REGION_BOUNDARY not in user_queries[0]
    home_region_loads = [sql for sql in (q["sql"] for q in queries.captured_queries)
                         if sql.startswith("SELECT") and 'FROM "core_region" WHERE "core_region"."id" =' in sql]
    assert not home_region_loads


def test_an_inactive_user_is_signed_out(client, users):
    user = users["observer"]
    client.force_login(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get("/incidents/").status_code == 302
