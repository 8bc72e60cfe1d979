"""Cameras (视频监控点) from every department and township, and the positions that moving devices report."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel

from . import gb28181
from .choices import MOVING_TYPES, CameraStatus, CameraType

URL_SCHEMES = {"hls_url": ("http://", "https://", "/"), "rtsp_url": ("rtsp://", "rtsps://"),
               "webrtc_url": ("http://", "https://", "webrtc://", "wss://")}


class Camera(RegistryModel):
    code_prefix = "SP"

    device_id = models.CharField(_("国标设备编码"), max_length=20,
                                 help_text=_("GB/T 28181 的 20 位设备编码"))
    channel_id = models.CharField(_("国标通道编码"), max_length=20, blank=True,
                                  help_text=_("设备为录像机或平台时填写摄像机通道的 20 位编码"))
    camera_type = models.CharField(_("设备类型"), max_length=16, choices=CameraType.choices, db_index=True)
    owner_department = models.CharField(_("权属单位"), max_length=100)
    hls_url = models.CharField(_("HLS 地址"), max_length=500, blank=True,
                               help_text=_("浏览器播放地址（.m3u8），可为本平台的相对地址"))
    rtsp_url = models.CharField(_("RTSP 地址"), max_length=500, blank=True, help_text=_("供视频网关转码使用"))
    webrtc_url = models.CharField(_("WebRTC 地址"), max_length=500, blank=True, help_text=_("供视频网关使用"))
    status = models.CharField(_("状态"), max_length=32, choices=CameraStatus.choices, default=CameraStatus.ONLINE,
                              db_index=True)
    last_checked = models.DateTimeField(_("最近检测"), null=True, blank=True, editable=False)
    last_error = models.CharField(_("检测结果"), max_length=300, blank=True, editable=False)

    class Meta(RegistryModel.Meta):
        verbose_name = _("视频监控点")
        verbose_name_plural = _("视频监控点")
        permissions = [("play_camera", _("调阅视频")), ("report_position", _("上报移动设备位置"))]

    @property
    def is_moving(self) -> bool:
        return self.camera_type in MOVING_TYPES

    @property
    def play_url(self) -> str:
        """The browser's HLS address: the registered one, or the video gateway's (video.gateway)."""
        from .gateway import hls_for

        return hls_for(self)

    def clean(self):
        super().clean()
        errors = {}
        for name, channel in (("device_id", False), ("channel_id", True)):
            value = (getattr(self, name) or "").strip()
            setattr(self, name, value)
            found = gb28181.problem(value, channel=channel) if value or name == "device_id" else None
            if found:
                errors[name] = ValidationError(found[1], code=found[0])
        for name, schemes in URL_SCHEMES.items():
            value = (getattr(self, name) or "").strip()
            setattr(self, name, value)
            if value and not value.startswith(schemes):
                errors[name] = ValidationError(_("地址应以 %(s)s 开头") % {"s": " / ".join(schemes)},
                                               code="invalid_stream_url")
        if not self.is_moving and self.camera_type and self.lon is None:
            errors.setdefault("lon", ValidationError(_("固定点位的摄像机必须填写位置"), code="location_required"))
        if errors:
            raise ValidationError(errors)

    def validate_unique(self, exclude=None):
        """Device ids are unique (an index made by migration 0001, unseen by the API's serializer, so that a request
        names the problem a person would fix first, as monitoring's stations do)."""
        super().validate_unique(exclude)
        if self.device_id and Camera.objects.filter(device_id=self.device_id).exclude(pk=self.pk).exists():
            raise ValidationError({"device_id": ValidationError(_("该国标编码已登记"), code="duplicate_device")})


class PositionFix(models.Model):
    """One position a moving device reported (无人机、执法记录仪、单兵、布控球), during an incident or not."""

    region_field = "camera__region"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    camera = models.ForeignKey(Camera, on_delete=models.CASCADE, related_name="fixes", verbose_name=_("设备"))
    incident = models.ForeignKey("incidents.Incident", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("事件"))
    lon = models.FloatField(_("经度"))
    lat = models.FloatField(_("纬度"))
    altitude = models.FloatField(_("高度（米）"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("定位时间"), db_index=True)
    received_at = models.DateTimeField(_("接收时间"), auto_now_add=True)

    class Meta:
        ordering = ["camera", "recorded_at", "id"]
        verbose_name = _("移动设备位置")
        verbose_name_plural = _("移动设备位置")
        indexes = [models.Index(fields=["camera", "recorded_at"], name="video_fix_camera_time")]

    def __str__(self):
        return f"{self.camera} {self.recorded_at:%Y-%m-%d %H:%M:%S}"
