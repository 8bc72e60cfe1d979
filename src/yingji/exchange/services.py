"""Managing partners, their webhook subscriptions and pull feeds (all audited by the models' signals)."""

from django.db import transaction
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError

from .choices import FeedKind, PartnerKind, WebhookEvent
from .keys import _may_manage, clean_scopes, new_secret
from .models import Partner, PullFeed, Subscription


def create_partner(*, actor, code, name, region, kind=PartnerKind.DEPARTMENT, organization=None, scopes=(),
                   rate_per_minute=600, contact="", require_signature=False, is_demo=False,
                   signing_secret=None, read_feeds=()) -> tuple[Partner, str]:
    """(partner, its signing secret — shown once). It reads nothing unless `read_feeds` grants it (deny by
    default)."""
    from .reads import clean_feeds

    _may_manage(actor)
    if Partner.objects.filter(code=code).exists():
        raise DomainError("duplicate_code", _("编码已被使用"), field="code")
    secret = signing_secret or new_secret()
    partner = Partner(code=code, name=name, region=region, kind=kind, organization=organization,
                      scopes=clean_scopes(scopes), read_feeds=clean_feeds(list(read_feeds)),
                      rate_per_minute=rate_per_minute, contact=contact,
                      require_signature=require_signature, signing_secret=secret, is_demo=is_demo)
    partner.full_clean()
    partner.save()
    return partner, secret


def update_partner(*, actor, partner: Partner, **values) -> Partner:
    _may_manage(actor)
    if "scopes" in values:
        values["scopes"] = clean_scopes(values["scopes"])
    if "read_feeds" in values:
        from .reads import clean_feeds

        values["read_feeds"] = clean_feeds(values["read_feeds"])
    for name, value in values.items():
        setattr(partner, name, value)
    partner.full_clean()
    partner.save()
    return partner


def new_signing_secret(*, actor, partner: Partner) -> str:
    _may_manage(actor)
    partner.signing_secret = new_secret()
    partner.save(update_fields=["signing_secret"])
    return partner.signing_secret


def subscribe(*, actor, partner: Partner, url: str, events, is_demo=False) -> Subscription:
    _may_manage(actor)
    events = list(dict.fromkeys(events or []))
    if not events:
        raise DomainError("events_required", _("请至少选择一个订阅事件"), field="events")
    unknown = [e for e in events if e not in WebhookEvent.values]
    if unknown:
        raise DomainError("invalid_event", _("未知的事件：%(e)s") % {"e": "、".join(map(str, unknown))[:200]},
                          field="events")
    url = str(url or "").strip()
    if not url.lower().startswith(("http://", "https://")):
        raise DomainError("invalid_url", _("请填写以 http:// 或 https:// 开头的接收地址"), field="url")
    subscription = Subscription(partner=partner, url=url, events=events, is_demo=is_demo)
    subscription.full_clean()
    subscription.save()
    return subscription


def unsubscribe(*, actor, subscription: Subscription) -> None:
    _may_manage(actor)
    subscription.delete()


def add_feed(*, actor, partner: Partner, name: str, kind: str, url: str, mapping=None, every_seconds=300,
             is_demo=False) -> PullFeed:
    """A pull feed; a CAP feed is subscribed through the alerts app (its 订阅源 list shows it too)."""
    from yingji.alerts.fetching import check_url
    from yingji.alerts.models import CapFeed

    _may_manage(actor)
    name, url = str(name or "").strip(), str(url or "").strip()
    if not name:
        raise DomainError("required", _("请填写名称"), field="name")
    if kind not in FeedKind.values:
        raise DomainError("invalid_kind", _("请选择数据源格式"), field="kind")
    if not url.lower().startswith(("http://", "https://")):
        raise DomainError("invalid_url", _("请填写以 http:// 或 https:// 开头的地址"), field="url")
    if not is_demo:
        check_url(url, feed_url=url)
    if kind != FeedKind.CAP and not (isinstance(mapping, dict) and mapping.get("device") and mapping.get("time")
                                     and isinstance(mapping.get("values"), dict) and mapping["values"]):
        raise DomainError("invalid_mapping", _("字段映射须包含 device、time 和 values"), field="mapping")
    with transaction.atomic():
        cap_feed = None
        if kind == FeedKind.CAP:
            cap_feed, _created = CapFeed.objects.get_or_create(url=url, defaults={"name": name[:100]})
            if PullFeed.objects.filter(cap_feed=cap_feed).exists():
                raise DomainError("duplicate_feed", _("该订阅源已添加"), field="url")
        feed = PullFeed(partner=partner, name=name, kind=kind, url=url, mapping=mapping or {}, cap_feed=cap_feed,
                        every_seconds=every_seconds, is_demo=is_demo)
        feed.full_clean()
        feed.save()
    return feed
