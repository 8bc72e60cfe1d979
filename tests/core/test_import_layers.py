"""No app imports an app above it, and no two apps import each other (DESIGN §4.9, docs/architecture.md).

Apps contribute to one another through core.extensions instead. The layer order is written once, here and
in docs/architecture.md ("Layers"). Every import statement counts, including those inside functions.
"""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "yingji"

# Lowest first. An app may import apps of lower layers only; within a layer, one direction at most.
LAYERS = [
    {"coded_error", "standards", "geo"},
    {"core"},
    {"demo"},
    {"channels"},
    {"resources", "incidents"},
    {"plans", "alerts", "duty"},
    {"prevention", "enforcement", "monitoring", "census", "community", "drills", "exchange", "services",
     "video", "consultation"},
    {"onemap", "indicators"},
    {"web"},
    {"settings", "urls", "asgi", "cli", "tasks", "i18n"},  # the project: wires everything together
]
LAYER_OF = {app: index for index, apps in enumerate(LAYERS) for app in apps}
NOT_CODE = {"locale", "formats"}


def _app_of(path: Path) -> str:
    part = path.relative_to(SRC).parts[0]
    return part.removesuffix(".py")


def _imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {name.split(".")[1] for name in names if name.startswith("yingji.") and name.count(".") >= 1}


def import_graph() -> dict[str, dict[str, list[str]]]:
    """app → imported app → the files that import it."""
    graph: dict[str, dict[str, list[str]]] = {}
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue  # migrations name callables of other apps by path; they are generated history
        source = _app_of(path)
        for target in _imported_apps(path) - {source}:
            graph.setdefault(source, {}).setdefault(target, []).append(str(path.relative_to(SRC)))
    return graph


def test_every_package_has_a_layer():
    packages = {_app_of(path) for path in SRC.glob("*") if not path.name.startswith("__")}
    missing = sorted(packages - set(LAYER_OF) - NOT_CODE)
    assert not missing, f"add these to LAYERS (here and in docs/architecture.md): {missing}"


def test_no_app_imports_an_app_above_it():
    upward = [f"{source} → {target} ({', '.join(files)})" for source, targets in import_graph().items()
              for target, files in targets.items() if LAYER_OF[target] > LAYER_OF[source]]
    assert not upward, "upward imports (contribute through core.extensions instead):\n" + "\n".join(upward)


def test_no_two_apps_import_each_other():
    graph = import_graph()
    cycles = sorted({tuple(sorted((a, b))) for a, targets in graph.items() for b in targets if a in graph.get(b, {})})
    assert not cycles, f"apps importing each other: {cycles}"


@pytest.mark.parametrize("code, expected", [
    ("from yingji.plans.board import panel", {"plans"}),
    ("def f():\n    import yingji.web.navigation", {"web"}),
    ("from . import models", set()),
])
def test_the_reader_sees_every_kind_of_import(tmp_path, code, expected):
    module = tmp_path / "module.py"
    module.write_text(code, encoding="utf-8")
    assert _imported_apps(module) == expected
