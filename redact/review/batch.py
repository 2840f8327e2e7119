"""A batch of decisions as JSON lines (``testimony review decide RECORD --file F``), one object a
line with the fields of the single commands::

    {"action": "accept", "spans": ["120-130", "141-147"]}
    {"action": "accept", "entity": "PERSON:..."}
    {"action": "reject", "spans": ["88-93"], "reason": "she asked to be named"}
    {"action": "edit", "span": "120-130", "replacement": "[the neighbour]"}
    {"action": "add", "text": "WORDS", "nth": 2, "label": "PERSON"}
    {"action": "add", "start": 200, "end": 208, "label": "LOCATION", "replacement": "[a town]"}
    {"action": "merge", "spans": ["300-306"], "entity": "PERSON:..."}
    {"action": "split", "spans": ["410-416"]}
    {"action": "approve"}

Blank lines and lines starting with ``#`` are skipped. Every line is checked before anything is
decided; a bad line refuses the whole batch with its number (never its content: it may name a
person).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from keys.errors import ReviewError
from redact.review.decisions import Decision, find_text

ACTIONS = ("accept", "reject", "edit", "add", "merge", "split", "approve")
MAX_LINES = 100_000
_SPAN = re.compile(r"^\d{1,9}-\d{1,9}$")
_FIELDS: Mapping[str, frozenset[str]] = {
    "accept": frozenset({"spans", "entity"}),
    "reject": frozenset({"spans", "entity", "reason"}),
    "edit": frozenset({"span", "spans", "replacement"}),
    "add": frozenset({"text", "nth", "start", "end", "label", "replacement"}),
    "merge": frozenset({"spans", "entity"}),
    "split": frozenset({"spans"}),
    "approve": frozenset(),
}
HINT = "fix that line (see the line format under `review decide` in the README); nothing was stored"


@dataclass(frozen=True)
class Line:
    """One line of a batch: its number, its decision, and for ``add --text`` the words."""

    number: int
    decision: Decision
    words: str | None = None
    nth: int | None = None


def parse(lines: Iterable[str]) -> list[Line]:
    """Every decision of the batch, in order; the first bad line refuses them all."""
    out = []
    for number, raw in enumerate(lines, 1):
        if number > MAX_LINES:
            raise ReviewError(f"the batch has more than {MAX_LINES:,} lines", "split it")
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        try:
            body = json.loads(text)
        except (ValueError, RecursionError):
            raise ReviewError(f"line {number}: not a JSON object", HINT) from None
        out.append(_line(number, body))
    if not out:
        raise ReviewError("the batch holds no decision", "give one JSON object a line")
    return out


def _refuse(number: int, what: str) -> ReviewError:
    return ReviewError(f"line {number}: {what}", HINT)


def _line(number: int, body: Any) -> Line:
    if not isinstance(body, dict) or body.get("action") not in ACTIONS:
        raise _refuse(number, f"not a decision (action is one of {', '.join(ACTIONS)})")
    action = body["action"]
    unknown = sorted(set(body) - _FIELDS[action] - {"action"})
    if unknown:
        raise _refuse(number, f"'{action}' takes no field {', '.join(unknown)}")
    strings = {k: body.get(k) for k in ("entity", "replacement", "label", "reason", "text")}
    if any(v is not None and not isinstance(v, str) for v in strings.values()):
        raise _refuse(number, "entity, replacement, label, reason and text are strings")
    numbers = {k: body.get(k) for k in ("start", "end", "nth")}
    if any(v is not None and (type(v) is not int or v < 0) for v in numbers.values()):
        raise _refuse(number, "start, end and nth are whole numbers")
    spans = _spans(number, body)
    if action in ("accept", "reject") and bool(spans) == (strings["entity"] is not None):
        raise _refuse(number, f"'{action}' takes spans or an entity")
    if action in ("merge", "split") and not spans:
        raise _refuse(number, f"'{action}' needs spans")
    if action == "merge" and not strings["entity"]:
        raise _refuse(number, "'merge' needs the entity to join")
    if action == "edit" and (len(spans) != 1 or strings["replacement"] is None):
        raise _refuse(number, "'edit' takes one span and a replacement")
    words = strings["text"]
    if action == "add" and (words is None) == (numbers["start"] is None or numbers["end"] is None):
        raise _refuse(number, "'add' takes text (and nth), or start and end")
    label = (strings["label"] or "PERSON").upper() if action == "add" else None
    decision = Decision(
        action,
        spans,
        strings["entity"],
        strings["replacement"],
        numbers["start"],
        numbers["end"],
        label,
        strings["reason"],
    )
    return Line(number, decision, words, numbers["nth"])


def _spans(number: int, body: Mapping[str, Any]) -> tuple[str, ...]:
    given = body.get("spans", [body["span"]] if "span" in body else [])
    if not isinstance(given, list) or not all(isinstance(s, str) for s in given):
        raise _refuse(number, "spans is a list of span ids like 120-130")
    if not all(_SPAN.match(s) for s in given):
        raise _refuse(number, "a span id is START-END, as `review show` prints it")
    return tuple(given)


def placed(lines: Iterable[Line], text: str) -> list[Line]:
    """The batch with every ``add`` given by its words placed at offsets in ``text``."""
    out = []
    for line in lines:
        if line.words is None:
            out.append(line)
            continue
        try:
            start, end = find_text(text, line.words, line.nth)
        except ReviewError as error:
            raise ReviewError(f"line {line.number}: {error.message}", error.hint) from None
        decision = Decision(
            "add",
            start=start,
            end=end,
            label=line.decision.label,
            replacement=line.decision.replacement,
        )
        out.append(Line(line.number, decision))
    return out
