"""Debian's Chromium driven by Playwright, the one way every browser test starts it.

Never `playwright install`: the browser is the Debian package `.ci/run` installs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
# Screenshots of every browser test, looked at by people (README, reviews).
ARTIFACTS = Path("var/artifacts/browser")


@contextmanager
def launched_chromium() -> Iterator[Any]:
    """The browser, Russian locale; the live server runs in a thread of this process, and
    Playwright's sync API keeps an event loop in the test thread, which Django would
    otherwise take for async code."""
    sync_api = pytest.importorskip("playwright.sync_api")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-dev-shm-usage",
                    "--lang=ru-RU",
                ],
            )
            try:
                yield browser
            finally:
                browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
