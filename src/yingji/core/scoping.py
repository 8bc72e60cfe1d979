"""Jurisdiction: the one rule every queryset of a request goes through (docs/security.md, "Jurisdiction").

A user reads, picks and writes the records of their own region's subtree (DESIGN §1), found with one prefix
query on the materialized path `Region.path`. A model says where its region is with `region_field` (default
"region"; e.g. "depot__region"). What a model deliberately shares beyond the subtree is declared on the model,
and read only here:

    class Material(RegistryModel):
        jurisdiction_shared = {PICK: FROM_ABOVE}   # the district's catalogue: every township picks from it

Purposes: READ (lists, lookups, aggregates, exports, streams), PICK (choices offered in forms and filters, and
the related records a write may point at), REQUEST (sources a user may ask for: allocation and dispatch).
A reach is FROM_ABOVE (records kept by the user's ancestor regions), EVERYWHERE, or a Q on the model.
"""

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db.models import Q
from django.utils.translation import gettext as _

from .errors import PermissionDeniedError
from .models.regions import Region

READ, PICK, REQUEST = "read", "pick", "request"
FROM_ABOVE, EVERYWHERE = "from_above", "everywhere"


def region_path_lookup(model) -> str | None:
    """The lookup of the materialized path that places a record of `model`, or None when it has no region."""
    if model is Region or issubclass(model, Region):
        return "path"
    field = getattr(model, "region_field", "region")
    try:
        model._meta.get_field(field.split("__")[0])
    except FieldDoesNotExist:
        return None
    return f"{field}__path"


def shared_reach(model, purpose):
    return (getattr(model, "jurisdiction_shared", None) or {}).get(purpose)


def _ancestor_paths(region) -> list[str]:
    codes = region.path.strip("/").split("/")
    return ["/" + "/".join(codes[:n]) + "/" for n in range(1, len(codes))]


def _condition(model, region, purpose) -> Q | None:
    """The records of `model` a user at `region` may use for `purpose`; None means all of them."""
    reach = shared_reach(model, purpose)
    if reach == EVERYWHERE:
        return None
    lookup = region_path_lookup(model)
    if lookup is None:
        raise ImproperlyConfigured(
            f"{model._meta.label} has no region: give it region_field, or declare it jurisdiction_shared "
            f"{{{purpose!r}: EVERYWHERE}} (core.scoping)")
    condition = Q(**{f"{lookup}__startswith": region.path})
    if region.parent_id is None and _region_is_nullable(model):
        condition |= Q(**{f"{lookup.removesuffix('__path')}__isnull": True})  # platform-wide records: the root's
    if reach == FROM_ABOVE:
        condition |= Q(**{f"{lookup}__in": _ancestor_paths(region)})
    elif isinstance(reach, Q):
        condition |= reach
    return condition


def _region_is_nullable(model) -> bool:
    field = getattr(model, "region_field", "region")
    if "__" in field or model is Region:
        return False
    try:
        return model._meta.get_field(field).null
    except FieldDoesNotExist:
        return False


def scope_to_user(queryset, user, purpose=READ):
    """`queryset` limited to what `user` may use for `purpose` (READ, PICK or REQUEST)."""
    if getattr(user, "is_superuser", False):
        return queryset
    region = getattr(user, "region", None)
    if region is None:
        return queryset.none()
    condition = _condition(queryset.model, region, purpose)
    queryset = queryset if condition is None else queryset.filter(condition)
    narrowing = _narrowing(queryset.model, user)
    return queryset if narrowing is None else queryset.filter(narrowing)


def scope_key(model, user, purpose=READ) -> str:
    """A key naming `scope_to_user(model.objects…, user, purpose)`: two users with the same key see exactly the
    same records, so what is built for one may be served to the other (the one-map's cached layers). A model
    that narrows its records per user gets a key per user."""
    if getattr(user, "is_superuser", False):
        return "all"
    region = getattr(user, "region", None)
    if region is None:
        return "none"
    if _narrowing(model, user) is not None:
        return f"{model._meta.label}:{purpose}:user:{user.pk}:{region.path}"
    return f"{model._meta.label}:{purpose}:{region.path}"


def _narrowing(model, user) -> Q | None:
    """A model may narrow its records further for some users, beyond the region: `jurisdiction_narrowing(user)`
    returns a Q (e.g. an enterprise account sees only its own enterprise's records), or None for no narrowing."""
    hook = getattr(model, "jurisdiction_narrowing", None)
    return None if hook is None else hook(user)


PLATFORM = object()  # nobody in particular: a shell or a job, which acts for the whole platform


