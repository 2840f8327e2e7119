"""What long work is doing, on stderr (stdout stays one line per record for scripts).

In a terminal a bar that names its phase ("loading the model", then "analysing" with a count);
from a script, one plain line per phase and per finished chunk ("analysing: 8/28 records")."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from redact.pipeline.runner import Report


@contextmanager
def reporter() -> Iterator[Report]:
    """A ``runner.Report`` drawing the phases: a rich bar on a terminal, lines otherwise."""
    if not sys.stderr.isatty():
        yield _lines()
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    bar = Progress(
        "{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with bar:
        task = bar.add_task("starting", total=None)

        def draw(phase: str, done: int, total: int) -> None:
            bar.update(task, description=phase, completed=done, total=total)

        yield draw


def _lines() -> Report:
    last: list[tuple[str, int]] = []

    def say(phase: str, done: int, total: int) -> None:
        if last and last[-1] == (phase, done):
            return
        last[:] = [(phase, done)]
        counted = f": {done}/{total} records" if phase == "analysing" else ""
        click.echo(f"{phase}{counted}", err=True)

    return say
