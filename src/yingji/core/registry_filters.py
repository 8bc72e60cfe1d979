"""The filters of a registry list page, shared by the page and its Excel export (the export gives what the
page shows): free-text search, region subtree, and a select per `filter_fields` entry."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from .scoping import PICK, scope_to_user


@dataclass
class Choice:
    name: str
    label: str
    options: list[tuple[str, str]]
    selected: str = ""


@dataclass
class Filters:
    query: str = ""
    region_code: str = ""
    choices: list[Choice] = field(default_factory=list)


def _options(model_field, user) -> list[tuple[str, str]]:
    if model_field.choices:
        return [(str(value), str(label)) for value, label in model_field.flatchoices]
    if model_field.get_internal_type() == "BooleanField":
        return [("true", _("是")), ("false", _("否"))]
    if model_field.is_relation:  # small related tables only; a long list would not help anyone
        reachable = scope_to_user(model_field.related_model.objects.all(), user, PICK)
        related = reachable.order_by("code").values_list("code", "name")[:201]
        return [(str(code), str(name)) for code, name in related] if len(related) <= 200 else []
    return []


def _condition(model_field, value: str) -> Q | None:
    if model_field.is_relation:
        return Q(**{f"{model_field.name}__code": value})
    if model_field.get_internal_type() == "BooleanField":
        return Q(**{model_field.name: value == "true"}) if value in {"true", "false"} else None
    return Q(**{model_field.name: value})


def apply_filters(registry, queryset, params, user) -> tuple:
    """Filter `queryset` by the request's GET `params`; unknown option values are ignored, not an error.
    The selects offer only what `user` may pick (core.scoping)."""
    filters = Filters(query=params.get("q", "").strip(), region_code=params.get("region", ""))
    if filters.query:
        condition = Q()
        for name in registry.search_fields:
            condition |= Q(**{f"{name}__icontains": filters.query})
        queryset = queryset.filter(condition)
    if filters.region_code:
        queryset = queryset.filter(region__path__contains=f"/{filters.region_code}/")
    for name in registry.filter_fields:
        model_field = registry.model_field(name)
        options = _options(model_field, user)
        value = params.get(name, "")
        # No value means no filter, even for a field one of whose choices is "" (it would match only blanks).
        valid = bool(value) and (value in {option for option, _label in options} or model_field.is_relation)
        condition = _condition(model_field, value) if valid else None
        if condition is not None:
            queryset = queryset.filter(condition)
        if options:
            filters.choices.append(Choice(name, str(model_field.verbose_name), options, value if valid else ""))
    return queryset, filters
