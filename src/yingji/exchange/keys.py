"""API keys of partners: issued and shown once, kept as SHA-256 digests (a key is 256 random bits, so a plain
digest is as strong as a slow hash and lets a request find its key by index, as monitoring's device keys do);
rotation keeps the old key valid for an overlap so a partner can switch without downtime; revocation is at once."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError, PermissionDeniedError

from .choices import Scope
from .models import Partner, PartnerKey

MANAGE = "exchange.change_partner"
MAX_OVERLAP_HOURS = 24 * 30


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def _may_manage(actor) -> None:
    if actor is not None and not actor.has_perm(MANAGE):
        raise PermissionDeniedError("permission_denied", _("您没有管理数据交换伙伴的权限"))


def clean_scopes(scopes, *, within=None, field="scopes") -> list[str]:
    scopes = list(dict.fromkeys(scopes or []))
    unknown = [s for s in scopes if s not in Scope.values]
    if unknown:
        raise DomainError("invalid_scope", _("未知的权限范围：%(s)s") % {"s": "、".join(map(str, unknown))[:200]},
                          field=field)
    if within is not None and any(s not in within for s in scopes):
        raise DomainError("scope_not_allowed", _("密钥的权限范围不能超出伙伴允许的操作"), field=field)
    return scopes


def issue(*, actor, partner: Partner, scopes=(), expires_at=None, label="", now=None, key=None,
          is_demo=False) -> tuple[PartnerKey, str]:
    """A new key for the partner: (record, the key itself — shown once, never stored)."""
    _may_manage(actor)
    now = now or timezone.now()
    scopes = clean_scopes(scopes, within=partner.scopes)
    if expires_at is not None and expires_at <= now:
        raise DomainError("invalid_expiry", _("有效期须晚于当前时间"), field="expires_at")
    if key is None:
        prefix = secrets.token_hex(4)
        key = f"yjp_{prefix}_{new_secret()}"
    else:  # the demo's published keys
        prefix = key.split("_")[1][:16]
    with transaction.atomic():
        record = PartnerKey.objects.create(
            partner=partner, label=str(label or "")[:100], prefix=prefix, digest=digest(key), scopes=scopes,
            created=now, created_by=actor if getattr(actor, "pk", None) else None, expires_at=expires_at,
            is_demo=is_demo)
    return record, key


def rotate(*, actor, partner: Partner, overlap_hours: float = 24, now=None) -> tuple[PartnerKey, str]:
    """Issue a new key with the scopes of the newest active one; the active keys stay valid `overlap_hours` more."""
    _may_manage(actor)
    now = now or timezone.now()
    try:
        overlap_hours = float(overlap_hours)
    except (TypeError, ValueError):
        raise DomainError("invalid_overlap", _("过渡期应为小时数"), field="overlap_hours") from None
    if not 0 <= overlap_hours <= MAX_OVERLAP_HOURS:
        raise DomainError("invalid_overlap", _("过渡期应在 0 到 %(n)d 小时之间") % {"n": MAX_OVERLAP_HOURS},
                          field="overlap_hours")
    with transaction.atomic():
        active = [k for k in partner.keys.select_for_update().order_by("-created") if k.state(now) == "active"]
        record, key = issue(actor=actor, partner=partner, scopes=active[0].scopes if active else (),
                            label=_("轮换生成"), now=now)
        until = now + timedelta(hours=overlap_hours)
        for old in active:
            if old.expires_at is None or old.expires_at > until:
                old.expires_at = until
                old.save(update_fields=["expires_at"])
    return record, key


def revoke(*, actor, key: PartnerKey, now=None) -> PartnerKey:
    _may_manage(actor)
    if key.revoked_at is None:
        key.revoked_at = now or timezone.now()
        key.save(update_fields=["revoked_at"])
    return key


def find(key: str) -> PartnerKey | None:
    if not key or len(key) > 200:
        return None
    # Every request compiles this query: only the columns a partner call uses (the region's boundary, a large JSON
    # polygon, never; anything else loads when first read), and no ORDER BY (the digest is unique; `.first()` would
    # sort by the model's ordering). Halves the lookup's CPU (bench/README.md, "Exchange", fourth pass).
    rows = PartnerKey.objects.select_related("partner", "partner__region").only(*LOOKUP_FIELDS).filter(
        digest=digest(key)).order_by()[:1]
    return next(iter(rows), None)


LOOKUP_FIELDS = ("prefix", "scopes", "expires_at", "revoked_at", "last_used_at", "partner__code", "partner__name",
                 "partner__enabled", "partner__scopes", "partner__read_feeds", "partner__rate_per_minute",
                 "partner__require_signature", "partner__signing_secret", "partner__region__code",
                 "partner__region__name", "partner__region__path", "partner__region__level",
                 "partner__region__parent")


def effective_scopes(record: PartnerKey) -> set[str]:
    allowed = set(record.partner.scopes)
    return allowed & set(record.scopes) if record.scopes else allowed
