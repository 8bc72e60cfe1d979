"""Every POST form of every template goes through the one form renderer (issue 14 §3), generated from the templates.

For each `<form method="post">` of every app's templates (and the partials it includes):
- no field is drawn raw (`{{ form }}`, `{{ form.as_p }}`, `{{ form.name }}`, `{{ field }}`, `{{ form.x.errors }}`):
  Django forms go through `render_form` / `form_field` / `form_widget`, which mark a refused field;
- every hand-written input, select and textarea can be marked: it carries `{{ error|invalid_for:'name' }}` (or a
  conditional `is-invalid`), and its message is drawn under it by `feedback_for` (or the renderer's summary);
- the form has a place for what no input shows (a refused button, a stale version): `form_refusal` under the form,
  or the renderer's summary (`render_form` / `form_errors`).
An input the service never refuses says `data-not-refused`; one whose error the service names otherwise says
`data-error-field="…"`; a confirmation that repeats another form (REFUSED_ELSEWHERE) and a button that cannot be
refused (NOTHING_TO_REFUSE) are listed with the reason. A form that bypasses the renderer fails here, whatever app
it is in (91 forms did before issue 14 §3 was finished; a form added by another app since was caught the same way).
`tests/core/test_form_errors.py`, `test_form_refusals_beside_forms.py` and the apps' tests post bad input and check
that the marks are really drawn.
"""

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "yingji"
TEMPLATE_DIRS = sorted(SRC.glob("*/templates"))

FORM = re.compile(r"<form\b(?P<open>[^>]*)>(?P<body>.*?)</form>", re.S | re.I)
CONTROL = re.compile(r"<(?P<tag>input|select|textarea)\b(?P<attrs>(?:[^>{]|\{[{%#].*?[}%#]\})*)>", re.S | re.I)
INCLUDE = re.compile(r"""\{%\s*include\s+["'](?P<name>[^"']+)["']""")
NAME = re.compile(r"""(?<![\w-])name=["'](?P<name>[^"']*)["']""")
TYPE = re.compile(r"""(?<![\w-])type=["'](?P<type>[^"']*)["']""")
ID = re.compile(r"""(?<![\w-])id=["'](?P<id>[^"'{]*)["']""")
# A Django form field drawn without the renderer: its widget would never be marked.
RAW_FIELD = re.compile(r"\{\{\s*(?:\w*form\w*(?:\.\w+)?|field"
                       r"|\w+\.(?:as_p|as_table|as_div|as_ul|errors|non_field_errors)"
                       r"(?:\|[^}]*)?)\s*\}\}")
NOT_ENTERED = {"hidden", "submit", "button", "reset", "image"}
# An input whose every value the service accepts (an attendee's name beside a tick) says so: data-not-refused.
NOT_REFUSED = "data-not-refused"
HIDDEN = re.compile(r"(?<![\w-])hidden(?![\w=-])")  # a field a script fills and marks (the plan editor's JSON)
ERROR_FIELD = re.compile(r"""data-error-field=["'](?P<name>[^"']+)["']""")
SUMMARY = ("render_form", "form_errors")
# Hidden fields of Django forms drawn as they are: nothing to mark, their errors are in the summary (form_errors).
HIDDEN_FIELDS = {"version", "corrects", "lon", "lat"}
# Forms that are not the product's: Django's language switch and logout cannot be refused by the user's input.
NOT_PRODUCT_FORMS = {"web/base.html#language-form", "web/base.html@2"}
# Confirmation steps that repeat another form in hidden fields: a refusal answers with that form again, the message
# beside it (checked where that form is).
REFUSED_ELSEWHERE = {
    "core/accounts/confirm.html@1": "the account page, under the action's form (test_accounts_form_errors.py)",
    "resources/move.html@1": "the stock movement form, beside the field (tests/core/test_form_errors.py)",
}
# Forms whose step cannot be refused: nothing to draw.
NOTHING_TO_REFUSE = {
    "enforcement/draw.html@1": "复现抽取 recomputes a published draw from its seed and changes nothing",
    "services/credit_list.html@1": "调整监管类别 applies the credit classes to the targets; nothing to refuse",
}

# POST forms not yet drawn by the renderer; this list may only get shorter (a form that passes must leave it).
NOT_YET: set[str] = set()  # forms not yet on the renderer (may only shrink; empty since the census column mapping)


def _template(name: str) -> Path | None:
    return next((d / name for d in TEMPLATE_DIRS if (d / name).is_file()), None)


def _expanded(body: str, depth: int = 0) -> str:
    """The form's text with the partials it includes (by a literal name) written in."""
    if depth > 3:
        return body
    def include(match):
        path = _template(match.group("name"))
        return match.group(0) + (_expanded(path.read_text(encoding="utf-8"), depth + 1) if path else "")
    return INCLUDE.sub(include, body)


