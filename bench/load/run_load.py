"""A bounded load test on loopback (run: make load).

89 regional operators and 10 ministry users for LOAD_SECONDS (default 120) against two
gunicorn worker processes and two task workers sharing a PostgreSQL database of its own.
Operators open their home and assignments and submit reports; ministry users open the
dashboard, the map, the protocol progress and the desk, and accept reports.

Pass: zero server errors, and zero lost reports — every report the server acknowledged
(a redirect after the submission) is in the database. Prints p50/p95/p99 per request kind.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SERVER = "postgresql://postgres@127.0.0.1:5432"
DATABASE = "protokol_load"
PORT = int(os.environ.get("LOAD_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
SECONDS = int(os.environ.get("LOAD_SECONDS", "120"))
RAMP_UP = min(30.0, SECONDS / 4)
VERSION = re.compile(r'name="version" value="(\d+)"')
ASSIGNMENT_LINK = re.compile(r'href="/assignments/(\d+)/"')
DECIDE = re.compile(r'action="/assignments/reports/(\d+)/decide/"')


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.status: Counter[str] = Counter()
        self.acknowledged_reports = 0
        self.errors: list[str] = []

    def record(self, kind: str, response: requests.Response | None, seconds: float) -> None:
        with self.lock:
            self.latency[kind].append(seconds)
            code = response.status_code if response is not None else 0
            self.status[f"{code // 100}xx" if code else "connection"] += 1
            if code >= 500 or code == 0:
                self.errors.append(f"{kind} → {code}")


def timed(stats: Stats, kind: str, call, *args, **kwargs) -> requests.Response | None:
    started = time.perf_counter()
    try:
        response = call(*args, timeout=30, allow_redirects=False, **kwargs)
    except requests.RequestException:
        response = None
    stats.record(kind, response, time.perf_counter() - started)
    return response


def signed_in(username: str, password: str, stats: Stats) -> requests.Session:
    session = requests.Session()
    timed(stats, "login page", session.get, f"{BASE}/accounts/login/")
    token = session.cookies.get("csrftoken", "")
    timed(
        stats,
        "login",
        session.post,
        f"{BASE}/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
    )
    return session


def operator(username: str, password: str, stats: Stats, until: float, delay: float) -> None:
    time.sleep(delay)  # users arrive over the ramp-up, as people do at the start of a day
    session = signed_in(username, password, stats)
    home = timed(stats, "operator home", session.get, f"{BASE}/assignments/")
    ids = sorted(set(ASSIGNMENT_LINK.findall(home.text))) if home is not None else []
    while ids and time.monotonic() < until:
        pk = random.choice(ids)
        page = timed(stats, "assignment page", session.get, f"{BASE}/assignments/{pk}/")
        found = VERSION.search(page.text) if page is not None else None
        if found:
            response = timed(
                stats,
                "submit report",
                session.post,
                f"{BASE}/assignments/{pk}/submit/",
                data={
                    "version": found.group(1),
                    "text": f"Исполнено ({username}, {time.time()})",
                    "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
                },
            )
            if response is not None and response.status_code == 302:
                with stats.lock:
                    stats.acknowledged_reports += 1
        time.sleep(random.uniform(0.5, 1.5))
        timed(stats, "operator home", session.get, f"{BASE}/assignments/")


def ministry(
    username: str, password: str, protocol: int, stats: Stats, until: float, delay: float
) -> None:
    time.sleep(delay)
    session = signed_in(username, password, stats)
    pages = [
        ("dashboard", "/control/"),
        ("map", "/control/map/"),
        ("protocol progress", f"/control/protocols/{protocol}/"),
    ]
    while time.monotonic() < until:
        kind, path = random.choice(pages)
        timed(stats, kind, session.get, BASE + path)
        desk = timed(stats, "desk", session.get, f"{BASE}/assignments/desk/")
        reports = DECIDE.findall(desk.text) if desk is not None and desk.status_code == 200 else []
        if reports:
            timed(
                stats,
                "accept report",
                session.post,
                f"{BASE}/assignments/reports/{random.choice(reports)}/decide/",
                data={
                    "decision": "accept",
                    "next": "/assignments/desk/",
                    "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
                },
            )
        time.sleep(random.uniform(1.0, 2.0))


def reset_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> int:
    data_dir = Path(tempfile.mkdtemp(prefix="protokol-load-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
        "PROTOKOL_DATA_DIR": str(data_dir),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "AXES_FAILURE_LIMIT": "1000",
    }
    reset_database()
    subprocess.run([BIN / "protokol", "migrate", "-v0"], env=env, check=True)
    setup = subprocess.run(
        [BIN / "python", ROOT / "bench/load/setup_data.py"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    people = json.loads(setup.stdout.strip().splitlines()[-1])
    processes = [
        # Two application server processes, each with a few threads for requests that wait
        # on the database.
        subprocess.Popen(
            [
                BIN / "gunicorn",
                "protokol.project.wsgi",
                "-w",
                "2",
                "-k",
                "gthread",
                "--threads",
                "4",
                "-b",
                f"127.0.0.1:{PORT}",
                "--log-level",
                "warning",
            ],
            env=env,
        ),
        *(
            subprocess.Popen(
                [BIN / "protokol", "worker", "-v0"], env=env, stdout=subprocess.DEVNULL
            )
            for _ in range(2)
        ),
    ]
    try:
        for _ in range(60):
            try:
                requests.get(f"{BASE}/accounts/login/", timeout=2)
                break
            except requests.RequestException:
                time.sleep(0.5)
        stats = Stats()
        until = time.monotonic() + SECONDS
        users = len(people["operators"]) + len(people["ministry"])
        delays = iter(RAMP_UP * n / users for n in range(users))
        threads = [
            threading.Thread(
                target=operator, args=(name, people["password"], stats, until, next(delays))
            )
            for name in people["operators"]
        ] + [
            threading.Thread(
                target=ministry,
                args=(name, people["password"], people["protocol"], stats, until, next(delays)),
            )
            for name in people["ministry"]
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SECONDS + 60)
        elapsed = time.monotonic() - started
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=30)
    with psycopg.connect(f"{SERVER}/{DATABASE}") as connection:
        stored = connection.execute(
            "SELECT count(*) FROM assignments_report WHERE kind = 'final'"
        ).fetchone()[0]
    shutil.rmtree(data_dir, ignore_errors=True)
    reset_database()

    all_latency = [v for values in stats.latency.values() for v in values]
    print(
        f"load: {len(threads)} users, {elapsed:.0f} s, {len(all_latency)} requests "
        f"({len(all_latency) / elapsed:.1f}/s); statuses {dict(stats.status)}"
    )
    print(f"{'request':<20}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for kind, values in sorted(stats.latency.items()):
        print(
            f"{kind:<20}{len(values):>7}{percentile(values, 0.5):>9.0f}"
            f"{percentile(values, 0.95):>9.0f}{percentile(values, 0.99):>9.0f}"
        )
    print(
        f"{'all':<20}{len(all_latency):>7}{statistics.median(all_latency) * 1000:>9.0f}"
        f"{percentile(all_latency, 0.95):>9.0f}{percentile(all_latency, 0.99):>9.0f}"
    )
    lost = stats.acknowledged_reports - stored
    print(
        f"reports acknowledged to clients: {stats.acknowledged_reports}; in the database: "
        f"{stored}; lost: {lost}; server errors: {len(stats.errors)}"
    )
    return 1 if stats.errors or lost else 0


if __name__ == "__main__":
    sys.exit(main())
