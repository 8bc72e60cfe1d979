"""Pages of the census app: the commander's transfer page (live: it polls for changes) and the township staff's
phone page for marking households (works offline through web/static/web/offline-forms.js: each mark form carries
a submission key, so a mark queued offline and sent twice is recorded once)."""

from html import escape

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingji.core import submissions
from yingji.core.errors import DomainError, validation_error_fields
from yingji.core.refusals import refuse
from yingji.core.registry import registry_for

from . import evacuation
from .choices import Mark
from .models import Transfer, TransferMark

PAGE_SIZE = 200  # households on the phone page at once (one village is usually far fewer)
POLL_SECONDS = 5  # the commander's page asks for changes this often while the transfer runs
BARE_FRAGMENT = True  # False: the live fragment rendered with the request (bench/census_transfer.py "before")


class MarkForm(forms.Form):
    mark = forms.ChoiceField(label=gettext_lazy("转移情况"), choices=Mark.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=gettext_lazy("备注"), max_length=200, required=False)


def _transfer(request, uuid) -> Transfer:
    return get_object_or_404(evacuation.transfers_for(request.user), uuid=uuid)


@login_required
@permission_required("census.view_transfer", raise_exception=True)
def transfer_page(request, uuid):
    """The commander's page. While the transfer runs, its figures poll `?live=1&since=<stamp>` every POLL_SECONDS
    (htmx): 204 while nothing changed (no mark, no shelter's occupancy), else the figures re-rendered."""
    transfer = _transfer(request, uuid)
    stamp = evacuation.live_stamp(transfer)
    live = request.GET.get("live") == "1"
    if live and request.GET.get("since") == stamp:
        return HttpResponse(status=204)
    figures = evacuation.progress(transfer, request.user)
    page = reverse("census:transfer", kwargs={"uuid": transfer.uuid})
    context = {
        "transfer": transfer, **figures, **_live_rows(figures), "stamp": stamp,
        "live_url": f"{page}?{urlencode({'live': 1, 'since': stamp})}", "poll_seconds": POLL_SECONDS,
        "rendered_at": timezone.now(),
        "detail_url": reverse(registry_for(Transfer).url_name("detail"), kwargs={"uuid": transfer.uuid}),
        "can_mark": request.user.has_perm(evacuation.MARK_PERMISSION)}
    if live and BARE_FRAGMENT:  # the fragment alone, without the request: no context processor builds the menus
        return HttpResponse(render_to_string("census/_transfer_live.html", context))
    return render(request, "census/_transfer_live.html" if live else "census/transfer.html", context)


def _live_rows(figures) -> dict:
    """The villages' rows and the households still inside, as HTML built here (every text escaped): a district-wide
    transfer lists hundreds of villages and 200 households, and rendering them through template tags (then
    format_html per row) was most of the page's re-render time (bench/census_transfer.py)."""
    kept = figures.get("tallied")
    drawn = kept.village_rows if kept is not None else {}  # kept between changes: only a changed village is redrawn
    rows = []
    for v in figures["villages"]:
        key = (v.name, v.households, v.people, v.moved_people, *(v.count(m) for m in (*Mark.values, None)))
        kept_row = drawn.get(v.code)
        if kept_row is None or kept_row[0] != key:  # the row is kept with the figures it shows
            kept_row = drawn[v.code] = (key, _village_row(v))
        rows.append(kept_row[1])
    villages = "\n".join(rows)
    person, elderly, disabled, children, cadre = (escape(text) for text in (
        _("人"), _("老人"), _("残疾人"), _("儿童"), _("包保干部")))
    labels = {state: escape(evacuation.mark_label(state)) for state in (None, *Mark.values)}
    items = []
    for h, state in figures["inside"]:
        counts = f"，{elderly}{h.elderly}/{disabled}{h.disabled}/{children}{h.children}" \
            if (h.elderly or h.disabled or h.children) else ""
        responsible = f" · {cadre}：{escape(h.cadre)}" if h.cadre else ""
        items.append(f'<li class="list-group-item" data-household="{escape(h.code)}">{escape(h.village)} · '
                     f"{escape(h.name)}（{h.members}{person}{counts}） · {labels[state]}{responsible}</li>")
    return {"villages_html": mark_safe(villages), "inside_html": mark_safe("\n".join(items))}


def _village_row(v) -> str:
    return (f'<tr data-village="{escape(v.code)}"><td>{escape(v.name)}</td><td>{v.households}</td><td>{v.people}</td>'
            f'<td>{v.moved_people}</td><td class="village-percent">{v.percent}</td><td>{v.count(Mark.TRANSFERRED)}</td>'
            f"<td>{v.count(Mark.REFUSED)}</td><td>{v.count(Mark.NOT_FOUND)}</td><td>{v.count(Mark.RETURNED)}</td>"
            f"<td>{v.count(None)}</td></tr>")


@login_required
@permission_required(evacuation.MARK_PERMISSION, raise_exception=True)
def mark_page(request, uuid):
    transfer = _transfer(request, uuid)
    village = request.GET.get("village", "")
    households = evacuation.households_for(transfer, request.user).select_related("region", "shelter")
    if not village:
        figures = evacuation.progress(transfer, request.user, inside_limit=0)
        return render(request, "census/mark_villages.html", {"transfer": transfer, "villages": figures["villages"]})
    rows = list(households.filter(region__code=village).order_by("code")[:PAGE_SIZE])
    marks = evacuation.latest_marks(transfer, [h.pk for h in rows])
    return render(request, "census/mark_page.html", {
        "transfer": transfer, "village": village, "form": MarkForm(),
        "rows": [(h, marks.get(h.pk), evacuation.mark_label(getattr(marks.get(h.pk), "mark", None)))
                 for h in rows]})


@login_required
@permission_required(evacuation.MARK_PERMISSION, raise_exception=True)
def mark_post(request, uuid, household):
    if request.method != "POST":
        raise Http404
    transfer = _transfer(request, uuid)
    target = evacuation.households_for(transfer, request.user).filter(uuid=household).select_related(
        "region").first()
    if target is None:  # outside the transfer or outside the user's township
        raise Http404(_("记录不存在或不在您的管辖范围内"))
    form = MarkForm(request.POST)
    try:
        record = submissions.form_once(request, form, lambda: evacuation.mark_household(
            actor=request.user, transfer=transfer, household=target, mark=form.cleaned_data["mark"],
            note=form.cleaned_data.get("note", "")), model=TransferMark)
    except (ValidationError, DomainError) as exc:
        record = None
        _show_errors(form, exc)
    if record is None:  # kept for the household's form on the page it goes back to
        refuse(request, DomainError("invalid", _form_errors(form), fields={
            name: [str(e) for e in errors] for name, errors in form.errors.items()}), keep=True)
        messages.error(request, _("%(name)s：%(errors)s") % {"name": target.name, "errors": _form_errors(form)})
    else:
        messages.success(request, _("%(name)s：%(mark)s") % {"name": target.name, "mark": record.get_mark_display()})
    url = reverse("census:mark", kwargs={"uuid": transfer.uuid})
    return redirect(f"{url}?{urlencode({'village': target.region.code})}#hh-{target.code}")


def _show_errors(form, exc) -> None:
    fields = validation_error_fields(exc)[2] if isinstance(exc, ValidationError) else exc.fields
    for name, texts in (fields or {None: [exc.message]}).items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


def _form_errors(form) -> str:
    return "；".join(str(e) for errors in form.errors.values() for e in errors)
