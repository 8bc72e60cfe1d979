"""Shapefile import of the census's spatial deliveries (承灾体, 危险区): files written here with pyshp, zipped, uploaded
on the import page → preview with the guessed field mapping → 校验 keeps nothing → 导入 saves all; a bad feature
refuses the whole file with its row and a Chinese reason; a projected CGCS2000 .prj is converted; GBK tables read."""

import io
import re
import zipfile

import pytest
import shapefile
from django.urls import reverse
from pyproj import CRS, Transformer

from yingji.census.models import DangerZone, ExposedAsset
from yingji.demo.townships import township

pytestmark = pytest.mark.django_db
CGCS2000 = CRS.from_epsg(4490).to_wkt("WKT1_ESRI")


def shapefile_zip(shape_type, features, fields, *, encoding="utf-8", prj=CGCS2000, cpg=True) -> bytes:
    """A zipped shapefile: `features` are (geometry parts, record values) and `fields` (name, type, size)."""
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    writer = shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shape_type, encoding=encoding)
    for name, kind, size in fields:
        writer.field(name, kind, size=size)
    for geometry, record in features:
        if shape_type == shapefile.POINT:
            writer.point(*geometry)
        else:
            writer.poly(geometry)
        writer.record(*record)
    writer.close()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as out:
        for ext, buffer in (("shp", shp), ("shx", shx), ("dbf", dbf)):
            out.writestr(f"czt.{ext}", buffer.getvalue())
        if prj:
            out.writestr("czt.prj", prj)
        if cpg:
            out.writestr("czt.cpg", encoding)
    return archive.getvalue()


def square(lon, lat, half=0.0004):
    return [[(lon - half, lat - half), (lon - half, lat + half), (lon + half, lat + half), (lon + half, lat - half),
             (lon - half, lat - half)]]


BUILDING_FIELDS = (("MC", "C", 50), ("LX", "C", 20), ("JG", "C", 20), ("RS", "N", 6), ("CS", "N", 3))


def buildings(*rows):
    seat = township("桂花镇").seat
    return [(square(seat[0] + 0.002 * i, seat[1] + 0.001 * i), row) for i, row in enumerate(rows)]


def _upload(client, content, name="czt.zip", kind="exposed-assets", crs="auto"):
    return client.post(reverse("census:import", kwargs={"kind": kind}),
                       {"file": _file(content, name), "crs": crs})


