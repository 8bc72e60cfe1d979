"""Shapefile and GeoJSON through the API: import (the page's rules: guessed or given field mapping, all or nothing,
row errors), export (one layer per geometry type, CGCS2000 .prj, UTF-8, scoped, phones masked) that imports back
unchanged, and large deliveries as background jobs with counts and a percentage (API and page)."""

import io
import json
import re
import zipfile

import pytest
import shapefile

from yingji.census import jobs
from yingji.census.models import DangerZone, ExposedAsset, HazardPoint, ImportJob
from yingji.demo.townships import township

pytestmark = pytest.mark.django_db
FIELDS = (("MC", "C", 50), ("LX", "C", 20), ("JG", "C", 20), ("RS", "N", 6), ("CS", "N", 3))


def _zip(features, fields=FIELDS, shape_type=shapefile.POLYGON) -> bytes:
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    writer = shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shape_type, encoding="utf-8")
    for name, kind, size in fields:
        writer.field(name, kind, size=size)
    for geometry, record in features:
        writer.poly(geometry)
        writer.record(*record)
    writer.close()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as out:
        for ext, buffer in (("shp", shp), ("shx", shx), ("dbf", dbf)):
            out.writestr(f"czt.{ext}", buffer.getvalue())
        out.writestr("czt.cpg", "UTF-8")
    return archive.getvalue()


def _buildings(*rows):
    lon, lat = township("桂花镇").seat
    half = 0.0003
    return [([[(lon + 0.002 * i - half, lat - half), (lon + 0.002 * i - half, lat + half),
               (lon + 0.002 * i + half, lat + half), (lon + 0.002 * i + half, lat - half),
               (lon + 0.002 * i - half, lat - half)]], row) for i, row in enumerate(rows)]


def _post(client, content, kind="exposed-assets", name="czt.zip", **data):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(f"/api/census/{kind}/import-spatial/", {"file": upload, **data}, format="multipart")


def _error(response, code, field):
    assert response.status_code == 400, response.content.decode()
    body = response.json()["error"]
    assert body["code"] == code and field in body["fields"], body
    return body


def test_a_shapefile_imports_through_the_api_all_or_nothing(api, users):
    client = api(users["commander"])
    content = _zip(_buildings(("API导入小学", "学校", "框架", 300, 3), ("API导入民房", "农村住宅", "砖混", 4, 2)))
    checked = _post(client, content, check_only="true")
    assert checked.status_code == 200 and checked.json()["checked"] is True and checked.json()["created"] == 2
    assert checked.json()["mapping"]["name"] == "MC" and not ExposedAsset.objects.filter(name="API导入小学").exists()
    created = _post(client, content)
    assert created.status_code == 201 and created.json()["created"] == 2
    assert ExposedAsset.objects.get(name="API导入民房").structure == "masonry"

    bad = _zip(_buildings(("API坏房", "农村住宅", "", 4, 2), ("API好房", "农村住宅", "砖混", 4, 2)))
    rows = _error(_post(client, bad), "import_failed", "rows")["fields"]["rows"]
    assert rows[0]["row"] == 1 and rows[0]["column"] == "结构类型"
    assert not ExposedAsset.objects.filter(name="API好房").exists()
    _error(_post(client, content, mapping="[1]"), "mapping_invalid", "mapping")
    _error(_post(client, content, mapping=json.dumps({"nothing": "MC"})), "mapping_field_unknown", "mapping")
    _error(_post(client, content, mapping=json.dumps({"name": "MC"})), "mapping_incomplete", "mapping")
    _error(_post(client, content, crs="mars"), "crs_unknown", "crs")
    _error(client.post("/api/census/exposed-assets/import-spatial/", {}, format="multipart"), "file_required", "file")
    assert _post(api(users["observer"]), content).status_code == 403


def _layers(content: bytes) -> dict[str, shapefile.Reader]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    names = archive.namelist()
    readers = {}
    for name in names:
        if name.endswith(".shp"):
            stem = name[:-4]
            assert {f"{stem}.shx", f"{stem}.dbf", f"{stem}.prj", f"{stem}.cpg"} <= set(names)
            assert "GCS_China_Geodetic_Coordinate_System_2000" in archive.read(f"{stem}.prj").decode()
            readers[stem] = shapefile.Reader(shp=io.BytesIO(archive.read(name)),
                                             shx=io.BytesIO(archive.read(f"{stem}.shx")),
                                             dbf=io.BytesIO(archive.read(f"{stem}.dbf")), encoding="utf-8")
    return readers


