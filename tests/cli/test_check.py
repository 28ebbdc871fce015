"""`protokol check` is Django's system check framework with Protokol's own checks."""

from __future__ import annotations

import pytest
from django.core.management.base import SystemCheckError


def test_check_passes_on_the_test_configuration(run, db):
    out, _ = run("check")
    assert "no issues" in out


def test_check_deploy_flags_a_development_configuration(run, db, settings):
    settings.PRODUCTION = False
    out, err = run("check", "--deploy")
    assert "protokol.W001" in out + err


def test_check_deploy_fails_on_a_production_error(run, db, settings):
    settings.PRODUCTION = True
    settings.DEBUG = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    with pytest.raises(SystemCheckError, match=r"protokol\.E002"):
        run("check", "--deploy")
