"""Risk assessment and zoning: the formula on fixed inputs (hand-computed), the 5 classes and their configurable
bounds, weights that must add up to 1, the demo's assessment, the zoning page (a township officer sees only their
township), the A3 print page (title, legend, scale bar, north arrow, A3 landscape @page), the map layer and the
township risk card (DOCX); the per-hazard zoning (fixed inputs, its page, print page and map layer)."""

import io

import pytest
from django.urls import reverse
from docx import Document

from yingji.census.layers import LEVEL_HEX
from yingji.census.models import RiskAssessment
from yingji.census.risk import Exposure, Township, hazard_zoning, score
from yingji.core.extensions import MAP_LAYERS
from yingji.demo.townships import township

WEIGHTS = {"geological": 0.3, "flash_flood": 0.2, "flood": 0.4, "waterlogging": 0.1}
CUTS = [60, 40, 20, 5]


def _towns():
    a, b, c = Township("A", "甲镇", shelter_places=40), Township("B", "乙镇", shelter_places=100), Township("C", "丙镇")
    a.by_hazard["geological"] = Exposure(hazard=4, people=100, property_wan=50, vulnerable=30)
    b.by_hazard["geological"] = Exposure(hazard=2, people=50, property_wan=100, building_people=50,
                                         fragility_weight=45)
    return [c, b, a]


def test_risk_is_hazard_times_exposure_times_vulnerability_on_fixed_inputs():
    rows = {row["code"]: row for row in score(_towns(), WEIGHTS, CUTS)}
    a, b = rows["A"]["hazards"]["geological"], rows["B"]["hazards"]["geological"]
    # A: H 4/4 = 1, E 0.6·1 + 0.4·0.5 = 0.8, V 0.5·0.5 (no building: default) + 0.3·0.3 + 0.2·(1 − 40/100) = 0.46
    assert (a["H"], a["E"], a["V"], a["R"]) == (1.0, 0.8, 0.46, 0.368)
    # B: H 0.5, E 0.6·0.5 + 0.4·1 = 0.7, V 0.5·0.9 (土木) + 0 + 0.2·0 (enough places) = 0.45
    assert (b["H"], b["E"], b["V"], b["R"]) == (0.5, 0.7, 0.45, 0.1575)
    assert (rows["A"]["score"], rows["A"]["level"]) == (100.0, "high")
    assert (rows["B"]["score"], rows["B"]["level"]) == (42.8, "higher")  # 0.3·0.1575 ÷ 0.3·0.368
    assert (rows["C"]["score"], rows["C"]["level"]) == (0.0, "low")
    assert [row["code"] for row in score(_towns(), WEIGHTS, CUTS)] == ["A", "B", "C"], "worst first"
    assert {r["code"]: r["level"] for r in score(_towns(), WEIGHTS, [60, 45, 20, 5])}["B"] == "medium", "bounds"


@pytest.mark.django_db
def test_weights_must_add_up_to_one_and_bounds_must_fall(api, users):
    client = api(users["commander"])
    base = {"name": "错误权重评估", "region": "510903000000", "weight_geological": "0.5", "weight_flash_flood": "0.2",
            "weight_flood": "0.4", "weight_waterlogging": "0.1"}
    error = client.post("/api/census/risk-assessments/", base, format="json").json()["error"]
    assert error["code"] == "validation_error" or "weight_geological" in error["fields"]
    assert "权重之和应为 1" in str(error["fields"]["weight_geological"])
    bad_cuts = {**base, "weight_geological": "0.3", "cut_higher": "70"}
    assert "依次递减" in str(client.post("/api/census/risk-assessments/", bad_cuts, format="json").json())
    assert not RiskAssessment.objects.filter(name="错误权重评估").exists()


