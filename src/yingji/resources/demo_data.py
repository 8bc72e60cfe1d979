"""Tables of the resources demonstration data (shared/DISTRICT.md). Pure data, no Django.

Real (from the district's 14th Five-Year plan): the team breakdown (134 teams, 2,087 people), the 观音湖
water-rescue team and its gear, the fire stations at 桂花镇/龙凤镇/河沙镇, 1 district depot (land about
4,000 m², building 800 m²), 12 township stations and 2 forward points. Everything else (names of people,
positions, quantities, the GB/T 38565 细类 chosen for each material) is generated demonstration data.
"""

# The 12 townships with a comprehensive team and a material station (the 10 towns and 2 peri-urban 街道).
STATION_TOWNSHIPS = ("龙凤镇", "仁里镇", "永兴镇", "河沙镇", "新桥镇", "桂花镇", "老池镇", "保升镇", "北固镇", "唐家乡",
                     "灵泉街道", "南强街道")
RIVERSIDE = ("唐家乡", "河沙镇", "龙凤镇", "桂花镇", "老池镇", "南强街道")  # on the 涪江: they keep a boat

# (code, name, type, headcount, township, specialities, leader)
TEAMS = [
    ("TEAM-F001", "船山区消防救援大队特勤站", "fire_national", 30, "介福路街道", "灭火、综合、水域、危化", "陈建国"),
    ("TEAM-G001", "桂花镇政府专职消防队", "government", 9, "桂花镇", "灭火、森林", "刘志强"),
    ("TEAM-G002", "龙凤镇政府专职消防队", "government", 8, "龙凤镇", "灭火、防汛", "何明"),
    ("TEAM-S001", "船山区观音湖水上救援队", "social", 55, "南强街道", "水域、防汛、医疗", "杨海波"),
    ("TEAM-S002", "船山区蓝天救援队", "social", 45, "嘉禾街道", "山地、水域、通信、综合", "周立新"),
]
TOWNSHIP_TEAM_SIZE = 20  # 12 × 20 = 240
VILLAGE_PEOPLE = 1_700  # over the 117 village/community squads

# (name, kind, quantity, unit): the 观音湖 team's boats and gear (冲锋舟, stretchers, oxygen, first aid…)
GUANYINHU_GEAR = [
    ("冲锋舟", "boat", 4, "艘"), ("救援担架", "medical", 6, "副"), ("医用氧气瓶", "medical", 10, "个"),
    ("急救包", "medical", 20, "个"), ("救援绳", "lifesaving", 30, "根"), ("救生衣", "lifesaving", 80, "件"),
    ("救生圈", "lifesaving", 40, "个"), ("探照灯", "lighting", 8, "台"),
]
TEAM_GEAR = {
    "TEAM-F001": [("水罐消防车", "vehicle", 3, "辆"), ("抢险救援车", "vehicle", 1, "辆"),
                  ("液压破拆工具组", "demolition", 2, "套"),
                  ("气体侦检仪", "detection", 4, "台"), ("橡皮艇", "boat", 2, "艘")],
    "TEAM-G001": [("水罐消防车", "vehicle", 1, "辆"), ("风力灭火机", "fire", 6, "台")],
    "TEAM-G002": [("水罐消防车", "vehicle", 1, "辆"), ("抽水泵", "drainage", 2, "台")],
    "TEAM-S001": GUANYINHU_GEAR,
    "TEAM-S002": [("多旋翼无人机", "drone", 2, "架"), ("橡皮艇", "boat", 2, "艘"),
                  ("对讲机", "communication", 12, "部")],
}
TOWNSHIP_KIT = [("救生衣", "lifesaving", 20, "件"), ("应急照明灯", "lighting", 6, "台"),
                ("对讲机", "communication", 10, "部")]
VILLAGE_KIT = [("应急照明灯", "lighting", 2, "台"), ("对讲机", "communication", 2, "部")]
VILLAGE_UNEQUIPPED_EVERY = 8  # every 8th squad has no kit yet: the plan's 100 % equipped target is not met

# District depot equipment: drainage trucks, boats, drones, detection, demolition, lighting, communication.
DEPOT_GEAR = [
    ("排涝抢险车", "drainage", 2, "辆"), ("冲锋舟", "boat", 6, "艘"), ("多旋翼无人机", "drone", 4, "架"),
    ("生命探测仪", "detection", 2, "台"), ("液压破拆工具组", "demolition", 3, "套"),
    ("移动照明灯塔", "lighting", 4, "台"),
    ("卫星电话", "communication", 6, "部"), ("防护服", "protection", 60, "套"),
]

