"""重大事故隐患判定标准: the seeded list, the rule that a 重大 hazard cites an item fitting its enterprise's sector
(400 criterion_required on `criterion`), and the check items that map to an item."""

import pytest

from yingji.prevention.models import CheckItem, Enterprise, Hazard, HazardCriterion
from yingji.prevention.registrations import CHECK_ITEMS, HAZARDS

pytestmark = pytest.mark.django_db


def _major(api, user, enterprise, criterion=None, **changes):
    data = {**HAZARDS.example(enterprise.region), "enterprise": enterprise.code, "grade": "major",
            "region": enterprise.region.code, **changes}
    if criterion:
        data["criterion"] = criterion
    return api(user).post("/api/prevention/hazards/", data, format="json")


def test_the_list_is_seeded_with_the_chemicals_and_industry_items():
    chemicals = HazardCriterion.objects.filter(sector="chemicals")
    assert chemicals.count() == 20
    assert chemicals.get(code="PD-HG-15").name == "安全阀、爆破片等安全附件未正常投用"
    assert "121号" in chemicals.first().basis
    industry = set(HazardCriterion.objects.exclude(sector="chemicals").values_list("sector", flat=True))
    assert {"industry", "metallurgy", "machinery", "light", "textile"} <= industry
    assert all("应急管理部令第10号" in c.basis for c in HazardCriterion.objects.exclude(sector="chemicals"))


def test_a_major_hazard_without_a_criterion_is_refused_on_the_field(api, users):
    own = Enterprise.objects.get(code="QY-HX-01")  # 危险化学品使用
    response = _major(api, users["township-guihua"], own)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "criterion_required" and list(error["fields"]) == ["criterion"]
    assert not Hazard.objects.filter(code="YH-EXAMPLE").exists()


def test_a_criterion_of_another_sector_is_refused_and_a_fitting_one_accepted(api, users):
    own = Enterprise.objects.get(code="QY-HX-01")
    wrong = _major(api, users["township-guihua"], own, "PD-GM-TY-01")
    assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "criterion_required"
    assert "不适用" in wrong.json()["error"]["fields"]["criterion"][0]
    right = _major(api, users["township-guihua"], own, "PD-HG-15")
    assert right.status_code == 201, right.content.decode()
    assert Hazard.objects.get(uuid=right.json()["uuid"]).criterion.code == "PD-HG-15"


def test_an_industry_enterprise_takes_the_general_items_and_its_own_industrys(api, users):
    works = Enterprise.objects.filter(category="machinery").order_by("code").first()
    writer = users["commander"]
    assert _major(api, writer, works, "PD-GM-TY-02", code="YH-T1").status_code == 201
    assert _major(api, writer, works, "PD-GM-JX-01", code="YH-T2").status_code == 201
    assert _major(api, writer, works, "PD-GM-YJ-01", code="YH-T3").json()["error"]["code"] == "criterion_required"
    assert _major(api, writer, works, "PD-HG-01", code="YH-T4").json()["error"]["code"] == "criterion_required"


def test_a_sector_without_items_does_not_require_one(api, users):
    market = Enterprise.objects.filter(category="crowded").order_by("code").first()
    response = _major(api, users["commander"], market, plan_responsible="张三")
    assert response.status_code == 201, response.content.decode()


def test_a_general_hazard_needs_no_criterion(api, users):
    own = Enterprise.objects.get(code="QY-HX-01")
    assert _major(api, users["township-guihua"], own, grade="general").status_code == 201


def test_the_demos_major_hazards_cite_an_item_of_their_sector():
    from yingji.prevention.models.criteria import criterion_sectors

    chemicals = Hazard.objects.filter(grade="major", enterprise__category__startswith="chem_", is_demo=True)
    assert chemicals.exists() and not chemicals.filter(criterion__isnull=True).exists()
    for hazard in Hazard.objects.filter(grade="major", criterion__isnull=False).select_related("enterprise",
                                                                                                "criterion"):
        assert hazard.criterion.sector in criterion_sectors(hazard.enterprise.category)


def test_a_check_item_maps_only_to_an_item_fitting_its_whole_list(api, users):
    data = {**CHECK_ITEMS.example(users["commander"].region), "criterion": "PD-GM-YJ-01"}
    response = api(users["commander"]).post("/api/prevention/check-items/", data, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "criterion_not_applicable"
    assert not CheckItem.objects.filter(code=data["code"]).exists()
    data["criterion"] = "PD-HG-05"
    assert api(users["commander"]).post("/api/prevention/check-items/", data, format="json").status_code == 201


def test_everyone_reads_the_district_list(api, users):
    for name in ("enterprise", "township-longfeng", "inspector"):
        listed = api(users[name]).get("/api/prevention/hazard-criteria/?sector=chemicals").json()
        assert listed["count"] == 20, name
