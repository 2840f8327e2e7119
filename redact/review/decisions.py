"""Review decisions: accept, reject, edit, add, merge, split, approve — each one signed.

A decision changes spans of a record's redaction log and appends an event to it: who (card
fingerprint), when, what, the previous and new values, the hash of the previous event and an
Ed25519 signature over all of it. A changed, removed or reordered event breaks its signature or
the chain (``verify_events``). A record is approved when its last event is an approval and no span
is undecided; any later decision or new proposal voids the approval.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from keys.errors import ReviewError
from keys.identity import Identity, Recipient
from redact.detect.span import Span, context_of
from redact.link import linking
from redact.link.pseudonyms import PseudonymTable
from redact.plan.policy import Policy
from redact.plan.proposal import plan
from redact.plan.redaction_log import RedactionLog

GENESIS = "0" * 64
PROTECTED = "protected-term"  # the recognizer name of terms given at intake
DECIDED = ("accepted", "rejected", "edited", "added")


def span_id(span: Span) -> str:
    return f"{span.start}-{span.end}"


@dataclass(frozen=True)
class Decision:
    action: str  # accept | reject | edit | add | merge | split | approve
    spans: tuple[str, ...] = ()  # span ids
    entity: str | None = None  # every span of this entity instead of ids
    replacement: str | None = None  # edit
    start: int | None = None  # add
    end: int | None = None
    label: str | None = None
    reason: str | None = None  # required to leave a protected term visible (a signed release)


class ProtectedTermError(ReviewError):
    """A decision would leave a protected term visible without a reason (a signed release)."""


def protected_entities(log: RedactionLog) -> set[str]:
    """Entities given as protected terms at intake (the witness, relatives, home village)."""
    return {s.entity for s in log.spans if s.recognizer == PROTECTED}


def _visible(span: Span) -> bool:
    return span.status == "rejected" or span.action == "keep"


def released(log: RedactionLog) -> set[str]:
    """Ids of spans whose visibility a reviewer confirmed with a signed reason."""
    return {
        after["id"]
        for event in log.events
        if event.get("reason")
        for after in event.get("after", [])
    }


def unreleased_protected(log: RedactionLog) -> list[Span]:
    """Protected-term spans left visible without a signed release: they block approval."""
    keys, ok = protected_entities(log), released(log)
    return [s for s in log.spans if s.entity in keys and _visible(s) and span_id(s) not in ok]


def releases(log: RedactionLog) -> list[dict[str, Any]]:
    """Signed releases of protected terms, for the public report: ids, types, who, when (the
    reason itself stays in the encrypted log: it may quote the person)."""
    keys = protected_entities(log)
    labels = {span_id(s): s.label for s in log.spans if s.entity in keys}
    out = []
    for event in log.events:
        if not event.get("reason"):
            continue
        for after in event.get("after", []):
            if after["id"] in labels:
                out.append(
                    {
                        "span": after["id"],
                        "label": labels[after["id"]],
                        "reviewer": event["name"],
                        "fingerprint": event["reviewer"],
                        "time": event["time"],
                    }
                )
    return out


def undecided(log: RedactionLog) -> list[Span]:
    return [s for s in log.spans if s.status == "proposed"]


def is_approved(log: RedactionLog) -> bool:
    return bool(log.events) and log.events[-1]["action"] == "approve" and not undecided(log)


def _canonical(event: Mapping[str, Any]) -> bytes:
    body = {k: v for k, v in event.items() if k != "sig"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def _event_hash(event: Mapping[str, Any]) -> str:
    return hashlib.sha256(_canonical(event) + str(event.get("sig")).encode()).hexdigest()


def _state(span: Span) -> dict[str, Any]:
    return {
        "id": span_id(span),
        "status": span.status,
        "replacement": span.replacement,
        "label": span.label,
        "entity": span.entity,
    }


def _targets(log: RedactionLog, decision: Decision) -> list[int]:
    if decision.entity is not None:
        found = [i for i, s in enumerate(log.spans) if s.entity == decision.entity]
        if not found:
            raise ReviewError(
                f"record {log.record_id} has no span of entity {decision.entity}",
                f"see the spans with: testimony review show {log.record_id}",
            )
        return found
    index = {span_id(s): i for i, s in enumerate(log.spans)}
    missing = [i for i in decision.spans if i not in index]
    if missing or not decision.spans:
        raise ReviewError(
            f"record {log.record_id} has no span {', '.join(missing) or '(none given)'}",
            f"see the spans with: testimony review show {log.record_id}",
        )
    return [index[i] for i in decision.spans]


def decide(
    log: RedactionLog,
    decision: Decision,
    identity: Identity,
    now: datetime,
    text: str,
    policy: Policy,
    table: PseudonymTable,
) -> RedactionLog:
    """Apply one decision to ``log`` (in place) and append its signed event."""
    before: list[dict[str, Any]] = []
    after: list[dict[str, Any]] = []
    if decision.action == "approve":
        open_spans = undecided(log)
        if open_spans:
            raise ReviewError(
                f"record {log.record_id} still has {len(open_spans)} undecided spans",
                f"decide them first: testimony review show {log.record_id}",
            )
        exposed = unreleased_protected(log)
        if exposed:
            raise ReviewError(
                f"record {log.record_id}: the protected term at span {span_id(exposed[0])} "
                f"would be published ({len(exposed)} such span(s))",
                f"mask it: testimony review accept {log.record_id} {span_id(exposed[0])}; or "
                f"release it: testimony review reject {log.record_id} {span_id(exposed[0])} "
                f'--reason "..."',
            )
    elif decision.action == "add":
        span = _new_span(log, decision, text, policy, table)
        log.spans = sorted([*log.spans, span], key=lambda s: s.start)
        after.append(_state(span))
    elif decision.action in ("accept", "reject", "edit"):
        keys = protected_entities(log)
        targets = _targets(log, decision)
        changed = {i: _changed(log.spans[i], decision) for i in targets}
        for new in changed.values():  # checked before anything changes: a refusal is clean
            if new.entity in keys and _visible(new) and not _reason(decision):
                raise ProtectedTermError(
                    f"span {span_id(new)} of record {log.record_id} is a protected term given "
                    "at intake: leaving it visible publishes it",
                    'only if the person asked for it: repeat with --reason "..." (signed, '
                    "and listed in the public report); otherwise accept it",
                )
        for i, new in changed.items():
            before.append(_state(log.spans[i]))
            log.spans[i] = new
            after.append(_state(new))
    elif decision.action in ("merge", "split"):
        _relink(log, decision, table, before, after)
    else:
        raise ReviewError(
            f"unknown decision '{decision.action}'",
            "use accept, reject, edit, add, merge, split or approve",
        )
    _append_event(log, decision.action, identity, now, before, after, _reason(decision))
    return log


def _reason(decision: Decision) -> str | None:
    reason = (decision.reason or "").strip()
    return reason or None


def _changed(span: Span, decision: Decision) -> Span:
    if decision.action == "accept":
        return span.with_(status="accepted" if span.status != "edited" else "edited")
    if decision.action == "reject":
        return span.with_(status="rejected")
    replacement = (decision.replacement or "").strip()
    if not replacement or "\n" in replacement:
        raise ReviewError("the new replacement is empty or spans lines", "give one short line")
    if replacement == span.text:
        action = "keep"  # the reviewer wrote the original back: leave it visible
    else:
        action = "mask" if span.action == "keep" else span.action  # a kept span now replaced
    return span.with_(status="edited", replacement=replacement, action=action)


def _relink(
    log: RedactionLog,
    decision: Decision,
    table: PseudonymTable,
    before: list[dict[str, Any]],
    after: list[dict[str, Any]],
) -> None:
    """merge: the spans join entity ``decision.entity`` (its pseudonym);
    split: the spans leave their entity for a new one (a new pseudonym)."""
    targets = _targets(log, Decision(decision.action, decision.spans))
    first = log.spans[targets[0]]
    if decision.action == "merge":
        if not decision.entity:
            raise ReviewError("merge needs the entity to join", "give --entity KEY")
        key = decision.entity
    else:
        n = 2
        while f"{first.entity}#{n}" in table.entries:
            n += 1
        key = f"{first.entity}#{n}"
    for i in targets:
        old = log.spans[i]
        replacement = old.replacement
        if old.action == "pseudonymise":
            replacement = table.assign(key, old.label, old.text, log.record_id)
        before.append(_state(old))
        log.spans[i] = old.with_(entity=key, replacement=replacement)
        after.append(_state(log.spans[i]))


def _new_span(
    log: RedactionLog, decision: Decision, text: str, policy: Policy, table: PseudonymTable
) -> Span:
    start, end, label = decision.start, decision.end, decision.label or "PERSON"
    if start is None or end is None or not 0 <= start < end <= len(text):
        raise ReviewError(
            "the span to add is outside the text",
            f"give offsets between 0 and {len(text)}, or --text with its words",
        )
    for other in log.spans:
        if other.start < end and start < other.end and other.status != "rejected":
            raise ReviewError(
                f"the new span overlaps span {span_id(other)}", "reject or edit that span instead"
            )
    surface = text[start:end]
    span = Span(
        start,
        end,
        surface,
        label,
        1.0,
        "reviewer",
        "added by a reviewer",
        linking.entity_key(label, surface),
        context_of(text, start, end),
    )
    (planned,) = plan(log.record_id, [span], policy, table)
    if decision.replacement:
        planned = planned.with_(replacement=decision.replacement)
    return planned.with_(status="added")


def _append_event(
    log: RedactionLog,
    action: str,
    identity: Identity,
    now: datetime,
    before: list[dict[str, Any]],
    after: list[dict[str, Any]],
    reason: str | None = None,
) -> None:
    event: dict[str, Any] = {
        "n": len(log.events) + 1,
        "time": now.isoformat(timespec="seconds"),
        "reviewer": identity.recipient.fingerprint,
        "name": identity.name,
        "action": action,
        "before": before,
        "after": after,
        "prev": _event_hash(log.events[-1]) if log.events else GENESIS,
    }
    if reason:
        event["reason"] = reason
    event["sig"] = base64.b64encode(identity.sign(_canonical(event))).decode()
    log.events.append(event)


def verify_events(log: RedactionLog, signers: Iterable[Recipient]) -> list[str]:
    """Problems with the log's decision events (empty when every event is intact)."""
    by_fingerprint = {r.fingerprint: r for r in signers}
    prev = GENESIS
    for number, event in enumerate(log.events, 1):
        where = f"record {log.record_id} decision {number}"
        if event.get("n") != number or event.get("prev") != prev:
            return [f"{where}: out of order (inserted, removed or moved)"]
        signer = by_fingerprint.get(event.get("reviewer", ""))
        if signer is None:
            return [f"{where}: signed by {event.get('reviewer')}, not a known card"]
        try:
            signature = base64.b64decode(event.get("sig", ""), validate=True)
        except ValueError:
            return [f"{where}: malformed signature"]
        if not signer.verify(signature, _canonical(event)):
            return [f"{where}: the signature does not verify (the decision was changed)"]
        prev = _event_hash(event)
    return []


