"""Pages of the data exchange: partners (keys shown once, rotation, revocation with confirmation, subscriptions,
feeds), the exchange log (counts and errors per day), feed health, the webhook dead letters with a retry button and
the 数据资源目录. Partners and what hangs from them are limited to the user's jurisdiction."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core.errors import DomainError
from yingji.core.refusals import refuse
from yingji.core.scoping import scope_to_user

from . import feeds, gathering, keys, reads, services, webhooks
from .choices import DeliveryState, FeedKind, ReadFeed, Scope, WebhookEvent
from .forms import FeedForm, KeyForm, PartnerForm, ReadFeedsForm, RotateForm, SubscriptionForm
from .models import Dataset, ExchangeCall, Partner, PartnerKey, PullFeed, WebhookDelivery

VIEW, MANAGE = "exchange.view_partner", "exchange.change_partner"
SCOPE_LABELS = dict(Scope.choices)
FEED_LABELS = dict(ReadFeed.choices)
EVENT_LABELS = dict(WebhookEvent.choices)


def _partners(user):
    return scope_to_user(Partner.objects.all(), user)


def _district_wide(user) -> bool:
    region = getattr(user, "region", None)
    return getattr(user, "is_superuser", False) or (region is not None and region.parent_id is None)


def _partner(request, uuid) -> Partner:
    partner = _partners(request.user).filter(uuid=uuid).select_related("region", "organization").first()
    if partner is None:
        raise Http404
    return partner


def _secret_page(request, context):
    """The key or secret, once: never cached by the browser or a proxy."""
    response = render(request, "exchange/secret_once.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _form_error(form, exc: DomainError) -> None:
    field = next(iter(exc.fields), None) if exc.fields else None
    form.add_error(field if field in form.fields else None, exc.message)


@login_required
@permission_required(VIEW, raise_exception=True)
def partners(request):
    gathering.LOG.flush()  # this process's latest calls, not yet written
    since = timezone.now() - timedelta(days=1)
    rows = _partners(request.user).select_related("region", "organization").annotate(
        calls_today=Count("calls", filter=Q(calls__at__gte=since), distinct=True),
        errors_today=Count("calls", filter=Q(calls__at__gte=since, calls__status__gte=400), distinct=True))
    now = timezone.now()
    active = dict(PartnerKey.objects.filter(partner__in=rows, revoked_at__isnull=True).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)).values("partner").annotate(n=Count("id"))
        .values_list("partner", "n"))
    return render(request, "exchange/partners.html", {
        "partners": [(p, active.get(p.pk, 0), [SCOPE_LABELS.get(s, s) for s in p.scopes]) for p in rows],
        "may_manage": request.user.has_perm(MANAGE)})


@login_required
@permission_required(MANAGE, raise_exception=True)
def partner_new(request):
    form = PartnerForm(request.POST or None)
    form.fields["region"].queryset = scope_to_user(form.fields["region"].queryset, request.user)
    if request.method == "POST" and form.is_valid():
        try:
            partner, secret = services.create_partner(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            return _secret_page(request, {
                "partner": partner, "secret": secret, "what": _("签名密钥")})
    return render(request, "exchange/form.html", {"form": form, "title": _("新增交换伙伴")})


@login_required
@permission_required(VIEW, raise_exception=True)
def partner(request, uuid):
    return _partner_page(request, _partner(request, uuid))


SUBFORMS = {"key_form": KeyForm, "rotate_form": RotateForm, "subscription_form": SubscriptionForm,
            "feed_form": FeedForm, "reads_form": ReadFeedsForm}


def _subform(name, data=None, initial=None):
    """A form of the partner page; its ids are its own (two forms there have a `url`)."""
    return SUBFORMS[name](data, initial=initial, auto_id=name.removesuffix("_form") + "-%s")


def _partner_page(request, record, status=200, **forms):
    """The partner's page; a refused form (bound, its errors beside its fields) is drawn again in place (400)."""
    gathering.LOG.flush()  # the calls gathered by this process show at once
    now = timezone.now()
    return render(request, "exchange/partner.html", {
        "partner": record, "scopes": [SCOPE_LABELS.get(s, s) for s in record.scopes],
        "keys": [(k, k.state(now), [SCOPE_LABELS.get(s, s) for s in k.scopes]) for k in record.keys.all()],
        "subscriptions": [(s, [EVENT_LABELS.get(e, e) for e in s.events]) for s in record.subscriptions.all()],
        "feeds": [(f, feeds.health(f)) for f in record.feeds.select_related("cap_feed")],
        "calls": record.calls.all()[:20], "may_manage": request.user.has_perm(MANAGE),
        "read_feeds": [FEED_LABELS.get(f, f) for f in record.read_feeds],
        **{name: _subform(name) for name in SUBFORMS},
        "reads_form": _subform("reads_form", initial={"read_feeds": record.read_feeds}), **forms}, status=status)


