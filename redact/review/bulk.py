"""Decisions on many spans at once: the open proposals of one type or one recognizer in a record,
and every mention of one entity across the records of the vault.

Each is counted first and decided only when the count the reviewer saw still holds; a decision
across records is one signed :func:`~redact.review.decisions.record_decision` per record, so each
record's log stays its own signed chain.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from intake.vault import Vault
from keys.errors import ReviewError
from keys.identity import Identity
from redact.plan import redaction_log
from redact.plan.policy import Policy
from redact.plan.redaction_log import RedactionLog
from redact.review import decisions

Loader = Callable[[str], RedactionLog | None]
ACROSS = ("accept", "reject")  # what may be decided for every mention of an entity at once


@dataclass(frozen=True)
class Mentions:
    """The mentions of one entity in one record."""

    record_id: str
    total: int
    open: int  # still to decide
    approved: bool  # deciding them voids the record's approval
    protected: bool  # the entity is a protected term of this record


def select(
    log: RedactionLog,
    label: str | None = None,
    recognizer: str | None = None,
    status: str | None = "proposed",
) -> list[str]:
    """Ids of the spans of ``log`` with that type, recognizer and status (None: any)."""
    return [
        decisions.span_id(s)
        for s in log.spans
        if (label is None or s.label == label)
        and (recognizer is None or s.recognizer == recognizer)
        and (status is None or s.status == status)
    ]


def mentions(
    vault: Vault, identity: Identity, entity: str, load: Loader | None = None
) -> list[Mentions]:
    """Every record of the vault that mentions ``entity``, in the vault's order."""
    read = load or (lambda record_id: redaction_log.load(vault, record_id, identity))
    found = []
    for record_id in vault.record_ids():
        log = read(record_id)
        if log is None:
            continue
        spans = [s for s in log.spans if s.entity == entity]
        if spans:
            found.append(
                Mentions(
                    record_id,
                    len(spans),
                    sum(s.status == "proposed" for s in spans),
                    decisions.is_approved(log),
                    entity in decisions.protected_entities(log),
                )
            )
    return found


def decide_everywhere(
    vault: Vault,
    identity: Identity,
    entity: str,
    action: str,
    expected: Mapping[str, int],
    now: datetime,
    policy: Policy,
    reason: str | None = None,
    load: Loader | None = None,
) -> list[str]:
    """Accept or reject every mention of ``entity`` in every record, one signed decision per
    record. ``expected`` is what the reviewer was shown (record id -> mentions): when it no
    longer holds, nothing changes. The ids of the records decided, in order."""
    if action not in ACROSS:
        raise ReviewError(
            f"'{action}' cannot be decided across records", "accept or reject the mentions"
        )
    found = mentions(vault, identity, entity, load)
    if {m.record_id: m.total for m in found} != dict(expected):
        raise ReviewError(
            "the mentions of this entity changed since they were counted",
            "look at the count again, then decide",
        )
    if not found:
        raise ReviewError("no record mentions this entity", "reload the page")
    protected = [m.record_id for m in found if m.protected]
    if action == "reject" and protected and not (reason or "").strip():
        raise decisions.ProtectedTermError(
            f"this entity is a protected term given at intake of record {protected[0]} "
            f"({len(protected)} record(s)): leaving it visible publishes it",
            "only if the person asked for it: give a reason (signed, and listed in the public "
            "report); otherwise accept it",
        )
    decided = []
    for m in found:
        decision = decisions.Decision(action, entity=entity, reason=reason)
        decisions.record_decision(vault, m.record_id, decision, identity, now, policy)
        decided.append(m.record_id)
    return decided
