"""Facts and name pools of the prevention demonstration data (DEMONSTRATION DATA: names are generated)."""

# The 14 hazardous-chemicals enterprises (storage, use, transport as the seed plan says): name stem, category,
# township, and for some a major hazard source (name, substances, people within 500 m).
CHEMICAL_ENTERPRISES = (
    ("遂宁川中精细化工有限公司", "chem_use", "桂花镇", ("液氨储罐区", "氨 120", 60)),
    ("遂宁市船山区涪江化工储运有限公司", "chem_storage", "老池镇", ("甲醇储罐区", "甲醇 900；乙醇 400", 20)),
    ("遂宁龙凤气体有限公司", "chem_production", "龙凤镇", ("液氯钢瓶库", "氯 35", 120)),
    ("遂宁河沙危险货物运输有限公司", "chem_transport", "河沙镇", None),
    ("遂宁仁里化学试剂经营部", "chem_trade", "仁里镇", None),
    ("遂宁新桥液化气储配站", "chem_storage", "新桥镇", ("液化石油气储罐区", "液化石油气 180", 45)),
    ("遂宁永兴涂料有限公司", "chem_use", "永兴镇", ("甲苯溶剂库", "甲苯 300；丙酮 200", 10)),
    ("遂宁保升油品储运有限公司", "chem_storage", "保升镇", ("汽油储罐区", "汽油 1200", 80)),
    ("遂宁北固化工有限公司", "chem_use", "北固镇", None),
    ("遂宁唐家工业气体经营部", "chem_trade", "唐家乡", None),
    ("遂宁慈音医用气体有限公司", "chem_use", "慈音街道", None),
    ("遂宁九莲危化品物流有限公司", "chem_transport", "九莲街道", None),
    ("遂宁灵泉水处理剂有限公司", "chem_use", "灵泉街道", None),
    ("遂宁杨渡化工仓储有限公司", "chem_storage", "杨渡街道", ("苯储罐区", "苯 80；甲苯 150", 35)),
)

# Other enterprises and places: (category, place_type, name pattern, industry code, count)
OTHERS = (
    ("building_materials", "", "{t}{s}页岩砖厂", "3031", 14),
    ("machinery", "", "遂宁{s}机械制造有限公司", "3420", 16),
    ("light", "", "遂宁{s}食品有限公司", "1491", 12),
    ("textile", "", "遂宁{s}纺织有限公司", "1713", 8),
    ("metallurgy", "", "遂宁{s}铸造有限公司", "3391", 6),
    ("commerce", "", "{t}{s}商贸城", "5299", 10),
    ("fuel_station", "", "中石化{t}{s}加油站", "5265", 14),
    ("gas", "", "遂宁{s}燃气有限公司{t}供气站", "4500", 6),
    ("construction", "", "{t}{s}安置小区建设项目", "4700", 8),
    ("crowded", "crowded", "{t}{s}农贸市场", "", 16),
    ("crowded", "self_built", "{t}{s}自建房餐饮店", "", 20),
    ("crowded", "school", "{t}{s}小学", "", 12),
    ("crowded", "scenic", "{t}{s}景区", "", 4),
    ("other", "", "遂宁{s}物流有限公司", "5990", 6),
)
STEMS = ("兴隆", "金源", "顺达", "宏发", "永盛", "鑫旺", "川中", "涪江", "观音湖", "天成", "恒通", "瑞丰", "安康",
         "华泰", "新城", "明珠", "汇通", "东升", "万和", "丰源", "长青", "富民", "嘉禾", "龙腾")
DEPARTMENTS = {"building_materials": "区经济和信息化局", "machinery": "区经济和信息化局", "light": "区经济和信息化局",
               "textile": "区经济和信息化局", "metallurgy": "区经济和信息化局", "commerce": "区商务局",
               "fuel_station": "区商务局", "gas": "区住房和城乡建设局", "construction": "区住房和城乡建设局",
               "crowded": "区市场监督管理局", "other": "区交通运输局"}
PLACE_DEPARTMENTS = {"school": "区教育局", "scenic": "区文化广播电视和旅游局", "self_built": "区住房和城乡建设局"}

RISK_NAMES = {
    "chem": ("储罐区", "装卸作业", "危化品仓库", "反应釜", "动火作业", "受限空间作业", "槽车充装"),
    "works": ("粉尘作业区", "冲压设备", "有限空间作业", "叉车作业", "配电房", "高处作业", "砖窑"),
    "place": ("疏散通道", "厨房燃气", "电气线路", "消防设施", "人员聚集区", "外墙广告牌"),
    "area": ("滑坡隐患点周边", "涪江沿岸", "城镇燃气管网", "老旧小区", "集贸市场片区"),
}
HAZARD_NAMES = ("安全出口堵塞", "消防器材过期", "可燃气体报警器失效", "电气线路私拉乱接", "作业人员未持证上岗",
                "防雷检测过期", "应急预案未演练", "安全警示标志缺失", "特种设备未定期检验", "粉尘清扫制度未落实",
                "储罐区防火堤破损", "有限空间未落实审批", "燃气管道腐蚀", "疏散指示标志损坏", "违规动火作业")
MAJOR_NAMES = ("液氨储罐区未设置紧急切断装置", "涉爆粉尘作业场所未采取防爆措施", "危化品储存场所与居民区安全距离不足",
               "燃气管道被违规占压", "人员密集场所疏散通道严重堵塞", "重大危险源未实施在线监测监控")
CRITERIA = {"general": "", "major": "化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）"}
