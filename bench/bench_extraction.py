"""Latency and throughput of ``protokol.extraction`` (run: python bench/bench_extraction.py).

Prints the cold start (first parse, dictionaries included), the sample's parse time p50/p95
over 200 runs after warm-up (target < 10 ms), and the throughput on a synthetic protocol of
about 1.5 MB built from the sample's sections renumbered (target ≥ 1 MB/s), the time per
MB of each hostile input of ``tests/extraction/adversarial.py`` (target < 1 s/MB), and the
time each hostile file takes to be read and parsed, as an import does: with the default
limits, and — for a file the limits refuse — without the inflation limit, which is what the
readers' own work costs.
"""

from __future__ import annotations

import itertools
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from protokol.extraction.numerals import to_roman

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "samples" / "sample_protocol.txt"
RUNS = 200
WARM_UP = 20
TARGET_BYTES = 1_500_000
_HEADING = re.compile(r"^(\**)([IVX]+)\. ", re.MULTILINE)

COLD_START = f"""
import time
started = time.perf_counter()
from protokol.extraction import parse_text
parse_text(open({str(SAMPLE)!r}, encoding="utf-8").read())
print(time.perf_counter() - started)
"""


def long_protocol(sample: str, target: int) -> str:
    """The sample's header and attendees, then its nine sections repeated and renumbered."""
    first = _HEADING.search(sample)
    signature = sample.rindex("Заместитель директора Департамента")
    assert first is not None
    head, body, tail = (
        sample[: first.start()],
        sample[first.start() : signature],
        sample[signature:],
    )
    starts = [m.start() for m in _HEADING.finditer(body)] + [len(body)]
    sections = [body[a:b] for a, b in itertools.pairwise(starts)]
    parts = [head]
    size = len(head.encode())
    number = 0
    while size < target:
        section = sections[number % len(sections)]
        number += 1
        numeral = to_roman(number)
        renumbered = _HEADING.sub(lambda m, n=numeral: f"{m.group(1)}{n}. ", section, count=1)
        parts.append(renumbered)
        size += len(renumbered.encode())
    parts.append(tail)
    return "".join(parts)


def cold_start() -> float:
    completed = subprocess.run(
        [sys.executable, "-c", COLD_START], capture_output=True, text=True, check=True
    )
    return float(completed.stdout.strip())


def main() -> None:
    from protokol.extraction import parse_text

    print(f"cold start (import + first parse): {cold_start() * 1000:.0f} ms")

    sample = SAMPLE.read_text(encoding="utf-8")
    for _ in range(WARM_UP):
        parse_text(sample)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        parse_text(sample)
        timings.append(time.perf_counter() - started)
    quantiles = statistics.quantiles(timings, n=100)
    print(
        f"sample ({len(sample.encode()) / 1024:.1f} KiB), {RUNS} runs: "
        f"p50 {quantiles[49] * 1000:.1f} ms, p95 {quantiles[94] * 1000:.1f} ms (target < 10 ms)"
    )

    text = long_protocol(sample, TARGET_BYTES)
    megabytes = len(text.encode()) / 1_000_000
    started = time.perf_counter()
    result = parse_text(text)
    elapsed = time.perf_counter() - started
    sections = len(result.documents[-1].sections)
    print(
        f"synthetic protocol {megabytes:.2f} MB, {sections} sections, "
        f"{len(result.instructions)} instructions: {elapsed:.2f} s, "
        f"{megabytes / elapsed:.2f} MB/s (target ≥ 1 MB/s)"
    )

    sys.path.insert(0, str(ROOT))
    from tests.extraction.adversarial import adversarial_inputs

    for name, hostile in adversarial_inputs():
        size = len(hostile.encode()) / 1_000_000
        started, cpu_started = time.perf_counter(), time.process_time()
        parse_text(hostile)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        # CPU time beside wall time: on a shared machine only the first is this parse's own.
        print(
            f"hostile input «{name}», {size:.2f} MB: {elapsed / size:.2f} s/MB "
            f"(CPU {cpu / size:.2f} s/MB; target < 1 s/MB)"
        )

    hostile_files()


def hostile_files() -> None:
    from tests.extraction.adversarial import hostile_files as files

    from protokol.extraction import ExtractionConfig, ExtractionError, parse_bytes
    from protokol.extraction.config import ReadLimits

    unlimited = ExtractionConfig(limits=ReadLimits(unpacked_ratio=10**9))
    for name, filename, data, content in files():
        megabytes = content / 1_000_000
        for label, config in (("", None), (", without the inflation limit", unlimited)):
            started = time.process_time()
            try:
                parse_bytes(data, filename=filename, config=config)
                outcome = "read"
            except ExtractionError as error:
                outcome = f"refused ({error.code})"
            elapsed = time.process_time() - started
            # CPU time: on a shared machine wall time is not this parse's own.
            print(
                f"hostile file «{name}»{label}, {len(data) / 1024:.1f} KB "
                f"({megabytes:.2f} MB of content): {outcome} in {elapsed * 1000:.0f} ms CPU, "
                f"{elapsed * 1000 / megabytes:.0f} ms/MB"
            )
            if outcome == "read":
                break


if __name__ == "__main__":
    main()
