"""The signed decision events of a record's redaction log, one hash chain (``intake.chain``).

Each event says who (card fingerprint and name), when, what, the spans' states before and after,
the hash of the previous event, and an Ed25519 signature over all of it. A changed, removed or
reordered event breaks its signature or the chain (:func:`verify_events`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from intake import chain
from keys.identity import Identity, Recipient
from redact.detect.span import Span
from redact.plan.redaction_log import Event, RedactionLog, SpanState, status_of

GENESIS = chain.GENESIS

_PROBLEMS: Mapping[chain.Problem, str] = {
    "number": "out of order (inserted, removed or moved)",
    "prev": "out of order (inserted, removed or moved)",
    "unsigned": "malformed signature",
    "unknown-signer": "signed by {}, not a known card",
    "malformed": "malformed signature",
    "changed": "the signature does not verify (the decision was changed)",
}


def state(span: Span) -> SpanState:
    """What an event records of a span: id, status, replacement, type, entity."""
    return {
        "id": f"{span.start}-{span.end}",
        "status": status_of(span),
        "replacement": span.replacement,
        "label": span.label,
        "entity": span.entity,
    }


def append_event(
    log: RedactionLog,
    action: str,
    identity: Identity,
    now: datetime,
    before: list[SpanState],
    after: list[SpanState],
    reason: str | None = None,
) -> Event:
    """Sign the next event of ``log``'s chain and append it."""
    event: Event = {
        "n": len(log.events) + 1,
        "time": now.isoformat(timespec="seconds"),
        "reviewer": identity.recipient.fingerprint,
        "name": identity.name,
        "action": action,
        "before": before,
        "after": after,
        "prev": chain.entry_hash(log.events[-1]) if log.events else GENESIS,
        "sig": "",
    }
    if reason:
        event["reason"] = reason
    event["sig"] = chain.sign(event, identity)
    log.events.append(event)
    return event


def verify_events(log: RedactionLog, signers: Iterable[Recipient]) -> list[str]:
    """Problems with the log's decision events (empty when every event is intact)."""
    by_fingerprint = {r.fingerprint: r for r in signers}
    prev = GENESIS
    for number, event in enumerate(log.events, 1):
        problem = chain.check(event, number, prev, by_fingerprint, "n", "reviewer")
        if problem is not None:
            where = f"record {log.record_id} decision {number}"
            return [f"{where}: {_PROBLEMS[problem].format(event.get('reviewer'))}"]
        prev = chain.entry_hash(event)
    return []
