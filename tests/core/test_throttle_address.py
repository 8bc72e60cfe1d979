"""API rate limits count the connection's own address, not one the client claims in X-Forwarded-For."""

import pytest
from django.core.cache import cache


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_buy_new_login_attempts(api):
    cache.clear()
    client = api()
    answers = [client.post("/api/auth/token/", {"username": f"nobody{n}", "password": "x"}, format="json",
                           HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(22)]
    cache.clear()
    assert answers[:20] == [400] * 20 and answers[-1] == 429, answers
