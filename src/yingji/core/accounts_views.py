"""Pages for accounts: login, the self-service password change, and account management for the security
admin (roles, unlocks, the admin accounts) and the system admin (ordinary accounts). Every change goes
through core.accounts_services and is confirmed on a second page first."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.password_validation import password_validators_help_texts
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import accounts_services as services
from .accounts_rules import Change, may
from .errors import DomainError
from .forms import LoginForm, OwnPasswordChangeForm, RoleForm
from .models import User
from .roles import Role


class LoginPage(auth_views.LoginView):
    authentication_form = LoginForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.DEMO_MODE:
            context["demo_accounts"] = demo_accounts()
        return context

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error("__all__", "throttled"):
            response.status_code = 429
        return response


def demo_accounts() -> list[User]:
    """Every demo account, in the order of the roles (DESIGN §1)."""
    order = {role: index for index, role in enumerate(Role.values)}
    accounts = User.objects.filter(is_demo=True, is_active=True).only("username", "role", "first_name", "last_name")
    return sorted(accounts, key=lambda user: (order.get(user.role, 99), user.username))


@method_decorator(login_required, name="dispatch")
class PasswordChangePage(auth_views.PasswordChangeView):
    """修改密码. The form saves as the user, so the save is checked, audited and ends the user's tokens and
    other sessions; this session stays signed in."""

    form_class = OwnPasswordChangeForm
    template_name = "core/accounts/password_change.html"
    success_url = reverse_lazy("web:home")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "password_help": password_validators_help_texts()}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("密码已修改。其他设备上的登录和接口令牌已失效。"))
        return response


# ---- account management -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Action:
    change: Change
    title: str
    applies: Callable[[User], bool]
    button: str = "btn-outline-primary"


ACTIONS = {
    "role": Action(Change.ROLE, gettext_lazy("分配角色"), lambda user: True),
    "unlock": Action(Change.UNLOCK, gettext_lazy("解锁账户"), lambda user: user.is_locked(), "btn-warning"),
    "reset-password": Action(Change.PASSWORD, gettext_lazy("重置密码"), lambda user: True, "btn-outline-danger"),
    "deactivate": Action(Change.ACTIVATION, gettext_lazy("停用账户"), lambda user: user.is_active,
                         "btn-outline-danger"),
    "activate": Action(Change.ACTIVATION, gettext_lazy("启用账户"), lambda user: not user.is_active),
}


def actions_for(actor, user) -> list[tuple[str, Action]]:
    return [(name, a) for name, a in ACTIONS.items() if a.applies(user) and may(actor, user, a.change)]


@login_required
@permission_required("core.view_user", raise_exception=True)
def account_list(request):
    users = User.objects.select_related("organization", "region").defer("region__geometry").order_by("username")
    query, role, locked = request.GET.get("q", "").strip(), request.GET.get("role", ""), request.GET.get("locked")
    if query:
        users = users.filter(
            Q(username__icontains=query) | Q(first_name__icontains=query) | Q(last_name__icontains=query)
        )
    if role in Role.values:
        users = users.filter(role=role)
    now = timezone.now()
    if locked:
        users = users.filter(locked_until__gt=now)
    return render(request, "core/accounts/list.html", {
        "page": Paginator(users, 50).get_page(request.GET.get("page")),
        "query": query, "role": role, "locked": locked, "roles": Role.choices, "now": now,
        "locked_count": User.objects.filter(locked_until__gt=now).count(),
    })


@login_required
@permission_required("core.view_user", raise_exception=True)
def account_detail(request, uuid):
    user = get_object_or_404(User.objects.select_related("organization", "region"), uuid=uuid)
    return render(request, "core/accounts/detail.html", _detail_context(request, user))


def _detail_context(request, user, role_form=None, refused=None) -> dict:
    return {
        "account": user, "actions": actions_for(request.user, user), "refused": refused or {},
        "role_form": role_form or RoleForm(initial={"role": user.role}), "is_self": user.pk == request.user.pk,
        "edit_in_admin": request.user.has_perm("core.change_user") and may(request.user, user, Change.PROFILE),
    }


def _refused(request, uuid, action, error=None, role_form=None):
    """The account page again (400) with the refusal beside the action's form (the role chosen kept); in the
    summary instead when the action is no longer offered (the account changed meanwhile)."""
    user = get_object_or_404(User.objects.select_related("organization", "region"), uuid=uuid)
    context = _detail_context(request, user, role_form, {"action": action, "error": error})
    if error is not None and action not in dict(context["actions"]):
        messages.error(request, error.message)
    return render(request, "core/accounts/detail.html", context, status=400)


@login_required
@require_POST
def account_action(request, uuid, action):
    """Two steps: the first POST shows what will happen, the second (confirmed=1) does it."""
    if action not in ACTIONS:
        raise Http404
    spec, user = ACTIONS[action], get_object_or_404(User, uuid=uuid)
    form = RoleForm(request.POST) if action == "role" else None
    if form is not None and not form.is_valid():
        return _refused(request, uuid, action, role_form=form)
    new_role = form.cleaned_data["role"] if form is not None else ""
    context = {"account": user, "action": action, "spec": spec, "new_role": new_role,
               "new_role_label": Role(new_role).label if new_role else ""}
    try:
        services.ensure_allowed(request.user, user, spec.change)
        if request.POST.get("confirmed") != "1":
            return render(request, "core/accounts/confirm.html", context)
        result = _perform(request.user, user, action, new_role)
    except DomainError as error:
        if form is not None and "role" in error.fields:
            form.add_error("role", error.fields["role"])
        return _refused(request, uuid, action, error, role_form=form)
    if action == "reset-password":
        response = render(request, "core/accounts/password_reset_done.html", {**context, "password": result})
        response["Cache-Control"] = "no-store"
        return response
    messages.success(request, _("已完成：%(title)s（%(user)s）") % {"title": spec.title, "user": user.display_name})
    return redirect(reverse("core:account-detail", kwargs={"uuid": uuid}))


def _perform(actor, user, action: str, new_role: str):
    if action == "role":
        return services.assign_role(actor=actor, user=user, role=new_role)
    if action == "unlock":
        return services.unlock(actor=actor, user=user)
    if action == "reset-password":
        return services.reset_password(actor=actor, user=user)
    return services.set_active(actor=actor, user=user, active=action == "activate")
