"""Code tables of the resources app: team types, readiness, equipment kinds, depot levels, …"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TeamType(models.TextChoices):
    FIRE_NATIONAL = "fire_national", _("国家综合性消防救援队伍")
    GOVERNMENT = "government", _("政府专职救援队伍")
    PROFESSIONAL = "professional", _("专业救援队伍")
    ENTERPRISE = "enterprise", _("企业专兼职救援队伍")
    SOCIAL = "social", _("社会/民间救援队伍")
    TOWNSHIP = "township", _("乡镇综合应急救援队伍")
    VILLAGE = "village", _("村（社区）应急分队")
    FOREST_SEMI = "forest_semi", _("半专业森林扑火队伍")
    VOLUNTEER = "volunteer", _("志愿者队伍")


class Readiness(models.TextChoices):
    STANDBY = "standby", _("待命")
    ON_MISSION = "on_mission", _("执行任务")
    RESTING = "resting", _("休整")
    INACTIVE = "inactive", _("停用")


# Speciality tags of a team (专业特长), written in Chinese and separated by 、 or commas.
SPECIALITIES = ("水域", "危化", "森林", "地震", "工程机械", "医疗", "灭火", "山地", "防汛", "通信", "综合")


class EquipmentKind(models.TextChoices):
    VEHICLE = "vehicle", _("车辆")
    DRAINAGE = "drainage", _("排涝装备")
    BOAT = "boat", _("舟艇")
    DRONE = "drone", _("无人机")
    DETECTION = "detection", _("侦检装备")
    DEMOLITION = "demolition", _("破拆装备")
    LIGHTING = "lighting", _("照明装备")
    COMMUNICATION = "communication", _("通信装备")
    LIFESAVING = "lifesaving", _("救生装备")
    MEDICAL = "medical", _("医疗急救")
    PROTECTION = "protection", _("个人防护")
    FIRE = "fire", _("灭火装备")
    OTHER = "other", _("其他")


class EquipmentCondition(models.TextChoices):
    READY = "ready", _("完好")
    IN_USE = "in_use", _("使用中")
    REPAIR = "repair", _("维修中")
    SCRAPPED = "scrapped", _("已报废")


class DepotLevel(models.TextChoices):
    DISTRICT = "district", _("区级储备库")
    TOWNSHIP = "township", _("乡镇储备站")
    FORWARD = "forward", _("前置点")
    CENTRAL_VILLAGE = "central_village", _("中心村储备点")
    AGREEMENT = "agreement", _("协议储备")


class MaterialUse(models.TextChoices):
    FLOOD = "flood", _("防汛")
    FOREST_FIRE = "forest_fire", _("森林防灭火")
    RESCUE = "rescue", _("救援")
    LIVING = "living", _("基本生活保障")


class MovementKind(models.TextChoices):
    RECEIVE = "receive", _("入库")
    ISSUE = "issue", _("出库")
    TRANSFER_OUT = "transfer_out", _("调拨调出")
    TRANSFER_IN = "transfer_in", _("调拨调入")
    ADJUST = "adjust", _("盘点调整")
    SCRAP = "scrap", _("报废")
    RESERVE = "reserve", _("预占")
    RELEASE = "release", _("释放")


class ExpertField(models.TextChoices):
    FLOOD = "flood", _("防汛抗旱")
    FOREST_FIRE = "forest_fire", _("森林防灭火")
    GEOLOGY = "geology", _("地质灾害")
    HAZMAT = "hazmat", _("危险化学品")
    WORK_SAFETY = "work_safety", _("安全生产")
    MEDICAL = "medical", _("医疗救护")
    EARTHQUAKE = "earthquake", _("地震")
    METEOROLOGY = "meteorology", _("气象")
    CONSTRUCTION = "construction", _("建筑工程")
    FIRE = "fire", _("消防")
    COMMUNICATION = "communication", _("通信保障")


class Availability(models.TextChoices):
    AVAILABLE = "available", _("可调用")
    AWAY = "away", _("外出")
    UNAVAILABLE = "unavailable", _("不可调用")


class ShelterSite(models.TextChoices):
    SCHOOL = "school", _("学校")
    SQUARE = "square", _("广场")
    PARK = "park", _("公园")
    STADIUM = "stadium", _("体育场馆")
    GREEN = "green", _("绿地")
    PUBLIC_BUILDING = "public_building", _("公共建筑")
    OTHER = "other", _("其他")


class ShelterStatus(models.TextChoices):
    READY = "ready", _("可启用")
    OPEN = "open", _("已开放")
    CLOSED = "closed", _("暂停使用")
    BUILDING = "building", _("建设中")


SHELTER_CLASSES = [("class_1", _("Ⅰ类")), ("class_2", _("Ⅱ类")), ("class_3", _("Ⅲ类"))]

# Facilities of a shelter (配套设施), written in Chinese and separated by 、 or commas.
FACILITIES = ("供水", "供电", "厕所", "医疗", "帐篷", "广播", "消防", "物资储备", "指挥管理", "停车场", "停机坪",
              "洗浴")


class FacilityKind(models.TextChoices):
    FIRE_STATION = "fire_station", _("消防站")
    HOSPITAL = "hospital", _("医院")
    HELIPAD = "helipad", _("直升机起降点")
    OTHER = "other", _("其他重要设施")


class FacilityStatus(models.TextChoices):
    IN_SERVICE = "in_service", _("在用")
    BUILDING = "building", _("在建")
    UPGRADING = "upgrading", _("升级改造")
    PLANNED = "planned", _("规划新建")


# What a township team and a village squad must carry to count as equipped (plan target: 100 % equipped).
TEAM_KITS = {
    TeamType.TOWNSHIP: (EquipmentKind.LIFESAVING, EquipmentKind.LIGHTING, EquipmentKind.COMMUNICATION),
    TeamType.VILLAGE: (EquipmentKind.LIGHTING, EquipmentKind.COMMUNICATION),
}
