"""The sample protocol of the embedded default: imported, reviewed and published at start."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

from protokol.protocols.importing import Upload, run_import, start_import
from protokol.protocols.models import Protocol
from protokol.protocols.review import Acceptances, apply_default_terms, update_instruction
from protokol.publication.publishing import Publication, publish

SAMPLE_PATH = Path(settings.BASE_DIR) / "tests" / "samples" / "sample_protocol.txt"
SAMPLE_ACCEPTANCE = Acceptances(
    every="Демонстрационный образец: протокол 2024 года опубликован как есть для знакомства "
    "с системой."
)


def load_sample(admin: Any, path: Path = SAMPLE_PATH) -> tuple[Protocol, Publication | None]:
    """Import and publish the sample once; a second call finds it and does nothing.

    A reviewer's decisions are taken on the demo's behalf: the default term for
    instructions without one, all regions as meeting the ЦОПП condition of III.2, and —
    the sample being a protocol of 2024 — its past deadlines and extraction warnings
    accepted with a note in the audit trail.
    """
    job = start_import([Upload(path.name, path.read_bytes())], admin)
    # Run now rather than wait for the worker; the queued copy then finds nothing to do.
    job = run_import(job.pk)
    if job.protocol is None:
        raise RuntimeError(f"Образец не импортирован: {job.error}")
    protocol = job.protocol
    if not protocol.is_draft:
        return protocol, None
    apply_default_terms(protocol, admin)
    for instruction in protocol.instructions.exclude(condition=""):
        update_instruction(instruction, {"all_regions": True}, None, admin)
    return protocol, publish(protocol, admin, SAMPLE_ACCEPTANCE)
