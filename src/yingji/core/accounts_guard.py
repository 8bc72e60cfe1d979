"""The check every save of a user goes through (called by User.save/delete), so no path can skip it.

The acting user comes from core.context (the request's user, or `acting(user=…)` in services). Without an
acting user (the demo loader, `yingji manage` commands run by the server's operator) nothing is refused.
"""

from .accounts_rules import Change, changes_between, refusal
from .context import current
from .errors import PermissionDeniedError


def _refuse(reason: str):
    raise PermissionDeniedError("account_change_refused", reason)


def check_save(user, update_fields=None):
    """Refuse a change the acting user may not make; mark passwords an admin sets as to be changed at first
    login. Returns the stored row (None for a new user)."""
    actor = current().actor
    stored = None if user._state.adding else type(user)._base_manager.filter(pk=user.pk).first()
    if actor is None:
        return stored
    if stored is None:
        kinds = {Change.CREATE}
        if user.role != type(user)._meta.get_field("role").default or user.is_superuser:
            kinds.add(Change.ROLE)
        user.must_change_password = True
    else:
        kinds = changes_between(stored, user, update_fields)
        if stored.password != user.password:
            user.must_change_password = actor.pk != user.pk
            kinds.add(Change.PASSWORD)
    if actor.pk == user.pk and Change.PASSWORD in kinds:
        kinds = (kinds - {Change.PASSWORD}) | {Change.OWN_PASSWORD}
    for kind in sorted(kinds):
        reason = refusal(actor, stored or user, kind)
        if reason:
            _refuse(reason)
    return stored


def check_delete(user) -> None:
    actor = current().actor
    if actor is not None:
        reason = refusal(actor, user, Change.DELETE)
        if reason:
            _refuse(reason)


def after_password_set(user) -> None:
    """A new password ends every credential issued under the old one: API tokens are deleted here, and
    sessions carry a hash of the password (Django checks it on each request), so they end by themselves."""
    from rest_framework.authtoken.models import Token

    from .audit import record
    from .models.audit import AuditAction

    revoked, _by_model = Token.objects.filter(user=user).delete()
    actor = current().actor
    how = "set" if actor is None else ("changed" if actor.pk == user.pk else "reset")
    record(
        AuditAction.UPDATE,
        model_label="core.User",
        object_id=user.pk,
        object_repr=user.username,
        after={"password": how, "must_change_password": user.must_change_password, "tokens_revoked": revoked},
    )


__all__ = ["after_password_set", "check_delete", "check_save"]
