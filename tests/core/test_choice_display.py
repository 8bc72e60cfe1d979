"""Every model's get_FOO_display answers what Django's own lookup answers, in both languages, for every stored
value and for one that is not a choice (core/choice_display.py keeps the translated labels instead of translating
every choice on every call)."""

from functools import partialmethod

from django.apps import apps
from django.utils import translation

from yingji.core.choice_display import _display, _django_display


def _choice_fields():
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.fields:
            if field.choices and isinstance(model.__dict__.get(f"get_{field.name}_display"), partialmethod):
                yield model, field


def test_every_choice_field_is_bound_to_the_kept_labels():
    left_to_django = [f"{model._meta.label}.{field.name}" for model, field in _choice_fields()
                      if model.__dict__[f"get_{field.name}_display"].func is not _display]
    assert left_to_django == []
    assert sum(1 for _ in _choice_fields()) > 50  # the walk reaches the platform's models


def test_labels_are_those_django_gives_in_each_language():
    differing = []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for model, field in _choice_fields():
                values = [value for value, _label in field.flatchoices] + ["not-a-choice", None]
                for value in values:
                    record = model.__new__(model)
                    record.__dict__[field.attname] = value
                    if _display(record, field) != _django_display(record, field):
                        differing.append((language, model._meta.label, field.name, value))
    assert differing == []


def test_a_label_follows_the_reader_language():
    from yingji.incidents.models import Incident

    incident = Incident(status="reported")
    with translation.override("zh-hans"):
        chinese = incident.get_status_display()
    with translation.override("en"):
        english = incident.get_status_display()
    assert chinese != english and english.isascii()
