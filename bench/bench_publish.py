"""Time to publish (run: python bench/bench_publish.py; `make bench` runs it).

On a fresh SQLite database in a temporary folder: the sample protocol (about 1,550
assignments, target < 2 s) and a synthetic 60-instruction protocol addressed to all
regions (5,340 assignments, target < 5 s). Set DATABASE_URL to measure PostgreSQL.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "samples" / "sample_protocol.txt"
INSTRUCTIONS = 60


def synthetic_protocol(count: int) -> str:
    items = "\n\n".join(
        f"{n}. обеспечить проведение мероприятия № {n} по развитию среднего профессионального "
        f"образования и направить информацию о его итогах.\n\nСрок — до {1 + n % 27} декабря 2024 г."
        for n in range(1, count + 1)
    )
    return (
        "ПРОТОКОЛ\n\n« 23 » октября 2024 г.\n\n№ Б-1/05пр\n\nМосква\n\n"
        "совещания Департамента с руководителями органов исполнительной власти субъектов "
        "Российской Федерации\n\nПредседательствовал:\n\nСофронова М.И.\n\n"
        "I. О мероприятиях 2024 года\n\n(Софронова)\n\nПо итогам обсуждения решили:\n\n"
        "Исполнительным органам субъектов Российской Федерации, осуществляющим "
        f"государственное управление в сфере образования:\n\n{items}\n"
    )


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "protokol.project.settings")
    os.environ["PROTOKOL_DATA_DIR"] = tempfile.mkdtemp(prefix="protokol-bench-")
    import django

    django.setup()
    from django.core.management import call_command

    from protokol.accounts.models import Role, User
    from protokol.protocols.importing import Upload, run_import, start_import
    from protokol.protocols.review import apply_default_terms, update_instruction
    from protokol.publication.publishing import publish
    from protokol.publication.sample import SAMPLE_ACCEPTANCE

    call_command("migrate", verbosity=0)
    admin = User.objects.create_user("bench", role=Role.ADMIN)

    def draft(name: str, data: bytes):
        job = run_import(start_import([Upload(name, data)], admin).pk)
        assert job.protocol is not None, job.error
        apply_default_terms(job.protocol, admin)
        for instruction in job.protocol.instructions.exclude(condition=""):
            update_instruction(instruction, {"all_regions": True}, None, admin)
        return job.protocol

    database = django.db.connection.vendor
    for label, name, data, target in (
        ("sample", "sample.txt", SAMPLE.read_bytes(), 2.0),
        (f"{INSTRUCTIONS} instructions to all regions", "synthetic.txt",
         synthetic_protocol(INSTRUCTIONS).encode(), 5.0),
    ):  # fmt: skip
        protocol = draft(name, data)
        started = time.perf_counter()
        publication = publish(protocol, admin, SAMPLE_ACCEPTANCE)
        elapsed = time.perf_counter() - started
        print(
            f"publish {label} on {database}: {len(publication.issued.created)} assignments "
            f"in {elapsed:.2f} s (target < {target:.0f} s)"
        )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
