"""Roles are read in one place: ``accounts/policy.py`` (STYLE.md, «What to avoid»).

Everything else — views, the API, exports, templates, context processors, services —
asks the user's policy (``user.administers_protocols``, ``user.decides(instruction)``…).
This test reads every Python file and template under ``src/`` and fails on a role
compared anywhere else, in Python, in SQL filters or in a template.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "protokol"
POLICY = SRC / "accounts" / "policy.py"
ROLES = r"(?:admin|curator|operator|observer)"

ROLE_CHECKS = [
    # user.role == …, request.user.role not in …, {% if user.role == "admin" %}
    re.compile(r"\.role\s*(?:==|!=|\bin\b|\bnot\s+in\b)"),
    # a role read without its attribute: getattr(user, "role", None)
    re.compile(r"""getattr\([^)]*["']role["']"""),
    # a local role compared: role == Role.OPERATOR, role not in Role.values
    re.compile(r"\brole\s*(?:==|!=|\bnot\s+in\b|\bin\s+[\[\({A-Z])"),
    # a role constant or literal compared: … == Role.ADMIN, … != "curator"
    re.compile(rf"""(?:==|!=)\s*(?:Role\.[A-Z]+|["']{ROLES}["'])"""),
    re.compile(r"Role\.[A-Z]+\s*(?:==|!=)"),
    # sets of roles to compare with: (Role.OPERATOR, Role.CURATOR), {"admin", "curator"}
    re.compile(
        rf"""[\[\({{]\s*(?:Role\.[A-Z]+|["']{ROLES}["'])\s*,\s*(?:Role\.|["']{ROLES}["'])"""
    ),
    re.compile(r"\bMINISTRY_ROLES\b|\bDECIDING_ROLES\b"),
    # SQL: filter(role=Role.ADMIN), Q(role="operator"), role__in=[…]
    re.compile(rf"""\brole(?:__in)?\s*=\s*(?:Role\.|\[|\(|["']{ROLES}["'])"""),
]


def role_checks(text: str) -> list[str]:
    return [
        line.strip()
        for line in text.splitlines()
        if any(pattern.search(line) for pattern in ROLE_CHECKS)
    ]


@pytest.mark.parametrize(
    "line",
    [
        'if user.role == "admin":',
        "    if request.user.role not in REPORTERS:",
        '{% if user.role == "admin" or user.role == "curator" %}',
        'if getattr(user, "role", None) == "curator":',
        "if role == Role.OPERATOR and region is None:",
        "if role not in Role.values:",
        "is_staff=demo.role == Role.ADMIN,",
        "REPORTERS = (Role.OPERATOR, Role.CURATOR, Role.ADMIN)",
        'may_decide = user.role in {"admin", "curator"}',
        "User.objects.filter(role=Role.OPERATOR, is_active=True)",
        'condition=~Q(role="operator") | Q(region__isnull=False),',
        "User.objects.filter(role__in=[Role.CURATOR, Role.ADMIN])",
        "return roles_required(*MINISTRY_ROLES)(view)",
    ],
)
def test_the_detector_finds_role_comparisons(line):
    assert role_checks(line) == [line.strip()]


@pytest.mark.parametrize(
    "line",
    [
        "if user.administers_protocols:",
        '{% if user.decides_reports %}<a href="#">',
        '<span title="{{ user.get_role_display }}">',
        'DemoUser("admin", "admin-protokol", Role.ADMIN, "Мелихова", "Светлана", "Евгеньевна"),',
        '"role": demo.role,',
        'role = models.CharField("роль", max_length=16, choices=Role.choices)',
        'parser.add_argument("--role", required=True, help=f"роль: {roles}")',
        '<svg class="tile-map" role="img">',
    ],
)
def test_the_detector_leaves_policy_questions_and_role_assignments_alone(line):
    assert role_checks(line) == []


def _sources() -> list[Path]:
    files = [*SRC.rglob("*.py"), *SRC.rglob("*.html"), *SRC.rglob("*.txt")]
    return sorted(p for p in files if p != POLICY and "migrations" not in p.parts)


def test_no_role_is_compared_outside_the_policy_module():
    found = {
        str(path.relative_to(SRC)): checks
        for path in _sources()
        if (checks := role_checks(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "ask the user's policy (accounts/policy.py) instead"


def test_the_policy_module_is_where_roles_are_read():
    # The exemption above must not be for an empty file.
    assert role_checks(POLICY.read_text(encoding="utf-8"))


def test_core_asks_the_policy_without_importing_accounts():
    # core sits below every app (AGENTS.md): its access checks and the visibility choke
    # point ask ``core.people.Person`` duck-typed; organizations' scope does the same.
    modules = [
        SRC / "core" / "access.py",
        SRC / "core" / "visibility.py",
        SRC / "core" / "people.py",
        SRC / "organizations" / "querysets.py",
    ]
    importing = [
        str(path.relative_to(SRC))
        for path in modules
        if re.search(r"^\s*(?:from|import)\s+protokol\.accounts\b", path.read_text(), re.M)
    ]
    assert importing == []
