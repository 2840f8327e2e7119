"""Where a record's review stands: undecided spans, approval, protected terms and their signed
releases, the summary a listing shows. Read-only: the decisions themselves are in ``decisions``.

Imports the plan layer (the redaction log) and nothing else of the review.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from redact.detect.span import Span
from redact.plan.redaction_log import RedactionLog, Summary

PROTECTED = "protected-term"  # the recognizer name of terms given at intake
DECIDED = ("accepted", "rejected", "edited", "added")


def span_id(span: Span) -> str:
    return f"{span.start}-{span.end}"


def protected_entities(log: RedactionLog) -> set[str]:
    """Entities given as protected terms at intake (the witness, relatives, home village)."""
    return {s.entity for s in log.spans if s.recognizer == PROTECTED}


def visible(span: Span) -> bool:
    """A span whose words stay in the text: rejected, or kept by the policy."""
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
    return [s for s in log.spans if s.entity in keys and visible(s) and span_id(s) not in ok]


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


def summary(log: RedactionLog | None) -> Summary:
    """The review progress of one record (``review list``)."""
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
    """One line per span: id, status, type, action, score, recognizer, replacement."""
    return [
        f"{span_id(s):<11} {s.status:<9} {s.label:<12} {s.action:<12} {s.score:.2f} "
        f"{s.recognizer:<26} {s.replacement}"
        for s in (spans or log.spans)
    ]
