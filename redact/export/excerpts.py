"""What is quoted: the witness's turns of a redacted record, or the sentence around a phrase.

An excerpt is a stretch of a record's redacted text; it knows the windows of the spans inside
it (replaced, kept by the policy, rejected by a reviewer), which is what the leak gate allows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from intake.readers.plain import SPEAKER
from intake.record import Record
from keys.errors import ExportError
from redact.export import gate as leak_gate
from redact.export.gate import Window
from redact.export.redacted import Placed, Redacted
from redact.review import decisions as review

QUESTION_LABELS = frozenset({"q", "question", "interviewer", "int", "i"})
_SENTENCE_END = re.compile(r"[.!?…][\"'\u201d\u2019)\]]*\s+")


@dataclass(frozen=True)
class Excerpt:
    redacted: Redacted
    start: int  # offsets in the redacted text
    end: int

    @property
    def text(self) -> str:
        return self.redacted.text[self.start : self.end]

    def windows(self, ours: frozenset[str] = frozenset()) -> tuple[Window, ...]:
        """The spans' windows; a reviewer's replacement that is one of ``ours`` (the table's
        pseudonyms, as marked) is machine-made text again. A rejected span whose visibility a
        reviewer confirmed with a signed reason (a signed release) is marked so."""
        out = []
        signed = review.released(self.redacted.log)
        for p in self.redacted.placed:
            if self.start <= p.start and p.end <= self.end:
                kind, trusted = _kind(p)
                trusted = trusted or (kind == leak_gate.REPLACED and self._at(p) in ours)
                span = review.span_id(p.span)
                release = kind != leak_gate.REPLACED and span in signed
                start, end = p.start - self.start, p.end - self.start
                out.append(Window(start, end, kind, trusted, span, release))
        return tuple(out)

    def _at(self, p: Placed) -> str:
        return self.redacted.text[p.start : p.end]


def _kind(p: Placed) -> tuple[str, bool]:
    if p.replaced:  # a reviewer's own words are checked like any other text
        return leak_gate.REPLACED, p.span.status == "accepted"
    if p.span.status == "rejected" or p.span.status == "edited":
        return leak_gate.REJECTED, False
    return leak_gate.KEPT, True


def _body(record: Record, start: int, end: int, speaker: str | None) -> tuple[int, int]:
    """A turn without its speaker label and surrounding blanks (offsets in the original)."""
    label = SPEAKER.match(record.text, start) if speaker else None
    if label and label.end() <= end:
        start = label.end()
    while start < end and record.text[start].isspace():
        start += 1
    while end > start and record.text[end - 1].isspace():
        end -= 1
    return start, end


def units(redacted: Redacted, witness_only: bool) -> list[tuple[int, int]]:
    """Speaker turns (the witness's, or all) in redacted offsets; lines when there are none."""
    record = redacted.record
    turns = [
        _body(record, s.start, s.end, s.speaker)
        for s in record.segments
        if s.speaker and (not witness_only or s.speaker.strip().lower() not in QUESTION_LABELS)
    ]
    found = [(redacted.to_output(a), redacted.to_output(b)) for a, b in turns if a < b]
    if found:
        return found
    lines, position = [], 0
    for line in redacted.text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            lines.append((position + lead, position + len(line.rstrip())))
        position += len(line) + 1
    return lines


def _sentence(text: str, start: int, end: int, unit: tuple[int, int]) -> tuple[int, int]:
    begin, finish = unit
    for m in _SENTENCE_END.finditer(text, unit[0], unit[1]):
        if m.end() <= start:
            begin = m.end()
        elif m.start() >= end - 1:
            finish = m.start() + len(m.group().rstrip())
            break
    return begin, finish


def find_quote(redacted: Sequence[Redacted], phrase: str, number: int, expand: str) -> Excerpt:
    """The excerpt around ``phrase`` (in the redacted text): it must occur in one place."""
    from redact.text.search import find_all

    found: dict[tuple[str, int, int], Excerpt] = {}
    elsewhere = 0  # in a question, a heading: not the witness's words
    for r in redacted:
        witness = units(r, witness_only=True)
        for start, end in find_all(r.text, " ".join(phrase.split())):
            unit = next(((a, b) for a, b in witness if a <= start and end <= b), None)
            if unit is None:
                elsewhere += 1
                continue
            a, b = unit if expand == "turn" else _sentence(r.text, start, end, unit)
            found[(r.record.id, a, b)] = Excerpt(r, a, b)
    if not found and elsewhere:
        raise ExportError(
            f"quote {number} is not in the witness's words (a question or a heading)",
            "quote what the witness said; see the turns with: testimony redact show ID",
        )
    if not found:
        raise ExportError(
            f"quote {number} was not found in the redacted text of the chosen records",
            "give a few words exactly as `testimony redact show ID` prints them: the redacted "
            "text, with pseudonyms instead of names",
        )
    if len(found) > 1:
        raise ExportError(
            f"quote {number} occurs in {len(found)} places of the redacted text",
            "give a longer phrase, so that it occurs only once",
        )
    return next(iter(found.values()))


def select(redacted: Sequence[Redacted], phrases: Sequence[str], expand: str) -> list[Excerpt]:
    """One excerpt per phrase, or (no phrase) every witness turn of every record."""
    if phrases:
        return [find_quote(redacted, phrase, n, expand) for n, phrase in enumerate(phrases, 1)]
    return [Excerpt(r, a, b) for r in redacted for a, b in units(r, witness_only=True)]