@pytest.mark.django_db
def test_the_demo_zoning_page_lists_townships_and_a_township_officer_sees_only_theirs(client, users):
    assessment = RiskAssessment.objects.get(code="FXPG-DEMO")
    levels = {row["name"]: row["level"] for row in assessment.results}
    assert len(levels) == 24 and set(levels.values()) >= {"high", "low"}
    assert levels["嘉禾街道"] in ("lower", "low") and "桂花镇" in levels
    client.force_login(users["commander"])
    page = client.get(reverse("census:zoning")).content.decode()
    assert page.count("data-township=") == 24 and "风险 = 危险性 × 暴露度 × 脆弱性" in page
    client.force_login(users["township-guihua"])
    page = client.get(reverse("census:zoning")).content.decode()
    assert page.count("data-township=") == 1 and 'data-township="桂花镇"' in page
    other = township("龙凤镇").code
    assert client.get(reverse("census:risk-card", kwargs={"code": other})).status_code == 404
    layer = MAP_LAYERS.get("census-risk-zoning")
    assert [f["properties"]["name"] for f in layer.features(users["township-guihua"], None, {})] == ["桂花镇"]
    assert len(layer.features(users["commander"], None, {})) == 24


@pytest.mark.django_db
def test_the_a3_print_page_has_title_legend_scale_bar_and_north_arrow(client, users):
    client.force_login(users["commander"])
    page = client.get(reverse("census:zoning-print")).content.decode()
    assert "size: A3 landscape" in page and "船山区自然灾害综合风险区划图" in page
    assert 'id="north-arrow"' in page and 'id="scale-bar"' in page and "比例尺 1:" in page
    assert all(colour in page for colour in LEVEL_HEX.values()) and page.count("<path d=") >= 26
    assert "桂花镇" in page


@pytest.mark.django_db
def test_the_township_risk_card_is_an_official_docx(client, users):
    client.force_login(users["township-guihua"])
    response = client.get(reverse("census:risk-card", kwargs={"code": township("桂花镇").code}))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "桂花镇自然灾害综合风险清单（一张卡）" in text and "综合风险等级" in text
    assert {"一、基本情况", "二、灾害风险隐患", "三、承灾体与暴露人口", "四、减灾能力", "五、短板与建议"} <= set(
        p.text for p in document.paragraphs)
    assert {"公共服务", "房屋", "应急避难场所"} <= cells and cells & {"滑坡", "崩塌", "泥石流", "地面塌陷"}
    assert any(c.isdigit() and len(c) == 11 for c in cells), "a township officer reads the monitors' phones"
    client.force_login(users["observer"])
    response = client.get(reverse("census:risk-card", kwargs={"code": township("桂花镇").code}))
    document = Document(io.BytesIO(response.content))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert not any(c.isdigit() and len(c) == 11 for c in cells) and any("****" in c for c in cells), "masked"




def test_each_hazard_is_zoned_against_its_own_worst_township_on_fixed_inputs():
    towns = _towns()
    towns[0].by_hazard["flood"] = Exposure(hazard=1, people=10, property_wan=0, vulnerable=10)  # 丙镇: flood only
    results = score(towns, WEIGHTS, CUTS)
    geological = hazard_zoning(results, "geological", CUTS)
    assert geological["A"] == {"score": 100.0, "level": "high"}
    assert geological["B"] == {"score": 42.8, "level": "higher"}  # 0.1575 ÷ 0.368
    assert geological["C"] == {"score": 0.0, "level": "low"}  # no landslide there
    flood = hazard_zoning(results, "flood", CUTS)
    assert flood["C"]["level"] == "high" and flood["A"]["level"] == flood["B"]["level"] == "low"
    assert hazard_zoning(results, "waterlogging", CUTS)["A"] == {"score": 0.0, "level": "low"}  # nobody has it


