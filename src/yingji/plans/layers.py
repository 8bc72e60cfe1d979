"""One-map layer: teams under a dispatch order, en route (出发) or on scene (到场). Teams are purple on every map
(the board, the one-map): red, orange, yellow and blue belong to grades and warning levels."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yingji.core.extensions import MAP_LAYERS, MapLayer

from .choices import TeamOrderStatus as O
from .models import TeamOrder

EN_ROUTE = (O.DISPATCHED, O.RESPONDED, O.DEPARTED)
EN_ROUTE_COLOUR, ON_SCENE_COLOUR = "#A267E0", "#4A1486"  # light purple on the way, dark purple on scene
LEGEND = ((EN_ROUTE_COLOUR, _("途中")), (ON_SCENE_COLOUR, _("到场")))


def team_positions(user, incident=None):
    from yingji.core.scoping import scope_to_user

    orders = TeamOrder.objects.filter(active=True).select_related("team", "incident")
    orders = scope_to_user(orders, user) if user is not None else orders
    if incident is not None:
        orders = orders.filter(incident=incident)
    features = []
    for order in orders:
        on_scene = order.status in (O.ARRIVED,)
        place = order.incident if on_scene and order.incident.lon is not None else order.team
        colour = ON_SCENE_COLOUR if on_scene else EN_ROUTE_COLOUR
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                         "properties": {"name": order.team.name, "code": order.code,
                                        "status": order.get_status_display(), "on_scene": on_scene,
                                        "incident": order.incident.name, "minutes": order.minutes,
                                        "colour": colour,
                                        "url": reverse("plans:response", kwargs={"uuid": order.incident.uuid})}})
    return features


def _features(user, bbox, params):
    return [f for f in team_positions(user) if f["geometry"]["coordinates"][0] is not None]


MAP_LAYERS.add(MapLayer(slug="dispatched-teams", title=_("调派队伍（途中/到场）"), group=_("应急处置"),
                        features=_features, color=EN_ROUTE_COLOUR, permission="plans.view_teamorder", order=6,
                        legend=LEGEND))
