"""Demonstration organizations and command bodies of 船山区 (shared/DISTRICT.md).

The counts follow the district's 14th Five-Year Emergency System Plan: 11 安全生产专业委员会,
19 专项指挥部, a 减灾委员会 and the 应急委员会. Names of the bodies are plausible, not official.
"""

# (code, name, short name, kind)
DISTRICT_ORGANIZATIONS = [
    ("ORG-GOV", "中共遂宁市船山区委 遂宁市船山区人民政府", "区委区政府", "government"),
    ("ORG-EMB", "遂宁市船山区应急管理局", "区应急管理局", "emergency"),
    ("ORG-FIRE", "遂宁市船山区消防救援大队", "消防救援大队", "fire_rescue"),
    ("ORG-WATER", "遂宁市船山区水利局", "区水利局", "department"),
    ("ORG-MET", "遂宁市船山区气象局", "区气象局", "department"),
    ("ORG-NRP", "遂宁市自然资源和规划局船山分局", "自然资源规划分局", "department"),
    ("ORG-PSB", "遂宁市公安局船山区分局", "公安分局", "department"),
    ("ORG-TRANS", "遂宁市船山区交通运输局", "区交通运输局", "department"),
    ("ORG-HOUSING", "遂宁市船山区住房和城乡建设局", "区住建局", "department"),
    ("ORG-FOREST", "遂宁市船山区林业局", "区林业局", "department"),
    ("ORG-HEALTH", "遂宁市船山区卫生健康局", "区卫健局", "department"),
    ("ORG-EDU", "遂宁市船山区教育局", "区教育局", "department"),
    ("ORG-AGRI", "遂宁市船山区农业农村局", "区农业农村局", "department"),
    ("ORG-ECON", "遂宁市船山区经济和信息化局", "区经信局", "department"),
    ("ORG-COMMERCE", "遂宁市船山区商务局", "区商务局", "department"),
    ("ORG-MARKET", "遂宁市船山区市场监督管理局", "区市场监管局", "department"),
    ("ORG-ENV", "遂宁市船山生态环境局", "船山生态环境局", "department"),
    ("ORG-CIVIL", "遂宁市船山区民政局", "区民政局", "department"),
    ("ORG-FINANCE", "遂宁市船山区财政局", "区财政局", "department"),
    ("ORG-PROP", "中共遂宁市船山区委宣传部", "区委宣传部", "department"),
    ("ORG-CULTURE", "遂宁市船山区文化广播电视和旅游局", "区文广旅局", "department"),
    ("ORG-CITY", "遂宁市船山区城市管理局", "区城管局", "department"),
    ("ORG-GRAIN", "遂宁市船山区发展和改革局", "区发改局", "department"),
    ("ORG-POWER", "国网遂宁供电公司船山供电中心", "船山供电中心", "enterprise"),
    ("ORG-TELECOM", "中国电信遂宁分公司船山营业部", "电信船山营业部", "enterprise"),
    ("ORG-REDCROSS", "遂宁市船山区红十字会", "区红十字会", "social"),
    ("ORG-ENT-CHEM", "遂宁川中精细化工有限公司（演示企业）", "川中化工", "enterprise"),
]

# (name, lead organization code)
SAFETY_COMMITTEES = [
    ("道路交通安全专业委员会", "ORG-PSB"),
    ("危险化学品安全专业委员会", "ORG-EMB"),
    ("建设工程安全专业委员会", "ORG-HOUSING"),
    ("消防安全专业委员会", "ORG-FIRE"),
    ("工贸行业安全专业委员会", "ORG-ECON"),
    ("特种设备安全专业委员会", "ORG-MARKET"),
    ("旅游安全专业委员会", "ORG-CULTURE"),
    ("农业农村安全专业委员会", "ORG-AGRI"),
    ("水上交通安全专业委员会", "ORG-TRANS"),
    ("校园安全专业委员会", "ORG-EDU"),
    ("城市运行安全专业委员会", "ORG-CITY"),
]

HEADQUARTERS = [
    ("防汛抗旱指挥部", "ORG-WATER"),
    ("森林防灭火指挥部", "ORG-FOREST"),
    ("地质灾害应急指挥部", "ORG-NRP"),
    ("抗震救灾指挥部", "ORG-EMB"),
    ("生产安全事故应急指挥部", "ORG-EMB"),
    ("危险化学品事故应急指挥部", "ORG-EMB"),
    ("道路交通事故应急指挥部", "ORG-PSB"),
    ("消防应急救援指挥部", "ORG-FIRE"),
    ("突发环境事件应急指挥部", "ORG-ENV"),
    ("城市供水供气突发事件应急指挥部", "ORG-HOUSING"),
    ("大面积停电事件应急指挥部", "ORG-ECON"),
    ("通信保障应急指挥部", "ORG-ECON"),
    ("突发公共卫生事件应急指挥部", "ORG-HEALTH"),
    ("食品药品安全事故应急指挥部", "ORG-MARKET"),
    ("重大动物疫情应急指挥部", "ORG-AGRI"),
    ("气象灾害应急指挥部", "ORG-MET"),
    ("交通运输突发事件应急指挥部", "ORG-TRANS"),
    ("粮食应急指挥部", "ORG-GRAIN"),
    ("群体性事件处置指挥部", "ORG-PSB"),
]

# Member units of each headquarters beyond its lead: a realistic core set.
HEADQUARTERS_MEMBERS = [
    "ORG-EMB",
    "ORG-FIRE",
    "ORG-PSB",
    "ORG-HEALTH",
    "ORG-TRANS",
    "ORG-PROP",
    "ORG-FINANCE",
    "ORG-CIVIL",
    "ORG-POWER",
    "ORG-TELECOM",
]
DISASTER_REDUCTION_MEMBERS = [
    "ORG-EMB",
    "ORG-WATER",
    "ORG-MET",
    "ORG-NRP",
    "ORG-FOREST",
    "ORG-AGRI",
    "ORG-CIVIL",
    "ORG-FINANCE",
    "ORG-HOUSING",
    "ORG-EDU",
    "ORG-HEALTH",
    "ORG-REDCROSS",
]

SURNAMES = (
    "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
    "苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史"
    "顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
GIVEN_NAMES = [
    "建国",
    "志强",
    "海燕",
    "晓峰",
    "丽娟",
    "俊杰",
    "红梅",
    "小军",
    "德明",
    "秀英",
    "国华",
    "敏",
    "勇",
    "静",
    "磊",
    "洋",
    "艳",
    "涛",
    "明",
    "超",
    "霞",
    "平",
    "刚",
    "桂兰",
    "玉华",
    "文斌",
    "春燕",
    "家豪",
    "思远",
    "子涵",
    "雨欣",
    "浩然",
    "宇航",
    "婷婷",
    "立新",
    "永红",
    "佳琪",
    "伟",
    "芳",
    "娜",
]