def find_text(text: str, phrase: str) -> tuple[int, int]:
    """Offsets of ``phrase`` in ``text``: it must occur exactly once."""
    first = text.find(phrase)
    if not phrase.strip() or first < 0:
        raise ReviewError(
            "the words to add were not found in the record",
            "copy them exactly as `testimony intake show` prints them",
        )
    if text.find(phrase, first + 1) >= 0:
        raise ReviewError("the words to add occur more than once", "give --start and --end")
    return first, first + len(phrase)


def summary(log: RedactionLog | None) -> dict[str, Any]:
    if log is None:
        return {"analysed": False, "spans": 0, "undecided": 0, "approved": False, "reviewers": []}
    return {
        "analysed": True,
        "spans": len(log.spans),
        "undecided": len(undecided(log)),
        "approved": is_approved(log),
        "reviewers": sorted({e["reviewer"] for e in log.events}),
    }


def render(log: RedactionLog, spans: Sequence[Span] | None = None) -> list[str]:
    return [
        f"{span_id(s):<11} {s.status:<9} {s.label:<12} {s.action:<12} {s.score:.2f} "
        f"{s.recognizer:<26} {s.replacement}"
        for s in (spans or log.spans)
    ]


def record_decision(
    vault: Any,
    record_id: str,
    decision: Decision,
    identity: Identity,
    now: datetime,
    policy: Policy,
) -> RedactionLog:
    """Load, decide, save and audit one decision, all under the vault's writer lock, so two
    reviewers deciding at once never lose each other's work."""
    from redact.plan import redaction_log

    vault.record_dir(record_id)
    with vault.lock():
        log = redaction_log.require(vault, record_id, identity)
        # the text is needed only to add a span: skip decrypting it for every other decision
        text = vault.record(record_id, identity).text if decision.action == "add" else ""
        body = vault.read_document(None, "pseudonyms", identity)
        table = PseudonymTable.from_json(body, policy.style)
        before = copy.deepcopy(table.entries)
        decide(log, decision, identity, now, text, policy, table)
        if table.entries != before:
            vault.write_document(None, "pseudonyms", table.to_json())
            vault.log(
                "decision", now, identity, None, vault.sealed_files(None), locked_already=True
            )
        redaction_log.save(vault, log)
        action = "approval" if decision.action == "approve" else "decision"
        files = vault.sealed_file(record_id, "redaction.age")
        vault.log(action, now, identity, record_id, files, locked_already=True)
    return log
