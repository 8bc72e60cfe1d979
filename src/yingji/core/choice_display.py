"""`get_FOO_display()` without translating every choice on every call.

Django's `Model._get_FIELD_display` builds `dict(make_hashable(field.flatchoices))` on each call, and hashing a lazy
label translates it: a list of 1,300 incidents with ten statuses made 13,000 `gettext` calls, two thirds of the
one-map incident layer's time (bench/README.md, "Fourth pass"). Here each field's labels are translated once per
language and kept; a field whose `choices` object is replaced (standards overrides) is read afresh, and callable
choices, which may answer differently each time, keep Django's own lookup.
"""

from functools import partialmethod

from django.apps import apps
from django.db.models import Model
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

_django_display = Model._get_FIELD_display
_MISSING = object()
_labels: dict = {}


def labels_of(field) -> dict:
    """{stored value: label in the current language} of a field with fixed choices."""
    key = (field, get_language())
    entry = _labels.get(key)
    if entry is None or entry[0] is not field.choices:
        entry = (field.choices, {make_hashable(value): force_str(label, strings_only=True)
                                 for value, label in field.flatchoices})
        _labels[key] = entry
    return entry[1]


def _display(self, field):
    if not isinstance(field.choices, (list, tuple)):
        return _django_display(self, field)
    value = getattr(self, field.attname)
    label = labels_of(field).get(make_hashable(value), _MISSING)
    return force_str(value, strings_only=True) if label is _MISSING else label


def install() -> None:
    """Each model's `get_FOO_display` was bound to Django's lookup when its class was built: bind it to ours (one
    that a model defines itself is left alone)."""
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.fields:
            name = f"get_{field.name}_display"
            bound = model.__dict__.get(name)
            if isinstance(bound, partialmethod) and bound.func is _django_display:
                setattr(model, name, partialmethod(_display, field=field))
