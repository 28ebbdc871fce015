"""Defences that must not regress: CSP, login throttling, deploy checks, no inline script."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

SRC = Path(__file__).resolve().parents[2] / "src" / "protokol"


def test_pages_carry_a_strict_content_security_policy(client, db):
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("template", sorted(SRC.rglob("templates/**/*.html")), ids=lambda p: p.name)
def test_templates_have_no_inline_script_or_style(template):
    text = template.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script>"
    assert not re.search(r"\sstyle=\"", text), "inline style attribute"
    assert not re.search(r"\son[a-z]+=\"", text), "inline event handler"


def test_password_guessing_is_locked_out_in_russian(client, operator_a):
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": "belgorod", "password": "не тот"})
    response = client.post(url, {"username": "belgorod", "password": "пароль-для-тестов"})
    assert response.status_code == 429
    assert "Вход временно заблокирован" in response.content.decode()


def test_a_successful_login_after_few_failures_is_not_blocked(client, operator_a):
    url = reverse("accounts:login")
    for _ in range(2):
        client.post(url, {"username": "belgorod", "password": "не тот"})
    response = client.post(url, {"username": "belgorod", "password": "пароль-для-тестов"})
    assert response.status_code == 302


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    environment = {
        **os.environ,
        "PROTOKOL_ENV": "production",
        "SECRET_KEY": "k" * 30 + "Zx9-production-secret-key-for-the-check",
        "DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/test",
        "ALLOWED_HOSTS": "protokol.example.ru",
        "EMAIL_HOST": "smtp.example.ru",
        "PROTOKOL_DATA_DIR": str(tmp_path),
        "DEBUG": "",
    }
    result = subprocess.run(
        [sys.executable, "-m", "protokol.cli", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
