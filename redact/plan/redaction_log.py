"""The redaction log of one record, kept encrypted in the vault (document "redaction").

Every span with offsets, text, type, recognizer, score, context, explanation, proposed action and
replacement, and a status (proposed / accepted / rejected / edited / added). Re-running detection
keeps every decided span and only replaces open proposals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from intake.vault import Vault
from keys.errors import RedactionError
from keys.identity import Identity
from redact.detect.span import Span

FORMAT = 1


@dataclass
class RedactionLog:
    record_id: str
    policy_sha256: str
    analysed_at: str
    spans: list[Span] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)  # signed decisions (review)
    failure: dict[str, str] | None = None  # the last analysis failed: stage, component, error

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "record": self.record_id,
            "policy_sha256": self.policy_sha256,
            "analysed_at": self.analysed_at,
            "spans": [s.to_json() for s in self.spans],
            "events": self.events,
            **({"failure": self.failure} if self.failure else {}),
        }

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> RedactionLog:
        return cls(
            body["record"],
            body["policy_sha256"],
            body["analysed_at"],
            [Span.from_json(s) for s in body["spans"]],
            list(body.get("events", [])),
            body.get("failure"),
        )


def refresh(
    old: RedactionLog | None,
    new_spans: Sequence[Span],
    record_id: str,
    policy_sha256: str,
    now: str,
) -> RedactionLog:
    """A new log from fresh proposals, keeping every span a reviewer already decided."""
    decided = [s for s in (old.spans if old else []) if s.status != "proposed"]
    fresh = [s for s in new_spans if not any(d.start < s.end and s.start < d.end for d in decided)]
    spans = sorted([*decided, *fresh], key=lambda s: (s.start, s.end))
    return RedactionLog(record_id, policy_sha256, now, spans, old.events if old else [])


def failed(
    old: RedactionLog | None, record_id: str, policy_sha256: str, now: str, failure: dict[str, str]
) -> RedactionLog:
    """The record's log marked as not analysed: its spans and signed events are kept, but
    nothing can be reviewed, approved or exported until an analysis succeeds."""
    spans = old.spans if old else []
    events = old.events if old else []
    return RedactionLog(record_id, policy_sha256, now, spans, events, dict(failure))


def not_analysed(vault: Vault, record_id: str) -> RedactionError:
    return RedactionError(
        f"record {record_id} has not been analysed yet",
        f"run: testimony redact run --vault {vault.root} {record_id}",
    )


def require(vault: Vault, record_id: str, identity: Identity) -> RedactionLog:
    """The record's log; a clear refusal when the record was never analysed."""
    found = load(vault, record_id, identity)
    if found is None:
        raise not_analysed(vault, record_id)
    if found.failure:
        where = found.failure
        raise RedactionError(
            f"record {record_id}: analysis failed in {where['stage']} "
            f"({where['component']}: {where['error']}), so it cannot be reviewed or approved",
            f"run again after an update: testimony redact run --vault {vault.root} {record_id}",
        )
    return found


def load(vault: Vault, record_id: str, identity: Identity) -> RedactionLog | None:
    body = vault.read_document(record_id, "redaction", identity)
    return RedactionLog.from_json(body) if body else None


def save(vault: Vault, log: RedactionLog) -> None:
    vault.write_document(log.record_id, "redaction", log.to_json())