def _file(content, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def _mapping_form(page: str) -> dict:
    """The mapping the page proposes (its selected options)."""
    rows = re.findall(r'name="(map_\w+)">(.*?)</select>', page, re.S)
    chosen = {}
    for name, options in rows:
        selected = re.search(r'<option value="([^"]*)" selected>', options)
        chosen[name] = selected.group(1) if selected else ""
    return chosen


def test_a_gbk_shapefile_is_previewed_mapped_checked_and_imported(client, users):
    content = shapefile_zip(shapefile.POLYGON, buildings(
        ("漆家桥村小学综合楼", "学校", "框架", 620, 4), ("漆家桥村土木民房", "农村住宅", "土木", 5, 1)),
        BUILDING_FIELDS, encoding="gbk", cpg=False)
    client.force_login(users["commander"])
    response = _upload(client, content)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "漆家桥村小学综合楼" in page and "要素数：<strong>2</strong>" in page, "GBK table read, previewed"
    assert "China Geodetic Coordinate System 2000" in page or "CGCS2000" in page
    mapping = _mapping_form(page)
    assert {k: v for k, v in mapping.items() if v} == {
        "map_name": "MC", "map_asset_type": "LX", "map_structure": "JG", "map_occupants": "RS", "map_floors": "CS"}
    checked = client.post(response["Location"], {**mapping, "action": "check"}).content.decode()
    assert "校验通过：2 个要素全部合格" in checked
    assert not ExposedAsset.objects.filter(name="漆家桥村小学综合楼").exists(), "a check keeps nothing"
    done = client.post(response["Location"], {**mapping, "action": "import"})
    assert done.status_code == 302
    school = ExposedAsset.objects.get(name="漆家桥村小学综合楼")
    assert (school.asset_class, school.asset_type, school.structure, school.occupants, school.floors) == (
        "public_service", "school", "concrete", 620, 4)
    assert school.geometry["type"] == "Polygon" and school.region.path.find(f"/{township('桂花镇').code}/") >= 0
    house = ExposedAsset.objects.get(name="漆家桥村土木民房")
    assert house.structure == "earth_wood" and house.get_asset_class_display() == "房屋"


def test_one_bad_feature_refuses_the_whole_file_with_its_row_and_reason(client, users):
    far = [(square(104.0, 30.0), ("界外仓库", "非住宅房屋", "砖混", 3, 1))]
    content = shapefile_zip(shapefile.POLYGON, buildings(
        ("桂花镇卫生院门诊楼", "医疗卫生机构", "框架", 80, 3), ("无结构民房", "农村住宅", "", 4, 2),
        ("桂花镇敬老院", "社会福利机构", "木石", 40, 2)) + far, BUILDING_FIELDS)
    client.force_login(users["commander"])
    url = _upload(client, content)["Location"]
    response = client.post(url, {**_mapping_form(client.get(url).content.decode()), "action": "import"})
    assert response.status_code == 400
    page = response.content.decode()
    rows = re.findall(r"<tr><td>(\d+)</td><td>(.*?)</td><td>(.*?)</td></tr>", page)
    assert [(r, c) for r, c, _m in rows] == [("2", "结构类型"), ("3", "结构类型（JG）"), ("4", "几何（GeoJSON）")]
    assert "房屋类承灾体必须填写结构类型" in rows[0][2] and "不是可选值" in rows[1][2] and "超出船山区" in rows[2][2]
    assert "未保存任何数据" in page
    assert not ExposedAsset.objects.filter(name="桂花镇卫生院门诊楼").exists()


def test_a_projected_cgcs2000_danger_zone_is_converted_and_must_be_a_polygon(client, users):
    gk = CRS.from_epsg(4544)  # CGCS2000 / 3-degree Gauss-Kruger CM 105E
    forward = Transformer.from_crs(CRS.from_epsg(4490), gk, always_xy=True)
    seat = township("仁里镇").seat
    ring = [forward.transform(x, y) for x, y in square(*seat, half=0.003)[0]]
    content = shapefile_zip(shapefile.POLYGON, [([ring], ("仁里镇导入洪水淹没区", "洪水淹没区", 50))],
                            (("MC", "C", 50), ("LX", "C", 20), ("CXQ", "N", 4)), prj=gk.to_wkt("WKT1_ESRI"))
    client.force_login(users["commander"])
    url = _upload(client, content, kind="danger-zones")["Location"]
    page = client.get(url).content.decode()
    assert "CM 105E" in page
    assert client.post(url, {**_mapping_form(page), "action": "import"}).status_code == 302
    zone = DangerZone.objects.get(name="仁里镇导入洪水淹没区")
    assert zone.return_period_years == 50 and abs(zone.lon - seat[0]) < 1e-4 and abs(zone.lat - seat[1]) < 1e-4

    points = shapefile_zip(shapefile.POINT, [(seat, ("点状危险区", "洪水淹没区", 20))],
                           (("MC", "C", 50), ("LX", "C", 20), ("CXQ", "N", 4)))
    url = _upload(client, points, kind="danger-zones")["Location"]
    response = client.post(url, {**_mapping_form(client.get(url).content.decode()), "action": "import"})
    assert response.status_code == 400 and "危险区应为面要素（Polygon），而不是 Point" in response.content.decode()


def test_bad_files_and_missing_rights_are_refused(client, users):
    client.force_login(users["commander"])
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as out:
        out.writestr("a.shp", b"x")
    response = _upload(client, broken.getvalue())
    assert response.status_code == 400 and "缺少 Shapefile 组成文件：.shx、.dbf" in response.content.decode()
    assert _upload(client, b"not a zip").status_code == 400
    assert _upload(client, b"{}", name="a.txt").status_code == 400
    client.force_login(users["observer"])
    assert client.get(reverse("census:import", kwargs={"kind": "exposed-assets"})).status_code == 403
    assert client.get(reverse("census:import", kwargs={"kind": "nothing"})).status_code in (403, 404)
