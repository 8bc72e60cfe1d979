"""Code tables of the monitoring app (issue 18)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.standards.warnings import WarningLevel


class StationType(models.TextChoices):
    RAIN = "rain", _("雨量站")
    WATER = "water", _("水位站")
    RESERVOIR = "reservoir", _("水库水位站")
    LANDSLIDE = "landslide", _("地质灾害监测点")
    FOREST_FIRE = "forest_fire", _("森林火险站")
    FIRE_CAMERA = "fire_camera", _("烟火识别摄像头")
    TANK = "tank", _("危化品储罐")
    GAS = "gas", _("可燃/有毒气体")
    GAS_NETWORK = "gas_network", _("燃气管网")
    STRUCTURE = "structure", _("桥梁/边坡")


class StationStatus(models.TextChoices):
    ONLINE = "online", _("在线")
    OFFLINE = "offline", _("离线")
    FAULT = "fault", _("故障")
    DISABLED = "disabled", _("停用")


class Protocol(models.TextChoices):
    MQTT = "mqtt", _("MQTT")
    HTTP = "http", _("HTTP 批量")


class Quantity(models.TextChoices):
    """What a sensor measures, and its unit (a reading given in another unit is refused)."""

    RAIN = "rain", _("降雨量")
    WATER_LEVEL = "water_level", _("水位")
    DISPLACEMENT = "displacement", _("GNSS位移")
    CRACK = "crack", _("裂缝宽度")
    TILT = "tilt", _("倾角")
    MOISTURE = "moisture", _("含水率")
    FIRE_INDEX = "fire_index", _("森林火险指数")
    SMOKE = "smoke", _("烟火识别置信度")
    TANK_LEVEL = "tank_level", _("储罐液位")
    TEMPERATURE = "temperature", _("温度")
    PRESSURE = "pressure", _("压力")
    GAS_LEL = "gas_lel", _("可燃气体浓度")
    TOXIC = "toxic", _("有毒气体浓度")
    STRAIN = "strain", _("应变")


UNITS = {
    "rain": "mm", "water_level": "m", "displacement": "mm", "crack": "mm", "tilt": "°", "moisture": "%",
    "fire_index": "", "smoke": "%", "tank_level": "%", "temperature": "℃", "pressure": "MPa", "gas_lel": "%LEL",
    "toxic": "ppm", "strain": "με",
}


class Level(models.TextChoices):
    """Alarm levels, lowest first (蓝 < 黄 < 橙 < 红), as in the warning standard's colours."""

    BLUE = "blue", _("蓝色")
    YELLOW = "yellow", _("黄色")
    ORANGE = "orange", _("橙色")
    RED = "red", _("红色")


LEVELS = tuple(Level.values)  # lowest first
LEVEL_HEX = {level.colour: level.hex for level in WarningLevel}  # the one colour language of grades and levels
STATUS_HEX = {"online": "#198754", "offline": "#6c757d", "fault": "#6f42c1", "disabled": "#adb5bd"}


class RuleKind(models.TextChoices):
    VALUE = "value", _("静态阈值")
    RATE = "rate", _("变化速率（每小时）")
    SPEED = "speed", _("位移速率（每日）")
    ACCUMULATION = "accumulation", _("滑动累计")
    NO_DATA = "no_data", _("无数据（离线）")


class AlarmState(models.TextChoices):
    TRIGGERED = "triggered", _("触发")
    CONFIRMED = "confirmed", _("确认")
    HANDLING = "handling", _("处置中")
    RESOLVED = "resolved", _("解除")
    FALSE = "false", _("误报")


OPEN_ALARM_STATES = (AlarmState.TRIGGERED, AlarmState.CONFIRMED, AlarmState.HANDLING)


class Reason(models.TextChoices):
    """Why a reading went to the dead letters."""

    MALFORMED = "malformed", _("格式错误")
    UNKNOWN_DEVICE = "unknown_device", _("未知设备")
    DEVICE_MISMATCH = "device_mismatch", _("设备与密钥或主题不符")
    UNKNOWN_QUANTITY = "unknown_quantity", _("设备没有该监测量")
    UNIT_MISMATCH = "unit_mismatch", _("单位不符")
    OUT_OF_RANGE = "out_of_range", _("超出量程")
    CLOCK_SKEW = "clock_skew", _("时间偏差过大")
    DUPLICATE = "duplicate_timestamp", _("重复时间戳")


class Source(models.TextChoices):
    MQTT = "mqtt", _("MQTT")
    HTTP = "http", _("HTTP")
