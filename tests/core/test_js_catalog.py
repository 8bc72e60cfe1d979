"""The texts drawn by JavaScript come from the djangojs catalog: served to anyone, English when asked, complete."""

import re
from pathlib import Path

import polib
import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "yingji"
JS_PO = SRC / "locale" / "en" / "LC_MESSAGES" / "djangojs.po"
SCRIPTS = [
    "alerts/static/alerts/compose.js",
    "alerts/static/alerts/detail.js",
    "incidents/static/incidents/board.js",
    "incidents/static/incidents/picker.js",
    "plans/static/plans/editor.js",
    "plans/static/plans/editor-widgets.js",
    "resources/static/resources/nearby.js",
    "web/static/web/behaviours.js",
    "web/static/web/public.js",
    "web/static/web/screen.js",
    "web/static/web/yingji-map.js",
]
# Default content of a new command post: plan data (saved as is), not interface text.
DATA_VALUES = {"副指挥长", "主要负责人"}

GETTEXT = re.compile(r'(?<![\w.])gettext\("((?:[^"\\]|\\.)*)"\)')
PGETTEXT = re.compile(r'(?<![\w.])pgettext\("((?:[^"\\]|\\.)*)", "((?:[^"\\]|\\.)*)"\)')
CHINESE_LITERAL = re.compile(r'"[^"\n]*[\u4e00-\u9fff][^"\n]*"')
COMMENTS = re.compile(r"/\*[\s\S]*?\*/|^\s*//.*$|\s//\s.*$", re.M)
CATALOG_URL = "/jsi18n/"


def script_code(name):
    return COMMENTS.sub("", (SRC / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(JS_PO))


def test_catalog_answers_anonymous_users_in_their_language(client):
    english = client.get(CATALOG_URL, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 200
    assert english["Content-Type"].startswith("text/javascript")
    body = english.content.decode()
    assert '"\\u6682\\u65e0": "None yet"' in body  # 暂无, the empty board lists
    assert "Add working group" in body  # the plan editor's button
    chinese = client.get(CATALOG_URL, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert chinese.status_code == 200
    assert "Add working group" not in chinese.content.decode()  # the scripts keep their Chinese source texts


def test_catalog_is_revalidated_not_downloaded_again(client):
    first = client.get(CATALOG_URL, HTTP_ACCEPT_LANGUAGE="en")
    again = client.get(CATALOG_URL, HTTP_ACCEPT_LANGUAGE="en", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


@pytest.mark.parametrize("url", ["/incidents/report/", "/cap/"])
def test_public_pages_load_the_catalog_before_the_map_script(db, client, url):
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'src="{CATALOG_URL}?l=en"' in page
    assert page.index(CATALOG_URL) < page.index("web/yingji-map")


def test_every_entry_is_translated_and_not_fuzzy(catalogue):
    assert catalogue.metadata["Language"] == "en"
    assert len(catalogue) > 50
    untranslated = [e.msgid for e in catalogue if not e.msgstr.strip() or "fuzzy" in e.flags or e.obsolete]
    assert untranslated == []


def test_every_text_of_the_scripts_is_in_the_catalogue(catalogue):
    known = {(e.msgctxt or "", e.msgid) for e in catalogue}
    used = set()
    for name in SCRIPTS:
        code = script_code(name)
        used |= {("", m) for m in GETTEXT.findall(code)} | set(PGETTEXT.findall(code))
    assert len(used) > 50
    assert sorted(used - known) == []


@pytest.mark.parametrize("name", SCRIPTS)
def test_no_chinese_text_is_drawn_untranslated(name):
    code = GETTEXT.sub("", PGETTEXT.sub("", script_code(name)))
    bare = [s for s in CHINESE_LITERAL.findall(code) if s.strip('"') not in DATA_VALUES]
    assert bare == []