def post_forms():
    """(key, opening tag, body) of every POST form: key is `template#id`, or `template@n` for the n-th form."""
    for directory in TEMPLATE_DIRS:
        for path in sorted(directory.rglob("*.html")):
            text = path.read_text(encoding="utf-8")
            name = path.relative_to(directory).as_posix()
            for number, match in enumerate(FORM.finditer(text), start=1):
                if not re.search(r"""method=["']?post""", match.group("open"), re.I):
                    continue
                found = ID.search(match.group("open"))
                key = f"{name}#{found.group('id')}" if found and found.group("id") else f"{name}@{number}"
                yield key, match.group("open"), _expanded(match.group("body"))


def _unique_forms() -> dict:
    forms = {}
    for key, opening, body in post_forms():
        while key in forms:  # the same id in two branches of one template
            key += "+"
        if key not in NOT_PRODUCT_FORMS and key not in REFUSED_ELSEWHERE and key not in NOTHING_TO_REFUSE:
            forms[key] = (opening, body)
    return forms


FORMS = _unique_forms()


def _raw(expression: str, body: str) -> bool:
    """A Django field drawn as it is: not a hidden field, not a mark (`invalid_for`), and `{{ field }}` only in a loop
    over a form (`{% for field in error.fields %}` lists names)."""
    if expression.split(".")[-1].strip("} ") in HIDDEN_FIELDS or "invalid_for" in expression:
        return False
    looped = re.search(r"\{%\s*for field in \w*form", body) is not None
    return "{{ field }}" not in expression.replace("  ", " ") or looped


def problems(body: str) -> list[str]:
    """What in the form bypasses the renderer."""
    found = [f"drawn raw: {m.group(0)}" for m in RAW_FIELD.finditer(body) if _raw(m.group(0), body)]
    for control in CONTROL.finditer(body):
        attrs = control.group("attrs")
        kind = (TYPE.search(attrs).group("type") if TYPE.search(attrs) else control.group("tag")).lower()
        named = NAME.search(attrs)
        if (kind in NOT_ENTERED or not named or "yj-hp" in attrs or 'tabindex="-1"' in attrs or NOT_REFUSED in attrs
                or HIDDEN.search(attrs)):
            continue
        name = named.group("name")
        marked = "invalid_for" in attrs or "is-invalid" in attrs
        named_as = ERROR_FIELD.search(attrs)  # the service names the error otherwise (area_regions → area)
        if named_as:
            name = named_as.group("name")
        if kind in ("checkbox", "radio") or named_as:  # a list of choices is marked as a whole (its box)
            marked = marked or re.search(rf"""invalid_for:['"]{re.escape(name)}['"]""", body) is not None
        if not marked:
            found.append(f"not marked when refused: <{control.group('tag')} name=\"{name}\">")
        elif ("{" not in name and "aria-describedby" not in attrs
              and not re.search(rf"""feedback_for\s+\S+\s+["']{re.escape(name)}["']""", body)):
            found.append(f"no message under it: <{control.group('tag')} name=\"{name}\">")
    if not any(tag in body for tag in ("form_refusal", "form_key", "refusal_here", "aria-describedby", *SUMMARY)):
        found.append("no place for a refusal no input shows (form_refusal or the summary)")
    return found


def test_the_walk_finds_the_forms_of_every_app():
    apps = {key.split("/")[0] for key in FORMS}
    assert len(FORMS) > 100
    assert {"incidents", "plans", "alerts", "duty", "prevention", "enforcement", "monitoring", "census", "community",
            "drills", "exchange", "services", "consultation", "core", "channels"} <= apps


@pytest.mark.parametrize("key", sorted(FORMS))
def test_every_post_form_uses_the_renderer(key):
    found = problems(FORMS[key][1])
    if key in NOT_YET:
        assert found, f"{key} now uses the renderer: take it off NOT_YET"
        pytest.xfail("; ".join(found))
    assert not found, f"{key} bypasses the form renderer:\n" + "\n".join(found)


def test_a_form_drawn_by_hand_is_found():
    hand = '<label for="x">X</label><input class="form-control" name="quantity" id="x"><button>Go</button>'
    assert problems(hand) == ['not marked when refused: <input name="quantity">',
                              "no place for a refusal no input shows (form_refusal or the summary)"]
    raw = "{% csrf_token %}{{ form.as_p }}{{ form.name }}{% form_errors form %}"
    assert problems(raw) == ["drawn raw: {{ form.as_p }}", "drawn raw: {{ form.name }}"]
    good = ('<input class="form-control{{ error|invalid_for:\'reason\' }}" name="reason">'
            '{% feedback_for error "reason" "x" %}{% form_refusal error "f" "reason" %}')
    assert problems(good) == []
