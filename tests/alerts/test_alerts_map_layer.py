"""The one-map's warnings in force: one shape (one label) per warning, in its level's colour (issue 14 §15)."""

import pytest

from yingji.demo.townships import township
from yingji.standards.warnings import WarningLevel

pytestmark = pytest.mark.django_db


def test_one_shape_per_warning_in_its_level_colour(api, users, warning_data, publish_flow):
    yellow = publish_flow(warning_data(level="yellow", headline="测试暴雨黄色预警",
                                       area_regions=[township(n).code for n in ("桂花镇", "老池镇", "龙凤镇")]))
    features = api(users["commander"]).get("/api/onemap/layers/alerts-in-force/").json()["features"]
    mine = [f for f in features if f["properties"]["uuid"] == str(yellow.uuid)]
    assert len(mine) == 1  # three townships, one shape, so one label
    assert mine[0]["properties"]["color"].upper() == WarningLevel.LEVEL_3.hex.upper()
    assert mine[0]["properties"]["name"] == "测试暴雨黄色预警"
    assert len(features) == len({f["properties"]["uuid"] for f in features})
