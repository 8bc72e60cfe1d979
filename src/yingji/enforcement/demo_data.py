"""The seeded inspection item list (检查事项清单) of the four sectors the plan names, and the demo's name pools.
Items are (name, legal basis, method). DEMONSTRATION DATA: the legal bases name real laws; check the articles
against the current texts before using the list in earnest."""

SAFETY_LAW = "《中华人民共和国安全生产法》"
ITEMS = {
    "chemicals": (
        ("危险化学品安全生产许可或经营许可证照有效", "《危险化学品安全管理条例》第十四条、第三十三条", "documents"),
        ("重大危险源辨识、评估、登记建档与监控", "《危险化学品重大危险源监督管理暂行规定》第七条至第十三条", "on_site"),
        ("储存场所、设施与安全距离符合要求", "《危险化学品安全管理条例》第十九条", "on_site"),
        ("特种作业人员持证上岗", f"{SAFETY_LAW}第三十条", "documents"),
        ("动火、受限空间等特殊作业审批", "GB 30871-2022《危险化学品企业特殊作业安全规范》", "on_site"),
        ("生产安全事故应急预案编制与演练", "《生产安全事故应急预案管理办法》第三十三条", "documents"),
    ),
    "industry_trade": (
        ("全员安全生产责任制建立与落实", f"{SAFETY_LAW}第二十二条", "documents"),
        ("粉尘涉爆作业场所防爆措施", "《工贸企业粉尘防爆安全规定》第十一条", "on_site"),
        ("有限空间作业审批与防护", "《工贸企业有限空间作业安全规定》第十条", "on_site"),
        ("安全设备经常性维护、保养和定期检测", f"{SAFETY_LAW}第三十六条", "on_site"),
        ("从业人员安全生产教育和培训", f"{SAFETY_LAW}第二十八条", "interview"),
    ),
    "fuel_station": (
        ("成品油经营与危险化学品经营许可证照有效", "《危险化学品经营许可证管理办法》第三条", "documents"),
        ("卸油作业规程与静电接地", "GB 50156-2021《汽车加油加气加氢站技术标准》", "on_site"),
        ("可燃气体检测报警与紧急切断", "GB 50156-2021《汽车加油加气加氢站技术标准》", "test"),
        ("消防器材配置与有效", "《中华人民共和国消防法》第十六条", "on_site"),
        ("加油站应急预案与演练", "《生产安全事故应急预案管理办法》第三十三条", "documents"),
    ),
    "crowded": (
        ("疏散通道、安全出口畅通", "《中华人民共和国消防法》第二十八条", "on_site"),
        ("燃气使用场所安装可燃气体报警装置", "《城镇燃气管理条例》第二十八条", "test"),
        ("电气线路敷设规范，无私拉乱接", "GB 50016-2014《建筑设计防火规范》", "on_site"),
        ("人员密集场所应急疏散预案与演练", f"{SAFETY_LAW}第八十一条", "documents"),
        ("外墙广告牌、招牌设置牢固", "《城市市容和环境卫生管理条例》", "on_site"),
    ),
    "other": (
        ("安全生产管理机构与人员配备", f"{SAFETY_LAW}第二十四条", "documents"),
        ("事故隐患排查治理制度建立与落实", f"{SAFETY_LAW}第四十一条", "documents"),
    ),
}

# Inspector fields by group: most work in two sectors.
FIELD_SETS = ("chemicals,fuel_station", "industry_trade,other", "crowded,other", "chemicals,industry_trade",
              "fuel_station,crowded", "industry_trade,crowded,other")
