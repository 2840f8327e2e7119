"""The leak gate's refusals, said so that an editor can act on them.

Each leak becomes one line: the excerpt number and record, the redacted quote around the word
with the word marked (shown as ``⟦…⟧``; the original words only for ``--show-originals``), why
it may not be published, and the exact command that fixes it. Offsets of ``review add`` are
offsets into the record's text, so the fix needs no original words on the command line.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from redact.export import gate as leak_gate

if TYPE_CHECKING:
    from redact.export.excerpts import Excerpt

CONTEXT = 40  # characters of the quote shown on each side of the word
HIDDEN = "\u2026"


@dataclass(frozen=True)
class Explained:
    problem: str  # excerpt, quote with the word marked, reason
    fix: str  # the command(s) that fix it

    def line(self) -> str:
        return f"{self.problem}; fix: {self.fix}"


def _what(leak: leak_gate.Leak) -> str:
    if leak.reason == "detected":
        return leak.label
    return "protected term" if leak.protected else f"known {leak.label}"


def _label(leak: leak_gate.Leak) -> str:
    return "PERSON" if leak.label == leak_gate.PROTECTED_LABEL else leak.label.split()[0]


def marked_quote(text: str, start: int, end: int, show: bool) -> str:
    """The quote around [start, end) with the word marked (hidden unless ``show``)."""
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    word = text[start:end] if show else HIDDEN
    quote = f"{'…' if start > CONTEXT else ''}{before}\u27e6{word}\u27e7{after}"
    quote += "…" if end + CONTEXT < len(text) else ""
    return " ".join(quote.split())


def explain(leak: leak_gate.Leak, excerpts: Sequence[Excerpt], root: Path, show: bool) -> Explained:
    vault = f"--vault {shlex.quote(str(root))}"
    if leak.excerpt is None or leak.at is None:
        return Explained(
            f"a {_what(leak)} in the citations or headings"
            + (f" ({leak.original!r})" if show else ""),
            "name the organisation with --organisation, and give every interviewer a pseudonym "
            f"(testimony redact run {vault} ID)",
        )
    excerpt = excerpts[leak.excerpt - 1]
    record = excerpt.redacted.record.id
    start, end = leak.at
    quote = marked_quote(excerpt.text, start, end, show)
    where = f'excerpt {leak.excerpt} (record {record[:8]}): "{quote}"'
    approve = f"then testimony review approve {record} {vault}"
    window = leak.window
    if window is None or window.span is None:
        reason = (
            f"a {leak.label} the second look found, not a replacement and released by no "
            "signed decision"
            if leak.reason == "detected"
            else f"a {_what(leak)} that no span masks"
        )
        first = excerpt.redacted.to_record(excerpt.start + start)
        last = excerpt.redacted.to_record(excerpt.start + end)
        if show:
            where_in = f"--text {shlex.quote(leak.original)}"
        elif first is None or last is None:
            where_in = f"--start S --end E (offsets: testimony review show {record} {vault})"
        else:
            where_in = f"--start {first} --end {last}"
        add = f"testimony review add {record} {where_in} --label {_label(leak)} {vault}"
        return Explained(f"{where}: {reason}", f"{add}, {approve}")
    span = window.span
    if window.kind == leak_gate.REJECTED:
        why = "it is a protected term" if leak.protected else "it is masked in another quote"
        return Explained(
            f"{where}: a reviewer rejected the mask of span {span}, but {why}",
            f"testimony review accept {record} {span} {vault}, {approve}",
        )
    if window.kind == leak_gate.KEPT:
        return Explained(
            f"{where}: the policy keeps span {span}, but it holds a {_what(leak)}",
            f"testimony review edit {record} {span} '[{_label(leak).lower()}]' {vault}, {approve}",
        )
    return Explained(
        f"{where}: the reviewer's replacement of span {span} holds a {_what(leak)}",
        f"testimony review edit {record} {span} 'OTHER WORDS' {vault}, {approve}",
    )


def refusal(
    leaks: Sequence[leak_gate.Leak], excerpts: Sequence[Excerpt], root: Path
) -> leak_gate.LeakError:
    """The gate's refusal as an editor can use it: the excerpt, the redacted quote with the
    word marked, the reason and the command that fixes it (originals only in ``originals``)."""
    lines = [explain(leak, excerpts, root, False) for leak in leaks]
    first = lines[0]
    more = f" (and {len(leaks) - 1} more)" if len(leaks) > 1 else ""
    error = leak_gate.LeakError(
        leaks,
        f"export refused: {first.problem}{more}; nothing was written",
        f"{first.fix}; an authorised reviewer can add --show-originals to see the words",
    )
    error.details = [line.line() for line in lines]
    error.originals = [explain(leak, excerpts, root, True).line() for leak in leaks]
    return error
