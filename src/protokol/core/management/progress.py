"""Progress bars for long commands (rich), on stderr so that stdout stays parseable."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)


class Bars:
    """One bar per stage: ``start(description, total)`` then ``advance(n)``."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._task: TaskID | None = None

    def start(self, description: str, total: int) -> None:
        if self._task is not None:
            self._progress.update(self._task, completed=self._progress.tasks[-1].total)
        self._task = self._progress.add_task(description, total=max(total, 0))

    def advance(self, step: int = 1) -> None:
        if self._task is not None:
            self._progress.advance(self._task, step)


@contextmanager
def progress_bars(enabled: bool = True, **console_options: Any) -> Iterator[Bars]:
    console = Console(stderr=True, **console_options)
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not enabled,
        transient=False,
    )
    with progress:
        yield Bars(progress)
