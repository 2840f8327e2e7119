"""Intake of a batch of files: check every input first, then seal each as a record."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

from intake.readers import read_source
from intake.readers._files import open_regular
from intake.record import Metadata, Record
from intake.vault import NewRecord, Vault
from keys.errors import UsageError


def _check_metadata(metadata: Metadata) -> None:
    if metadata.date is not None:
        try:
            dt.date.fromisoformat(metadata.date)
        except ValueError:
            raise UsageError(
                f"--date '{metadata.date}' is not a date",
                "write it as YYYY-MM-DD, e.g. --date 2026-03-14",
            ) from None
    for name, value in vars(metadata).items():
        if value is not None and ("\n" in value or len(value) > 500):
            raise UsageError(f"--{name} must be one short line")


def _check_attachment(path: Path) -> None:
    """The same file-type checks as a transcript (no size limit: attachments are streamed)."""
    os.close(open_regular(path, "attachment"))


def clean_terms(terms: Sequence[str]) -> tuple[str, ...]:
    cleaned: list[str] = []
    for term in terms:
        term = " ".join(term.split())
        if not term:
            raise UsageError("--protect was given an empty term", "give the name or place itself")
        if term.casefold() not in {t.casefold() for t in cleaned}:
            cleaned.append(term)
    return tuple(cleaned)


def add_files(
    vault_dir: Path,
    files: Sequence[Path],
    metadata: Metadata,
    protected: Sequence[str],
    attachments: Sequence[Path],
    now: dt.datetime,
) -> list[Record]:
    """Validate all inputs, then add one record per file. One bad input adds nothing."""
    vault = Vault.open(vault_dir)
    vault.recipients()  # a broken recipient set is refused before any reading
    if attachments and len(files) > 1:
        raise UsageError(
            "--attach goes with one transcript at a time",
            "run intake add once per transcript with its own --attach",
        )
    _check_metadata(metadata)
    terms = clean_terms(protected)
    for attachment in attachments:
        _check_attachment(attachment)
    sources = [(path, *read_source(path)) for path in files]
    return [
        vault.add(
            NewRecord(path.name, data, document, metadata, terms, tuple(attachments)),
            now,
        )
        for path, data, document in sources
    ]