def _refused_form(request, record, name, form, exc=None):
    if exc is not None:
        _form_error(form, exc)
    return _partner_page(request, record, status=400, **{name: form})


def _submitted(request, record, name, act):
    """The partner page's form `name` as posted, handed to `act(cleaned_data)`: (its result, None), or (None, the page
    drawn again with the refusal beside the form: 400) when the form or `act` refuses."""
    form = _subform(name, request.POST)
    if not form.is_valid():
        return None, _refused_form(request, record, name, form)
    try:
        return act(form.cleaned_data), None
    except DomainError as exc:
        return None, _refused_form(request, record, name, form, exc)


def _manage(request, uuid) -> Partner:
    if not request.user.has_perm(MANAGE):
        raise Http404
    return _partner(request, uuid)


@login_required
@require_POST
def key_new(request, uuid):
    record = _manage(request, uuid)
    issued, refused = _submitted(request, record, "key_form",
                                 lambda data: keys.issue(actor=request.user, partner=record, **data))
    if refused is not None:
        return refused
    key, secret = issued
    return _secret_page(request, {"partner": record, "secret": secret, "what": _("接入密钥"), "key": key})


@login_required
@require_POST
def key_rotate(request, uuid):
    record = _manage(request, uuid)
    issued, refused = _submitted(request, record, "rotate_form",
                                 lambda data: keys.rotate(actor=request.user, partner=record, **data))
    if refused is not None:
        return refused
    key, secret = issued
    return _secret_page(request, {"partner": record, "secret": secret, "what": _("接入密钥"),
                                  "key": key, "rotated": True})


@login_required
@require_POST
def key_revoke(request, uuid, key):
    record = _manage(request, uuid)
    found = record.keys.filter(uuid=key).first()
    if found is None:
        raise Http404
    keys.revoke(actor=request.user, key=found)
    messages.success(request, _("密钥 %(p)s… 已吊销") % {"p": found.prefix})
    return redirect("exchange:partner", uuid=record.uuid)


@login_required
@require_POST
def reads_set(request, uuid):
    """The partner's read allow-list (可读取的数据), asked to confirm on the page; audited with the partner."""
    record = _manage(request, uuid)
    _done, refused = _submitted(request, record, "reads_form",
                                lambda data: reads.grant(actor=request.user, partner=record, feeds=data["read_feeds"]))
    if refused is not None:
        return refused
    granted = [FEED_LABELS.get(f, f) for f in record.read_feeds]
    messages.success(request, _("已更新可读取的数据：%(f)s") % {"f": "、".join(map(str, granted)) or _("无")})
    return redirect("exchange:partner", uuid=record.uuid)


@login_required
@require_POST
def partner_toggle(request, uuid):
    record = _manage(request, uuid)
    services.update_partner(actor=request.user, partner=record, enabled=not record.enabled)
    return redirect("exchange:partner", uuid=record.uuid)


@login_required
@require_POST
def subscription_new(request, uuid):
    record = _manage(request, uuid)
    _done, refused = _submitted(request, record, "subscription_form",
                                lambda data: services.subscribe(actor=request.user, partner=record, **data))
    if refused is not None:
        return refused
    messages.success(request, _("已添加事件订阅"))
    return redirect("exchange:partner", uuid=record.uuid)


@login_required
@require_POST
def subscription_delete(request, uuid, subscription):
    record = _manage(request, uuid)
    found = record.subscriptions.filter(uuid=subscription).first()
    if found is None:
        raise Http404
    services.unsubscribe(actor=request.user, subscription=found)
    messages.success(request, _("已删除事件订阅"))
    return redirect("exchange:partner", uuid=record.uuid)


