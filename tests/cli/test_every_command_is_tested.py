"""A meta-test: every Protokol management command and CLI subcommand has a test.

A command counts as tested when some test module (other than this one) calls it by name:
``call_command("backup", …)``, ``run("backup", …)`` or ``_protokol("backup", …)`` /
``protokol_process("backup", …)`` — the first argument of a call whose callee is one of
those. Adding a command without a test fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.core.management import get_commands

from protokol.cli import SUBCOMMANDS

TESTS = Path(__file__).parents[1]
CALLERS = {"call_command", "run", "main"}
# Django's own commands listed in `protokol --help` for convenience; Django tests them,
# and every test run migrates its database.
DJANGO_OWN = {"migrate", "runserver"}


def _protokol_commands() -> set[str]:
    return {name for name, app in get_commands().items() if app.startswith("protokol")}


def _required() -> set[str]:
    return _protokol_commands() | (set(SUBCOMMANDS) - DJANGO_OWN)


def _callee(node: ast.Call) -> str:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return ""


def _commands_called_in_tests() -> set[str]:
    called = set()
    for path in TESTS.rglob("test_*.py"):
        if path.resolve() == Path(__file__).resolve():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            callee = _callee(node)
            if callee not in CALLERS and "protokol" not in callee:
                continue
            first = node.args[0]
            if isinstance(first, ast.List | ast.Tuple) and first.elts:
                first = first.elts[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                called.add(first.value)
    return called


def test_the_project_has_its_own_commands():
    assert {"import", "publish", "export", "backup", "restore", "createuser"} <= (
        _protokol_commands()
    )


def test_every_command_and_subcommand_has_a_test():
    untested = sorted(_required() - _commands_called_in_tests())
    assert untested == [], f"команды без тестов: {', '.join(untested)}"


def test_a_command_without_a_test_would_be_reported(monkeypatch):
    import django.core.management

    commands = {**get_commands(), "frobnicate": "protokol.core"}
    monkeypatch.setattr(django.core.management, "get_commands", lambda: commands)
    monkeypatch.setitem(globals(), "get_commands", lambda: commands)
    assert "frobnicate" in _required() - _commands_called_in_tests()
