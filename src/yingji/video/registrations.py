"""The camera registry (see yingji.core.registry) and the permissions of each role."""

from django.utils.translation import gettext_lazy as _

from yingji.core.registrations import located_example
from yingji.core.registry import register
from yingji.core.roles import Role, grant

from .models import Camera

MENU = _("视频汇聚")

# The bureau keeps the registry and watches everything in its reach; township officers keep their township's
# cameras; the duty desk and department liaisons watch; devices in the field report positions through a
# township or commander account (or the duty desk's).
grant(Role.COMMANDER, "video.*")
grant(Role.TOWNSHIP_ADMIN, "video.*")
grant(Role.DUTY_OFFICER, "video.play_camera", "video.report_position")
grant(Role.LIAISON, "video.play_camera")

CAMERAS = register(
    Camera, plural="cameras", menu_group=MENU,
    list_fields=("code", "name", "camera_type", "owner_department", "region", "device_id", "status", "last_checked"),
    form_fields=("code", "name", "device_id", "channel_id", "camera_type", "owner_department", "hls_url", "rtsp_url",
                 "webrtc_url", "status", "region", "lon", "lat", "description"),
    filter_fields=("camera_type", "status"),
    search_fields=("name", "code", "device_id", "owner_department"),
    example=lambda region: located_example(
        region, "SP-EXAMPLE", "示例路口球机", device_id="51090300001320000999", camera_type="dome",
        owner_department="区公安分局", hls_url="/video/streams/testsrc/index.m3u8", rtsp_url="", webrtc_url="",
        channel_id="", status="online"),
)
