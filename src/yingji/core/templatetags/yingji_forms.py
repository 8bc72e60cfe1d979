"""The one way a form is drawn (issue 14 §3): `{% load yingji_forms %}`, then

    {% render_form form %}                 the error summary, the hidden fields and every visible field
    {% render_form form layout="horizontal" %}
    {% form_errors form %}                 the summary only (errors of hidden fields and of the whole form too)
    {% form_field form.name %}             one field: label, widget, help, and its errors right under it
    {% form_widget field %}                a field without its label (formset table cells), errors under it
    class="…{{ error|invalid_for:'name' }}" + {% feedback_for error "name" %}
                                           hand-written inputs and a service error (DomainError.fields)
    {% form_refusal error "form-id" "name" %}  a refused small form: what no input shows, right under the form
    {% refusal_for "form-id" as refusal %} + {% form_refusal refusal "name" %} + {% aria_for refusal "name" "id" %}
                                           a small form of a page with many: its own refusal only (core/refusals.py)
    {% refusal_here "form-id" %}           a form of buttons only: its name and its refusal under it

A field with errors gets Bootstrap's `is-invalid` (Django adds aria-invalid and aria-describedby pointing at
`<id>_error`); web/forms.js scrolls to and focuses the first invalid field when the page loads, and the
summary's links take the reader to their field.
"""

from django import forms, template
from django.utils.html import format_html, format_html_join

from yingji.core import refusals

register = template.Library()

_NO_CLASS = (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.HiddenInput)


