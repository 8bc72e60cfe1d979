"""Records of other apps that census records name by code: a hazard point's monitoring station (monitoring) and an
exposed asset's enterprise (prevention). Census may not import monitoring (monitoring reads census), so both go
through `core.extensions.CODE_REFERENCES`: the owning app resolves codes and searches its records.

- The model's check (`check_code`) refuses a code that names no record (`station_unknown`, `enterprise_unknown` on
  the field): forms, the API, the Excel import and the spatial imports all run it per record, so an import names the
  row and the field and saves nothing. A code that stops resolving later (the station deleted) is shown 未找到.
- The form's input is a picker (`CodePicker`): typing a code or a name offers the matching records (`search_page`).
- The record's page and the API show the linked record (`linked`): its name and a link to its page when the viewer
  may see it, else 未找到 beside the code.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from yingji.core import extensions as ext

STATION = "monitoring.station"
ENTERPRISE = "prevention.enterprise"
ERROR_CODES = {STATION: "station_unknown", ENTERPRISE: "enterprise_unknown"}
SLUGS = {"stations": STATION, "enterprises": ENTERPRISE}
PICKER_LIMIT = 20


def resolve(user, key: str, codes) -> dict[str, dict]:
    """{code: {"code", "name", "url"}} for the codes naming a record (`user` None: any record)."""
    reference = ext.CODE_REFERENCES.get(key)
    codes = sorted({str(c).strip() for c in codes if c and str(c).strip()})
    return reference.resolve(user, codes) if reference is not None and codes else {}


def check_code(record, field: str, key: str) -> None:
    """The field's code, trimmed, must name a record of `key` (not checked while no app answers for `key`)."""
    code = (getattr(record, field) or "").strip()
    setattr(record, field, code)
    if not code or ext.CODE_REFERENCES.get(key) is None:
        return
    if code not in resolve(None, key, [code]):
        label = ext.CODE_REFERENCES.get(key).label
        raise ValidationError({field: ValidationError(
            _("未找到%(kind)s“%(code)s”") % {"kind": label, "code": code}, code=ERROR_CODES.get(key, "code_unknown"))})


def linked(user, key: str, code: str) -> dict:
    """What a page shows for a code: {"code", "name", "url", "found"} (found False: 未找到)."""
    code = (code or "").strip()
    hit = resolve(user, key, [code]).get(code) if code else None
    return {"code": code, "name": hit["name"] if hit else "", "url": hit["url"] if hit else "", "found": bool(hit)}


def link_html(user, key: str, code: str) -> str:
    found = linked(user, key, code)
    if not found["code"]:
        return ""
    if found["found"]:
        return format_html('<a href="{}" data-reference="{}">{} {}</a>', found["url"], found["code"], found["code"],
                           found["name"])
    return format_html('{} <span class="badge text-bg-warning" data-reference-missing="{}">{}</span>', found["code"],
                       found["code"], _("未找到"))


class CodePicker(forms.TextInput):
    """A text input that offers the records matching what is typed (code or name), from `search_page`; the value
    stays the code."""

    def __init__(self, slug: str, attrs=None):
        super().__init__(attrs)
        self.slug = slug

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        options = f"{attrs.get('id') or name}-options"
        url = reverse("census:reference-search", kwargs={"slug": self.slug}) + f"?field={name}"
        attrs.update({"list": options, "autocomplete": "off", "hx-get": url, "hx-target": f"#{options}",
                      "hx-trigger": "input changed delay:250ms, focus once", "hx-swap": "innerHTML",
                      "data-code-picker": self.slug, "placeholder": _("输入编码或名称查找")})
        return format_html("{}<datalist id=\"{}\"></datalist>", super().render(name, value, attrs, renderer), options)


class CodeReferenceField(models.CharField):
    """A code naming another app's record (`reference`: its CODE_REFERENCES key); a picker in forms."""

    def __init__(self, *args, reference: str = "", **kwargs):
        self.reference = reference
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["reference"] = self.reference
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        slug = next(s for s, key in SLUGS.items() if key == self.reference)
        return super().formfield(**{"widget": CodePicker(slug), **kwargs})


@login_required
def search_page(request, slug):
    """The picker's options: up to PICKER_LIMIT records the user may see whose code or name holds the text."""
    key = SLUGS.get(slug)
    reference = ext.CODE_REFERENCES.get(key) if key else None
    if reference is None:
        raise Http404
    field = request.GET.get("field", "q")
    text = (request.GET.get(field) or request.GET.get("q") or "").strip()[:64]
    rows = reference.search(request.user, text, PICKER_LIMIT)
    return HttpResponse(format_html_join("", '<option value="{}">{}</option>',
                                         ((row["code"], row["name"]) for row in rows)))
