"""GB/T 28181-2016 device and channel identifiers (附录 D, 编码规则 A): 20 digits —
centre code (8: 省 2 + 市 2 + 区县 2 + 基层单位 2), industry code (2), type code (3), serial (7).

Type codes 111–130 are front-end main devices (DVR 111, video server 112, encoder 113, NVR 118, …), 131–199
front-end peripherals (camera 131, IP camera 132, …). A camera's channel is a 131 or 132."""

import re

from django.utils.translation import gettext as _

DIGITS = re.compile(r"^\d{20}$")
DEVICE_TYPES = range(111, 200)
CHANNEL_TYPES = (131, 132)


def type_code(identifier: str) -> int:
    return int(identifier[10:13])


def problem(identifier: str, *, channel: bool = False) -> tuple[str, str] | None:
    """(error code, message) when `identifier` is not a valid device (or channel) id, else None."""
    if not DIGITS.match(identifier or ""):
        return "invalid_gb28181_id", _("国标编码应为 20 位数字（GB/T 28181）")
    kind = type_code(identifier)
    if channel and kind not in CHANNEL_TYPES:
        message = _("通道编码第 11–13 位类型码应为 131（摄像机）或 132（网络摄像机），现为 %(t)03d")
        return "gb28181_not_camera", message % {"t": kind}
    if not channel and kind not in DEVICE_TYPES:
        message = _("设备编码第 11–13 位类型码应在 111–199（前端设备）之间，现为 %(t)03d")
        return "gb28181_not_device", message % {"t": kind}
    return None


def make(centre: str, serial: int, *, kind: int = 132, industry: str = "00") -> str:
    """An id in `centre` (8 digits) of type `kind` with the serial number `serial`."""
    return f"{centre[:8]:0<8}{industry}{kind:03d}{serial:07d}"