def _default_class(widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "" if isinstance(widget, _NO_CLASS) else "form-control"


def widget_html(field, extra_class: str = "") -> str:
    """The field's widget with the Bootstrap class, marked `is-invalid` when the field has errors."""
    widget = field.field.widget
    classes = [widget.attrs.get("class") or _default_class(widget), extra_class]
    if field.errors and not isinstance(widget, _NO_CLASS):
        classes.append("is-invalid")
    return field.as_widget(attrs={"class": " ".join(c for c in classes if c)})


def error_items(form) -> list[tuple[str, str, str]]:
    """(label, message, id of the field to go to or "") for every error of the form, in the form's order."""
    items = [("", message, "") for message in form.non_field_errors()]
    for field in form:
        target = "" if field.is_hidden else field.auto_id or ""
        items += [(str(field.label or ""), message, target) for message in field.errors]
    return items


@register.inclusion_tag("core/forms/errors.html")
def form_errors(form):
    items = error_items(form) if form is not None and form.is_bound else []
    return {"general": [message for label, message, _target in items if not label],
            "fields": [item for item in items if item[0]]}


@register.inclusion_tag("core/forms/field.html")
def form_field(field, layout="", css=""):
    checkbox = isinstance(field.field.widget, forms.CheckboxInput)
    return {"field": field, "widget": widget_html(field), "checkbox": checkbox, "layout": layout, "css": css}


@register.simple_tag
def form_widget(field):
    """A field without its label (table cells of a formset): the marked widget and its errors right under it."""
    if field.is_hidden:
        return field.as_widget()
    feedback = format_html_join("", "<div>{}</div>", ((error,) for error in field.errors))
    if not field.errors:
        return widget_html(field)
    return format_html('{}<div class="invalid-feedback d-block" id="{}_error" data-field="{}">{}</div>',
                       widget_html(field), field.auto_id, field.html_name, feedback)


def _messages_for(error, name) -> list:
    fields = getattr(error, "fields", error) if error else {}
    return list(fields.get(name) or []) if isinstance(fields, dict) else []


@register.filter
def invalid_for(error, name) -> str:
    """Hand-written inputs and a service error (DomainError or {field: [messages]}):
    `class="form-control{{ error|invalid_for:'quantity' }}"` marks the input the error names."""
    return " is-invalid" if _messages_for(error, name) else ""


@register.simple_tag
def feedback_for(error, name, input_id=""):
    """The messages a service error has for `name`, right under its hand-written input."""
    messages = _messages_for(error, name)
    if not messages:
        return ""
    return format_html('<div class="invalid-feedback d-block" id="{}_error" data-field="{}">{}</div>',
                       input_id or f"id_{name}", name, format_html_join("", "<div>{}</div>", ((m,) for m in messages)))


@register.inclusion_tag("core/forms/form.html")
def render_form(form, layout=""):
    return {"form": form, "layout": layout}


def _refusal_messages(error, inputs) -> list:
    """A DomainError's messages for fields other than `inputs`, or its message when it names no field."""
    fields = error if isinstance(error, dict) else getattr(error, "fields", None) or {}
    if fields:  # each message once (several inputs may share one)
        return list(dict.fromkeys(m for name, messages in fields.items() if name not in inputs for m in messages))
    return [getattr(error, "message", None) or "；".join(getattr(error, "messages", [str(error)]))]


@register.simple_tag(takes_context=True)
def refusal_for(context, *parts):
    """`{% refusal_for "minutes" as refusal %}` (parts joined by "-": `{% refusal_for "feed" f.pk as refusal %}`): the
    refusal of this small form of the page if it was the one posted and refused, else an empty (falsy) one.
    `{{ refusal|invalid_for:'reason' }}`, `{% feedback_for refusal "reason" "id" %}`, `{{ refusal.data.reason }}`."""
    key = "-".join(str(part) for part in parts)
    refusal = refusals.refusal_of(context.get("request"), key)
    refused = context.get("refused")  # a page drawn again with {"form": key, "error": …, "data": …} (incidents, plans)
    if not refusal and isinstance(refused, dict) and refused.get("form") == key and refused.get("error") is not None:
        return refusals.FormRefusal(key, refusals.as_domain_error(refused["error"]), refused.get("data"))
    return refusal


@register.simple_tag
def form_refusal(error, form_id="", *inputs):
    """A refused small form (buttons, hidden fields): the messages no input of the form shows (`inputs` are the
    names that have their own `feedback_for`), right under the form, where web/forms.js takes the reader.
    Given a `refusal_for` refusal, `{% form_refusal refusal "reason" %}`: the form's id is the refusal's key, and
    the hidden field that tells the view which form was posted is written too."""
    marker = ""
    if isinstance(error, refusals.FormRefusal):
        inputs, form_id = (form_id, *inputs) if form_id else inputs, error.key
        marker = format_html('<input type="hidden" name="{}" value="{}">', refusals.FORM_KEY, form_id)
        error = error.error
    messages = _refusal_messages(error, inputs) if error else []
    if not messages:
        return marker
    block = format_html('<div class="invalid-feedback d-block yj-form-errors" id="{}_error" role="alert" tabindex="-1">'
                        "{}</div>", form_id, format_html_join("", "<div>{}</div>", ((m,) for m in messages)))
    return format_html("{}{}", marker, block)


@register.simple_tag
def aria_for(error, name, input_id):
    """On a hand-written input: `aria-invalid` and `aria-describedby` pointing at its message when `error` names it."""
    if not _messages_for(error, name):
        return ""
    return format_html('aria-invalid="true" aria-describedby="{}_error"', input_id)


@register.simple_tag
def form_key(refusal):
    """Only the hidden field naming the form (`refusal_for`), for a form whose message is drawn elsewhere (its button
    sits outside it, `form="…"`) by `{% form_refusal refusal.error refusal.key %}`."""
    return format_html('<input type="hidden" name="{}" value="{}">', refusals.FORM_KEY, refusal.key)


@register.filter
def typed(refusal, name):
    """What was typed in `name` of a refused form (`refusal_for`), for a field whose name is built in the template."""
    return (getattr(refusal, "data", None) or {}).get(str(name), "")


@register.simple_tag(takes_context=True)
def refusal_here(context, *parts):
    """A form of buttons (and hidden fields) only: `{% refusal_here "ack" e.uuid %}` inside it is
    `{% refusal_for "ack" e.uuid as refusal %}{% form_refusal refusal %}`: the form's name, and its refusal under it."""
    return form_refusal(refusal_for(context, *parts))
