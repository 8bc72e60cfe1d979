"""Authenticating partners: `Authorization: Partner <key>` (a DRF authentication class), the per-partner rate
limit, the scope check and, for partners that require it, the request signature with replay protection."""

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication

from yingji.coded_error import CodedError
from yingji.core.errors import DomainError, PermissionDeniedError

from . import keys, signing
from .models import PartnerKey


class NotAuthorized(DomainError):
    status = 401


class TooMany(DomainError):
    status = 429


class Replayed(DomainError):
    status = 409


class PartnerPrincipal:
    """request.user of a partner's call: authenticated, but holds no user permission (the scopes decide); the
    audit log names it `partner:<code>`."""

    is_authenticated = True
    is_active = True
    is_anonymous = False
    is_staff = is_superuser = False
    pk = id = None

    def __init__(self, key: PartnerKey):
        self.key, self.partner = key, key.partner
        self.username = f"partner:{key.partner.code}"
        self.region = key.partner.region
        self.scopes = keys.effective_scopes(key)

    def has_perm(self, perm, obj=None) -> bool:
        return False

    def __str__(self):
        return self.username


def key_of(request) -> str:
    scheme, _sep, key = request.headers.get("Authorization", "").partition(" ")
    return key.strip() if scheme.lower() == "partner" else ""


class PartnerAuthentication(authentication.BaseAuthentication):
    """Unknown, revoked or expired keys and disabled partners are 401 with their own code."""

    def authenticate(self, request):
        given = key_of(request)
        if not given:
            raise NotAuthorized("partner_key_missing", _("缺少接入密钥（请求头 Authorization: Partner <密钥>）"),
                                field="Authorization")
        record = keys.find(given)
        if record is None:
            raise NotAuthorized("unknown_partner", _("接入密钥无效：未登记的伙伴或密钥"), field="Authorization")
        request._exchange_key = record
        state = record.state()
        if state == "revoked":
            raise NotAuthorized("key_revoked", _("接入密钥已吊销"), field="Authorization")
        if state == "expired":
            raise NotAuthorized("key_expired", _("接入密钥已过期，请使用轮换后的新密钥"), field="Authorization")
        if not record.partner.enabled:
            raise NotAuthorized("partner_disabled", _("该交换伙伴已停用"), field="Authorization")
        _limit(record)
        now = timezone.now()
        if record.last_used_at is None or (now - record.last_used_at).total_seconds() > 60:
            PartnerKey.objects.filter(pk=record.pk).update(last_used_at=now)
        return PartnerPrincipal(record), record

    def authenticate_header(self, request):
        return "Partner"


def _limit(record: PartnerKey) -> None:
    """At most `rate_per_minute` calls per partner per clock minute (the shared cache: YINGJI_CACHE_URL with several
    processes)."""
    minute = int(timezone.now().timestamp() // 60)
    name = f"exchange:rate:{record.partner_id}:{minute}"
    cache.add(name, 0, 120)
    try:
        count = cache.incr(name)
    except ValueError:  # evicted between add and incr
        cache.set(name, 1, 120)
        count = 1
    if count > record.partner.rate_per_minute:
        raise TooMany("rate_limited", _("请求过于频繁：每分钟最多 %(n)d 次") % {"n": record.partner.rate_per_minute})


def require_scope(request, scope: str) -> PartnerPrincipal:
    principal = request.user
    if not isinstance(principal, PartnerPrincipal):
        raise NotAuthorized("partner_key_missing", _("缺少接入密钥（请求头 Authorization: Partner <密钥>）"),
                            field="Authorization")
    if scope not in principal.scopes:
        raise PermissionDeniedError("scope_not_allowed", _("该密钥无权执行此操作（需要权限范围 %(s)s）") % {"s": scope})
    return principal


def require_feed(request, feed: str) -> PartnerPrincipal:
    """A read (GET) needs the feed in the partner's allow-list (Partner.read_feeds): 403 `feed_not_allowed`. A view
    that names no feed is refused for everyone (deny by default)."""
    principal = request.user
    if not isinstance(principal, PartnerPrincipal):
        raise NotAuthorized("partner_key_missing", _("缺少接入密钥（请求头 Authorization: Partner <密钥>）"),
                            field="Authorization")
    if not feed or feed not in (principal.partner.read_feeds or []):
        raise PermissionDeniedError("feed_not_allowed", _("该伙伴无权读取此数据（未在其可读取的数据清单中）"))
    return principal


def check_signature(request, principal: PartnerPrincipal) -> None:
    """Partners with `require_signature` sign each push; a signature seen within the window is a replay."""
    partner = principal.partner
    timestamp, signature = request.headers.get(signing.TIMESTAMP), request.headers.get(signing.SIGNATURE)
    if not partner.require_signature and not signature:
        return
    try:
        signing.verify(partner.signing_secret, timestamp, signature, request.body)
    except CodedError as exc:
        raise NotAuthorized(exc.code, _(exc.message), field=exc.field) from None
    if not cache.add(f"exchange:sig:{partner.pk}:{signature}", 1, signing.WINDOW * 2):
        raise Replayed("replayed_request", _("重复的请求：该签名已使用过（防重放）"), field=signing.SIGNATURE)


try:  # the OpenAPI security scheme of partner calls
    from drf_spectacular.extensions import OpenApiAuthenticationExtension

    class PartnerKeyScheme(OpenApiAuthenticationExtension):
        target_class = "yingji.exchange.auth.PartnerAuthentication"
        name = "PartnerKey"

        def get_security_definition(self, auto_schema):
            return {"type": "apiKey", "in": "header", "name": "Authorization",
                    "description": "Partner <接入密钥>（docs/exchange.md）"}
except ImportError:  # pragma: no cover
    pass
