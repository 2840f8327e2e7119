"""Intake of a batch of files: check every input first, then seal each as a record.

Two mistakes are reported as warnings (the records are still taken in): a protected term that
does not occur in the text in any case or accents (``term_absent``: letters and digits compared,
so "Bo-ram" is found as "BORAM" or "Bo Ram"; the romanisation variants belong to redact, which
intake must not import, so "Pak" is not found as "Park"), and a file whose exact bytes an
earlier record was made from (``intake.duplicates``: compared without decrypting anything).
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from intake import duplicates
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


def _folded(text: str) -> str:
    """Letters and digits only, without case or accents (ŏ = o, ß = ss, full-width = plain)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def term_absent(text: str, terms: Sequence[str]) -> list[int]:
    """The 1-based positions of the ``terms`` not found in ``text`` in any case or accents."""
    folded = _folded(text)
    return [n for n, term in enumerate(terms, 1) if _folded(term) not in folded]


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _mistakes(vault: Vault, name: str, data: bytes, text: str, terms: Sequence[str]) -> list[str]:
    """What to warn about before ``name`` is sealed (no term, no text in the messages). Run
    just before each file is added, so a file given twice in one batch is caught too."""
    found = [
        f"{name}: the {_ordinal(n)} --protect term does not occur in the text (in any case or "
        "accents); check its spelling (it is still masked wherever it occurs)"
        for n in term_absent(text, terms)
    ]
    found += [
        f"{name}: the same file was taken in before, as record {earlier}; if by mistake, "
        f"withdraw one: testimony intake withdraw RECORD --vault {vault.root}"
        for earlier in duplicates.earlier(vault.root, data)
    ]
    return found


def add_files(
    vault_dir: Path,
    files: Sequence[Path],
    metadata: Metadata,
    protected: Sequence[str],
    attachments: Sequence[Path],
    now: dt.datetime,
    warn: Callable[[str], None] | None = None,
) -> list[Record]:
    """Validate all inputs, then add one record per file. One bad input adds nothing.
    Mistakes that refuse nothing (see the module's docstring) go to ``warn``."""
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
    added = []
    for path, data, document in sources:
        for mistake in _mistakes(vault, path.name, data, document.text, terms):
            if warn is not None:
                warn(mistake)
        new = NewRecord(path.name, data, document, metadata, terms, tuple(attachments))
        added.append(vault.add(new, now))
    return added
