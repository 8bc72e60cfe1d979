"""The incident page's panel: the cameras within 2 km of the incident, nearest first, with play links."""

from .services import NEAR_METRES, cameras_near


def incident_panel(user, incident) -> dict | None:
    if not user.has_perm("video.view_camera") or incident.lon is None:
        return None
    near = cameras_near(user, incident.lon, incident.lat)
    return {"cameras": near[:20], "count": len(near), "radius_km": NEAR_METRES // 1000,
            "may_play": user.has_perm("video.play_camera")}
