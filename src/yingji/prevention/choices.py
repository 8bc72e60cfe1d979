"""Code tables of the prevention app (issue 16; shared/STANDARDS.md §4, §10)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.standards.warnings import WarningLevel


class Category(models.TextChoices):
    CHEM_PRODUCTION = "chem_production", _("危险化学品生产")
    CHEM_TRADE = "chem_trade", _("危险化学品经营")
    CHEM_STORAGE = "chem_storage", _("危险化学品储存")
    CHEM_USE = "chem_use", _("危险化学品使用")
    CHEM_TRANSPORT = "chem_transport", _("危险化学品运输")
    MINE = "mine", _("非煤矿山")
    METALLURGY = "metallurgy", _("工贸·冶金")
    NONFERROUS = "nonferrous", _("工贸·有色")
    BUILDING_MATERIALS = "building_materials", _("工贸·建材")
    MACHINERY = "machinery", _("工贸·机械")
    LIGHT = "light", _("工贸·轻工")
    TEXTILE = "textile", _("工贸·纺织")
    TOBACCO = "tobacco", _("工贸·烟草")
    COMMERCE = "commerce", _("工贸·商贸")
    FIREWORKS = "fireworks", _("烟花爆竹")
    FUEL_STATION = "fuel_station", _("加油站")
    GAS = "gas", _("燃气")
    CROWDED = "crowded", _("人员密集场所")
    CONSTRUCTION = "construction", _("建筑施工")
    OTHER = "other", _("其他")


CHEMICALS = (Category.CHEM_PRODUCTION, Category.CHEM_TRADE, Category.CHEM_STORAGE, Category.CHEM_USE,
             Category.CHEM_TRANSPORT)
# 重点行业领域 for indicator 1.4 (安全标准化建设率): hazardous chemicals, mines, fireworks, 工贸 and fuel stations
KEY_SECTORS = (*CHEMICALS, Category.MINE, Category.FIREWORKS, Category.METALLURGY, Category.NONFERROUS,
               Category.BUILDING_MATERIALS, Category.MACHINERY, Category.LIGHT, Category.TEXTILE, Category.TOBACCO,
               Category.COMMERCE, Category.FUEL_STATION)


class PlaceType(models.TextChoices):
    ENTERPRISE = "enterprise", _("生产经营单位")
    CROWDED = "crowded", _("人员密集场所")
    SELF_BUILT = "self_built", _("自建房经营场所")
    SCHOOL = "school", _("学校")
    SCENIC = "scenic", _("旅游景区")


class Scale(models.TextChoices):
    LARGE = "large", _("大型")
    MEDIUM = "medium", _("中型")
    SMALL = "small", _("小型")
    MICRO = "micro", _("微型")


class StandardLevel(models.TextChoices):
    NONE = "none", _("未达标")
    LEVEL_1 = "1", _("一级")
    LEVEL_2 = "2", _("二级")
    LEVEL_3 = "3", _("三级")


class EnterpriseStatus(models.TextChoices):
    ACTIVE = "active", _("正常生产经营")
    SUSPENDED = "suspended", _("停产停业")
    CLOSED = "closed", _("关闭注销")


class PointType(models.TextChoices):
    ACTIVITY = "activity", _("作业活动")
    EQUIPMENT = "equipment", _("设备设施")
    PLACE = "place", _("场所")
    AREA = "area", _("区域")


class Method(models.TextChoices):
    LEC = "lec", _("LEC 作业条件危险性评价法")
    LS = "ls", _("LS 风险矩阵法")


class Colour(models.TextChoices):
    RED = "red", _("红（重大风险）")
    ORANGE = "orange", _("橙（较大风险）")
    YELLOW = "yellow", _("黄（一般风险）")
    BLUE = "blue", _("蓝（低风险）")


# The four colours are those of grades and warning levels on every map and legend (standards.warnings).
COLOUR_HEX = {level.colour: level.hex for level in WarningLevel}


class ControlLevel(models.TextChoices):
    COMPANY = "company", _("公司")
    WORKSHOP = "workshop", _("车间")
    TEAM = "team", _("班组")
    POST = "post", _("岗位")
    DISTRICT = "district", _("区")
    TOWNSHIP = "township", _("乡镇")
    VILLAGE = "village", _("村")


ENTERPRISE_LEVELS = (ControlLevel.COMPANY, ControlLevel.WORKSHOP, ControlLevel.TEAM, ControlLevel.POST)


class HazardSource(models.TextChoices):
    SELF_CHECK = "self_check", _("企业自查")
    GRID = "grid", _("网格员巡查")
    DEPARTMENT = "department", _("部门检查")
    ENFORCEMENT = "enforcement", _("执法检查")
    PUBLIC = "public", _("群众举报")
    REVIEW = "review", _("事故复盘")
    MONITORING = "monitoring", _("监测报警")  # an alarm of the monitoring app that points to a hazard


class HazardGrade(models.TextChoices):
    GENERAL = "general", _("一般隐患")
    MAJOR = "major", _("重大隐患")


class HazardState(models.TextChoices):
    REPORTED = "reported", _("已上报")
    RETURNED = "returned", _("已退回")
    VERIFIED = "verified", _("已核实")
    ORDERED = "ordered", _("已下达整改")
    RECTIFYING = "rectifying", _("整改中")
    ACCEPTANCE = "acceptance", _("申请验收")
    RECHECKED = "rechecked", _("复查合格")
    CLOSED = "closed", _("已销号")


OPEN_STATES = tuple(s for s in HazardState if s != HazardState.CLOSED)
DEADLINE_STATES = (HazardState.ORDERED, HazardState.RECTIFYING, HazardState.ACCEPTANCE, HazardState.RECHECKED)


class Supervision(models.TextChoices):
    NONE = "none", _("未挂牌")
    DISTRICT = "district", _("区级挂牌督办")
    CITY = "city", _("市级挂牌督办")
    PROVINCE = "province", _("省级挂牌督办")
