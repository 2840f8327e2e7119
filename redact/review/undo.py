"""Undo: the last decision of a record taken back by a new signed decision, never by deleting
history. The undo event's ``before`` is the state the undone decision left, its ``after`` the
state it found; a span the undone decision added is removed again.

Undoing walks back: each undo takes back the latest decision not already taken back, so
pressing undo twice takes back the last two decisions (an approval is one of them: taking it
back leaves the record unapproved). Undo itself is never undone; a new decision redoes.
"""

from __future__ import annotations

from keys.errors import ReviewError
from redact.detect.span import Span
from redact.plan.policy import Policy
from redact.plan.redaction_log import Event, RedactionLog, SpanState
from redact.review.events import state as _state

UNDO = "undo"


def undoable(log: RedactionLog) -> Event | None:
    """The decision event an undo would take back now, or None when there is none."""
    stack: list[Event] = []
    for event in log.events:
        if event.get("action") == UNDO:
            if stack:
                stack.pop()
        else:
            stack.append(event)
    return stack[-1] if stack else None


def revert(
    log: RedactionLog,
    expected: int | None,
    policy: Policy,
    before: list[SpanState],
    after: list[SpanState],
) -> None:
    """Take back the latest decision (in place), filling the new event's ``before``/``after``.

    ``expected`` is the number of the event the reviewer saw as the last one: when another
    decision came after it, nothing changes and the undo is refused."""
    target = undoable(log)
    if target is None:
        raise ReviewError(
            f"record {log.record_id} has no decision to undo", "make a decision first"
        )
    if expected is not None and target["n"] != expected:
        raise ReviewError(
            f"record {log.record_id}: the last decision is now number {target['n']}, "
            f"not {expected} (another decision came in)",
            "reload the page and look at the last decision before undoing it",
        )
    index = {f"{s.start}-{s.end}": i for i, s in enumerate(log.spans)}
    previous = {state["id"]: state for state in target.get("before", [])}
    restored: dict[int, Span | None] = {}
    for state in target.get("after", []):
        i = index.get(state["id"])
        if i is None:
            raise ReviewError(
                f"record {log.record_id}: span {state['id']} of decision {target['n']} "
                "is gone (detection ran again)",
                "decide the span again instead of undoing",
            )
        old = previous.get(state["id"])
        span = log.spans[i]
        restored[i] = _restored(span, old, target["action"], policy) if old else None
    for i, new in restored.items():
        before.append(_state(log.spans[i]))
        if new is not None:
            after.append(_state(new))
            log.spans[i] = new
    gone = {i for i, new in restored.items() if new is None}  # added by the undone decision
    log.spans = [s for i, s in enumerate(log.spans) if i not in gone]


def _restored(span: Span, old: SpanState, action: str, policy: Policy) -> Span:
    kept = span.action
    if action == "edit":  # an edit may have changed what is done with the span
        if old["replacement"] == span.text:
            kept = "keep"
        elif span.action == "keep":
            kept = policy.action_for(old["label"])
            kept = "mask" if kept == "keep" else kept
    return span.with_(
        status=old["status"],
        replacement=old["replacement"],
        label=old["label"],
        entity=old["entity"],
        action=kept,
    )
