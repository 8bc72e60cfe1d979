"""我的待办 with hazards waiting for the user: a hazard's 整改期限 is a date, shown as the end of that day in the
district's zone (it broke the commander's /todo/ page with a 500)."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_inbox_shows_hazards_with_a_deadline(client, users):
    from yingji.core.extensions import todo_items

    client.force_login(users["commander"])
    hazards = [item for _provider, items in todo_items(users["commander"]) for item in items
               if "/prevention/" in item.url and item.due_at]
    assert hazards, "the demo has no hazard with a deadline waiting for the commander"
    assert client.get("/todo/").status_code == 200
