"""Control pages at national scale (run: make bench-national; not part of CI).

Builds a year of a national ministry on PostgreSQL in a database of its own
(``protokol_bench``, created if missing, kept between runs; ``--rebuild`` starts again):
300 protocols, 6,000 instructions, 400,000 assignments, 200,000 reports. Then measures
server time with Django's test client, after warm-up, and prints p50 / p95 for the
department dashboard, a protocol matrix (20 instructions × 89 regions), a region home
(operator), the map and the XLSX export of one protocol.
Targets: p95 ≤ 300 ms for pages, ≤ 3 s for the export.

BENCH_DATABASE_URL overrides postgresql://postgres@127.0.0.1:5432/protokol_bench.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/protokol_bench")
PROTOCOLS, PER_PROTOCOL, ASSIGNMENTS, REPORTS = 300, 20, 400_000, 200_000
BATCH = 5_000


def ensure_database(rebuild: bool) -> None:
    import psycopg

    base, _, name = URL.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            conn.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def build(today: dt.date) -> None:
    """Deterministic data (seeded), inserted in batches; about a minute on a laptop."""
    from django.db import connection, transaction
    from django.utils import timezone

    from protokol.accounts.models import Role, User
    from protokol.assignments.models import Assignment, Report
    from protokol.protocols.models import Instruction, Protocol
    from protokol.regions.models import Region

    rng = random.Random(2024)
    codes = list(Region.objects.values_list("code", flat=True))
    admin = User.objects.create_user("bench-admin", role=Role.ADMIN, last_name="Админ")
    curators = [
        User.objects.create_user(f"bench-curator-{n}", role=Role.CURATOR, last_name=f"Куратор{n}")
        for n in range(10)
    ]
    operators = {
        code: User.objects.create_user(f"bench-op-{code}", role=Role.OPERATOR, region_id=code)
        for code in codes
    }
    start = today - dt.timedelta(days=365)
    protocols = Protocol.objects.bulk_create(
        Protocol(
            state=Protocol.State.PUBLISHED, number=f"Б-{n + 1}/05пр",
            date=start + dt.timedelta(days=n * 365 // PROTOCOLS),
            title="совещания по вопросам среднего профессионального образования",
            published_at=timezone.now(),
        )
        for n in range(PROTOCOLS)
    )  # fmt: skip
    # Protocol 0 addresses every instruction to all 89 regions (the matrix measured);
    # elsewhere about a third go to 22 listed regions, which lands on 400,000 assignments.
    total = PROTOCOLS * PER_PROTOCOL - PER_PROTOCOL
    subset = set(list(range(0, total, 3))[:2000]) | set(range(1, 19, 3))
    instructions = []
    for p_index, protocol in enumerate(protocols):
        for j in range(PER_PROTOCOL):
            g = p_index * PER_PROTOCOL + j - PER_PROTOCOL
            instructions.append(
                Instruction(
                    protocol=protocol,
                    position=j,
                    code=f"{j // 4 + 1}.{j % 4 + 1}",
                    number=str(j % 4 + 1),
                    text=f"обеспечить проведение мероприятия № {j + 1} по развитию среднего "
                    "профессионального образования и направить информацию о его итогах",
                    deadline_date=protocol.date + dt.timedelta(days=30 + 3 * j),
                    all_regions=not (p_index and g in subset),
                    curator=rng.choice(curators),
                    state=Instruction.State.PUBLISHED,
                )
            )
    Instruction.objects.bulk_create(instructions, batch_size=BATCH)
    instructions = list(Instruction.objects.order_by("pk"))
    rows = []
    for instruction in instructions:
        targets = codes if instruction.all_regions else rng.sample(codes, 22)
        for code in targets:
            rows.append((instruction.pk, code, instruction.deadline_date))
    past = [r for r in rows if r[2] < today]
    future = [r for r in rows if r[2] >= today]
    rng.shuffle(past)
    rng.shuffle(future)
    ordered = past + future  # the reported ones are mostly those whose term has passed
    reported = set(range(min(REPORTS, len(ordered))))
    S = Assignment.State
    objects = []
    for index, (instruction_id, code, due) in enumerate(ordered):
        if index in reported:
            state = rng.choices([S.ACCEPTED, S.SUBMITTED, S.RETURNED], [75, 15, 10])[0]
        else:
            state = rng.choices([S.ISSUED, S.ACKNOWLEDGED, S.IN_PROGRESS], [40, 30, 30])[0]
        objects.append(
            Assignment(instruction_id=instruction_id, region_id=code, due_date=due, state=state)
        )
    with transaction.atomic():
        for n in range(0, len(objects), BATCH):
            Assignment.objects.bulk_create(objects[n : n + BATCH])
    reports = []
    decided = timezone.now()
    for assignment in (
        Assignment.objects.filter(state__in=(S.ACCEPTED, S.SUBMITTED, S.RETURNED))
        .values("pk", "state", "region_id")
        .iterator(chunk_size=BATCH)
    ):
        decision = {S.ACCEPTED: "accepted", S.RETURNED: "returned"}.get(assignment["state"], "")
        reports.append(
            Report(
                assignment_id=assignment["pk"],
                number=1,
                text="Мероприятие проведено.",
                submitted_by=operators[assignment["region_id"]],
                decision=decision,
                decided_by=admin if decision else None,
                decided_at=decided if decision else None,
            )
        )
    with transaction.atomic():
        for n in range(0, len(reports), BATCH):
            Report.objects.bulk_create(reports[n : n + BATCH])
    with connection.cursor() as cursor:
        # auto_now_add stamped every report «now»: spread them around their terms instead
        # (some late), so on-time rates and weekly trends have something to count.
        cursor.execute(
            """UPDATE assignments_report r
               SET submitted_at = (a.due_date + ((r.id % 25) - 12) * INTERVAL '1 day')
                                   + INTERVAL '10 hours',
                   decided_at = CASE WHEN r.decision <> '' THEN
                       (a.due_date + ((r.id % 25) - 10) * INTERVAL '1 day') END
               FROM assignments_assignment a WHERE a.id = r.assignment_id"""
        )
        cursor.execute("ANALYZE")


def measure(client, url: str, runs: int, warm: int = 3) -> tuple[float, float]:
    for _ in range(warm):
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95


def main() -> None:
    rebuild = "--rebuild" in sys.argv
    ensure_database(rebuild)
    os.environ["DATABASE_URL"] = URL
    os.environ.setdefault("DEBUG", "false")  # no query log: measure what production runs
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "protokol.project.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings
    from django.urls import reverse
    from django.utils import timezone

    from protokol.accounts.models import User
    from protokol.assignments.models import Assignment, Report
    from protokol.protocols.models import Instruction, Protocol

    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    if not Protocol.objects.filter(number__startswith="Б-").exists():
        started = time.perf_counter()
        build(today)
        print(f"built in {time.perf_counter() - started:.0f} s")
    print(
        f"{connection.vendor}: {Protocol.objects.count()} protocols, "
        f"{Instruction.objects.count()} instructions, {Assignment.objects.count()} assignments, "
        f"{Report.objects.count()} reports"
    )
    matrix = Protocol.objects.get(number="Б-1/05пр")
    admin = Client()
    admin.force_login(User.objects.get(username="bench-admin"))
    operator = Client()
    operator.force_login(User.objects.get(username="bench-op-31"))
    cases = [
        ("department dashboard", admin, reverse("dashboards:department"), 30, 300),
        ("protocol matrix 20×89", admin, reverse("dashboards:protocol", args=[matrix.pk]), 30,
         300),
        ("region home (operator)", operator, reverse("assignments:home"), 30, 300),
        ("map (this year)", admin, reverse("dashboards:map"), 30, 300),
        ("region card", admin, reverse("dashboards:region", args=["31"]), 30, 300),
        ("rating", admin, reverse("dashboards:rating"), 15, 300),
        ("XLSX export of one protocol", admin,
         reverse("exports:protocol_xlsx", args=[matrix.pk]), 10, 3000),
    ]  # fmt: skip
    for mode, seconds in (("fresh", 0), ("cached 60 s", 60)):
        print(f"-- figures {mode} (PROTOKOL_DASHBOARD_CACHE_SECONDS={seconds})")
        with override_settings(PROTOKOL_DASHBOARD_CACHE_SECONDS=seconds):
            for label, client, url, runs, target in cases:
                p50, p95 = measure(client, url, runs)
                verdict = "ok" if p95 <= target else "SLOW"
                print(
                    f"{label:32} p50 {p50:7.0f} ms  p95 {p95:7.0f} ms  "
                    f"(target {target} ms) {verdict}"
                )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
