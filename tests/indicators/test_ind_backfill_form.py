"""补录 refused: the message is beside the wrong field (marked, described by it); what was typed is kept."""

import re

import pytest

from yingji.indicators.models import IndicatorSnapshot

pytestmark = pytest.mark.django_db
PAGE = "/indicators/backfill/"


def _control(page: str, name: str) -> str:
    return re.search(rf'<(?:input|select)\b[^>]*\bname="{name}"[^>]*>', page).group(0)


def test_a_bad_year_is_refused_beside_the_year_field_with_what_was_typed_kept(client, users, regions):
    client.force_login(users["commander"])
    township = regions["guihua"]
    response = client.post(PAGE, {"code": "3.3", "region": township.code, "year": "2019", "value": "81.5",
                                  "of": "120", "source": "2019年度培训台账"})
    assert response.status_code == 400
    page = response.content.decode()
    year = _control(page, "year")
    assert "is-invalid" in year and 'aria-describedby="id_year_error"' in year and 'value="2019"' in year
    message = re.search(r'<div class="invalid-feedback d-block" id="id_year_error" data-field="year">(.*?)</div></div>',
                        page, re.S)
    assert message and "补录年度应在" in message.group(1)
    # the message is right under the year input, inside the form that was posted
    form = re.search(r'<form[^>]*id="indicator-backfill".*?</form>', page, re.S).group(0)
    assert form.index('id="id_year_error"') - form.index('name="year"') < 400
    for name in ("value", "of", "source"):
        assert "is-invalid" not in _control(page, name)
    assert 'value="81.5"' in _control(page, "value") and 'value="120"' in _control(page, "of")
    assert 'value="2019年度培训台账"' in _control(page, "source")
    assert re.search(r'<option value="3\.3" selected>', form)
    assert re.search(rf'<option value="{re.escape(township.code)}" selected>', form)
    assert not IndicatorSnapshot.objects.filter(entered_by__isnull=False).exists()


def test_a_refused_source_is_marked_and_the_page_drawn_afresh_is_clean(client, users, regions):
    client.force_login(users["commander"])
    response = client.post(PAGE, {"code": "3.3", "region": regions["district"].code, "year": "2021",
                                  "value": "81.5", "of": "", "source": " "})
    page = response.content.decode()
    assert response.status_code == 400 and "is-invalid" in _control(page, "source")
    assert "is-invalid" not in _control(page, "year") and 'value="2021"' in _control(page, "year")
    fresh = client.get(PAGE).content.decode()
    assert "is-invalid" not in fresh and 'value="2021"' not in _control(fresh, "year")
