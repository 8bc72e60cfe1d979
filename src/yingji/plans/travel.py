"""Travel time from a team base or depot to an incident, through the resources app's router."""

from yingji.resources.routing import get_router


def incident_point(incident):
    if incident.lon is not None:
        return incident.lon, incident.lat
    from .activation import township_of

    township = township_of(incident)
    return (township.lon, township.lat) if township is not None and township.lon is not None else None


def minutes_from(origin, incident) -> tuple[float | None, float | None]:
    """(minutes, km) from `origin` (lon, lat) to the incident, or (None, None) without a location."""
    target = incident_point(incident)
    if target is None or origin[0] is None:
        return None, None
    route = get_router().table(origin, [target])[0]
    return round(route.duration_s / 60, 1), round(route.distance_m / 1000, 1)


def minutes_table(origins, incident) -> list[float | None]:
    """Minutes from each origin to the incident, in one router call."""
    target = incident_point(incident)
    if target is None:
        return [None] * len(origins)
    routes = get_router().table(target, list(origins))  # symmetric estimate: scene → each origin
    return [round(r.duration_s / 60, 1) for r in routes]
