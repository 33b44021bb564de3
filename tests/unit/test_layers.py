"""The arrows of DESIGN.md, read from the source: every import (lazy and TYPE_CHECKING ones too) and
every attribute sync reaches for. A new arrow the wrong way fails here, naming the file."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WVISIT = ROOT / "wvisit"

# The entry points that start the window (`wvisit` with no command, and the demo): they import
# wvisit.ui.app only to run it. Nothing else outside wvisit/ui imports the UI.
UI_IMPORTERS = {"cli.py", "demo.py"}


def modules(folder: str) -> list[Path]:
    return sorted((WVISIT / folder).rglob("*.py"))


@cache
def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


@cache
def imports(path: Path) -> frozenset[str]:
    return names_imported(tree(path), path.relative_to(ROOT).with_suffix("").parts[:-1])


def names_imported(module: ast.Module, package: tuple[str, ...]) -> frozenset[str]:
    """Every dotted name a module in `package` imports, wherever the import stands (in a function,
    under TYPE_CHECKING): `from a.b import c` gives a.b and a.b.c, for c may be a module."""
    found: set[str] = set()
    for node in ast.walk(module):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            parent = package[: len(package) - node.level + 1] if node.level else ()
            base = ".".join([*parent, *([node.module] if node.module else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return frozenset(found)


def importing(paths: list[Path], *names: str) -> set[str]:
    """The files, relative to wvisit/, that import any of `names` or anything inside them."""
    return {
        path.relative_to(WVISIT).as_posix()
        for path in paths
        if any(found == name or found.startswith(name + ".") for found in imports(path) for name in names)
    }


def test_nothing_the_store_is_built_from_imports_the_store():
    """Repositories take a StoreContext; only the package's face re-exports Store, so no circle."""
    store = modules("store")
    assert importing(store, "wvisit.store.store", "wvisit.store.Store") == {"store/__init__.py"}


def test_sync_reaches_the_store_through_its_methods_only():
    reaching = {
        f"{path.relative_to(WVISIT).as_posix()}:{node.lineno} .{node.attr}"
        for path in modules("sync")
        for node in ast.walk(tree(path))
        if isinstance(node, ast.Attribute) and node.attr in ("conn", "tables")
    }
    assert reaching == set()


def test_nothing_outside_the_ui_imports_it():
    outside = [path for path in WVISIT.rglob("*.py") if path.relative_to(WVISIT).parts[0] != "ui"]
    assert importing(outside, "wvisit.ui") <= UI_IMPORTERS
    for entry in UI_IMPORTERS:  # and those only to start the window
        assert {name for name in imports(WVISIT / entry) if name.startswith("wvisit.ui")} <= {
            "wvisit.ui.app",
            "wvisit.ui.app.run",
        }


def test_the_core_never_imports_qt():
    core = [path for folder in ("domain", "vault", "store", "sync", "app", "dictation") for path in modules(folder)]
    assert importing(core, "PySide6", "shiboken6") == set()


def test_the_import_reader_sees_every_form_the_checks_rely_on():
    source = """
from typing import TYPE_CHECKING
from . import store
from ..ui import widgets
if TYPE_CHECKING:
    from wvisit.store import Store
def later():
    import PySide6.QtCore
"""
    found = names_imported(ast.parse(source), ("wvisit", "store"))
    assert {"wvisit.store.store", "wvisit.ui.widgets", "wvisit.store.Store", "PySide6.QtCore"} <= found


def test_the_pictures_painter_is_reached_only_from_the_pdf_writer_and_the_ui():
    """tools/pictures.py paints with QtGui; the registry of tools (which the central record and the
    domain load) never imports it, so no Qt comes in through a tool."""
    everywhere = list(WVISIT.rglob("*.py"))
    reaching = importing(everywhere, "wvisit.tools.pictures") - {"tools/pictures.py"}
    assert {path for path in reaching if not path.startswith("ui/")} == {"pdf.py"}
