"""Review decisions: accept, reject, edit, add, merge, split, approve, undo — each one signed.

A decision changes spans of a record's redaction log and appends a signed event to it
(``events``: who, when, what, the previous and new values, chained). A record is approved when
its last event is an approval and no span is undecided (``state``); any later decision or new
proposal voids the approval. :func:`record_decisions` saves a batch all or nothing.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from intake.vault import Vault
from keys.errors import ReviewError
from keys.identity import Identity
from redact.detect.span import Span, context_of
from redact.link import linking
from redact.link.pseudonyms import PseudonymTable
from redact.plan import redaction_log
from redact.plan.policy import Policy
from redact.plan.proposal import plan
from redact.plan.redaction_log import RedactionLog, SpanState
from redact.review import undo
from redact.review.events import GENESIS as GENESIS
from redact.review.events import append_event, state
from redact.review.events import verify_events as verify_events
from redact.review.state import DECIDED as DECIDED
from redact.review.state import PROTECTED as PROTECTED
from redact.review.state import is_approved as is_approved
from redact.review.state import protected_entities as protected_entities
from redact.review.state import released as released
from redact.review.state import releases as releases
from redact.review.state import render as render
from redact.review.state import span_id as span_id
from redact.review.state import summary as summary
from redact.review.state import undecided as undecided
from redact.review.state import unreleased_protected, visible

TABLE_ACTIONS = ("add", "merge", "split")  # the decisions that may assign pseudonyms


@dataclass(frozen=True)
class Decision:
    action: str  # accept | reject | edit | add | merge | split | approve | undo
    spans: tuple[str, ...] = ()  # span ids
    entity: str | None = None  # every span of this entity instead of ids
    replacement: str | None = None  # edit
    start: int | None = None  # add
    end: int | None = None
    label: str | None = None
    reason: str | None = None  # required to leave a protected term visible (a signed release)
    event: int | None = None  # undo: the number of the last decision the reviewer saw


class ProtectedTermError(ReviewError):
    """A decision would leave a protected term visible without a reason (a signed release)."""


def _targets(log: RedactionLog, decision: Decision) -> list[int]:
    if decision.entity is not None:
        found = [i for i, s in enumerate(log.spans) if s.entity == decision.entity]
        if not found:
            raise ReviewError(
                f"record {log.record_id} has no span of the entity given",
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
    before: list[SpanState] = []
    after: list[SpanState] = []
    if decision.action == "approve":
        _check_approvable(log)
    elif decision.action == "add":
        span = _new_span(log, decision, text, policy, table)
        log.spans = sorted([*log.spans, span], key=lambda s: s.start)
        after.append(state(span))
    elif decision.action in ("accept", "reject", "edit"):
        keys = protected_entities(log)
        targets = _targets(log, decision)
        changed = {i: _changed(log.spans[i], decision) for i in targets}
        for new in changed.values():  # checked before anything changes: a refusal is clean
            if new.entity in keys and visible(new) and not _reason(decision):
                raise ProtectedTermError(
                    f"span {span_id(new)} of record {log.record_id} is a protected term given "
                    "at intake: leaving it visible publishes it",
                    'only if the person asked for it: repeat with --reason "..." (signed, '
                    "and listed in the public report); otherwise accept it",
                )
        for i, new in changed.items():
            before.append(state(log.spans[i]))
            log.spans[i] = new
            after.append(state(new))
    elif decision.action in ("merge", "split"):
        _relink(log, decision, table, before, after)
    elif decision.action == undo.UNDO:  # a new signed event restoring the state before the last
        undo.revert(log, decision.event, policy, before, after)
    else:
        raise ReviewError(
            f"unknown decision '{decision.action}'",
            "use accept, reject, edit, add, merge, split or approve",
        )
    append_event(log, decision.action, identity, now, before, after, _reason(decision))
    return log


def _check_approvable(log: RedactionLog) -> None:
    """Refuse approval while a span is undecided or a protected term is visible unreleased."""
    open_spans = undecided(log)
    if open_spans:
        raise ReviewError(
            f"record {log.record_id} still has {len(open_spans)} undecided spans",
            f"decide them first: testimony review show {log.record_id}",
        )
    exposed = unreleased_protected(log)
    if exposed:
        first = span_id(exposed[0])
        raise ReviewError(
            f"record {log.record_id}: the protected term at span {first} "
            f"would be published ({len(exposed)} such span(s))",
            f"mask it: testimony review accept {log.record_id} {first}; or "
            f'release it: testimony review reject {log.record_id} {first} --reason "..."',
        )


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
    before: list[SpanState],
    after: list[SpanState],
) -> None:
    """merge: the spans join entity ``decision.entity`` (its pseudonym);
    split: the spans leave their entity for a new one (a new pseudonym)."""
    targets = _targets(log, Decision(decision.action, decision.spans))
    first = log.spans[targets[0]]
    if decision.action == "merge":
        if not decision.entity:
            raise ReviewError("merge needs the entity to join", "give --entity KEY")
        key = decision.entity
        if key not in known_entities(log, table):
            raise ReviewError(  # never the key itself in the message: it holds a name
                f"record {log.record_id}: the entity key to merge into is not in the record "
                "or the vault's pseudonym table (mistyped?)",
                f"copy it from: testimony review show {log.record_id}",
            )
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
        before.append(state(old))
        log.spans[i] = old.with_(entity=key, replacement=replacement)
        after.append(state(log.spans[i]))


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


def find_text(text: str, phrase: str, nth: int | None = None) -> tuple[int, int]:
    """Offsets of ``phrase`` in ``text``: its only occurrence, or its ``nth`` (from 1, in
    reading order) when it occurs more than once."""
    found: list[int] = []
    at = text.find(phrase) if phrase.strip() else -1
    while at >= 0:
        found.append(at)
        at = text.find(phrase, at + 1)
    if not found:
        raise ReviewError(
            "the words to add were not found in the record",
            "copy them exactly as `testimony intake show` prints them",
        )
    if nth is None and len(found) > 1:
        raise ReviewError(
            f"the words to add occur {len(found)} times in the record",
            f"pick one with --nth 1 to --nth {len(found)} (in reading order), "
            "or give --start and --end",
        )
    if nth is not None and not 1 <= nth <= len(found):
        raise ReviewError(
            f"--nth {nth}: the words to add occur {len(found)} time(s)",
            f"give --nth between 1 and {len(found)}",
        )
    first = found[(nth or 1) - 1]
    return first, first + len(phrase)


def known_entities(log: RedactionLog, table: PseudonymTable) -> set[str]:
    """The entity keys a merge may join: the record's and every one in the vault's table."""
    return {s.entity for s in log.spans} | set(table.entries)


def record_decision(
    vault: Vault,
    record_id: str,
    decision: Decision,
    identity: Identity,
    now: datetime,
    policy: Policy,
) -> RedactionLog:
    """Load, decide, save and audit one decision, all under the vault's writer lock, so two
    reviewers deciding at once never lose each other's work."""
    return record_decisions(vault, record_id, [decision], identity, now, policy)


