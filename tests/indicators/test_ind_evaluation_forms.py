"""规划评估报告 refused: the message is drawn beside the form that was posted, with what was typed kept."""

import re

import pytest
from django.utils import timezone

from yingji.indicators.models import Evaluation, EvaluationState

pytestmark = pytest.mark.django_db
LIST = "/indicators/evaluations/"


def test_a_bad_year_is_refused_beside_the_year_of_the_start_form(client, users):
    client.force_login(users["duty"])
    response = client.post(LIST, {"kind": "annual", "year": "2019"})
    assert response.status_code == 400 and not Evaluation.objects.exists()
    page = response.content.decode()
    form = re.search(r'<form[^>]*id="evaluation-start".*?</form>', page, re.S).group(0)
    year = re.search(r'<input\b[^>]*name="year"[^>]*>', form).group(0)
    assert "is-invalid" in year and 'value="2019"' in year and 'id="id_year_error"' in form
    assert re.search(r'<option value="annual" selected>', form)


def test_a_return_without_reason_is_refused_under_the_return_form(client, users):
    client.force_login(users["duty"])
    client.post(LIST, {"kind": "annual", "year": timezone.localdate().year})
    record = Evaluation.objects.get()
    client.post(f"/indicators/evaluations/{record.uuid}/submit/")
    client.force_login(users["commander"])
    page = client.post(f"/indicators/evaluations/{record.uuid}/return/", {"reason": " "}, follow=True)
    assert Evaluation.objects.get().status == EvaluationState.SUBMITTED
    html = page.content.decode()
    returned = next(f for f in re.findall(r"<form\b.*?</form>", html, re.S) if "/return/" in f)
    assert "invalid-feedback" in returned  # the message is drawn under the form that was posted
    assert "invalid-feedback" not in next(f for f in re.findall(r"<form\b.*?</form>", html, re.S) if "/approve/" in f)
