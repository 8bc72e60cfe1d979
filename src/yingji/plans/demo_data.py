"""The six demonstration plans of 船山区 (structure realistic, wording condensed). Pure data.

A task is (key, title, group or unit, deadline minutes, teams "type:speciality:count,…", materials "code:qty,…").
"""

C, D = "commander", "duty_officer"
GROUPS = {
    "综合协调组": ("ORG-EMB", ["ORG-GOV", "ORG-FINANCE"], "汇总信息、协调各组、起草报告"),
    "抢险救援组": ("ORG-FIRE", ["ORG-EMB", "ORG-HOUSING", "ORG-TRANS"], "搜救被困人员、抢险排险"),
    "医疗救治组": ("ORG-HEALTH", ["ORG-REDCROSS"], "伤员救治、卫生防疫"),
    "群众生活组": ("ORG-CIVIL", ["ORG-COMMERCE", "ORG-GRAIN", "ORG-EDU"], "转移安置、生活保障"),
    "治安交通组": ("ORG-PSB", ["ORG-TRANS"], "警戒管控、交通疏导"),
    "通信保障组": ("ORG-ECON", ["ORG-TELECOM", "ORG-POWER"], "通信与电力保障"),
    "宣传报道组": ("ORG-PROP", ["ORG-CULTURE"], "信息发布、舆情引导"),
    "专家组": ("ORG-EMB", [], "研判会商、技术支撑"),
}

