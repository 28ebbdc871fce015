"""Time of every request of the route fuzzer, and of the known heavy inputs (`make bench`).

On a fresh SQLite database in a temporary folder, the sample protocol published to every
region but Белгородская область (about 1,550 assignments, the isolation walk's world at
full size), it sends the route fuzzer's matrix (tests/security/route_fuzz.py: every named
route × persona × hostile value, the test suite's walk) and prints its counts, the answers
≥ 500 and the ten slowest requests (target: none over 1 s). Then it times, in CPU of this
process, the inputs that once took seconds: the number answers «1e400000» and «1e5000»
through the report form and through the API, and the upload of a 78 KB text that is one
long run of spaces (target < 100 ms each). Set DATABASE_URL to measure PostgreSQL.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "samples" / "sample_protocol.txt"
REQUEST_TARGET = 1.0  # seconds, wall clock
INPUT_TARGET = 0.1  # seconds of CPU
NUMBER_FIELD = [{"key": "quota", "label": "Квота слушателей", "type": "number", "required": True}]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "protokol.project.settings")
    os.environ["PROTOKOL_DATA_DIR"] = tempfile.mkdtemp(prefix="protokol-bench-")
    os.environ["DEBUG"] = "0"  # the production error pages, and no query log
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from tests.factories import make_user, publish_sample, review_sample
    from tests.security import route_fuzz
    from tests.security.test_region_isolation import ROUTES, build_world

    from protokol.protocols.importing import Upload, run_import, start_import
    from protokol.regions.models import Region

    logging.getLogger("axes").setLevel(logging.ERROR)  # a warning per refused login otherwise
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    users = {
        "admin": make_user("admin", "admin"),
        "curator": make_user("curator", "curator"),
        "observer": make_user("observer", "observer"),
        "operator": make_user("moscow", "operator", "77"),
    }
    job = run_import(start_import([Upload("protocol.txt", SAMPLE.read_bytes())], users["admin"]).pk)
    assert job.protocol is not None, job.error
    draft = review_sample(job.protocol, users["admin"])
    others = list(Region.objects.exclude(code="31").values_list("code", flat=True))
    world = build_world(publish_sample(draft, users["admin"], regions=others), users["operator"])

    def signed_in(user):
        def client() -> Client:
            made = Client(raise_request_exception=False)
            if user is not None:
                made.force_login(user)
            return made

        return client

    clients = {"anonymous": signed_in(None)} | {name: signed_in(u) for name, u in users.items()}
    database = django.db.connection.vendor
    started = time.perf_counter()
    matrix = route_fuzz.run(clients, ROUTES, world)
    print(
        f"route fuzzer on {database}: {matrix.summary()} in {time.perf_counter() - started:.0f} s"
    )
    for outcome in matrix.server_errors[:20]:
        print(f"  ≥ 500: {outcome.describe()}")
    slowest = sorted(matrix.outcomes, key=lambda o: o.wall, reverse=True)[:10]
    worst = slowest[0]
    print(f"worst request: {worst.describe()} — {worst.wall * 1000:.0f} ms wall, "
          f"{worst.cpu * 1000:.0f} ms CPU (target < {REQUEST_TARGET * 1000:.0f} ms)")  # fmt: skip
    print("the ten slowest:")
    for outcome in slowest:
        print(f"  {outcome.wall * 1000:7.0f} ms wall, {outcome.cpu * 1000:6.0f} ms CPU  "
              f"{outcome.describe()}")  # fmt: skip
    heavy_inputs(users, world, signed_in)


def heavy_inputs(users, world, signed_in) -> None:
    """CPU of the inputs that used to take seconds, each in one request."""
    from django.urls import reverse

    from protokol.assignments.models import Assignment
    from protokol.protocols.models import Instruction

    operator, admin = signed_in(users["operator"])(), signed_in(users["admin"])()
    # One untouched Moscow assignment per measurement (a report changes its state), each
    # of an instruction that now asks for a number.
    untouched = iter(
        Assignment.objects.filter(region_id="77", reports=None, extension_requests=None)
        .exclude(state=Assignment.State.CANCELLED)
        .order_by("pk")
    )
    print(f"heavy inputs (target < {INPUT_TARGET * 1000:.0f} ms of CPU each):")
    for number in ("1e400000", "1e5000"):
        for channel in ("report form", "API"):
            assignment = next(untouched)
            Instruction.objects.filter(pk=assignment.instruction_id).update(
                report_template=NUMBER_FIELD
            )
            if channel == "API":
                url = reverse("api-v1:submit_report", kwargs={"assignment_id": assignment.pk})
                answers = json.dumps({"quota": number})
                body = {"text": "Отчёт", "kind": "final", "answers": answers}
            else:
                url = reverse("assignments:act", args=[assignment.pk, "submit"])
                body = {"version": assignment.version, "text": "Отчёт", "answer__quota": number}
            _timed(f"{channel}, number «{number}»", operator, url, body)
    spaces = "ПРОТОКОЛ\n".encode() + b" " * 78_000 + "\n1. Обеспечить.\n".encode()
    upload = {"files": [_named(spaces, "spaces.txt")]}
    _timed(
        "import upload, 78 KB with one run of spaces", admin, reverse("protocols:import"), upload
    )


def _named(data: bytes, name: str):
    import io

    handle = io.BytesIO(data)
    handle.name = name
    return handle


def _timed(label: str, client, url: str, body: dict) -> None:
    from tests.security.route_fuzz import server_errors

    with server_errors() as errors:
        started, cpu = time.perf_counter(), time.process_time()
        response = client.post(url, body)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - started
    mark = "" if cpu < INPUT_TARGET else "  ← over target"
    error = f" ({errors[0]})" if errors else ""
    print(f"  {cpu * 1000:7.1f} ms CPU ({wall * 1000:.0f} ms wall), answer {response.status_code}"
          f"{error}: {label}{mark}")  # fmt: skip


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT))
    main()
