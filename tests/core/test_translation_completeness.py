"""Nothing Chinese is left untranslated in English mode (issue 14 §21). Every Chinese text of a template is inside
{% translate %} or {% blocktranslate %}, and every such text has its English in locale/en django.po; every one-map
layer's title and group, and every warning type and level name, reads in English. tests/core/test_js_catalog.py does
the same for the texts scripts draw."""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

SRC = Path(__file__).resolve().parents[2] / "src" / "yingji"
PO = SRC / "locale" / "en" / "LC_MESSAGES" / "django.po"
TEMPLATES = sorted(p for p in SRC.rglob("*.html") if "templates" in p.parts)
CHINESE = re.compile(r"[\u4e00-\u9fff]")
# Data, not interface text: search hints that must match the equipment names as they are stored.
DATA_VALUES = ("冲锋舟", "橡皮艇", "无人机")

COMMENT = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)
TRANSLATE = re.compile(r"""{%\s*translate\s+(["'])(.*?)\1.*?%}""", re.S)
BLOCK = re.compile(r"{%\s*blocktranslate\b[^%]*%}(.*?){%\s*endblocktranslate\s*%}", re.S)
UNDERSCORE = re.compile(r"""_\((["'])(.*?)\1\)""")
VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")


def _bare_chinese(path: Path) -> list[str]:
    text = COMMENT.sub("", path.read_text(encoding="utf-8"))
    text = UNDERSCORE.sub("", TRANSLATE.sub("", BLOCK.sub("", text)))
    for value in DATA_VALUES:
        text = text.replace(f'"{value}"', "")
    return [line.strip()[:120] for line in text.splitlines() if CHINESE.search(line)]


def _msgids(path: Path) -> set[str]:
    """The msgids the template asks the catalogue for, written as makemessages writes them."""
    text = COMMENT.sub("", path.read_text(encoding="utf-8"))
    literals = [m.group(2) for m in TRANSLATE.finditer(text)] + [m.group(2) for m in UNDERSCORE.finditer(text)]
    found = {literal.replace("%", "%%") for literal in literals}  # as the template engine looks them up
    for block in BLOCK.finditer(text):
        singular = re.split(r"{%\s*plural\s*%}", block.group(1))[0]
        found.add(VARIABLE.sub(r"%(\1)s", singular.replace("%", "%%")))
    return {m for m in found if CHINESE.search(m)}


def _translated(entry) -> bool:
    return bool(entry.msgstr.strip() or any(v.strip() for v in entry.msgstr_plural.values()))


@pytest.fixture(scope="module")
def catalogue():
    return {entry.msgid: entry for entry in polib.pofile(str(PO)) if not entry.obsolete}


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_every_chinese_text_of_a_template_is_translated(path, catalogue):
    assert _bare_chinese(path) == [], "wrap these in {% translate %} / {% blocktranslate %}"
    missing = sorted(m for m in _msgids(path) if m not in catalogue or not _translated(catalogue[m]))
    assert missing == [], "add English for these to locale/en/LC_MESSAGES/django.po"


def test_the_catalogue_is_complete(catalogue):
    untranslated = [e.msgid for e in catalogue.values() if "fuzzy" in e.flags or not _translated(e)]
    assert untranslated == []


def test_every_map_layer_title_and_group_reads_in_english():
    from yingji.core.extensions import MAP_LAYERS

    with translation.override("en"):
        chinese = [f"{layer.slug}: {layer.title} / {layer.group}" for layer in MAP_LAYERS
                   if CHINESE.search(str(layer.title)) or CHINESE.search(str(layer.group))]
    assert len(list(MAP_LAYERS)) > 20
    assert chinese == []


def test_warning_types_and_levels_read_in_english():
    from yingji.alerts.types import all_types, level_choice, shown
    from yingji.standards.warnings import WarningLevel

    with translation.override("en"):
        chinese = [shown(t.label) for t in all_types().values() if CHINESE.search(shown(t.label))]
        chinese += [level_choice(lv) for lv in WarningLevel if CHINESE.search(level_choice(lv))]
    assert chinese == []


@pytest.mark.django_db
def test_what_people_found_in_chinese_reads_in_english(client, users):
    """The pages of the first-use report: the warning form, the incident's and the response page's buttons, the
    report form's fields. Names of places, committees and incidents are data and stay as they are."""
    from lxml import html

    from yingji.incidents.models import Incident

    incident = Incident.objects.filter(is_demo=True, status="reported").first()
    client.force_login(users["commander"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    checks = {
        "/alerts/new/": "//label[not(ancestor::*[@id='area-regions'])] | //legend | //button"
                        " | //select[@id='type_code' or @id='level']/option",
        f"/incidents/{incident.uuid}/": "//button | //th",
        f"/plans/incident/{incident.uuid}/": "//button | //th | //h2",
        f"/incidents/{incident.uuid}/reports/new/?kind=initial": "//label[not(ancestor::select)] | //button",
    }
    chinese = []
    for url, xpath in checks.items():
        page = client.get(url)
        assert page.status_code == 200, url
        for element in html.fromstring(page.content.decode()).xpath(xpath):
            text = " ".join(element.text_content().split())
            if CHINESE.search(text):
                chinese.append(f"{url} <{element.tag}> {text}")
    assert chinese == []


@pytest.mark.django_db
def test_every_model_choice_reads_in_english():
    """Grades, response levels, warning levels, channels and the prevention code tables (issue 14 §21): the
    stored values stay, the labels are translated."""
    from django.apps import apps

    with translation.override("en"):
        chinese = [f"{model._meta.label}.{field.name}: {label}"
                   for model in apps.get_models() if model.__module__.startswith("yingji")
                   for field in model._meta.get_fields() if getattr(field, "choices", None)
                   for _value, label in field.flatchoices if CHINESE.search(str(label))]
    assert chinese == []


def test_no_message_is_in_a_catalogue_twice():
    """Engineers append to the catalogues by hand; a msgid entered twice makes msgfmt refuse the file."""
    for catalogue in sorted(SRC.glob("locale/*/LC_MESSAGES/*.po")):
        seen, twice = set(), []
        for entry in polib.pofile(str(catalogue)):
            key = (entry.msgctxt, entry.msgid)
            if key in seen:
                twice.append(entry.msgid[:60])
            seen.add(key)
        assert twice == [], f"{catalogue.relative_to(SRC)}: {twice[:10]}"
