"""Issue 19: a hazard point's monitoring station and an exposed asset's key enterprise are links to the monitoring
and prevention records (through core.extensions.CODE_REFERENCES: census does not import monitoring), not free text:
an unknown code is refused on its field (forms, API, imports, per row with nothing saved), the record's page links
the station or enterprise (未找到 when the code stops naming one), and the form's input offers matching records."""

import io
import json

import pytest

from yingji.census.models import ExposedAsset, HazardPoint
from yingji.core.registry import registry_for
from yingji.demo.townships import township
from yingji.monitoring.models import Station
from yingji.prevention.models import Enterprise

pytestmark = pytest.mark.django_db


def _point(station_ref, name="链接测试隐患点"):
    lon, lat = township("唐家乡").seat
    return {"name": name, "hazard_type": "landslide", "scale": "small", "threatened_households": 1,
            "threatened_people": 3, "monitor_name": "张三", "station_ref": station_ref,
            "region": township("唐家乡").code, "lon": lon, "lat": lat}


def _asset(enterprise_code, name="链接测试企业"):
    lon, lat = township("桂花镇").seat
    return {"name": name, "asset_type": "key_enterprise", "enterprise_code": enterprise_code,
            "region": township("桂花镇").code, "lon": lon, "lat": lat}


def test_a_hazard_point_names_a_station_that_exists_and_its_page_links_it(api, client, users):
    station = Station.objects.order_by("code").first()
    commander = api(users["commander"])
    unknown = commander.post("/api/census/hazard-points/", _point("GNSS-404"), format="json")
    assert unknown.status_code == 400
    body = unknown.json()["error"]
    assert body["code"] == "station_unknown" and "未找到监测站点“GNSS-404”" in body["fields"]["station_ref"][0]
    assert not HazardPoint.objects.filter(name="链接测试隐患点").exists()

    by_device = commander.post("/api/census/hazard-points/", _point(f" {station.device_id} ", "设备号隐患点"),
                               format="json")
    assert by_device.status_code == 201, by_device.content
    created = commander.post("/api/census/hazard-points/", _point(station.code), format="json")
    assert created.status_code == 201, created.content
    point = HazardPoint.objects.get(name="链接测试隐患点")
    client.force_login(users["commander"])
    page = client.get(f"{registry_for(HazardPoint).list_url}{point.uuid}/").content.decode()
    assert f'href="/monitoring/stations/{station.uuid}/"' in page and station.name in page

    HazardPoint.objects.filter(pk=point.pk).update(station_ref="JC-GONE")  # the station was removed since
    page = client.get(f"{registry_for(HazardPoint).list_url}{point.uuid}/").content.decode()
    assert 'data-reference-missing="JC-GONE"' in page and "未找到" in page


def test_an_exposed_asset_names_an_enterprise_and_its_page_links_it(api, client, users):
    enterprise = Enterprise.objects.order_by("code").first()
    commander = api(users["commander"])
    unknown = commander.post("/api/census/exposed-assets/", _asset("QY-NONE"), format="json")
    assert unknown.status_code == 400
    assert unknown.json()["error"]["code"] == "enterprise_unknown"
    assert "enterprise_code" in unknown.json()["error"]["fields"]
    created = commander.post("/api/census/exposed-assets/", _asset(enterprise.code), format="json")
    assert created.status_code == 201, created.content
    asset = ExposedAsset.objects.get(name="链接测试企业")
    client.force_login(users["commander"])
    page = client.get(f"{registry_for(ExposedAsset).list_url}{asset.uuid}/").content.decode()
    assert f'href="{registry_for(Enterprise).list_url}{enterprise.uuid}/"' in page and enterprise.name in page


def test_the_form_offers_a_picker_and_refuses_an_unknown_code_beside_the_field(client, users):
    client.force_login(users["commander"])
    form = client.get(f"{registry_for(HazardPoint).list_url}new/").content.decode()
    assert 'list="id_station_ref-options"' in form and '<datalist id="id_station_ref-options">' in form
    assert "/census/references/stations/?field=station_ref" in form
    station = Station.objects.filter(station_type="landslide").order_by("code").first()
    options = client.get("/census/references/stations/", {"field": "station_ref", "station_ref": "滑坡"})
    assert options.status_code == 200 and f'<option value="{station.code}">{station.name}</option>' in \
        options.content.decode()
    enterprise = Enterprise.objects.order_by("code").first()
    found = client.get("/census/references/enterprises/", {"q": enterprise.name[:4]}).content.decode()
    assert f'value="{enterprise.code}"' in found
    assert client.get("/census/references/nothing/").status_code == 404

    response = client.post(f"{registry_for(HazardPoint).list_url}new/", {**_point("GNSS-404")})
    assert response.status_code == 400
    text = response.content.decode()
    assert "未找到监测站点“GNSS-404”" in text and 'id="id_station_ref"' in text and "is-invalid" in text
    assert not HazardPoint.objects.filter(name="链接测试隐患点").exists()