def _viewer(user):
    """`user`, else whoever is acting (core.context): the request's user, None for an anonymous request, or
    PLATFORM outside any request."""
    from .context import current

    if user is not None:
        return user
    context = current()
    if context.actor is not None:
        return context.actor
    return None if context.request is not None else PLATFORM


def scope_for(queryset, user=None, purpose=READ):
    """scope_to_user for `user`, or for whoever is acting: for services that views call with or without a user
    (e.g. the duplicates card), so each viewer gets their own answer."""
    viewer = _viewer(user)
    return queryset if viewer is PLATFORM else scope_to_user(queryset, viewer, purpose)


def scope_by_code(queryset, user=None, field="region_code"):
    """For rows that name their place by a region code rather than a relation (messages to recipients): those
    placed in the viewer's subtree (`user`, else whoever is acting); unplaced rows only for the root's users."""
    viewer = _viewer(user)
    region = getattr(viewer, "region", None)
    if viewer is PLATFORM or getattr(viewer, "is_superuser", False) or (region and region.parent_id is None):
        return queryset
    if region is None:
        return queryset.none()
    return queryset.filter(**{f"{field}__in": Region.objects.filter(path__startswith=region.path).values("code")})


def user_can_reach(user, region) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    home = getattr(user, "region", None)
    return bool(home is not None and region is not None and region.path.startswith(home.path))


def in_scope(user, record, purpose=READ) -> bool:
    """Whether `user` may use `record` for `purpose`: in Python when it lies in the user's subtree, else asked."""
    if getattr(user, "is_superuser", False):
        return True
    home = getattr(user, "region", None)
    if home is None:
        return False
    path = _path_of(record)
    if path is not None and path.startswith(home.path) and _narrowing(type(record), user) is None:
        return True
    model = type(record)
    return scope_to_user(model._base_manager.filter(pk=record.pk), user, purpose).exists()


def _path_of(record) -> str | None:
    if isinstance(record, Region):
        return record.path
    lookup = region_path_lookup(type(record))
    value = record
    for name in (lookup or "").split("__")[:-1]:
        value = getattr(value, name, None)
        if value is None:
            return None
    return getattr(value, "path", None)


def ensure_in_jurisdiction(user, region, field="region"):
    if user is None or region is None:
        return  # shell and system jobs act for the whole platform; a missing region fails validation
    if not user_can_reach(user, region):
        raise PermissionDeniedError("outside_jurisdiction", _("该区域不在您的管辖范围内"), field=field)


def ensure_in_scope(user, record, field, purpose=PICK):
    """A write that points at `record` (a relation field, a transfer's destination …) must stay in scope."""
    if user is None or record is None:
        return
    if not in_scope(user, record, purpose):
        raise PermissionDeniedError(  # names the kind, not the record: a refusal must not confirm what exists
            "outside_jurisdiction", _("所选%(m)s不在您的管辖范围内") % {"m": record._meta.verbose_name}, field=field)


def relation_ids(record, names) -> dict[str, object]:
    """The current ids of the many-to-one fields among `names`, taken before a write changes them."""
    fields = {f.name: f for f in record._meta.concrete_fields if f.many_to_one}
    return {name: getattr(record, fields[name].attname) for name in names if name in fields}


def ensure_relations_in_scope(actor, record, before: dict[str, object]) -> None:
    """Every relation a write changed (`before` from relation_ids) points at a record the actor may pick.
    Unchanged relations are left alone: editing a record someone above set up is not refused for them."""
    for name, old_id in before.items():
        field = record._meta.get_field(name)
        if field.related_model is Region:
            continue  # the record's own region: ensure_in_jurisdiction
        if getattr(record, field.attname) not in (None, old_id):
            ensure_in_scope(actor, getattr(record, name), field=name)


def scope_events(events, user):
    """Outbox events (core.events) a user may be shown: those about a kind of record the role may view, in
    the user's jurisdiction, like the records they describe, plus the kinds a model lists in
    `jurisdiction_shared_events` (events about records every viewer may read wherever they are)."""
    if getattr(user, "is_superuser", False):
        return events
    region = getattr(user, "region", None)
    if region is None:
        return events.none()
    from django.apps import apps

    viewable = [m for m in apps.get_models() if user.has_perm(f"{m._meta.app_label}.view_{m._meta.model_name}")]
    place = Q(region_path__startswith=region.path)
    if region.parent_id is None:
        place |= Q(region_path="")
    for model in viewable:  # e.g. a district warning's publication: every township reads published warnings
        if kinds := getattr(model, "jurisdiction_shared_events", ()):
            place |= Q(aggregate=model._meta.label, kind__in=kinds)
    return events.filter(place, aggregate__in=[m._meta.label for m in viewable])
