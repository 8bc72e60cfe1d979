from django.contrib import admin

from .models import Dataset


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "direction", "owner", "frequency")
    filter_horizontal = ("partners",)
