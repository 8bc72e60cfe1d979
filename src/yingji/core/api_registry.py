"""Builds the serializer and viewset of each declared registry."""

from django.db import models
from django_filters import rest_framework as filters
from rest_framework import serializers, viewsets

from .api_serializers import BoundedDateTimeField
from .masking import masked_value
from .scoped_fields import ScopedSlugRelatedField, scoped_relation_filter
from .scoping import scope_to_user
from .services import delete_record, save_record


def build_serializer(registry):
    relation_fields = registry.relation_fields()

    class Serializer(serializers.ModelSerializer):
        serializer_field_mapping = {**serializers.ModelSerializer.serializer_field_mapping,
                                    models.DateTimeField: BoundedDateTimeField}
        region_name = serializers.CharField(source="region.name", read_only=True)
        version = serializers.IntegerField(
            required=False, min_value=1, help_text="编辑时带上读取到的版本号；他人已修改则返回 409"
        )

        class Meta:
            model = registry.model
            fields = ["uuid", *registry.form_fields, "region_name", "version", "is_demo", "created", "updated"]
            read_only_fields = ["uuid", "is_demo", "created", "updated"]
            extra_kwargs = {"code": {"required": False, "allow_blank": True}}

        def get_fields(self):
            fields = super().get_fields()
            for name, related in relation_fields.items():
                model_field = registry.model_field(name)
                fields[name] = ScopedSlugRelatedField(
                    slug_field="code",
                    queryset=related.objects.all(),
                    required=not model_field.blank,
                    allow_null=model_field.null,
                    label=model_field.verbose_name,
                )
            return fields

        def to_representation(self, instance):
            data = super().to_representation(instance)
            user = getattr(self.context.get("request"), "user", None)
            for name in registry.masked_fields:
                if name in data:
                    data[name] = masked_value(registry, user, name, data[name])
            return data

        def create(self, validated_data):
            validated_data.pop("version", None)
            return save_record(registry, actor=self.context["request"].user, data=validated_data)

        def update(self, instance, validated_data):
            expected = validated_data.pop("version", None)
            return save_record(
                registry,
                actor=self.context["request"].user,
                data=validated_data,
                instance=instance,
                expected_version=expected,
            )

    Serializer.__name__ = f"{registry.model.__name__}Serializer"
    return Serializer


def build_filterset(registry):
    meta = type("Meta", (), {"model": registry.model, "fields": list(registry.filter_fields)})
    attrs = {
        "Meta": meta,
        "region": filters.CharFilter(method="in_region", label="区域编码（含下级）"),
        **{name: scoped_relation_filter(registry.model_field(name))
           for name in registry.filter_fields if registry.model_field(name).is_relation},
    }

    def in_region(self, queryset, name, value):
        return queryset.filter(region__path__contains=f"/{value}/")

    attrs["in_region"] = in_region
    return type(f"{registry.model.__name__}FilterSet", (filters.FilterSet,), attrs)


def build_viewset(registry):
    class ViewSet(viewsets.ModelViewSet):
        queryset = registry.model.objects.select_related("region", *registry.relation_fields())  # no query per row
        serializer_class = build_serializer(registry)
        filterset_class = build_filterset(registry)
        search_fields = list(registry.search_fields)
        ordering_fields = ["code", "name", "created", "updated"]
        lookup_field = "uuid"

        def get_queryset(self):
            return scope_to_user(super().get_queryset(), self.request.user)

        def perform_destroy(self, instance):
            delete_record(registry, actor=self.request.user, instance=instance)

    ViewSet.__name__ = f"{registry.model.__name__}ViewSet"
    ViewSet.__doc__ = f"{registry.verbose_name_plural}（登记簿，按管辖区域过滤）"
    return ViewSet
