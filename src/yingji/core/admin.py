"""The Django admin, for the three separated admins. The audit log is read-only here."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import TokenProxy

from . import accounts_services as account_services
from .accounts_rules import Change, may, refusal
from .errors import PermissionDeniedError
from .forms import AdminLoginForm
from .models import AuditEntry, Committee, CommitteeMember, Organization, Person, Region, User

admin.site.site_header = _("应急 · 系统管理")
admin.site.site_title = _("应急 · 系统管理")
admin.site.login_form = AdminLoginForm  # the same rate limits and lock message as the login page
# One self-service password page for everybody (old password, policy, ends the other sessions and tokens).
admin.site.password_change = lambda request, extra_context=None: redirect("core:password-change")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """For the system admin's ordinary accounts (create, profile, placement, activation, password reset).
    Each field is read-only unless the rule (core.accounts_rules) lets this admin change it for this account,
    and saves go through core.accounts_services, so User.save() checks them again. Roles and unlocks are done
    by the security admin on /core/accounts/."""

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
        (_("安全"), {"fields": ("failed_logins", "locked_until", "must_change_password", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "password1", "password2", "last_name", "first_name", "organization", "region")}),
    )
    # Roles and unlocks: the security admin's page. The rest: see get_readonly_fields.
    readonly_fields = ("role", "failed_logins", "locked_until", "must_change_password", "last_login", "date_joined")
    field_changes = {
        **dict.fromkeys(("username", "last_name", "first_name", "email", "phone"), Change.PROFILE),
        **dict.fromkeys(("organization", "region"), Change.PLACEMENT),
        "is_active": Change.ACTIVATION,
    }

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        refused = [name for name, change in self.field_changes.items() if not may(request.user, obj, change)]
        return (*self.readonly_fields, *refused)

    def save_model(self, request, obj, form, change):
        try:
            account_services.save_user(actor=request.user, user=obj)
        except PermissionDeniedError as error:
            raise PermissionDenied(error.message) from error

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        if user is not None:
            reason = refusal(request.user, user, Change.PASSWORD)
            if reason:
                raise PermissionDenied(reason)
        return super().user_change_password(request, id, form_url)


# Tokens are issued only by the token API, to the user who gave the password (audited there).
if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)


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