@pytest.mark.django_db
def test_the_per_hazard_zoning_page_print_map_and_layer(client, users):
    client.force_login(users["commander"])
    assessment = RiskAssessment.objects.filter(published=True).order_by("-assessed_at").first()
    expected = hazard_zoning(assessment.results, "flood", assessment.cuts())
    page = client.get(reverse("census:zoning") + "?hazard=flood").content.decode()
    assert "综合风险评估与区划 · 洪水" in page and 'data-hazard="flood"' in page and "?hazard=flood" in page
    names = {row["code"]: row["name"] for row in assessment.results}
    worst = max(expected, key=lambda code: expected[code]["score"])
    assert f'data-township="{names[worst]}" data-level="{expected[worst]["level"]}"' in page
    printed = client.get(reverse("census:zoning-print") + "?hazard=flood").content.decode()
    assert "船山区洪水风险区划图" in printed and 'id="north-arrow"' in printed
    assert client.get(reverse("census:zoning") + "?hazard=volcano").status_code == 400
    layer = MAP_LAYERS.get("census-risk-zoning-flood")
    features = layer.features(users["commander"], None, {})
    assert len(features) == 24 and str(layer.title) == "洪水风险区划（乡镇）"
    colours = {f["properties"]["code"]: f["properties"]["color"] for f in features}
    assert all(colours[code] == LEVEL_HEX[zoned["level"]] for code, zoned in expected.items())
    assert len(MAP_LAYERS.get("census-risk-zoning-flash-flood").features(users["township-guihua"], None, {})) == 1


def test_grid_cells_cover_the_outline_row_by_row_from_the_north_west():
    from yingji.census.grid import cells

    square = {"type": "Polygon", "coordinates": [[[105.5, 30.5], [105.53, 30.5], [105.53, 30.52], [105.5, 30.52],
                                                  [105.5, 30.5]]]}
    grid = cells(square, 1.0)
    # 0.03° of longitude at 30.51°N ≈ 2.88 km → 3 columns; 0.02° of latitude ≈ 2.23 km → 3 rows
    assert [code for code, _b in grid] == [f"G{r:03d}-{c:03d}" for r in (1, 2, 3) for c in (1, 2, 3)]
    first = dict(grid)["G001-001"]
    assert first[0] == 105.5 and first[3] == 30.52 and round((first[3] - first[1]) * 111.32, 3) == 1.0


@pytest.mark.django_db
def test_the_grid_zoning_is_stored_with_the_assessment_and_drawn_per_cell(client, users):
    from shapely.geometry import Point, shape

    from yingji.census.models import DangerZone, HazardPoint
    from yingji.core.models import Region

    assessment = RiskAssessment.objects.filter(published=True).order_by("-assessed_at").first()
    cells = assessment.grid_results
    assert len(cells) > 20 and {c["level"] for c in cells} <= {"high", "higher", "medium", "lower", "low"}
    worst = max(cells, key=lambda c: c["score"])
    assert worst["score"] == 100.0 and worst["level"] == "high"
    x0, y0, x1, y1 = worst["bounds"]
    square = shape({"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]})
    assert any(square.intersects(shape(z.geometry)) for z in DangerZone.objects.exclude(geometry=None)) or any(
        square.contains(Point(p.lon, p.lat)) for p in HazardPoint.objects.all()), "the worst cell holds a hazard"
    client.force_login(users["commander"])
    page = client.get(reverse("census:zoning-print") + "?unit=grid").content.decode()
    assert "船山区自然灾害综合风险区划图（1 公里网格）" in page and page.count("data-cell=") == len(cells)
    assert 'id="north-arrow"' in page and 'id="zoning-print-cells"' in page
    assert 'id="zoning-grid-link"' in client.get(reverse("census:zoning")).content.decode()
    layer = MAP_LAYERS.get("census-risk-zoning-grid")
    assert len(layer.features(users["commander"], None, {})) == len(cells)
    mine = layer.features(users["township-guihua"], None, {})
    guihua = shape(Region.objects.get(code=township("桂花镇").code).geometry)
    assert 0 < len(mine) < len(cells)
    assert all(guihua.contains(shape(f["geometry"]).centroid) for f in mine)
