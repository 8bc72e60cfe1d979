"""Demonstration duty data of 船山区: patterns, posts, the bureau's duty staff, escalation chains."""

PATTERNS = [
    # code, name, kind, segments
    ("SP-24H", "24小时值班", "full_day", "08:30-08:30"),
    ("SP-DN", "白班/夜班", "day_night", "08:30-20:30,20:30-08:30"),
]

# The district bureau's posts: code, name, role, pattern, requires handover, order
BUREAU_POSTS = [
    ("DP-EMB-LEADER", "区应急管理局带班领导", "leader", "SP-24H", False, 1),
    ("DP-EMB-CHIEF", "区应急管理局值班长", "chief", "SP-24H", True, 2),
    ("DP-EMB-OFFICER", "区应急管理局值班员", "officer", "SP-DN", True, 3),
]

# The bureau's duty staff beyond the contact book: code suffix, name, title, and the account that receives
# their in-app messages (the duty room's shared desk account for officers and chiefs).
BUREAU_STAFF = {
    "leader": [("L1", "蒋德明", "副局长", "commander"), ("L2", "彭立新", "副局长", "commander"),
               ("L3", "何国华", "党组成员", "commander"), ("L4", "罗文斌", "总工程师", "commander")],
    "chief": [(f"C{i}", name, "值班长", "duty") for i, name in enumerate(("曾志强", "唐海燕", "邓俊杰", "汪红梅"), 1)],
    "officer": [(f"O{i}", name, "值班员", "duty")
                for i, name in enumerate(("刘思远", "陈雨欣", "杨浩然", "黄婷婷", "赵宇航", "吴佳琪"), 1)],
}

# Key departments that keep a 24-hour desk.
KEY_DEPARTMENTS = ["ORG-WATER", "ORG-MET", "ORG-NRP", "ORG-PSB", "ORG-FIRE", "ORG-HEALTH"]

CALLS = [
    # minutes ago, kind, counterpart, summary
    (190, "call_in", "桂花镇值班室", "桂花镇报告：场镇段涪江水位上涨，已安排专人巡查，暂无险情。"),
    (120, "call_out", "区水利局值班室", "询问上游水库泄洪计划，水利局答复今日 18 时前不泄洪。"),
    (45, "call_in", "群众王先生", "反映龙凤镇某村道路边坡有落石，已转龙凤镇核实处置。"),
]

INSTRUCTIONS = [
    # minutes ago, issuer, text, due in hours, done note
    (300, "市应急管理局值班室", "请各区县加强今明两天强降雨防范，18 时前报送人员转移情况。", 6, ""),
    (1500, "区政府分管副区长", "请督促各镇街落实地质灾害隐患点巡查，明日 12 时前报送巡查结果。", 20,
     "已通知 24 个镇街，收到全部巡查结果并汇总上报。"),
]

# Escalation chains: code, name, event kind, [(target, wait minutes, channel code, person code)]
CHAINS = [
    ("ESC-INCIDENT", "新接报事件未确认升级", "incident.reported",
     [("officer", 0, "DUTY-INAPP", ""), ("chief", 10, "DUTY-SMS", ""), ("leader", 10, "DUTY-SMS", ""),
      ("person", 15, "DUTY-SMS", "P-EMB-2")]),
    ("ESC-CLOCK", "报送时限超时升级", "incident.deadline_overdue",
     [("chief", 0, "DUTY-INAPP", ""), ("leader", 15, "DUTY-SMS", "")]),
    ("ESC-TASK", "任务未签收升级", "plans.task_assigned",
     [("chief", 15, "DUTY-INAPP", ""), ("leader", 15, "DUTY-SMS", "")]),
    ("ESC-ROLLCALL", "点名未应答升级", "duty.rollcall_missed",
     [("desk", 0, "DUTY-INAPP", ""), ("chief", 10, "DUTY-INAPP", "")]),
    ("ESC-HANDOVER", "交接班超时升级", "duty.handover_overdue",
     [("chief", 0, "DUTY-INAPP", ""), ("leader", 30, "DUTY-SMS", "")]),
]

CHANNELS = [
    # code, name, kind, enabled, config
    ("DUTY-INAPP", "值班站内消息", "in_app", True, {}),
    # Off until a gateway is set; `yingji demo` sends them to local stand-ins and turns them on (demo_standin).
    ("DUTY-SMS", "值班短信", "sms_http", False, {"url": "http://127.0.0.1:9/sms", "demo_standin": True}),
    ("DUTY-WEBHOOK", "值班 Webhook", "webhook", False, {"url": "http://127.0.0.1:9/hook", "demo_standin": True}),
]
