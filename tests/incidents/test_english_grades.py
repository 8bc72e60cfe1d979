"""Grade names in English mode (issue 14 §21): the incident page shows the grade and offers the grades to choose in
English; the stored value is the code and the Chinese page is unchanged."""

import pytest
from lxml import html

pytestmark = pytest.mark.django_db


def _page(client, incident, language):
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    return html.fromstring(client.get(f"/incidents/{incident.uuid}/").content.decode())


def test_the_grades_read_in_english_and_in_chinese(client, users):
    from yingji.incidents.models import Incident

    incident = Incident.objects.filter(is_demo=True, grade="grade_4").exclude(status="closed").first()
    incident = incident or Incident.objects.filter(grade="grade_4").first()
    client.force_login(users["commander"])
    english = _page(client, incident, "en")
    options = [" ".join(o.text_content().split()) for o in english.xpath("//select[@name='grade']/option")]
    assert {"Extraordinarily serious (Grade I)", "Major (Grade II)", "Relatively major (Grade III)",
            "Ordinary (Grade IV)"} <= set(options)
    assert "Ordinary" in english.text_content() and "一般（Ⅳ级）" not in english.text_content()
    chinese = _page(client, incident, "zh-hans")
    options = [" ".join(o.text_content().split()) for o in chinese.xpath("//select[@name='grade']/option")]
    assert "特别重大（Ⅰ级）" in options and "一般（Ⅳ级）" in options
    incident.refresh_from_db()
    assert incident.grade == "grade_4"