def test_a_township_officer_is_offered_only_the_stations_of_their_township(client, users):
    client.force_login(users["township-guihua"])
    rows = client.get("/census/references/stations/", {"q": "雨量站"}).content.decode()
    assert "桂花镇雨量站" in rows and "唐家乡雨量站" not in rows


def _csv_import(api, users, table):
    upload = io.BytesIO(table.encode("utf-8-sig"))
    upload.name = "yhd.csv"
    return api(users["commander"]).post("/api/census/hazard-points/import-spatial/", {"file": upload},
                                        format="multipart")


def test_a_csv_import_names_each_row_with_an_unknown_station_and_saves_nothing(api, users):
    station = Station.objects.order_by("code").first()
    lon, lat = township("唐家乡").seat
    header = "名称,灾害类型,规模等级,威胁户数,威胁人数,群测群防监测员,关联监测站点,经度,纬度\n"
    good = f"导入站点甲,滑坡,小型,1,3,张监测,{station.code},{lon},{lat}\n"
    bad = f"导入站点乙,崩塌,小型,1,3,李监测,GNSS-404,{lon},{lat}\n"
    response = _csv_import(api, users, header + good + bad)
    assert response.status_code == 400, response.content
    rows = response.json()["error"]["fields"]["rows"]
    assert [r["row"] for r in rows] == [2] and "GNSS-404" in rows[0]["message"]
    assert "station_ref" in json.dumps(rows[0], ensure_ascii=False) or "关联监测站点" in json.dumps(
        rows[0], ensure_ascii=False)
    assert not HazardPoint.objects.filter(name__startswith="导入站点").exists()
    assert _csv_import(api, users, header + good).status_code == 201
    assert HazardPoint.objects.get(name="导入站点甲").station_ref == station.code


def test_a_geojson_import_refuses_an_unknown_enterprise_by_feature(api, users):
    lon, lat = township("桂花镇").seat
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                 "properties": {"name": f"企业{n}", "asset_type": "key_enterprise", "enterprise_code": code,
                                "region": township("桂花镇").code}}
                for n, code in enumerate((Enterprise.objects.order_by("code").first().code, "QY-NONE"), 1)]
    content = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    upload = io.BytesIO(content)
    upload.name = "qy.geojson"
    response = api(users["commander"]).post("/api/census/exposed-assets/import-spatial/", {"file": upload},
                                            format="multipart")
    assert response.status_code == 400, response.content
    rows = response.json()["error"]["fields"]["rows"]
    assert [r["row"] for r in rows] == [2] and "QY-NONE" in rows[0]["message"]
    assert not ExposedAsset.objects.filter(name__in=["企业1", "企业2"]).exists()


def test_an_excel_import_names_the_row_with_an_unknown_station_and_saves_nothing(client, users):
    from openpyxl import Workbook

    from yingji.core.xlsx import headers

    registry = registry_for(HazardPoint)
    station = Station.objects.order_by("code").first()
    example = registry.example(users["commander"].region)
    rows = [headers(registry)]
    for n, ref in enumerate((station.code, "GNSS-404"), 1):
        row = {**example, "code": f"DZ-XLSX-{n}", "name": f"表格隐患点{n}", "station_ref": ref}
        rows.append([row.get(name, "") for name in registry.form_fields])
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    upload = io.BytesIO()
    workbook.save(upload)
    upload.seek(0)
    upload.name = "yhd.xlsx"
    client.force_login(users["commander"])
    response = client.post(f"{registry.list_url}import/", {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "import-errors" in page and "未找到监测站点“GNSS-404”" in page and ">3<" in page
    assert not HazardPoint.objects.filter(code__startswith="DZ-XLSX-").exists()


def test_the_demos_landslide_stations_are_linked_from_hazard_points(client, users):
    linked = HazardPoint.objects.exclude(station_ref="").order_by("code")
    landslide = Station.objects.filter(station_type="landslide")
    refs = list(linked.values_list("station_ref", flat=True))
    assert len(refs) >= 25 and len(set(refs)) == len(refs), "one point per station, most points linked"
    assert set(refs) <= set(landslide.values_list("code", flat=True))
    point = linked.first()
    station = Station.objects.get(code=point.station_ref)
    assert point.region.path.startswith(station.region.path), "a station watches a point of its own township"
    client.force_login(users["commander"])
    page = client.get(f"{registry_for(HazardPoint).list_url}{point.uuid}/").content.decode()
    assert f'href="/monitoring/stations/{station.uuid}/"' in page
