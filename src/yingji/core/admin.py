"""The Django admin, for the three separated admins. The audit log is read-only here."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, Committee, CommitteeMember, Organization, Person, Region, User

admin.site.site_header = _("应急 · 系统管理")
admin.site.site_title = _("应急 · 系统管理")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = (
        "username",
        "last_name",
        "first_name",
        "role",
        "organization",
        "region",
        "is_active",
        "locked_until",
    )
    list_filter = ("role", "is_active")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("个人信息"), {"fields": ("last_name", "first_name", "email", "phone")}),
        (_("归属与角色"), {"fields": ("organization", "region", "role", "is_active")}),
        (_("安全"), {"fields": ("failed_logins", "locked_until", "last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"fields": ("username", "password1", "password2", "organization", "region")}),)
    readonly_fields = ("last_login", "date_joined", "failed_logins")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # 三员分立: only the security admin assigns roles and unlocks accounts.
        if not request.user.has_perm("core.assign_role"):
            readonly.append("role")
        if not request.user.has_perm("core.unlock_user"):
            readonly.append("locked_until")
        return readonly


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "kind", "population")
    list_filter = ("level",)
    search_fields = ("code", "name")
    readonly_fields = ("path",)


class CommitteeMemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    autocomplete_fields = ("organization", "person")


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "lead_organization")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    inlines = [CommitteeMemberInline]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "region")
    list_filter = ("kind",)
    search_fields = ("code", "name")


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "organization", "title")
    search_fields = ("code", "name")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("seq", "at", "actor_name", "action", "model", "object_repr", "source", "request_id")
    list_filter = ("action", "source", "model")
    search_fields = ("actor_name", "object_repr", "request_id")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