# (code, name, type, organization, issued, filing, filed, last drill, types, command, extra groups, levels)
PLANS = [
    ("YA-FX", "船山区防汛抗旱应急预案", "special", "ORG-WATER", "2024-05-06", "filed", "2024-05-24", "2024-06-12",
     ["1.1"], [("指挥长", "ORG-GOV", "分管负责人"), ("副指挥长", "ORG-WATER", "主要负责人"),
               ("副指挥长", "ORG-EMB", "主要负责人")],
     {"专家组": ("ORG-WATER", ["ORG-MET", "ORG-NRP"], "雨情水情工情研判")},
     [("response_4", [C], None, {"rainfall_mm": 50, "trapped": 1, "evacuated": 100}, [
         ("fx4-watch", "加密值守，每2小时汇总雨情、水情、险情", "综合协调组", 60, "", ""),
         ("fx4-rescue", "巡查堤防和低洼区域，水域救援力量前置待命", "抢险救援组", 60, "social:水域:1",
          "3010101:2000,2010101:50"),
         ("fx4-township", "组织危险区群众转移避险，落实“三个避让”", "@township", 90, "township::1", "3010101:1000"),
     ]),
      ("response_3", [C], "grade_3", {"rainfall_mm": 100, "trapped": 10, "evacuated": 1000}, [
          ("fx3-pumps", "调集排涝力量和抽水泵排除城镇积水", "抢险救援组", 120, "government:防汛:1",
           "2020101:6,3010101:3000"),
          ("fx3-shelter", "开放避难场所，调运帐篷、棉被、方便食品", "群众生活组", 180, "",
           "1010101:40,1020101:200,1030101:150"),
          ("fx3-medical", "医疗队进驻转移安置点", "医疗救治组", 120, "", "2070101:50"),
          ("fx3-traffic", "对受淹路段、危桥实施交通管制", "治安交通组", 60, "", ""),
      ]),
      ("response_2", [C], "grade_2", {"rainfall_mm": 200, "trapped": 30}, [
          ("fx2-comms", "启用应急通信车和卫星电话，保障指挥通信", "通信保障组", 120, "", ""),
          ("fx2-news", "召开新闻发布会，发布防汛避险提示", "宣传报道组", 240, "", ""),
          ("fx2-experts", "专家组研判水库、堤防险情", "专家组", 120, "", ""),
      ]),
      ("response_1", [C], "grade_1", {"rainfall_mm": 250, "dead": 3}, [
          ("fx1-request", "请求市防指和驻地部队支援", "综合协调组", 60, "fire_national::1", "3010101:20000"),
      ])]),
    ("YA-ZT", "船山区突发事件总体应急预案", "overall", "ORG-GOV", "2023-09-15", "filed", "2023-10-12", "",
     ["1", "2", "3", "4"], [("指挥长", "ORG-GOV", "主要负责人"), ("副指挥长", "ORG-GOV", "分管负责人"),
                            ("副指挥长", "ORG-EMB", "主要负责人")], {},
     [("response_4", [C, D], None, {"trapped": 3, "injured": 3}, [
         ("zt4-info", "核实情况，30分钟内向区委区政府报告", "综合协调组", 30, "", ""),
         ("zt4-scene", "先期处置，划定警戒区域", "治安交通组", 60, "", ""),
     ]),
      ("response_3", [C], "grade_3", {"dead": 3, "trapped": 10}, [
          ("zt3-rescue", "组织专业队伍开展救援", "抢险救援组", 60, "fire_national::1", ""),
          ("zt3-medical", "开展伤员救治", "医疗救治组", 60, "", "2070101:40"),
      ]),
      ("response_2", [C], "grade_2", {"dead": 10}, [
          ("zt2-living", "安置受影响群众", "群众生活组", 180, "", "1010101:30,1030201:200"),
      ]),
      ("response_1", [C], "grade_1", {"dead": 30}, [
          ("zt1-news", "统一发布权威信息", "宣传报道组", 120, "", ""),
      ])]),
    ("YA-AQ", "船山区生产安全事故应急预案", "special", "ORG-EMB", "2024-11-20", "pending", "", "",
     ["2.1", "2.2", "2.3"], [("指挥长", "ORG-GOV", "分管负责人"), ("副指挥长", "ORG-EMB", "主要负责人")], {},
     [("response_4", [C, D], None, {"injured": 1, "trapped": 1}, [
         ("aq4-report", "1小时内完成事故信息报告", "综合协调组", 60, "", ""),
         ("aq4-rescue", "消防救援力量赶赴现场救援", "抢险救援组", 30, "fire_national::1", "2070101:20"),
     ]),
      ("response_3", [C], "grade_3", {"dead": 3, "serious_injured": 10}, [
          ("aq3-medical", "组织伤员转运救治", "医疗救治组", 60, "", "2070201:10"),
          ("aq3-cordon", "设置警戒区，疏导交通", "治安交通组", 45, "", ""),
      ]),
      ("response_2", [C], "grade_2", {"dead": 10}, [
          ("aq2-experts", "专家组研判次生灾害风险", "专家组", 120, "", ""),
      ]),
      ("response_1", [C], "grade_1", {"dead": 30}, [
          ("aq1-news", "新闻发布和舆情引导", "宣传报道组", 180, "", ""),
      ])]),
    ("YA-SL", "船山区森林防灭火应急预案", "special", "ORG-FOREST", "2021-02-22", "filed", "2021-03-18", "2022-03-01",
     ["1.7"], [("指挥长", "ORG-GOV", "分管负责人"), ("副指挥长", "ORG-FOREST", "主要负责人")],
     {"抢险救援组": ("ORG-FOREST", ["ORG-FIRE", "ORG-EMB"], "组织扑救，清理看守火场")},
     [("response_4", [C], None, {"burnt_forest_ha": 0.1}, [
         ("sl4-attack", "半专业扑火队伍30分钟内出动扑救初发火", "抢险救援组", 30, "forest_semi:森林:1",
          "2050101:6,2050102:40"),
         ("sl4-township", "组织村组力量封山、看守火场", "@township", 60, "", ""),
     ]),
      ("response_3", [C], "grade_3", {"burnt_forest_ha": 1}, [
          ("sl3-fire", "消防救援力量增援扑救", "抢险救援组", 60, "fire_national::1", "2050103:30,2050201:60"),
          ("sl3-evac", "转移受威胁群众", "群众生活组", 90, "", "1010101:10"),
      ]),
      ("response_2", [C], "grade_2", {"burnt_forest_ha": 100}, [
          ("sl2-request", "请求市森防指派出专业队伍支援", "综合协调组", 60, "", ""),
      ]),
      ("response_1", [C], "grade_1", {"burnt_forest_ha": 1000}, [
          ("sl1-news", "统一发布火情信息", "宣传报道组", 120, "", ""),
      ])]),
    ("YA-DZ", "船山区地质灾害应急预案", "special", "ORG-NRP", "2022-04-11", "filed", "2022-05-06", "2023-05-12",
     ["1.4"], [("指挥长", "ORG-GOV", "分管负责人"), ("副指挥长", "ORG-NRP", "主要负责人")],
     {"专家组": ("ORG-NRP", ["ORG-HOUSING"], "地灾隐患研判、监测")},
     [("response_4", [C], None, {"rainfall_mm": 50, "trapped": 1, "evacuated": 30}, [
         ("dz4-monitor", "加密隐患点巡查和监测", "专家组", 120, "", ""),
         ("dz4-township", "组织隐患点受威胁群众撤离", "@township", 60, "township::1", ""),
     ]),
      ("response_3", [C], "grade_3", {"trapped": 3, "evacuated": 300}, [
          ("dz3-rescue", "组织搜救被埋压人员", "抢险救援组", 60, "social:山地:1", "2080101:20"),
      ]),
      ("response_2", [C], "grade_2", {"dead": 10}, [
          ("dz2-living", "设置集中安置点", "群众生活组", 180, "", "1010101:30"),
      ]),
      ("response_1", [C], "grade_1", {"dead": 30}, [
          ("dz1-request", "请求省市专家和救援力量支援", "综合协调组", 60, "", ""),
      ])]),
    ("YA-WH", "船山区危险化学品事故应急预案", "special", "ORG-EMB", "2023-06-02", "filed", "2023-06-28", "2024-06-25",
     ["2.1.2", "2.3.4"], [("指挥长", "ORG-GOV", "分管负责人"), ("副指挥长", "ORG-EMB", "主要负责人"),
                          ("副指挥长", "ORG-FIRE", "主要负责人")],
     {"环境监测组": ("ORG-ENV", ["ORG-MET"], "大气、水体监测，划定污染范围")},
     [("response_4", [C, D], None, {"injured": 1}, [
         ("wh4-hazmat", "危化救援力量到场侦检、堵漏", "抢险救援组", 30, "fire_national:危化:1", ""),
         ("wh4-monitor", "开展大气和水体应急监测", "环境监测组", 60, "", ""),
     ]),
      ("response_3", [C], "grade_3", {"dead": 3, "serious_injured": 10}, [
          ("wh3-evac", "疏散下风向群众", "治安交通组", 45, "", ""),
          ("wh3-medical", "中毒伤员救治", "医疗救治组", 60, "", "2070101:30"),
      ]),
      ("response_2", [C], "grade_2", {"dead": 10}, [
          ("wh2-experts", "专家研判洗消方案", "专家组", 120, "", ""),
      ]),
      ("response_1", [C], "grade_1", {"dead": 30}, [
          ("wh1-news", "发布权威信息", "宣传报道组", 120, "", ""),
      ])]),
]
