"""Texts of the demonstration data: 防御指南 templates and the channels of the demo."""

import os

# Per-type advice; the level adds how urgent it is. Edited in the UI (防御指南模板).
GUIDANCE = {
    "met.rainstorm": "注意防范暴雨可能引发的山洪、滑坡、泥石流等灾害；远离河道、低洼地带和危险边坡；"
                     "检查城市、农田排水系统，做好排涝准备。",
    "geohazard": "危险区内人员注意观察斜坡、房前屋后有无裂缝、鼓胀、掉块，发现异常立即撤离并报告；"
                 "暂停在隐患点附近施工、通行。",
    "flood": "沿河低洼地带人员做好转移准备，不要在河边逗留、涉水；船只回港避险；水库、堤防加强巡查。",
    "forest_fire": "严禁野外用火、祭祀烧纸、燃放烟花爆竹；进入林区注意防火，发现火情立即拨打 12119。",
    "safety": "企业落实安全生产主体责任，开展隐患排查，暂停高风险作业；危险化学品企业加强值守。",
    "health": "注意个人防护，勤洗手、戴口罩、少聚集；出现发热等症状及时就医并如实告知接触史。",
    "other": "请关注官方发布的信息，按照当地政府和有关部门的指引做好防范。",
}
MET_DEFAULT = "关注天气变化，减少户外活动，注意交通和人身安全，做好防御准备。"
LEVEL_ADVICE = {
    "level_4": "各有关单位和人员做好防范准备。",
    "level_3": "有关部门进入防御状态，危险区域人员做好转移准备。",
    "level_2": "停止户外作业和集体活动，危险区域人员立即转移。",
    "level_1": "停课、停工、停业（特殊行业除外），危险区域人员全部转移，严禁外出。",
}


def channel_specs() -> list[dict]:
    """The demo channels. `yingji demo` points those marked demo_standin at local stand-ins of the gateways
    (channels/standins.py); YINGJI_DEMO_CHANNEL_URL is where the HTTP ones point until then."""
    base = os.environ.get("YINGJI_DEMO_CHANNEL_URL", "http://127.0.0.1:9").rstrip("/")
    demo = {"demo_standin": True}
    return [
        {"code": "alert-sms", "name": "预警短信网关", "kind": "sms_http",
         "config": {"url": f"{base}/sms", "batch_size": 500, **demo}},
        {"code": "alert-wecom", "name": "企业微信应急群机器人", "kind": "wecom_robot",
         "config": {"url": f"{base}/wecom", **demo}, "fallback": "alert-sms"},
        {"code": "alert-broadcast", "name": "应急广播平台", "kind": "broadcast_http",
         "config": {"url": f"{base}/broadcast", "batch_size": 500, **demo}},
        {"code": "alert-email", "name": "预警邮件", "kind": "email",
         "config": {"host": "127.0.0.1", "port": 2525, **demo}},
        {"code": "alert-app", "name": "APP 推送（MQTT）", "kind": "mqtt",
         "config": {"host": "127.0.0.1", "port": 1883, "topic": "yingji/alerts/{address}", **demo}},
    ]

NORTHERN = ("仁里镇", "永兴镇", "河沙镇", "新桥镇", "北固镇", "唐家乡")
AUGUST_2020 = ("龙凤镇", "仁里镇", "永兴镇", "河沙镇", "新桥镇", "桂花镇", "老池镇", "保升镇", "北固镇", "唐家乡",
               "西宁街道", "杨渡街道")
