"""Choices of the census app: hazard and zone types, scales, disaster types, transfer marks."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HazardType(models.TextChoices):
    LANDSLIDE = "landslide", _("滑坡")
    COLLAPSE = "collapse", _("崩塌")
    DEBRIS_FLOW = "debris_flow", _("泥石流")
    SUBSIDENCE = "subsidence", _("地面塌陷")


class HazardScale(models.TextChoices):
    SMALL = "small", _("小型")
    MEDIUM = "medium", _("中型")
    LARGE = "large", _("大型")
    HUGE = "huge", _("特大型")


class ZoneType(models.TextChoices):
    FLASH_FLOOD = "flash_flood", _("山洪危险区")
    WATERLOGGING = "waterlogging", _("内涝点")
    FLOOD = "flood", _("洪水淹没区")
    FOREST_FIRE = "forest_fire", _("森林火险区")  # registered and mapped; not scored by the assessment (risk.py)


class DisasterType(models.TextChoices):
    RAINSTORM_FLOOD = "rainstorm_flood", _("暴雨洪涝")
    GEOLOGICAL = "geological", _("地质灾害")
    DROUGHT = "drought", _("干旱")
    WIND_HAIL = "wind_hail", _("风雹")
    FOREST_FIRE = "forest_fire", _("森林火灾")
    EARTHQUAKE = "earthquake", _("地震")
    OTHER = "other", _("其他")


class TransferState(models.TextChoices):
    ACTIVE = "active", _("转移中")
    CLOSED = "closed", _("已结束")


class Mark(models.TextChoices):
    TRANSFERRED = "transferred", _("已转移")
    REFUSED = "refused", _("拒绝转移")
    NOT_FOUND = "not_found", _("未找到")
    RETURNED = "returned", _("已返回")


PENDING_LABEL = _("待转移")
# Still inside the danger zone: nobody has marked the household, or it refused, or was not found.
INSIDE = {None, Mark.REFUSED, Mark.NOT_FOUND}


class AssetClass(models.TextChoices):
    """承灾体的 6 大类 (第一次全国自然灾害综合风险普查, 国办发〔2020〕12号)."""

    POPULATION = "population", _("人口")
    HOUSING = "housing", _("房屋")
    INFRASTRUCTURE = "infrastructure", _("基础设施")
    PUBLIC_SERVICE = "public_service", _("公共服务")
    INDUSTRY = "industry", _("三次产业")
    ENVIRONMENT = "environment", _("资源与环境")


class AssetType(models.TextChoices):
    """The asset types this platform records (a subset of the census's 27, those the district registers)."""

    SETTLEMENT = "settlement", _("人口聚居点")
    URBAN_HOUSING = "urban_housing", _("城镇住宅")
    RURAL_HOUSING = "rural_housing", _("农村住宅")
    NON_RESIDENTIAL = "non_residential", _("非住宅房屋")
    ROAD = "road", _("道路")
    BRIDGE = "bridge", _("桥梁")
    RESERVOIR = "reservoir", _("水库")
    DYKE = "dyke", _("堤防")
    SCHOOL = "school", _("学校")
    HOSPITAL = "hospital", _("医疗卫生机构")
    WELFARE_HOME = "welfare_home", _("社会福利机构")
    KEY_ENTERPRISE = "key_enterprise", _("重点企业")
    FARMLAND = "farmland", _("农田")
    FOREST = "forest", _("林地")


ASSET_CLASS_OF = {
    AssetType.SETTLEMENT: AssetClass.POPULATION,
    AssetType.URBAN_HOUSING: AssetClass.HOUSING, AssetType.RURAL_HOUSING: AssetClass.HOUSING,
    AssetType.NON_RESIDENTIAL: AssetClass.HOUSING,
    AssetType.ROAD: AssetClass.INFRASTRUCTURE, AssetType.BRIDGE: AssetClass.INFRASTRUCTURE,
    AssetType.RESERVOIR: AssetClass.INFRASTRUCTURE, AssetType.DYKE: AssetClass.INFRASTRUCTURE,
    AssetType.SCHOOL: AssetClass.PUBLIC_SERVICE, AssetType.HOSPITAL: AssetClass.PUBLIC_SERVICE,
    AssetType.WELFARE_HOME: AssetClass.PUBLIC_SERVICE,
    AssetType.KEY_ENTERPRISE: AssetClass.INDUSTRY,
    AssetType.FARMLAND: AssetClass.ENVIRONMENT, AssetType.FOREST: AssetClass.ENVIRONMENT,
}
# Asset types whose people are vulnerable as a group (children, patients, the elderly in care).
VULNERABLE_USE = {AssetType.SCHOOL, AssetType.HOSPITAL, AssetType.WELFARE_HOME}


class Structure(models.TextChoices):
    """房屋结构类型 (the census's housing survey categories)."""

    STEEL = "steel", _("钢结构")
    CONCRETE = "concrete", _("钢筋混凝土（框架）")
    MASONRY = "masonry", _("砖混（砌体）")
    BRICK_WOOD = "brick_wood", _("砖木")
    EARTH_WOOD = "earth_wood", _("土木")
    OTHER = "other", _("其他")


HOUSING_TYPES = {AssetType.URBAN_HOUSING, AssetType.RURAL_HOUSING, AssetType.NON_RESIDENTIAL}


class RiskLevel(models.TextChoices):
    """The 5 classes of the combined zoning (STANDARDS §8: the levels are [?], 5 classes by default, configurable)."""

    HIGH = "high", _("高风险")
    HIGHER = "higher", _("较高风险")
    MEDIUM = "medium", _("中风险")
    LOWER = "lower", _("较低风险")
    LOW = "low", _("低风险")


class RiskHazard(models.TextChoices):
    """The hazards the assessment scores (those the census registers hold)."""

    GEOLOGICAL = "geological", _("地质灾害")
    FLASH_FLOOD = "flash_flood", _("山洪")
    FLOOD = "flood", _("洪水")
    WATERLOGGING = "waterlogging", _("内涝")
