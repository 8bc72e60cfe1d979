"""Facts of the monitoring demonstration data (DEMONSTRATION DATA: the stations, devices and limits are made up;
the river, reservoirs and townships are those of the seed)."""

# The 涪江 through the district: water-level stations at these townships (upstream first).
FUJIANG = ("永兴镇", "北固镇", "西宁街道", "南津路街道", "嘉禾街道", "南强街道", "桂花镇", "老池镇")
# The reservoirs named in the seed, and where they lie (approximate).
RESERVOIRS = (("赤岩沟水库", "河沙镇"), ("九峰寺水库", "永兴镇"), ("谭家咀水库", "唐家乡"), ("文庙湾水库", "仁里镇"),
              ("舒家庙水库", "龙凤镇"), ("谷村沟水库", "桂花镇"))
RURAL = ("龙凤镇", "仁里镇", "永兴镇", "河沙镇", "新桥镇", "桂花镇", "老池镇", "保升镇", "北固镇", "唐家乡")
FOREST = ("龙凤镇", "仁里镇", "新桥镇", "老池镇", "保升镇", "唐家乡", "灵泉街道", "北固镇")

# station type → sensors: (quantity, range min, range max, sampling interval in seconds)
SENSORS = {
    "rain": (("rain", 0, 200, 300),),
    "water": (("water_level", 260, 300, 300),),
    "reservoir": (("water_level", 300, 360, 600), ("rain", 0, 200, 300)),
    "landslide": (("displacement", 0, 2000, 600), ("crack", 0, 500, 600), ("tilt", -30, 30, 600),
                  ("moisture", 0, 100, 1800)),
    "forest_fire": (("fire_index", 0, 5, 1800), ("temperature", -20, 60, 600), ("moisture", 0, 100, 1800)),
    "fire_camera": (("smoke", 0, 100, 60),),
    "tank": (("tank_level", 0, 100, 60), ("temperature", -40, 150, 60), ("pressure", 0, 4, 60)),
    "gas": (("gas_lel", 0, 100, 60), ("toxic", 0, 1000, 60)),
    "gas_network": (("pressure", 0, 1.6, 300), ("gas_lel", 0, 100, 300)),
    "structure": (("strain", -3000, 3000, 600), ("tilt", -30, 30, 600)),
}

# Rules for the whole district: (code, name, kind, station type, quantity, window minutes, (蓝, 黄, 橙, 红),
# hysteresis, minimum duration in minutes, draft a warning, open an incident)
RULES = (
    ("GZ-RAIN-1H", "1小时累计雨量（山洪）", "accumulation", "rain", "rain", 60, (15, 25, 35, 50), 2, 0, True, False),
    ("GZ-RAIN-3H", "3小时累计雨量（山洪）", "accumulation", "rain", "rain", 180, (30, 40, 60, 80), 3, 0, True, False),
    ("GZ-RAIN-6H", "6小时累计雨量（山洪）", "accumulation", "rain", "rain", 360, (40, 60, 80, 100), 5, 0, True, False),
    ("GZ-RAIN-24H", "24小时累计雨量（暴雨）", "accumulation", "rain", "rain", 1440, (50, 100, 150, 250), 5, 0, True,
     False),
    ("GZ-RES-RAIN-1H", "水库1小时累计雨量", "accumulation", "reservoir", "rain", 60, (15, 25, 35, 50), 2, 0, False,
     False),
    ("GZ-SLIDE-RATE", "地质灾害点位移速率（毫米/小时）", "rate", "landslide", "displacement", 60, (1, 2, 5, 10), 0.5,
     10, False, True),
    ("GZ-SLIDE-CRACK", "地质灾害点裂缝宽度", "value", "landslide", "crack", 60, (50, 100, 200, 300), 5, 5, False,
     True),
    ("GZ-FIRE-INDEX", "森林火险等级", "value", "forest_fire", "fire_index", 60, (2, 3, 4, 4.5), 0.2, 30, True, False),
    ("GZ-FIRE-SMOKE", "烟火识别置信度", "value", "fire_camera", "smoke", 60, (None, 40, 60, 85), 5, 1, False, True),
    ("GZ-TANK-LEVEL", "储罐液位", "value", "tank", "tank_level", 60, (80, 85, 90, 95), 1, 2, False, True),
    ("GZ-TANK-TEMP", "储罐温度", "value", "tank", "temperature", 60, (35, 40, 50, 60), 1, 2, False, True),
    ("GZ-TANK-PRESSURE", "储罐压力", "value", "tank", "pressure", 60, (1.6, 2.0, 2.4, 2.8), 0.05, 1, False, True),
    ("GZ-GAS-LEL", "可燃气体浓度（%LEL）", "value", "gas", "gas_lel", 60, (10, 20, 25, 50), 2, 0, False, True),
    ("GZ-GAS-TOXIC", "有毒气体浓度", "value", "gas", "toxic", 60, (None, 25, 50, 100), 2, 0, False, True),
    ("GZ-NET-PRESSURE", "燃气管网压力", "value", "gas_network", "pressure", 60, (0.5, 0.6, 0.7, 0.8), 0.02, 2, False,
     True),
    ("GZ-BRIDGE-STRAIN", "桥梁边坡应变", "value", "structure", "strain", 60, (800, 1200, 1600, 2000), 50, 5, False,
     True),
    ("GZ-WATER-SILENT", "水位站无数据", "no_data", "water", "water_level", 60, (None, 30, 120, None), 0, 0, False,
     False),
    ("GZ-TANK-SILENT", "储罐监测无数据", "no_data", "tank", "tank_level", 60, (None, 10, 30, 60), 0, 0, False, False),
)
# Water levels: per station, (蓝 关注, 黄 警戒−0.5, 橙 警戒, 红 保证) above the gauge's datum, as offsets from the
# middle of its range (m).
WATER_OFFSETS = (3.0, 5.0, 6.0, 8.0)
