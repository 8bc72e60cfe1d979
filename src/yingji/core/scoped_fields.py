"""Relation fields that take their choices from the jurisdiction rule (core.scoping, PICK): page forms'
ModelChoiceFields, the API's relation fields given by `code`, and the API's relation filters. The registry
machinery uses them for every registry, and any app form can call `scope_choices(form, user)`."""

from django import forms
from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy
from django_filters import rest_framework as filters
from rest_framework import serializers

from .scoping import PICK, ensure_in_scope, scope_to_user

OUT_OF_REACH = gettext_lazy("所选记录不存在或不在您的管辖范围内")


def scope_choices(form, user):
    """Limit every model choice of `form` to what `user` may pick; a posted value outside is a form error."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = scope_to_user(field.queryset, user, PICK)
            field.error_messages = {**field.error_messages, "invalid_choice": OUT_OF_REACH}
    return form


class ScopedSlugRelatedField(serializers.SlugRelatedField):
    """A relation given by `code`, offered and accepted only within the request user's reach. A code that
    exists outside it is refused as outside_jurisdiction (403, naming the field), like the record's region."""

    def _user(self):
        return getattr(self.context.get("request"), "user", None)

    def get_queryset(self):
        return scope_to_user(super().get_queryset(), self._user(), PICK)

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError:
            outside = self._unscoped(data)
            if outside is not None:
                ensure_in_scope(self._user(), outside, field=self.field_name)
            raise

    def _unscoped(self, data):
        try:
            return self.queryset.get(**{self.slug_field: data})
        except (ObjectDoesNotExist, TypeError, ValueError):
            return None


def scoped_relation_filter(model_field):
    """A django-filter choice of related records offered within the request user's reach."""
    related = model_field.related_model

    def choices(request):
        return scope_to_user(related.objects.all(), getattr(request, "user", None), PICK)

    return filters.ModelChoiceFilter(queryset=choices, label=model_field.verbose_name)
