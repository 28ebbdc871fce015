"""Background tasks of the notifications app, run by `protokol worker`.

The periodic driver. There is no cron: ``run_reminders_task`` does one round (plan and
queue reminders and digests, send due e-mails) and then enqueues *itself* again with
``run_after`` set to the next moment something becomes due (a reminder, a digest, an
e-mail retry), at most ``MAX_SLEEP`` away so new publications are planned promptly.
`protokol worker` enqueues the first round when none is waiting, so the chain starts
with the worker and survives restarts. Several workers may run the same round at once:
every reminder is claimed by a conditional UPDATE, so nothing is sent twice; a round
that finds another round already waiting does not start a second chain.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_tasks import task

from protokol.notifications import delivery, reminders

MAX_SLEEP = dt.timedelta(minutes=5)
MIN_SLEEP = dt.timedelta(seconds=10)


@task()
def run_reminders_task() -> dict[str, Any]:
    """One round of the periodic driver; re-enqueues itself (see the module docstring)."""
    try:
        run = reminders.run_reminders()
        sent = delivery.send_queued()
    finally:
        # Even a failed round schedules the next one: the chain must not die with it.
        next_at = schedule_next_round()
    return {
        **run.as_dict(),
        **sent.as_dict(),
        "next_run": next_at.isoformat() if next_at else None,
    }


def next_round_time(now: dt.datetime) -> dt.datetime:
    candidates = [now + MAX_SLEEP]
    for moment in (reminders.next_run_time(now), delivery.next_attempt_time()):
        if moment is not None:
            candidates.append(moment)
    return max(min(candidates), now + MIN_SLEEP)


def waiting_rounds() -> Any:
    """Rounds already enqueued and not yet started (database backend only)."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    # Not ``.ready()``: that one also requires ``run_after`` to have passed.
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=run_reminders_task.module_path
    )


def schedule_next_round(now: dt.datetime | None = None) -> dt.datetime | None:
    """Enqueue the next round unless one is already waiting; None when the backend runs
    tasks at once (tests, the immediate backend): a chain would then never end."""
    if not run_reminders_task.get_backend().supports_defer:
        return None
    now = now or timezone.now()
    at = next_round_time(now)
    if _uses_database_backend() and waiting_rounds().exists():
        return at
    run_reminders_task.using(run_after=at).enqueue()
    return at


def ensure_periodic() -> bool:
    """Start the chain if no round is waiting (called by `protokol worker`); True if started."""
    if not run_reminders_task.get_backend().supports_defer:
        return False
    if _uses_database_backend() and waiting_rounds().exists():
        return False
    run_reminders_task.enqueue()
    return True


def _uses_database_backend() -> bool:
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(run_reminders_task.get_backend(), DatabaseBackend)
