"""Background tasks of the protocols app (run by `protokol db_worker`)."""

from __future__ import annotations

from django_tasks import task

from protokol.protocols.importing import run_import


@task()
def run_import_task(job_id: int) -> str:
    return run_import(job_id).state