# (gb_code, name, use, unit, shelf life days): the code is the material's catalog code too.
MATERIALS = [
    ("1010101", "救灾帐篷", "living", "顶", None), ("1010201", "折叠床", "living", "张", None),
    ("1020101", "棉被", "living", "床", None), ("1020201", "棉大衣", "living", "件", None),
    ("1030101", "方便食品", "living", "箱", 365), ("1030201", "瓶装饮用水", "living", "箱", 540),
    ("2010101", "救生衣", "flood", "件", None), ("2010102", "救生圈", "flood", "个", None),
    ("2020101", "抽水泵", "flood", "台", None), ("2030101", "应急照明灯", "rescue", "台", None),
    ("2030201", "发电机", "rescue", "台", None), ("2040101", "雨衣雨靴", "flood", "套", None),
    ("2050101", "风力灭火机", "forest_fire", "台", None), ("2050102", "二号扑火工具", "forest_fire", "把", None),
    ("2050103", "背负式灭火水枪", "forest_fire", "支", None), ("2050201", "阻燃服", "forest_fire", "套", None),
    ("2060101", "油锯", "forest_fire", "台", None), ("2070101", "急救包", "rescue", "个", 1095),
    ("2070201", "救援担架", "rescue", "副", None), ("2080101", "救援绳", "rescue", "根", None),
    ("3010101", "编织袋", "flood", "条", None), ("3010201", "土工布", "flood", "平方米", None),
    ("3010301", "铅丝笼", "flood", "个", None), ("3010401", "木桩", "flood", "根", None),
]

# Stock of each kind of depot: (material code, quantity, minimum). Quantities are scaled per depot.
DISTRICT_STOCK = [("1010101", 300, 200), ("1010201", 500, 300), ("1020101", 2000, 1000), ("1020201", 800, 500),
                  ("1030101", 1200, 800), ("1030201", 1500, 800), ("2010101", 600, 400), ("2010102", 300, 200),
                  ("2020101", 40, 20), ("2030101", 120, 60), ("2030201", 30, 20), ("2040101", 500, 300),
                  ("2050101", 60, 40), ("2050102", 400, 200), ("2050103", 150, 100), ("2050201", 200, 100),
                  ("2060101", 20, 10), ("2070101", 400, 300), ("2070201", 60, 40), ("2080101", 200, 100),
                  ("3010101", 30000, 20000), ("3010201", 8000, 5000), ("3010301", 600, 300), ("3010401", 2000, 1000)]
STATION_STOCK = [("3010101", 2000, 1000), ("2010101", 50, 30), ("1010101", 20, 10), ("1020101", 100, 60),
                 ("1030101", 150, 100), ("1030201", 150, 100), ("2040101", 50, 30), ("2030101", 20, 10),
                 ("2050101", 5, 3), ("2050102", 40, 20)]
FORWARD_STOCK = [("3010101", 5000, 3000), ("3010201", 800, 500), ("3010401", 300, 200), ("2010101", 100, 60),
                 ("2010102", 60, 30)]
VILLAGE_STOCK = [("3010101", 300, 200), ("2010101", 10, 6), ("2030101", 5, 3), ("1030101", 20, 10)]

FORWARD_POINTS = [("DEP-F01", "涪江唐家渡前置物资点", "唐家乡"), ("DEP-F02", "老池大沙坝前置物资点", "老池镇")]
CENTRAL_VILLAGE_TOWNS = ("龙凤镇", "仁里镇", "永兴镇", "河沙镇", "新桥镇", "桂花镇", "老池镇", "唐家乡")
UNSTOCKED_CENTRAL_VILLAGES = ("新桥镇", "永兴镇")  # their central-village points are still empty
LOW_STATIONS = ("北固镇", "保升镇")  # stations below their minimums
EXPIRING_IN_DAYS = (12, 25, 40)  # some food, water and first-aid batches near their expiry

