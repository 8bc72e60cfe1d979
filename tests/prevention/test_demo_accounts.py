"""The demo has enterprise accounts for two units (issue 16): `enterprise` (川中精细化工, 桂花镇) and `enterprise-2`
(涪江化工储运, 老池镇); each lists only its own unit's hazards and gets a 404 for the other's."""

import pytest

from yingji.prevention.models import EnterpriseAccount, Hazard

pytestmark = pytest.mark.django_db


def _codes(api, user) -> set[str]:
    response = api(user).get("/api/prevention/hazards/", {"page_size": 500})
    assert response.status_code == 200
    body = response.json()
    return {row["enterprise"] for row in body.get("results", body)}


def test_two_enterprise_accounts_each_see_only_their_own_unit(api, users):
    first, second = users["enterprise"], users["enterprise-2"]
    assert EnterpriseAccount.objects.get(user=first).enterprise.code == "QY-HX-01"
    assert EnterpriseAccount.objects.get(user=second).enterprise.code == "QY-HX-02"
    assert second.role == "enterprise" and Hazard.objects.filter(enterprise__code="QY-HX-02").exists()
    assert _codes(api, second) == {"QY-HX-02"} and _codes(api, first) == {"QY-HX-01"}
    theirs = Hazard.objects.filter(enterprise__code="QY-HX-01").first()
    assert api(second).get(f"/api/prevention/hazards/{theirs.uuid}/").status_code == 404
    assert api(first).get(f"/api/prevention/hazards/{theirs.uuid}/").status_code == 200
