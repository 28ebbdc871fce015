from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from django.core.management import call_command


@pytest.fixture
def run():
    """``run("backup", "--output", path)`` → (stdout, stderr) of an in-process command."""

    def invoke(*args: str, **options):
        out, err = io.StringIO(), io.StringIO()
        call_command(*args, stdout=out, stderr=err, **options)
        return out.getvalue(), err.getvalue()

    return invoke


@pytest.fixture
def protokol_process():
    """The real console script in a subprocess (for help texts and Django-free parse)."""

    def invoke(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "protokol.cli", *args],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, **env},
        )

    return invoke