def record_decisions(
    vault: Vault,
    record_id: str,
    batch: Sequence[Decision],
    identity: Identity,
    now: datetime,
    policy: Policy,
    lines: Sequence[int] | None = None,
) -> RedactionLog:
    """Decide ``batch`` in order, all or nothing: the first refusal leaves the record, the table
    and the audit log as they were (with ``lines``, it names the refused decision's line).
    One writer lock, one save, one audit entry per document. The log this process saved last
    is reused when its sealed file is unchanged (no decrypting and parsing of every span per
    decision); the table is opened only by decisions that need it (add, merge, split)."""
    vault.record_dir(record_id)
    with vault.lock():
        log = redaction_log.load_kept(vault, record_id, identity)
        # the text is needed only to add a span: skip decrypting it for every other decision
        adds = any(d.action == "add" for d in batch)
        text = vault.record(record_id, identity).text if adds else ""
        table, before = PseudonymTable(), None
        if any(d.action in TABLE_ACTIONS for d in batch):
            body = vault.read_document(None, "pseudonyms", identity)
            table = PseudonymTable.from_json(body, policy.style)
            before = copy.deepcopy(table.entries)
        for number, decision in enumerate(batch):
            try:
                decide(log, decision, identity, now, text, policy, table)
            except ReviewError as error:
                if lines is None:
                    raise
                where = f"line {lines[number]}: {error.message}"
                raise type(error)(where, error.hint) from None
        if before is not None and table.entries != before:
            vault.write_document(None, "pseudonyms", table.to_json())
            vault.log(
                "decision", now, identity, None, vault.sealed_files(None), locked_already=True
            )
        files = redaction_log.save_kept(vault, log, identity)
        action = "approval" if batch and batch[-1].action == "approve" else "decision"
        vault.log(action, now, identity, record_id, files, locked_already=True)
    return log
