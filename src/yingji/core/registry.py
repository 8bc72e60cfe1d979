"""Declared registries (DESIGN §4.1).

`register(Model, ...)` gives the model a list page, a detail page, forms, xlsx import and export, an API
viewset, filters, a map layer when it has a location, audit, permissions, and generated tests
(tests/core/test_registries.py runs over every entry here). Adding a registry is one model, one
`register` call and the domain rules in the model's clean().
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models

REGISTRIES: dict[str, "Registry"] = {}


@dataclass
class Registry:
    model: type[models.Model]
    plural: str
    list_fields: tuple[str, ...]
    form_fields: tuple[str, ...]
    example: Callable[[object], dict]
    filter_fields: tuple[str, ...] = ()
    search_fields: tuple[str, ...] = ("name", "code")
    masked_fields: dict[str, str] = field(default_factory=dict)
    map_layer: dict | None = None
    menu_group: str = ""
    # Child lists shown on the detail page: (related name, (field, …)), e.g. ("members", ("post", "organization")).
    related: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # List page cells drawn by the owning app: {field: cell(record) -> HTML (format_html)}, e.g. a deadline clock.
    list_cells: dict[str, Callable[[object], str]] = field(default_factory=dict)

    @property
    def app_label(self) -> str:
        return self.model._meta.app_label

    @property
    def model_name(self) -> str:
        return self.model._meta.model_name

    @property
    def key(self) -> str:
        return f"{self.app_label}-{self.plural}"

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def verbose_name_plural(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    def perm(self, action: str) -> str:
        return f"{self.app_label}.{action}_{self.model_name}"

    def model_field(self, name: str):
        return self.model._meta.get_field(name)

    def relation_fields(self) -> dict[str, type[models.Model]]:
        """Form fields that point at another record; in the API and in xlsx they are given by code."""
        return {
            name: self.model_field(name).related_model
            for name in self.form_fields
            if self.model_field(name).is_relation
        }

    def url_name(self, view: str) -> str:
        return f"registry:{self.key}-{view}"

    @property
    def list_url(self) -> str:
        from django.urls import reverse

        return reverse(self.url_name("list"))


def register(model, **options) -> Registry:
    entry = Registry(model=model, **options)
    REGISTRIES[entry.key] = entry
    return entry


def registry_for(model) -> Registry | None:
    return next((r for r in REGISTRIES.values() if r.model is model), None)
