"""The redaction log of one record, kept encrypted in the vault (document "redaction").

Every span with offsets, text, type, recognizer, score, context, explanation, proposed action and
replacement, and a status (proposed / accepted / rejected / edited / added). Re-running detection
keeps every decided span and only replaces open proposals.

A process that saves a log under the vault's lock keeps it in memory (`load_kept`, `save_kept`):
the next decision on that record, in the same process and under the lock, reuses it when the
sealed file is still the very one it wrote (its SHA-256 compared), instead of decrypting and
parsing a thousand spans again. Only ever in memory, and only for the identity that opened it.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, NotRequired, TypedDict, get_args

from intake.vault import Vault
from keys.errors import RedactionError
from keys.identity import Identity
from redact.detect.span import Span

FORMAT = 1
NAME = "redaction"
FILE = f"{NAME}.age"
KEEP = 4  # logs kept in memory per process (the records a reviewer works on now)

Status = Literal["proposed", "accepted", "rejected", "edited", "added"]
STATUSES: tuple[Status, ...] = get_args(Status)


class SpanState(TypedDict):
    """A span as a decision event records it, before or after."""

    id: str  # "START-END"
    status: Status
    replacement: str
    label: str
    entity: str


class Event(TypedDict):
    """One signed decision (``redact.review.events``): kept as JSON inside the log."""

    n: int
    time: str
    reviewer: str  # card fingerprint
    name: str
    action: str
    before: list[SpanState]
    after: list[SpanState]
    prev: str
    reason: NotRequired[str]  # a signed release of a protected term
    sig: str


class Summary(TypedDict):
    """A record's review progress, as ``review list --json`` prints it (with its id)."""

    analysed: bool
    spans: int
    undecided: int
    approved: bool
    reviewers: list[str]


def status_of(span: Span) -> Status:
    """The span's status, one of ``STATUSES`` (a log holding another one is refused)."""
    for status in STATUSES:
        if span.status == status:
            return status
    raise RedactionError(
        f"a span at {span.start}-{span.end} has an unknown status",
        "restore the record's redaction log from a backup",
    )


@dataclass
class RedactionLog:
    record_id: str
    policy_sha256: str
    analysed_at: str
    spans: list[Span] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)  # signed decisions (review)
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
        spans = [Span.from_json(s) for s in body["spans"]]
        for span in spans:
            if span.status not in STATUSES:
                status_of(span)  # refused, with a hint
        return cls(
            body["record"],
            body["policy_sha256"],
            body["analysed_at"],
            spans,
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


# -- the log this process saved last, reused under the lock -----------------------------------

_kept: OrderedDict[tuple[str, str, str], tuple[str, RedactionLog]] = OrderedDict()


def _key(vault: Vault, record_id: str, identity: Identity) -> tuple[str, str, str]:
    return str(vault.root.resolve()), record_id, identity.recipient.fingerprint


def _copy(log: RedactionLog) -> RedactionLog:
    """A log whose lists can change without touching the kept one (spans are frozen; events
    are never changed once signed)."""
    return replace(log, spans=list(log.spans), events=list(log.events))


def load_kept(vault: Vault, record_id: str, identity: Identity) -> RedactionLog:
    """:func:`require`, reusing the log this process kept when the sealed file is still the one
    it wrote. Call under the vault's writer lock."""
    key = _key(vault, record_id, identity)
    kept = _kept.get(key)
    if kept is not None:
        try:
            sealed = (vault.record_dir(record_id) / FILE).read_bytes()
        except FileNotFoundError:
            sealed = b""
        if hashlib.sha256(sealed).hexdigest() == kept[0]:
            _kept.move_to_end(key)
            return _copy(kept[1])
        del _kept[key]
    return require(vault, record_id, identity)


def save_kept(vault: Vault, log: RedactionLog, identity: Identity) -> dict[str, str]:
    """:func:`save`, then keep the log in memory for the next :func:`load_kept`. Returns
    {file name: SHA-256} of the sealed log, for its audit entry. Call under the writer lock."""
    save(vault, log)
    files = vault.sealed_file(log.record_id, FILE)
    key = _key(vault, log.record_id, identity)
    _kept[key] = (files[FILE], _copy(log))
    _kept.move_to_end(key)
    while len(_kept) > KEEP:
        _kept.popitem(last=False)
    return files
