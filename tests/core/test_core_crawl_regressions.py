"""Regressions found by the site crawl (tests/core/test_site_crawl.py) in the core registry pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yingji.core.registry import REGISTRIES

REGION_BOUNDARY = '"core_region"."geometry"'


@pytest.mark.parametrize("key", sorted(REGISTRIES))
def test_registry_list_page_takes_a_fixed_number_of_queries_and_skips_region_boundaries(client, users, key):
    """Lists ran one query per row for each related column and loaded every row's region boundary."""
    registry = REGISTRIES[key]
    client.force_login(users["commander"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/r/{registry.app_label}/{registry.plural}/")
    assert response.status_code == 200
    assert len(queries.captured_queries) <= 15  # was one more per row for each related column
    table = f'FROM "{registry.model._meta.db_table}"'
    record_queries = [q["sql"] for q in queries.captured_queries if table in q["sql"]]
    assert record_queries and not [sql for sql in record_queries if REGION_BOUNDARY in sql]


def test_registry_edit_form_region_choices_skip_boundaries(client, users):
    client.force_login(users["commander"])
    person = REGISTRIES["core-people"].model.objects.filter(region__isnull=False).first()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/r/core/people/{person.uuid}/edit/")
    assert response.status_code == 200 and person.region.name in response.content.decode()
    choices = [q["sql"] for q in queries.captured_queries if '"core_region"."level" <=' in q["sql"]]
    assert choices and not [sql for sql in choices if REGION_BOUNDARY in sql]
