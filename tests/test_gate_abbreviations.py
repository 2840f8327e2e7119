"""A known abbreviation of no person is judged in its context; everything else stays refused.

The table holds a few capitals as an organisation (the model tagged them in one sentence); the
same capitals elsewhere in the record, outside every span, are refused only where detection run
again over the record's own text finds something there (a person's initials), never where the
record defines them as ordinary words. A person's capitals, a protected term and the gate on its
own (no record to look at) stay strict. Invented text throughout; the real detection runs.
"""

from __future__ import annotations

import pytest

from intake.record import Metadata, Record, Segment
from redact.detect.span import Span
from redact.export import gate as leak_gate
from redact.export import screening
from redact.export.excerpts import Excerpt
from redact.export.gate import GateExcerpt
from redact.export.redacted import redact
from redact.link.pseudonyms import PseudonymTable
from redact.plan.redaction_log import RedactionLog


def _screen(
    text: str, masked: str, label: str = "ORGANIZATION", protected: bool = False
) -> list[str]:
    """Mask the first occurrence of ``masked`` (accepted), leave the others without a span,
    export the whole text as one excerpt: the words the gate refuses."""
    start = text.index(masked)
    key = f"{label}:{masked.lower()}"
    span = Span(start, start + len(masked), masked, label, 0.85, "spacy", "", key,
                action="pseudonymise", replacement="[Org 1]", status="accepted")  # fmt: skip
    record = Record("r" * 20, "", "t.txt", "txt", "", "", text, (Segment(0, len(text)),),
                    Metadata())  # fmt: skip
    log = RedactionLog(record.id, "", "", [span], [{"action": "approve"}])
    redacted = redact(record, log)
    excerpt = Excerpt(redacted, 0, len(redacted.text))
    gated = [GateExcerpt(1, excerpt.text, excerpt.windows())]
    entry = {
        "label": label,
        "pseudonym": "[Org 1]",
        "surfaces": [masked],
        "records": ["r"],
    }
    table = PseudonymTable(entries={key: entry})
    terms = [masked] if protected else []
    known = screening.Known(leak_gate.known_originals(table, terms), set(), frozenset())
    return [
        leak.original for leak in screening.screen(excerpt.text, [excerpt], gated, known, terms, ())
    ]


def test_an_abbreviation_the_record_defines_is_a_word() -> None:
    text = (
        "The SH office sent two cars.\n"
        "In these notes SH = safe house. We stayed in the SH near the market.\n"
    )
    assert _screen(text, "SH") == []
    assert _screen(text, "SH", protected=True) == ["SH", "SH"]  # the same text, strict


@pytest.mark.parametrize(
    ("text", "masked", "label", "protected", "refused"),
    [
        # initials standing for a person where they are written again: detection finds them
        ("The KB office sent two cars.\nLater KB told me to run.\n", "KB", "ORGANIZATION",
         False, ["KB"]),
        # a person's capitals are never judged by context
        ("JH said nothing.\nIn these notes JH = safe house.\n", "JH", "PERSON", False, ["JH"]),
        # nor is a protected term
        ("The SH office sent cars.\nIn these notes SH = safe house. The SH was cold.\n", "SH",
         "ORGANIZATION", True, ["SH", "SH"]),
        # four capitals are no abbreviation here: refused by their letters, as before
        ("The KSMB office sent cars.\nIn these notes KSMB = safe house. The KSMB was cold.\n",
         "KSMB", "ORGANIZATION", False, ["KSMB", "KSMB"]),
    ],
)  # fmt: skip
def test_everything_else_stays_refused(
    text: str, masked: str, label: str, protected: bool, refused: list[str]
) -> None:
    assert _screen(text, masked, label, protected) == refused


def test_the_gate_alone_stays_strict() -> None:
    """Without a record to look at, the first look refuses the capitals by their letters."""
    table = PseudonymTable(
        entries={"ORGANIZATION:sh": {"label": "ORGANIZATION", "pseudonym": "[O 1]",
                                     "surfaces": ["SH"], "records": ["r"]}}
    )  # fmt: skip
    text = "In these notes SH = safe house.\n"
    leaks = leak_gate.find_leaks(text, leak_gate.known_originals(table, []), [])
    assert [leak.original for leak in leaks] == ["SH"]
