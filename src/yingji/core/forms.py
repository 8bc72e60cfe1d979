from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .accounts_login import lock_message, page_login_refusal
from .roles import Role


class LockoutAwareLogin:
    """For the login page and the admin's: the rate limits first, then a locked account says so and until
    when. An unknown name, like a wrong password, gets the one generic message."""

    def clean(self):
        refusal = page_login_refusal(self.request) if self.request is not None else None
        if refusal:
            raise ValidationError(refusal, code="throttled")
        return super().clean()

    def get_invalid_login_error(self):
        until = getattr(self.request, "login_locked_until", None)
        if until is not None:
            return ValidationError(lock_message(until), code="locked")
        return super().get_invalid_login_error()


class LoginForm(LockoutAwareLogin, AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码错误。连续失败多次后账户将被临时锁定。"),
        "inactive": _("该账户已停用。"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"


class AdminLoginForm(LockoutAwareLogin, AdminAuthenticationForm):
    pass


class OwnPasswordChangeForm(PasswordChangeForm):
    """The self-service change: the old password, then a new one that meets AUTH_PASSWORD_VALIDATORS."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {"old_password": _("原密码"), "new_password1": _("新密码"), "new_password2": _("再次输入新密码")}
        for name, field in self.fields.items():
            field.label = labels[name]
            field.widget.attrs["class"] = "form-control"

    def clean_new_password1(self):
        password = self.cleaned_data.get("new_password1")
        if password and self.user.check_password(password):
            raise ValidationError(_("新密码不能与原密码相同"), code="password_unchanged")
        return password


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices, error_messages={
        "invalid_choice": _("请选择有效的角色"), "required": _("请选择有效的角色")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].widget.attrs["class"] = "form-select"