@login_required
@require_POST
def feed_new(request, uuid):
    record = _manage(request, uuid)
    _done, refused = _submitted(request, record, "feed_form",
                                lambda data: services.add_feed(actor=request.user, partner=record, **data))
    if refused is not None:
        return refused
    messages.success(request, _("已添加拉取数据源"))
    return redirect("exchange:partner", uuid=record.uuid)


@login_required
@require_POST
def feed_pull(request, uuid):
    if not request.user.has_perm(MANAGE):
        raise Http404
    feed = PullFeed.objects.filter(uuid=uuid, partner__in=_partners(request.user)).first()
    if feed is None:
        raise Http404
    stored = feeds.pull(feed)
    messages.success(request, _("已拉取“%(f)s”，导入 %(n)d 条") % {"f": feed.name, "n": stored})
    return redirect("exchange:feeds")


@login_required
@permission_required(VIEW, raise_exception=True)
def feed_list(request):
    rows = PullFeed.objects.filter(partner__in=_partners(request.user)).select_related("partner", "cap_feed")
    return render(request, "exchange/feeds.html", {"feeds": [(f, feeds.health(f)) for f in rows],
                                                   "may_manage": request.user.has_perm(MANAGE), "cap": FeedKind.CAP})


def _calls(user):
    gathering.LOG.flush()  # this process's latest calls, not yet written
    calls = ExchangeCall.objects.all()
    if _district_wide(user):
        return calls.filter(Q(partner__in=_partners(user)) | Q(partner__isnull=True))
    return calls.filter(partner__in=_partners(user))


@login_required
@permission_required(VIEW, raise_exception=True)
def log(request):
    since = timezone.now() - timedelta(days=30)
    calls = _calls(request.user).filter(at__gte=since)
    daily = (calls.annotate(day=TruncDate("at", tzinfo=timezone.get_current_timezone())).values("day", "partner__name")
             .annotate(total=Count("id"), errors=Count("id", filter=Q(status__gte=400))).order_by("-day",
                                                                                                    "partner__name"))
    codes = (calls.filter(status__gte=400).values("code", "status").annotate(n=Count("id")).order_by("-n")[:20])
    return render(request, "exchange/log.html", {
        "daily": list(daily[:200]), "codes": list(codes),
        "errors": calls.filter(status__gte=400).select_related("partner")[:50]})


@login_required
@permission_required(VIEW, raise_exception=True)
def dead(request):
    rows = WebhookDelivery.objects.filter(state=DeliveryState.DEAD,
                                          subscription__partner__in=_partners(request.user)).select_related(
        "subscription__partner")[:200]
    pending = WebhookDelivery.objects.filter(state=DeliveryState.PENDING,
                                             subscription__partner__in=_partners(request.user)).count()
    return render(request, "exchange/dead.html", {"rows": rows, "pending": pending,
                                                  "labels": EVENT_LABELS, "may_manage": request.user.has_perm(MANAGE)})


@login_required
@require_POST
def dead_retry(request, uuid):
    if not request.user.has_perm(MANAGE):
        raise Http404
    delivery = WebhookDelivery.objects.filter(uuid=uuid,
                                              subscription__partner__in=_partners(request.user)).first()
    if delivery is None:
        raise Http404
    try:
        webhooks.retry(actor=request.user, delivery=delivery)
        messages.success(request, _("已重新排队投递"))
    except DomainError as exc:
        messages.error(request, refuse(request, exc, keep=True).message)
    return redirect("exchange:dead")


@login_required
@permission_required("exchange.view_dataset", raise_exception=True)
def catalogue(request):
    partners_in_reach = _partners(request.user)
    rows = Dataset.objects.prefetch_related("partners")
    return render(request, "exchange/catalogue.html", {
        "datasets": [(d, [p for p in d.partners.all() if p in partners_in_reach]) for d in rows]})





@login_required
@permission_required("exchange.view_partnerdocument", raise_exception=True)
def documents(request):
    """部门来文: documents pushed by partners in the user's reach, newest first, each file downloadable (core's
    attachment download checks the permission and the jurisdiction again)."""
    from yingji.core.attachments import attachments_of

    from .models import PartnerDocument

    rows = scope_to_user(PartnerDocument.objects.all(), request.user).select_related("partner", "incident")[:200]
    return render(request, "exchange/documents.html", {"rows": [(d, list(attachments_of(d))) for d in rows]})
