"""Merge raw findings into non-overlapping spans, recall first.

Overlapping findings become one span covering all of them (a wider mask never leaks more); its
label comes from the most trusted finding: protected terms, then our domain recognizers, then
Presidio/spaCy; within a tier, the higher score. Every contributing reason is kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from redact.recognizers.base import COUNTRY, Finding
from redact.span import Span, context_of

PROTECTED = "protected-term"
_TIER = {PROTECTED: 3}


def _rank(finding: Finding) -> tuple[int, int, float, int]:
    tier = _TIER.get(finding.recognizer, 1 if finding.recognizer.startswith("presidio:") else 2)
    country = 1 if finding.label == COUNTRY else 0  # a country name is a country, not a place
    return (tier, country, finding.score, finding.end - finding.start)


def _clusters(findings: Sequence[Finding]) -> list[list[Finding]]:
    ordered = sorted(findings, key=lambda f: (f.start, -f.end))
    clusters: list[list[Finding]] = []
    end = -1
    for finding in ordered:
        if finding.end <= finding.start:
            continue
        if clusters and finding.start < end:
            clusters[-1].append(finding)
            end = max(end, finding.end)
        else:
            clusters.append([finding])
            end = finding.end
    return clusters


def _label(cluster: Sequence[Finding], best: Finding, start: int, end: int) -> str:
    others = [f for f in cluster if f.recognizer != PROTECTED]
    if best.recognizer == PROTECTED and others:
        # a protected term says "mask this", not what it is: the recognizers say that
        return max(others, key=_rank).label
    if best.label == COUNTRY and (best.start, best.end) != (start, end):
        # "North Korea" inside a longer place span: the place wins, recall first
        return max((f for f in cluster if f.label != COUNTRY), key=_rank, default=best).label
    return best.label


def merge(text: str, findings: Sequence[Finding]) -> list[Span]:
    spans = []
    for cluster in _clusters(findings):
        best = max(cluster, key=_rank)
        start = min(f.start for f in cluster)
        end = max(f.end for f in cluster)
        if end - start > 2 and text[end - 2 : end] in ("'s", "\u2019s"):
            end -= 2  # "Zhang Wei's uncle": the possessive stays, "[Person 7]'s uncle"
        reasons = [
            best.explanation,
            *sorted({f"{f.recognizer} {f.label} {f.score:.2f}" for f in cluster if f is not best}),
        ]
        surface = text[start:end]
        label = _label(cluster, best, start, end)
        # the most trusted recognizer that read the name for this label gives the entity's name
        named = [f for f in cluster if f.key and f.label == label]
        name = max(named, key=_rank).key if named else None
        spans.append(
            Span(
                start,
                end,
                surface,
                label,
                max(f.score for f in cluster),
                best.recognizer,
                "; also ".join(reasons),
                name or "",
                context_of(text, start, end),
            )
        )
    return spans
