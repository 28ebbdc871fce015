"""The life cycle's three modules depend one way (lifecycle ← extensions ← reporting), and
the only upward import of the assignments app is the declared one: the moves that tell
people call ``notifications.events``."""

from __future__ import annotations

import ast
from pathlib import Path

import protokol.assignments

APP = Path(protokol.assignments.__file__).parent
ABOVE_ASSIGNMENTS = (
    "protokol.notifications",
    "protokol.publication",
    "protokol.dashboards",
    "protokol.exports",
    "protokol.api",
)


def imported(path: Path) -> set[str]:
    """Every module (and ``module.name``) a source file imports, at any depth."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_the_transition_table_imports_neither_reporting_nor_extensions():
    later = {"protokol.assignments.reporting", "protokol.assignments.extensions"}
    assert not later & imported(APP / "lifecycle.py")


def test_extensions_do_not_import_reporting():
    assert "protokol.assignments.reporting" not in imported(APP / "extensions.py")


def test_only_the_moves_that_tell_people_import_above_the_assignments_app():
    upward = {
        path.name
        for path in APP.glob("*.py")
        if any(name.startswith(ABOVE_ASSIGNMENTS) for name in imported(path))
    }
    assert upward == {"reporting.py", "extensions.py"}
