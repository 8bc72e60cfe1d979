"""The contract with a video gateway (视频网关): a GB/T 28181 platform (for example WVP-PRO with a ZLMediaKit media
server) to which the devices register over SIP, and which republishes their streams — and RTSP cameras it pulls —
as HLS. The platform does no signalling or transcoding itself; it keeps the gateway's parameters (shown to device
installers on 国标接入参数) and works out each camera's browser address from them:

- a camera's own HLS address (hls_url) when registered;
- else, when YINGJI_VIDEO_GATEWAY_RTSP_HLS is set and the camera has an RTSP address: that template with {code}
  (the camera's registry code), e.g. ``https://gw.example.org/proxy/{code}/hls.m3u8``; the gateway learns which
  RTSP sources to pull from ``GET /api/video/gateway/streams/`` (pull_list);
- else, when YINGJI_VIDEO_GATEWAY_HLS is set: that template with {device} (the camera's GB/T 28181 device id) and
  {channel} (its channel id, or the device id when there is none), e.g.
  ``https://gw.example.org/rtp/{device}_{channel}/hls.m3u8`` (WVP-PRO's stream naming, app ``rtp``).

SIP parameters (YINGJI_VIDEO_GATEWAY_SIP_ID, _SIP_DOMAIN, _SIP_HOST, _SIP_PORT, _SIP_TRANSPORT; the device
password stays in the gateway) are checked against GB/T 28181-2016: the server id is 20 digits with type code 200
(中心信令控制服务器), the domain the first 10 digits of it. This part cannot be run here (no gateway, no
devices): the tests hold the addresses worked out and a stand-in gateway answering HLS at them."""

import os
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import gb28181

SIP_SERVER_TYPE = 200  # GB/T 28181-2016 附录 D: 中心信令控制服务器
PLACEHOLDER = re.compile(r"\{(\w+)\}")
HLS_FIELDS, RTSP_FIELDS = {"device", "channel"}, {"code"}


@dataclass(frozen=True)
class Gateway:
    hls_template: str = ""
    rtsp_hls_template: str = ""
    sip_id: str = ""
    sip_domain: str = ""
    sip_host: str = ""
    sip_port: str = "5060"
    sip_transport: str = "UDP"

    @property
    def configured(self) -> bool:
        return bool(self.hls_template or self.rtsp_hls_template or self.sip_id)

    def problems(self) -> list[str]:
        """What is wrong with the configuration, in words a system administrator can act on."""
        found = []
        for name, value, allowed in (("YINGJI_VIDEO_GATEWAY_HLS", self.hls_template, HLS_FIELDS),
                                     ("YINGJI_VIDEO_GATEWAY_RTSP_HLS", self.rtsp_hls_template, RTSP_FIELDS)):
            if not value:
                continue
            if not value.startswith(("http://", "https://")):
                found.append(_("%(n)s 应以 http:// 或 https:// 开头") % {"n": name})
            unknown = set(PLACEHOLDER.findall(value)) - allowed
            if unknown:
                found.append(_("%(n)s 含未知占位符：%(p)s") % {"n": name, "p": "、".join(sorted(unknown))})
        if self.sip_id:
            if not gb28181.DIGITS.match(self.sip_id) or gb28181.type_code(self.sip_id) != SIP_SERVER_TYPE:
                found.append(_("SIP 服务器编码应为 20 位数字，第 11–13 位为 200（中心信令控制服务器）"))
            elif self.sip_domain and self.sip_domain != self.sip_id[:10]:
                found.append(_("SIP 域应为 SIP 服务器编码的前 10 位（%(d)s）") % {"d": self.sip_id[:10]})
            if not self.sip_host:
                found.append(_("缺少 SIP 服务器地址（YINGJI_VIDEO_GATEWAY_SIP_HOST）"))
            if not self.sip_port.isdigit() or not 0 < int(self.sip_port) < 65536:
                found.append(_("SIP 端口应为 1–65535"))
            if self.sip_transport not in ("UDP", "TCP"):
                found.append(_("SIP 传输方式应为 UDP 或 TCP"))
        return found

    @property
    def domain(self) -> str:
        return self.sip_domain or self.sip_id[:10]


def current() -> Gateway:
    env = os.environ.get
    return Gateway(hls_template=env("YINGJI_VIDEO_GATEWAY_HLS", "").strip(),
                   rtsp_hls_template=env("YINGJI_VIDEO_GATEWAY_RTSP_HLS", "").strip(),
                   sip_id=env("YINGJI_VIDEO_GATEWAY_SIP_ID", "").strip(),
                   sip_domain=env("YINGJI_VIDEO_GATEWAY_SIP_DOMAIN", "").strip(),
                   sip_host=env("YINGJI_VIDEO_GATEWAY_SIP_HOST", "").strip(),
                   sip_port=env("YINGJI_VIDEO_GATEWAY_SIP_PORT", "5060").strip(),
                   sip_transport=env("YINGJI_VIDEO_GATEWAY_SIP_TRANSPORT", "UDP").strip().upper())


def _fill(template: str, values: dict) -> str:
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def hls_for(camera, gateway: Gateway | None = None) -> str:
    """The address a browser plays the camera at ("" when there is none)."""
    source = source_of(camera, gateway := gateway or current())
    if source == "registered":
        return camera.hls_url
    if source == "rtsp_proxy":
        return _fill(gateway.rtsp_hls_template, {"code": camera.code})
    if source == "gb28181":
        return _fill(gateway.hls_template, {"device": camera.device_id,
                                            "channel": camera.channel_id or camera.device_id})
    return ""


def source_of(camera, gateway: Gateway | None = None) -> str:
    """Where the browser address comes from: registered, gb28181 (the gateway's republished channel), rtsp_proxy
    (the gateway pulling the RTSP address) or "" (none)."""
    if camera.hls_url:
        return "registered"
    gateway = gateway or current()
    if gateway.rtsp_hls_template and camera.rtsp_url:
        return "rtsp_proxy"
    if gateway.hls_template and camera.device_id:
        return "gb28181"
    return ""


def pull_list(cameras, gateway: Gateway | None = None) -> list[dict]:
    """The RTSP sources the gateway is to pull and republish, with the address it is to publish each at."""
    gateway = gateway or current()
    return [{"code": c.code, "device_id": c.device_id, "channel_id": c.channel_id, "rtsp_url": c.rtsp_url,
             "hls_url": hls_for(c, gateway), "status": c.status}
            for c in cameras if source_of(c, gateway) == "rtsp_proxy"]
