"""A proposed redaction: where, what, why, and what to do with it."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from redact.detect.recognizers.base import Reason

STATUSES = ("proposed", "accepted", "rejected", "edited", "added")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    label: str
    score: float
    recognizer: str  # the main reason; others are in ``explanation``
    explanation: str
    # the entity key: the same person or place has the same key in every record. Straight out
    # of detection (overlaps.merge) it holds the recognizer's reading of the name ("kim|boram")
    # or ""; redact.link.keys.assign_keys turns that into the key ("PERSON:kim|boram").
    entity: str
    context: str = ""  # the words around it, for the reviewer
    action: str = "mask"  # pseudonymise | generalise | mask | keep
    replacement: str = ""
    status: str = "proposed"
    # every recognizer that proposed it, as data; ``explanation`` is their text rendering
    reasons: tuple[Reason, ...] = ()

    def to_json(self) -> dict[str, Any]:
        body = {name: getattr(self, name) for name in _FIELDS}  # asdict is slow on large logs
        body["reasons"] = [r.to_json() for r in self.reasons]
        return body

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> Span:
        reasons = tuple(Reason.from_json(r) for r in body.get("reasons", ()))
        return cls(**{**body, "reasons": reasons})

    def with_(self, **changes: Any) -> Span:
        return replace(self, **changes)


_FIELDS = tuple(f.name for f in fields(Span))


def context_of(text: str, start: int, end: int, width: int = 40) -> str:
    before = text[max(0, start - width) : start].split("\n")[-1]
    after = text[end : end + width].split("\n")[0]
    return f"{before}[{text[start:end]}]{after}"
