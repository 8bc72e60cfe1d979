from django.contrib import admin

from .models import Channel, Message


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "enabled", "fallback", "max_attempts")
    list_filter = ("kind", "enabled")


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("id", "channel", "recipient_name", "address", "status", "attempts", "created", "last_error")
    list_filter = ("status", "channel")
    search_fields = ("address", "recipient_name", "idempotency_key")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
