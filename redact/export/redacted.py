"""A record's text as it will be published: its redaction log applied, replacements marked.

The log is applied by the one function that applies a redaction log (``plan.proposal.apply_log``);
this module adds the export's visible marker around every replacement and maps offsets between
the record's text and the redacted text, both ways.
"""

from __future__ import annotations

from dataclasses import dataclass

from intake.record import Record
from keys.errors import UsageError
from redact.plan.proposal import Placement, apply_log
from redact.plan.redaction_log import RedactionLog

DEFAULT_MARKER = "[{}]"
Placed = Placement  # where a span landed in the redacted text, and whether it was replaced


@dataclass(frozen=True)
class Redacted:
    record: Record
    log: RedactionLog
    text: str
    placed: tuple[Placement, ...]

    def to_output(self, position: int) -> int:
        """An offset into the original text, moved into the redacted text."""
        shift = 0
        for p in self.placed:
            if not p.replaced or p.span.start >= position:
                continue
            if p.span.end > position:  # inside a replaced span: its replacement's start
                return p.start
            shift += (p.end - p.start) - (p.span.end - p.span.start)
        return position + shift

    def to_record(self, position: int) -> int | None:
        """An offset into the redacted text, moved back into the record's text (None inside
        a replacement)."""
        shift = 0
        for p in self.placed:
            if not p.replaced or p.start >= position:
                continue
            if p.end > position:
                return None
            shift += (p.span.end - p.span.start) - (p.end - p.start)
        return position + shift


def marked(replacement: str, marker: str) -> str:
    """A replacement inside the export's marker: "[Person 2]" -> "«Person 2»" for "«{}»"."""
    core = replacement[1:-1] if replacement.startswith("[") and replacement.endswith("]") else None
    return marker.replace("{}", core if core is not None else replacement)


def check_marker(marker: str) -> str:
    if marker.count("{}") != 1 or not marker.replace("{}", "").strip():
        raise UsageError(
            f"--marker '{marker}' must hold {{}} once, with visible marks around it",
            "e.g. --marker '[{}]' or --marker '«{}»'",
        )
    return marker


def redact(record: Record, log: RedactionLog, marker: str = DEFAULT_MARKER) -> Redacted:
    """The record's text with the log applied, keeping where each span landed. With the default
    marker the text equals ``plan.apply`` for bracketed replacements; a reviewer's unbracketed
    replacement gets the marker too, so every replacement shows."""
    applied = apply_log(record.text, log.spans, lambda replacement: marked(replacement, marker))
    return Redacted(record, log, applied.text, applied.placed)
