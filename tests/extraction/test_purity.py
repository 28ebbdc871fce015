"""The extraction package is a pure library: importing and running it never loads Django."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "sample_protocol.txt"

PARSE_SAMPLE = f"""
import sys
from protokol.extraction import parse_bytes
result = parse_bytes(open({str(SAMPLE)!r}, "rb").read(), filename="sample_protocol.txt")
assert len(result.documents) == 2, result.documents
loaded = [m for m in sys.modules if m == "django" or m.startswith("django.")]
assert not loaded, loaded
"""

# Every module of the package, found by walking it (a new module is covered without being
# named here); prints what it imported and which Django modules came with them.
IMPORT_EVERY_MODULE = """
import importlib, json, pkgutil, sys
import protokol.extraction as package
names = [package.__name__] + [
    info.name for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
]
for name in names:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(json.dumps({"imported": names, "django": loaded}))
"""


def _run(program: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=False
    )


def test_parsing_the_sample_does_not_import_django() -> None:
    completed = _run(PARSE_SAMPLE)
    assert completed.returncode == 0, completed.stderr


def test_no_module_of_the_package_imports_django() -> None:
    completed = _run(IMPORT_EVERY_MODULE)
    assert completed.returncode == 0, completed.stderr
    outcome = json.loads(completed.stdout)
    package = Path(__file__).resolve().parents[2] / "src" / "protokol" / "extraction"
    on_disk = {
        ".".join(("protokol", *path.relative_to(package.parent).with_suffix("").parts))
        for path in package.rglob("*.py")
        if path.name != "__init__.py"
    }
    # The walk reached every module file (output.py, each reader …), not just the package.
    assert on_disk <= set(outcome["imported"]), sorted(on_disk - set(outcome["imported"]))
    assert outcome["django"] == []