# (name, field, title, organization, township)
EXPERTS = [
    ("罗文涛", "flood", "正高级工程师", "遂宁市船山区水利局", "介福路街道"),
    ("唐明华", "flood", "高级工程师", "遂宁市船山区水利局", "介福路街道"),
    ("邓文彬", "flood", "工程师", "船山区河道管理站", "南津路街道"),
    ("冯建军", "geology", "高级工程师", "遂宁市自然资源和规划局船山分局", "凯旋路街道"),
    ("黄丽", "geology", "工程师", "四川省地质调查研究院遂宁工作站（演示）", "凯旋路街道"),
    ("郑宏", "meteorology", "高级工程师", "遂宁市船山区气象局", "育才路街道"),
    ("谢雨", "meteorology", "工程师", "遂宁市船山区气象局", "育才路街道"),
    ("蒋涛", "hazmat", "注册安全工程师", "遂宁川中精细化工有限公司（演示企业）", "灵泉街道"),
    ("曾庆", "hazmat", "高级工程师", "遂宁市船山区应急管理局", "介福路街道"),
    ("王静", "medical", "主任医师", "遂宁市中心医院", "镇江寺街道"),
    ("张伟", "medical", "副主任医师", "遂宁市中心医院", "镇江寺街道"),
    ("李娜", "medical", "主治医师", "船山区人民医院", "嘉禾街道"),
    ("赵刚", "forest_fire", "林业高级工程师", "遂宁市船山区林业局", "富源路街道"),
    ("孙磊", "forest_fire", "工程师", "船山区林业站", "永兴镇"),
    ("吴斌", "work_safety", "注册安全工程师", "遂宁市船山区应急管理局", "介福路街道"),
    ("胡敏", "work_safety", "高级工程师", "遂宁市船山区经济和信息化局", "南津路街道"),
    ("郭勇", "construction", "高级工程师", "遂宁市船山区住房和城乡建设局", "凯旋路街道"),
    ("马超", "construction", "一级建造师", "遂宁市船山区住房和城乡建设局", "凯旋路街道"),
    ("林峰", "fire", "高级专业技术职务", "遂宁市船山区消防救援大队", "介福路街道"),
    ("何平", "earthquake", "高级工程师", "遂宁市防震减灾服务中心（演示）", "育才路街道"),
    ("高翔", "communication", "高级工程师", "中国电信遂宁分公司船山营业部", "富源路街道"),
    ("梁晨", "communication", "工程师", "国网遂宁供电公司船山供电中心", "广德街道"),
]

# (code, name, kind, status, township, phone, capability)
FACILITIES = [
    ("FAC-FS01",
     "船山区消防救援大队特勤消防站", "fire_station", "in_service", "介福路街道", "0825-2119119", "消防车 6 辆"),
    ("FAC-FS02",
     "桂花镇政府专职消防站", "fire_station", "building", "桂花镇", "", "规划消防车 2 辆（建设中）"),
    ("FAC-FS03",
     "龙凤镇政府专职消防站", "fire_station", "upgrading", "龙凤镇", "0825-2680119", "升级改造中"),
    ("FAC-FS04",
     "河沙镇政府专职消防站", "fire_station", "planned", "河沙镇", "", "规划新建"),
    ("FAC-H01",
     "遂宁市中心医院", "hospital", "in_service", "镇江寺街道", "0825-2222120", "三级甲等综合医院"),
    ("FAC-H02",
     "船山区人民医院", "hospital", "in_service", "嘉禾街道", "0825-2660120", "二级综合医院"),
    ("FAC-H03",
     "龙凤镇卫生院", "hospital", "in_service", "龙凤镇", "0825-2680120", "乡镇卫生院"),
    ("FAC-HP01",
     "遂宁市中心医院直升机停机坪", "helipad", "in_service", "镇江寺街道", "", "楼顶停机坪，可起降中型直升机"),
    ("FAC-HP02",
     "观音湖应急直升机临时起降点", "helipad", "in_service", "南强街道", "", "临时起降点"),
]

# Per-capita refuge area relative to the 1.5 m² target, township by township (uneven on purpose).
SHELTER_RATIOS = (1.6, 0.7, 1.3, 0.55, 1.9, 0.85, 1.15, 0.6, 2.2, 0.75, 1.05, 0.5)
OCCUPIED = {(0, 1): 0.6, (14, 1): 0.95}  # (township index, shelter number) → share of capacity in use
SITE_TYPES = ("square", "school", "park", "stadium", "green")
SITE_NAMES = {"square": "广场", "school": "学校操场", "park": "公园", "stadium": "体育场", "green": "滨江绿地"}
CLASS_FACILITIES = {
    "class_3": "供水、供电、厕所、医疗、帐篷、广播",
    "class_2": "供水、供电、厕所、医疗、帐篷、广播、消防、物资储备、指挥管理",
    "class_1": "供水、供电、厕所、医疗、帐篷、广播、消防、物资储备、指挥管理、停车场、停机坪、洗浴",
}
