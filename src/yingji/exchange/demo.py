"""Demo data of the data exchange: four partners (公安110, 气象局, 水文站, a township 综治 system) with keys whose
values are published in docs/exchange.md (demo only: production has no demo data), their subscriptions, feeds and
the 数据资源目录."""

from django.utils import timezone

from yingji.core.models import Organization, Region
from yingji.demo import townships

from . import keys, services
from .choices import Direction, FeedKind, PartnerKind, ReadFeed, Scope, WebhookEvent
from .models import Dataset, Partner

# code, name, kind, organization, township (None: district), scopes, demo key
PARTNERS = [
    ("psb-110", "公安110指挥中心", PartnerKind.DEPARTMENT, "ORG-PSB", None,
     [Scope.INCIDENTS_WRITE, Scope.CATALOGUE_READ], "yjp_demo110_Chuanshan-demo-only-110"),
    ("met-bureau", "区气象局", PartnerKind.DEPARTMENT, "ORG-MET", None,
     [Scope.READINGS_WRITE, Scope.CATALOGUE_READ], "yjp_demomet_Chuanshan-demo-only-met"),
    ("hydro-station", "船山水文站", PartnerKind.DEPARTMENT, "ORG-WATER", None,
     [Scope.READINGS_WRITE, Scope.HAZARDS_WRITE, Scope.CATALOGUE_READ], "yjp_demohydro_Chuanshan-demo-only-hydro"),
    ("guihua-zongzhi", "桂花镇综治中心", PartnerKind.TOWNSHIP, None, "桂花镇",
     [Scope.INCIDENTS_WRITE, Scope.HAZARDS_WRITE, Scope.CATALOGUE_READ], "yjp_demogh_Chuanshan-demo-only-guihua"),
]

# What each demo partner may read (the bureau's allow-lists): 公安 and the township's 综治 centre read the
# incidents of their region and the warnings; 气象 and 水文 read the warnings; all read the catalogue.
READS = {
    "psb-110": [ReadFeed.CATALOGUE, ReadFeed.WARNINGS, ReadFeed.INCIDENTS],
    "met-bureau": [ReadFeed.CATALOGUE, ReadFeed.WARNINGS],
    "hydro-station": [ReadFeed.CATALOGUE, ReadFeed.WARNINGS],
    "guihua-zongzhi": [ReadFeed.CATALOGUE, ReadFeed.WARNINGS, ReadFeed.INCIDENTS],
}


def _fields(*rows):
    return [{"name": name, "label": label, "type": kind} for name, label, kind in rows]


FIELDS_INCIDENT = _fields(("id", "对方编号", "string"), ("type_code", "事件类型", "string"),
                          ("occurred_at", "发生时间", "datetime"), ("statement", "报告内容", "string"),
                          ("lon", "经度", "number"), ("lat", "纬度", "number"))
FIELDS_READING = _fields(("device", "设备编号", "string"), ("time", "观测时间", "datetime"),
                         ("values", "观测值（量→数值）", "object"))
FIELDS_EVENT = _fields(("event", "事件", "string"), ("id", "事件编号", "uuid"), ("data", "内容", "object"))
FIELDS_HAZARD = _fields(("id", "对方编号", "string"), ("name", "隐患描述", "string"), ("region", "区划代码", "string"))
DATASETS = [
    ("incidents-in", "突发事件联动接报", Direction.CONSUMED, "公安、消防、卫健", "实时",
     "POST /api/exchange/incidents/",
     "110/119/120 转来的警情，经接报登记为突发事件", FIELDS_INCIDENT, ["psb-110", "guihua-zongzhi"]),
    ("hazards-in", "部门与乡镇推送的隐患", Direction.CONSUMED, "水利、乡镇综治", "实时", "POST /api/exchange/hazards/",
     "进入隐患排查治理闭环", FIELDS_HAZARD, ["hydro-station", "guihua-zongzhi"]),
    ("rain-water", "雨量、水位监测数据", Direction.CONSUMED, "区水利局、船山水文站", "5分钟",
     "POST /api/exchange/readings/；JSON/CSV 拉取", "映射为监测预警的监测数据", FIELDS_READING,
     ["met-bureau", "hydro-station"]),
    ("met-warnings", "气象预警（CAP）", Direction.CONSUMED, "区气象局", "实时", "CAP/Atom 订阅",
     "经预警发布的外部订阅源导入", [{"name": "identifier", "label": "CAP 标识", "type": "string"}], ["met-bureau"]),
    ("events-out", "应急事件通知", Direction.OFFERED, "区应急管理局", "实时", "Webhook（HMAC-SHA256 签名）",
     "事件接报、定级，预警发布、解除，响应级别变化", FIELDS_EVENT,
     ["psb-110", "met-bureau", "hydro-station", "guihua-zongzhi"]),
]


def load(progress) -> None:
    progress("数据交换：交换伙伴、密钥、订阅与数据资源目录……")
    if Partner.objects.filter(is_demo=True).exists():  # loaded before (`load_demo --force` runs every loader)
        return
    district = Region.objects.get(level=1)
    made = {}
    for code, name, kind, org, township, scopes, key in PARTNERS:
        region = Region.objects.get(code=townships.township(township).code) if township else district
        organization = Organization.objects.filter(code=org).first() if org else None
        partner, _secret = services.create_partner(
            actor=None, code=code, name=name, kind=kind, organization=organization, region=region, scopes=scopes,
            contact="", is_demo=True, signing_secret=f"demo-signing-secret-{code}", read_feeds=READS[code])
        keys.issue(actor=None, partner=partner, key=key, label="演示密钥", is_demo=True,
                   now=timezone.now())
        made[code] = partner
    services.subscribe(actor=None, partner=made["psb-110"], url="http://127.0.0.1:9/psb-110/webhook",
                       events=[WebhookEvent.INCIDENT_OPENED, WebhookEvent.INCIDENT_GRADED], is_demo=True)
    services.subscribe(actor=None, partner=made["guihua-zongzhi"], url="http://127.0.0.1:9/guihua/webhook",
                       events=[WebhookEvent.WARNING_PUBLISHED, WebhookEvent.WARNING_CANCELLED,
                               WebhookEvent.RESPONSE_LEVEL], is_demo=True)
    feed = services.add_feed(actor=None, partner=made["hydro-station"], name="船山水文站雨量水位（JSON）",
                             kind=FeedKind.JSON, url="http://127.0.0.1:9/hydro/latest.json", every_seconds=300,
                             is_demo=True, mapping={"device": "stcd", "time": "tm",
                                                    "values": {"rain": "drp", "water_level": "z"}})
    feed.enabled = False  # the demo has no 水文 server to pull from; tests and docs show a live one
    feed.save(update_fields=["enabled"])
    for code, name, direction, owner, frequency, channel, description, fields, partners in DATASETS:
        dataset = Dataset.objects.create(code=code, name=name, direction=direction, owner=owner, frequency=frequency,
                                         channel=channel, description=description, fields=fields, is_demo=True)
        dataset.partners.set([made[c] for c in partners])
