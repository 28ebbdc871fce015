"""`protokol worker`: the database task worker that also drives reminders by itself."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.utils import timezone

from protokol.notifications.delivery import send_notifications_task
from protokol.notifications.models import Notification
from protokol.notifications.tasks import run_reminders_task

BATCH = ("--batch", "--no-reload", "--no-startup-delay", "--verbosity", "0")


@pytest.fixture(autouse=True)
def _keep_the_test_transaction(monkeypatch):
    """The worker drops connections whose autocommit differs from the settings — which
    is the test's own transaction on PostgreSQL; the test keeps it (SQLite ignores it)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _results(task):
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=task.module_path)


def test_the_worker_starts_the_reminder_round_which_enqueues_its_next_run(database_queue, db):
    call_command("worker", *BATCH)
    rounds = _results(run_reminders_task)
    assert rounds.filter(status="SUCCESSFUL").count() == 1
    (waiting,) = rounds.filter(status="READY")
    assert waiting.run_after > timezone.now()
    # A second worker (or a restart) does not start a second chain.
    call_command("worker", *BATCH)
    assert rounds.filter(status="READY").count() == 1
    assert rounds.count() == 2


def test_make_run_publishing_the_sample_sends_the_notices_to_the_console(
    settings, operators, ready_draft, ministry_admin, capsys,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    from protokol.publication.publishing import publish
    from protokol.publication.sample import SAMPLE_ACCEPTANCE

    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        publish(ready_draft, ministry_admin, SAMPLE_ACCEPTANCE)
    # Publication only queued: the web request never waits for SMTP.
    assert _results(send_notifications_task).filter(status="READY").count() == 1
    assert set(Notification.objects.values_list("state", flat=True)) == {"queued"}
    capsys.readouterr()
    call_command("worker", *BATCH)
    out = capsys.readouterr().out
    assert "To: belgorod@example.ru" in out and "To: moscow@example.ru" in out
    # The extract attached under its Cyrillic name (RFC 2231).
    assert f"filename*=utf-8''{quote('Выписка Д05-98-05пр')}" in out
    assert set(Notification.objects.values_list("state", flat=True)) == {"sent"}
