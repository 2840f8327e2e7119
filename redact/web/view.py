"""What the page shows of a record: the text cut into pieces around the spans, each span's
reason and last decision, the progress, the preview and the decision events. No HTML here."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from redact.detect.recognizers import DISPLAY_NAMES, display_name
from redact.detect.recognizers.base import LABELS
from redact.detect.span import Span
from redact.link.pseudonyms import LABEL_WORDS
from redact.plan.proposal import apply
from redact.plan.redaction_log import Event, RedactionLog
from redact.review import decisions as review
from redact.review import state as review_state
from redact.review.undo import undoable

STATUS_CHOICES = [
    ("proposed", "? To decide"),
    ("accepted", "✓ Accepted"),
    ("rejected", "✗ Rejected"),
    ("edited", "✎ Edited"),
    ("added", "+ Added by a reviewer"),
]
ACTION_WORDS = {
    "accept": "accepted",
    "reject": "rejected",
    "edit": "edited",
    "add": "added",
    "merge": "merged",
    "split": "split",
    "approve": "approved the record",
    "undo": "undid a decision",
}
EXTRA_WORDS = {
    "COUNTRY": "Country",
    "DATE": "Date",
    "AGE": "Age",
    "PRICE": "Price",
    "NRP": "Group",
    "QUANTITY": "Quantity",
}
QUASI = ("DATE", "AGE", "PRICE", "NRP", "QUANTITY")


def label_word(label: str) -> str:
    return EXTRA_WORDS.get(label) or LABEL_WORDS.get(label) or label.title()


def state_word(span: Span) -> tuple[str, str]:
    """The span's state as an icon and words: what the reviewer decided and what the export
    will do with it (an accepted "keep" stays visible by policy; a rejection by decision)."""
    keep = span.action == "keep"
    if span.status == "proposed":
        return "?", "To decide" + (" (the policy keeps this type visible)" if keep else "")
    if span.status == "rejected":
        return "✗", "Rejected: left as written"
    if span.status == "added":
        return "+", "Added by a reviewer: will be replaced"
    if span.status == "edited":
        return "✎", "Edited: written back as is" if keep else "Edited: new replacement"
    if keep:
        return "✓", "Accepted: stays visible (the policy keeps this type)"
    return "✓", "Accepted: will be replaced"


def shown_replacement(span: Span) -> str:
    """What a reader of the export sees instead of the words (or that they stay)."""
    if span.status == "rejected" or span.action == "keep":
        return "stays as written"
    return span.replacement


def recognizer_choices(spans: Sequence[Span]) -> list[tuple[str, str]]:
    """The recognizers that found the record's spans: (id, reviewer-facing name), by name."""
    return sorted({(s.recognizer, display_name(s.recognizer)) for s in spans}, key=lambda c: c[1])


LABEL_CHOICES = [(label, label_word(label)) for label in LABELS if label not in QUASI]
QUASI_CHOICES = [
    (label, "Group (nationality, religion, politics)" if label == "NRP" else label_word(label))
    for label in QUASI
]


@dataclass(frozen=True)
class Piece:
    offset: int  # code-point offset of the piece in the record text
    text: str
    span: Span | None = None


def layout(text: str, spans: Sequence[Span]) -> tuple[list[Piece], list[Span]]:
    """The text as pieces (plain text and spans, in order) and the spans that overlap another
    one and so cannot sit inline. Open and accepted spans win over rejected ones."""
    chosen: list[Span] = []
    starts: list[int] = []
    aside: list[Span] = []
    ordered = sorted(spans, key=lambda s: (s.status == "rejected", s.start, -s.end))
    for span in ordered:
        at = bisect.bisect_left(starts, span.start)
        left = chosen[at - 1] if at else None
        right = chosen[at] if at < len(chosen) else None
        if (left and left.end > span.start) or (right and right.start < span.end):
            aside.append(span)
            continue
        chosen.insert(at, span)
        starts.insert(at, span.start)
    pieces, position = [], 0
    for span in chosen:
        if span.start > position:
            pieces.append(Piece(position, text[position : span.start]))
        pieces.append(Piece(span.start, text[span.start : span.end], span))
        position = span.end
    if position < len(text):
        pieces.append(Piece(position, text[position:]))
    return pieces, aside


def last_decisions(log: RedactionLog) -> dict[str, Event]:
    """Span id -> the last event that touched it."""
    latest: dict[str, Event] = {}
    for event in log.events:
        for state in event.get("after", []):
            latest[state["id"]] = event
    return latest


def who(event: Event | None) -> str:
    if not event:
        return ""
    word = ACTION_WORDS.get(event["action"], event["action"])
    return f"{word} by {event['name']} ({event['reviewer']}) at {readable_time(event['time'])}"


def readable_time(stamp: str) -> str:
    """2026-03-14T09:30:00+00:00 -> 2026-03-14 09:30 UTC (events are written in UTC)."""
    day, _, rest = stamp.partition("T")
    return f"{day} {rest[:5]} UTC" if rest.endswith("+00:00") else stamp.replace("T", " ")


_IDS = sorted((i for i in DISPLAY_NAMES if "_" in i or "-" in i), key=len, reverse=True)
# only ids no English sentence uses (korean_names, protected-term, presidio:…), never "ages"
_RECOGNIZER_IDS = re.compile(r"presidio:\w+|\b(?:" + "|".join(map(re.escape, _IDS)) + r")\b")


def explain(explanation: str) -> str:
    """A span's explanation with every recognizer id in it read as its reviewer-facing name."""
    return _RECOGNIZER_IDS.sub(lambda found: display_name(found.group()), explanation)


def why(span: Span) -> str:
    found = display_name(span.recognizer)
    return f"{label_word(span.label)} · found by: {found} · score {span.score:.2f}"


def undo_offer(log: RedactionLog) -> dict[str, Any] | None:
    """The decision an undo would take back now: its number and words for the button."""
    event = undoable(log)
    if event is None:
        return None
    count = len(event.get("after", []))
    what = ACTION_WORDS.get(event["action"], event["action"])
    spans = f" {count} span{'s' if count != 1 else ''}" if count else ""
    return {"n": event["n"], "words": f"{what}{spans} ({event['name']})"}


def event_rows(log: RedactionLog) -> list[dict[str, Any]]:
    """Newest first, for the "who decided what" list."""
    return [
        {
            "n": e["n"],
            "time": readable_time(e["time"]),
            "name": e["name"],
            "reviewer": e["reviewer"],
            "action": ACTION_WORDS.get(e["action"], e["action"]),
            "count": len(e.get("after", [])),
        }
        for e in reversed(log.events)
    ]


def progress(log: RedactionLog) -> dict[str, Any]:
    open_spans = len(review_state.undecided(log))
    return {
        "total": len(log.spans),
        "undecided": open_spans,
        "decided": len(log.spans) - open_spans,
        "approved": review_state.is_approved(log),
    }


def state(log: RedactionLog, text: str) -> dict[str, Any]:
    """What the page needs after a decision: every span's state, progress, preview, events."""
    latest = last_decisions(log)
    return {
        "record": log.record_id,
        **progress(log),
        "spans": [
            {
                "id": review.span_id(s),
                "status": s.status,
                "replacement": s.replacement,
                "action": s.action,
                "entity": s.entity,
                "label": s.label,
                "who": who(latest.get(review.span_id(s))),
                "icon": state_word(s)[0],
                "state": state_word(s)[1],
                "shown": shown_replacement(s),
            }
            for s in log.spans
        ],
        "preview": apply(text, log.spans),
        "events": event_rows(log),
        "undo": undo_offer(log),
    }
