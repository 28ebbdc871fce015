"""Two workers running the reminder round at the same moment on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection

from protokol.notifications import reminders
from protokol.notifications.models import Notification
from tests.notifications.conftest import moscow

DUE = dt.date(2026, 12, 10)


# Skipped by a mark, not inside the test: a skip taken after the transactional database was
# set up would still flush it, and with it the regions every later test needs.
@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_racing_send_each_reminder_once(controlled, operators, monkeypatch):
    from django.db import connections

    assignments = controlled(DUE, n=30)  # 60 assignments
    with time_machine.travel(moscow(dt.date(2026, 11, 26), 15), tick=False):
        reminders.run_reminders()  # plans every row

    # Both runners read the same due rows before either claims one: a true race.
    barrier = threading.Barrier(2, timeout=30)
    real = reminders._operators_by_region
    local = threading.local()

    def operators_after_both_have_read(codes):
        if not getattr(local, "waited", False):
            local.waited = True
            barrier.wait()
        return real(codes)

    monkeypatch.setattr(reminders, "_operators_by_region", operators_after_both_have_read)
    runs, errors = [], []
    moment = moscow(dt.date(2026, 12, 1), 10)

    def worker():
        try:
            runs.append(reminders.run_reminders(moment))
        except Exception as error:  # surfaced below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sum(run.claimed for run in runs) == len(assignments) == 60
    assert sum(run.skipped_claims for run in runs) == 60  # the loser saw every row taken
    assert sum(run.digests for run in runs) == 2  # overdue + region digest, once each
    reminders_sent = Notification.objects.filter(kind="reminder")
    assert reminders_sent.count() == 60
    assert sorted(reminders_sent.values_list("assignment_id", flat=True)) == sorted(
        a.pk for a in assignments
    )
    assert Notification.objects.filter(kind="digest").count() == 2  # one per operator
