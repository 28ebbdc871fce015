from django.core.checks import run_checks
from django.core.management import call_command

from protokol.core.checks import production_settings


def test_development_settings_are_flagged_for_deploy(settings):
    settings.PRODUCTION = False
    ids = {problem.id for problem in production_settings(None)}
    assert "protokol.W001" in ids


def test_production_with_console_mail_is_an_error(settings):
    settings.PRODUCTION = True
    settings.DEBUG = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    ids = {problem.id for problem in production_settings(None)}
    assert ids == {"protokol.E002"}


def test_the_project_passes_its_own_checks(db):
    assert [p for p in run_checks() if p.is_serious()] == []
    call_command("check")