def test_the_export_is_a_shapefile_per_geometry_type_that_imports_back_unchanged(api, users):
    client = api(users["commander"])
    response = client.get("/api/census/danger-zones/export-shapefile/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    zones = _layers(response.content)
    assert list(zones) == ["danger-zones-polygons"]
    reader = zones["danger-zones-polygons"]
    assert len(reader) == DangerZone.objects.count()
    columns = [f[0] for f in reader.fields[1:]]
    assert columns[:4] == ["code", "name", "zone_type", "return_per"]
    first = reader.shapeRecord(0)
    zone = DangerZone.objects.get(code=first.record["code"])
    assert first.record["zone_type"] == zone.get_zone_type_display() and first.shape.shapeType == shapefile.POLYGON
    again = _post(client, response.content, kind="danger-zones", check_only="1")
    assert again.status_code == 200, again.content.decode()
    assert again.json()["updated"] == DangerZone.objects.count() and again.json()["created"] == 0

    assets = _layers(client.get("/api/census/exposed-assets/export-shapefile/").content)
    assert {"exposed-assets-points", "exposed-assets-polygons"} <= set(assets)
    assert sum(len(r) for r in assets.values()) == ExposedAsset.objects.count()
    geojson = client.get("/api/census/exposed-assets/export-geojson/").json()
    assert len(geojson["features"]) == ExposedAsset.objects.count()
    assert {"code", "asset_type", "structure", "region"} <= set(geojson["features"][0]["properties"])


def test_the_export_holds_what_the_user_may_see_with_phones_masked(api, users):
    officer = api(users["township-guihua"])
    points = _layers(officer.get("/api/census/hazard-points/export-shapefile/").content)["hazard-points-points"]
    mine = HazardPoint.objects.filter(region__path__contains=f"/{township('桂花镇').code}/").count()
    assert len(points) == mine < HazardPoint.objects.count()
    observer = api(users["observer"]).get("/api/census/hazard-points/export-geojson/").json()
    phones = [f["properties"]["monitor_phone"] for f in observer["features"] if f["properties"]["monitor_phone"]]
    assert phones and all("****" in phone for phone in phones)


def test_a_large_delivery_is_a_job_with_counts_and_a_percentage(api, users, monkeypatch):
    monkeypatch.setattr(jobs, "JOB_THRESHOLD", 3)
    monkeypatch.setattr(jobs, "CHUNK", 2)
    client = api(users["commander"])
    content = _zip(_buildings(*[(f"后台导入民房{i}", "农村住宅", "砖混", 3, 1) for i in range(5)]))
    response = _post(client, content)
    assert response.status_code == 202, response.content.decode()
    queued = response.json()
    assert (queued["state"], queued["total"], queued["percent"]) == ("queued", 0, 0.0)
    assert queued["url"] == f"/census/import-jobs/{queued['uuid']}/"
    assert not ExposedAsset.objects.filter(name__startswith="后台导入民房").exists()
    assert jobs.run_pending() == 1 and jobs.run_pending() == 0
    done = client.get(f"/api/census/import-jobs/{queued['uuid']}/").json()
    assert (done["state"], done["total"], done["checked"], done["saved"], done["created"], done["percent"]) == (
        "done", 5, 5, 5, 5, 100.0)
    assert ExposedAsset.objects.filter(name__startswith="后台导入民房").count() == 5
    assert api(users["duty"]).get(f"/api/census/import-jobs/{queued['uuid']}/").status_code == 404  # not theirs

    bad = _zip(_buildings(*[(f"后台坏房{i}", "农村住宅", "砖混" if i != 3 else "", 3, 1) for i in range(5)]))
    job = ImportJob.objects.get(uuid=_post(client, bad).json()["uuid"])
    jobs.run(job)
    job.refresh_from_db()
    assert (job.state, job.checked, job.total, job.error_count) == ("failed", 5, 5, 1)
    assert job.errors[0]["row"] == 4 and "未保存任何数据" in job.message
    assert not ExposedAsset.objects.filter(name__startswith="后台坏房").exists()


def test_the_import_page_hands_a_large_delivery_to_a_job_and_shows_its_progress(client, users, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    monkeypatch.setattr(jobs, "JOB_THRESHOLD", 3)
    client.force_login(users["commander"])
    content = _zip(_buildings(*[(f"页面后台民房{i}", "农村住宅", "砖混", 3, 1) for i in range(4)]))
    mapping_url = client.post("/census/import/exposed-assets/", {"file": SimpleUploadedFile("czt.zip", content),
                                                                  "crs": "auto"})["Location"]
    page = client.get(mapping_url).content.decode()
    assert 'id="import-as-job"' in page
    chosen = {}
    for name, options in re.findall(r'name="(map_\w+)">(.*?)</select>', page, re.S):
        selected = re.search(r'<option value="([^"]*)" selected>', options)
        chosen[name] = selected.group(1) if selected else ""
    response = client.post(mapping_url, {**chosen, "action": "check"})
    job = ImportJob.objects.get(filename="czt.zip", check_only=True)
    assert response["Location"] == f"/census/import-jobs/{job.uuid}/"
    live = client.get(response["Location"] + "?live=1").content.decode()
    assert 'hx-trigger="every 2s"' in live and "排队中" in live and "等待后台任务进程" in live
    jobs.run_pending()
    live = client.get(response["Location"] + "?live=1").content.decode()
    assert "hx-get" not in live and "100.0%" in live and "校验通过：4 个要素均可导入" in live
    assert 'id="import-job-import"' in live and "data-confirm" in live
    follow = client.post(response["Location"])
    assert not ExposedAsset.objects.filter(name__startswith="页面后台民房").exists()
    jobs.run_pending()
    final = client.get(follow["Location"]).content.decode()
    assert "导入成功：新增 4 条，更新 0 条" in final and "已完成" in final
    assert ExposedAsset.objects.filter(name__startswith="页面后台民房").count() == 4
    upload_page = client.get("/census/import/exposed-assets/").content.decode()
    assert 'id="export-shapefile"' in upload_page and 'id="import-recent-jobs"' in upload_page


def test_a_csv_table_with_longitude_and_latitude_imports_hazard_points(api, users):
    lon, lat = township("唐家乡").seat
    table = ("名称,灾害类型,规模等级,威胁户数,威胁人数,群测群防监测员,经度,纬度\n"
             f"CSV滑坡甲,滑坡,小型,3,9,张监测,{lon},{lat}\n"
             f"CSV崩塌乙,崩塌,中型,2,5,李监测,{lon},{lat}\n")
    client = api(users["commander"])
    bad = (table + "CSV界外点,滑坡,小型,1,2,王监测,104.0,30.0\n").encode("gb18030")  # GBK, as Excel saves it
    rows = _error(_post(client, bad, kind="hazard-points", name="yhd.csv"), "import_failed", "rows")["fields"]["rows"]
    assert [r["row"] for r in rows] == [3] and "超出船山区" in rows[0]["message"]
    assert not HazardPoint.objects.filter(name="CSV滑坡甲").exists()
    created = _post(client, table.encode("utf-8-sig"), kind="hazard-points", name="yhd.csv")
    assert created.status_code == 201, created.content.decode()
    point = HazardPoint.objects.get(name="CSV崩塌乙")
    assert (point.hazard_type, point.scale, point.threatened_people) == ("collapse", "medium", 5)
    assert abs(point.lon - lon) < 1e-6 and abs(point.lat - lat) < 1e-6


def test_the_mapping_page_marks_each_required_field_left_unmapped(client, users):
    """Issue 14 §3: a refused column mapping marks the selects it names, beside them, and says why under the form."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users["commander"])
    content = _zip(_buildings(("映射漏选民房", "农村住宅", "砖混", 3, 1)))
    mapping_url = client.post("/census/import/exposed-assets/", {"file": SimpleUploadedFile("map.zip", content),
                                                                  "crs": "auto"})["Location"]
    page = client.get(mapping_url).content.decode()
    names = re.findall(r'name="(map_\w+)">', page)
    response = client.post(mapping_url, {**{name: "" for name in names}, "action": "check",
                                         "yj_form": "spatial-map-form"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "以下必填字段未对应到列" in text and "请选择对应的列" in text
    marked = re.findall(r'class="form-select form-select-sm is-invalid" id="map-(\w+)"', text)
    assert marked and all(f'id="map-{name}_error"' in text for name in marked)
    assert not ExposedAsset.objects.filter(name="映射漏选民房").exists()
