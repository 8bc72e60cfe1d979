"""Compiles the .po translations to .mo with polib, so no GNU gettext is needed: `python -m yingji.i18n`.

Source strings are Chinese (the primary language); locale/en holds the English translation, in two domains:
django.po (server-rendered text) and djangojs.po (texts drawn by the static JavaScript, served by the
"web:javascript-catalog" view). Both are compiled here. To refresh djangojs.po after changing a script, from src/yingji:
`django-admin makemessages -d djangojs -l en --ignore='*.min.js' --ignore='vendor/*'`.
"""

from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def compile_all() -> list[Path]:
    compiled = []
    for po_path in LOCALE_DIR.glob("*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled.append(mo_path)
    return compiled


if __name__ == "__main__":
    compile_all()
