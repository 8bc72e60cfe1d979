"""Figures of the census demo (demonstration data, approximate; shared/DISTRICT.md)."""

# Hilly townships with geological hazard points (崩塌/滑坡/泥石流 are common on the slopes): name → points.
HAZARD_POINTS = {"永兴镇": 5, "新桥镇": 4, "北固镇": 4, "桂花镇": 4, "老池镇": 4, "保升镇": 4, "仁里镇": 3,
                 "河沙镇": 3, "唐家乡": 3, "龙凤镇": 2}
HAZARD_TYPES = ("landslide", "landslide", "collapse", "landslide", "debris_flow", "collapse", "subsidence")
SCALES = ("small", "small", "small", "medium", "small", "medium", "large")

# Flood areas along the 涪江 and 郪江 (the river reaches of the seed's 专栏), flash-flood zones in the hills and
# waterlogging points in the city: (township, name, zone type, river, return period, radius in degrees).
ZONES = (
    ("唐家乡", "涪江唐家乡东山段洪水淹没区", "flood", "涪江", 20, 0.008),
    ("唐家乡", "涪江唐家渡电航段洪水淹没区", "flood", "涪江", 50, 0.007),
    ("唐家乡", "芝溪河唐家乡罗家湾段山洪危险区", "flash_flood", "芝溪河", 20, 0.006),
    ("桂花镇", "涪江桂花镇场镇段洪水淹没区", "flood", "涪江", 20, 0.008),
    ("桂花镇", "郪江桂花新区漆家桥段洪水淹没区", "flood", "郪江", 20, 0.007),
    ("仁里镇", "涪江仁里镇刘家河段洪水淹没区", "flood", "涪江", 50, 0.007),
    ("龙凤镇", "涪江五桥至龙凤大白塔段洪水淹没区", "flood", "涪江", 100, 0.009),
    ("老池镇", "涪江老池大沙坝港区段洪水淹没区", "flood", "涪江", 20, 0.007),
    ("老池镇", "涪江老池三新场镇及薛家坝段洪水淹没区", "flood", "涪江", 50, 0.008),
    ("老池镇", "郪江老池段洪水淹没区", "flood", "郪江", 20, 0.006),
    ("保升镇", "郪江保升段洪水淹没区", "flood", "郪江", 20, 0.007),
    ("河沙镇", "河沙镇联盟河山洪危险区", "flash_flood", "联盟河", 20, 0.006),
    ("永兴镇", "永兴镇小潼河山洪危险区", "flash_flood", "小潼河", 20, 0.006),
    ("新桥镇", "新桥镇漆家河山洪危险区", "flash_flood", "漆家河", 20, 0.006),
    ("南津路街道", "南津路低洼片区内涝点", "waterlogging", "", None, 0.003),
    ("嘉禾街道", "嘉禾街道下穿通道内涝点", "waterlogging", "", None, 0.002),
)

HOUSEHOLDS = 5000
# The Aug 2020 rainstorm's past transfer and relief: townships moved, and hours from the incident's start to the
# first distribution at their shelters (老池镇 misses the 8-hour target).
TRANSFER_TOWNSHIPS = ("唐家乡", "桂花镇", "仁里镇", "龙凤镇", "河沙镇", "老池镇")
RELIEF_HOURS = {"唐家乡": 5.5, "桂花镇": 6, "仁里镇": 6.5, "龙凤镇": 4.5, "河沙镇": 7, "老池镇": 11}
REFUSED_EVERY, NOT_FOUND_EVERY = 37, 53  # every n-th household refused or was not found

HISTORY = (  # (code, name, year, type, affected, deaths, loss in 万元, incident, note)
    ("LSZ-2020-01", "2020年8月“8·13”“8·16”暴雨洪涝灾害", 2020, "rainstorm_flood", 15144, 0, "8687.00",
     "SJ20200813-0001", "12个乡镇受灾，农作物受灾1164.2公顷，无人员死亡。"),
    ("LSZ-2018-01", "2018年7月涪江洪水（演示）", 2018, "rainstorm_flood", 6200, 0, "2150.00", "",
     "演示数据（近似值）"),
    ("LSZ-2016-01", "2016年唐家乡滑坡（演示）", 2016, "geological", 46, 0, "85.00", "", "演示数据（近似值）"),
    ("LSZ-2013-01", "2013年7月暴雨（演示）", 2013, "rainstorm_flood", 9800, 0, "3600.00", "",
     "演示数据（近似值）"),
)

# The seed's flood works (shared/DISTRICT.md "Flood works"): the small reservoirs to reinforce and the dangerous ones,
# and the river reaches to regulate (专栏3.2). Townships: from the reach's name, or (reservoirs) as the monitoring
# demo places them; 四五, 大面沟, 万胜 and 四方寨 are placed in hilly townships for the demonstration (approximate).
RESERVOIRS = (("赤岩沟水库", "河沙镇", "小型水库（除险加固）"), ("九峰寺水库", "永兴镇", "小型水库（除险加固）"),
              ("谭家咀水库", "唐家乡", "小型水库（除险加固）"), ("四五水库", "老池镇", "小型水库（除险加固）"),
              ("大面沟水库", "永兴镇", "小型水库（除险加固）"), ("万胜水库", "河沙镇", "小型水库（除险加固）"),
              ("四方寨水库", "唐家乡", "小型水库（除险加固）"), ("文庙湾水库", "仁里镇", "病险水库"),
              ("舒家庙水库", "龙凤镇", "病险水库"), ("谷村沟水库", "桂花镇", "病险水库"))
RIVER_REACHES = (("涪江唐家乡东山段", "唐家乡"), ("涪江唐家渡电航段", "唐家乡"), ("涪江桂花镇场镇段", "桂花镇"),
                 ("仁里镇刘家河段", "仁里镇"), ("涪江五桥至龙凤大白塔段", "龙凤镇"), ("涪江老池大沙坝港区段", "老池镇"),
                 ("涪江老池三新场镇及薛家坝段", "老池镇"), ("郪江桂花新区漆家桥段", "桂花镇"),
                 ("芝溪河唐家乡罗家湾段", "唐家乡"))
