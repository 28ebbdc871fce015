"""Peak memory of attaching a report file (run: python bench/bench_attachments.py [MB]).

On a fresh SQLite database in a temporary folder: a region's operator sends a final report
with one PDF of 25 MB (or the size given), uploaded the way Django hands a large upload
to a view — a temporary file on disk — and ``tracemalloc`` measures the Python memory
``reporting.submit_report`` takes at its peak: receiving, checking, storing. The file
itself is never in memory before the call, so the figure is what attaching costs.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


def pdf_of(size: int, path: Path) -> None:
    """A PDF of ``size`` bytes: a page and one large stream of incompressible bytes (a scan)."""
    head = (
        b"%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
        b"4 0 obj<</Type/XObject/Subtype/Image/Filter/DCTDecode>>stream\n"
    )
    tail = b"\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    with path.open("wb") as out:
        out.write(head)
        left = size - len(head) - len(tail)
        while left > 0:
            piece = os.urandom(min(MB, left))
            out.write(piece)
            left -= len(piece)
        out.write(tail)


def main(megabytes: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "protokol.project.settings")
    data_dir = tempfile.mkdtemp(prefix="protokol-bench-")
    os.environ["PROTOKOL_DATA_DIR"] = data_dir
    import django

    django.setup()
    from django.core.files.uploadedfile import TemporaryUploadedFile
    from django.core.management import call_command

    sys.path.insert(0, str(ROOT))
    from tests.factories import make_instruction, make_protocol, make_user

    from protokol.assignments import reporting

    call_command("migrate", verbosity=0)
    operator = make_user("оператор", "operator", "31")
    instruction = make_instruction(make_protocol(), regions=["31"], due=dt.date(2030, 12, 2))
    assignment = instruction.assignments.get()

    upload = TemporaryUploadedFile("Скан приказа.pdf", "application/pdf", megabytes * MB, None)
    upload.close()  # reopened below: the file is written by path, as Django's handler does
    path = Path(upload.temporary_file_path())
    pdf_of(megabytes * MB, path)
    upload.file = path.open("rb")

    tracemalloc.start()
    started = time.perf_counter()
    report = reporting.submit_report(assignment, operator, text="Приказ приложен.", files=[upload])
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    stored = report.files.get()
    print(
        f"attach a {megabytes} MB PDF: peak Python memory {peak / MB:.1f} MB "
        f"(stored {stored.size / MB:.0f} MB, {elapsed:.2f} s under tracemalloc)"
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 25)
