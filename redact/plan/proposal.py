"""Decide what to propose for each span: an action from the policy and its replacement."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from redact.detect.recognizers.base import AGE, DATE, ID_NUMBER, LOCATION
from redact.detect.recognizers.protected import NAME as PROTECTED
from redact.detect.span import Span
from redact.link.pseudonyms import LABEL_WORDS, PseudonymTable
from redact.plan.policy import Policy, generalise_age, generalise_date
from redact.plan.references import is_reference

CountryOf = Callable[[str], str | None]


def _generalise(span: Span, policy: Policy, country_of: CountryOf) -> str:
    if span.label == DATE:
        return generalise_date(span.text, policy.generalise.get(DATE, "year"))
    if span.label == AGE:
        return generalise_age(span.text)
    if span.label == LOCATION:
        # decided once per entity, from its key (its letters, place words aside), never per
        # mention: every record and every spelling of one place reads the same
        name = span.entity.partition(":")[2] if span.entity.startswith(f"{LOCATION}:") else ""
        by_country = policy.generalise.get(LOCATION, "country") == "country"
        country = country_of(name or span.text) if by_country else None
        return f"[a place in {country}]" if country else "[a place]"
    return f"[{LABEL_WORDS.get(span.label, span.label.lower())}]"


def plan(
    record_id: str,
    spans: Sequence[Span],
    policy: Policy,
    table: PseudonymTable,
    protected_entities: Iterable[str] = (),
    corpus_names: Sequence[str] = (),
    country_of: CountryOf = lambda surface: None,
    cited: re.Pattern[str] | None = None,
) -> list[Span]:
    """Each span with its proposed action and replacement. Protected terms are never kept; an
    ID number of the ``cited`` interview-code series (``redact.plan.references``) is."""
    protected = set(protected_entities)
    planned = []
    for span in spans:
        is_protected = span.recognizer == PROTECTED or span.entity in protected
        action = policy.action_for(span.label)
        if not is_protected and span.label == ID_NUMBER and is_reference(span.text, cited):
            action = "keep"
            why = "an interview code of this archive (every export cites it): kept"
            span = span.with_(explanation=f"{span.explanation}; {why}")
        elif not is_protected and policy.allowed(span.label, span.text):
            action = "keep"
        elif is_protected and action == "keep":
            action = "mask"
        if action == "pseudonymise":
            replacement = table.assign(span.entity, span.label, span.text, record_id, corpus_names)
        elif action == "generalise":
            replacement = _generalise(span, policy, country_of)
        elif action == "mask":
            replacement = f"[{LABEL_WORDS.get(span.label, span.label.lower())}]"
        else:
            replacement = span.text
        planned.append(span.with_(action=action, replacement=replacement))
    return planned


@dataclass(frozen=True)
class Placement:
    """Where a span landed in the redacted text (offsets there), and whether it was replaced."""

    span: Span
    start: int
    end: int
    replaced: bool


@dataclass(frozen=True)
class Applied:
    """A text with a redaction log applied, and where every span of the log landed."""

    text: str
    placed: tuple[Placement, ...]  # by start: replaced spans, and verbatim ones not overlapped


def applies(span: Span) -> bool:
    """A span that is replaced: neither kept by the policy nor rejected by a reviewer."""
    return span.action != "keep" and span.status != "rejected"


def apply_log(
    text: str, spans: Sequence[Span], shown: Callable[[str], str] = lambda r: r
) -> Applied:
    """The one application of a redaction log: every non-kept, non-rejected span replaced by
    ``shown(span.replacement)`` (the first of overlapping spans wins), and where each span landed.
    A verbatim span overlapped by a replacement is not placed (it is not in the text as is)."""
    out: list[str] = []
    placed: list[Placement] = []
    position = length = 0
    moved: list[tuple[int, int]] = []  # (original end, shift after it) of each replacement
    for span in sorted(spans, key=lambda s: s.start):
        if not applies(span) or span.start < position:
            continue
        out.append(text[position : span.start])
        length += span.start - position
        replacement = shown(span.replacement)
        placed.append(Placement(span, length, length + len(replacement), True))
        out.append(replacement)
        length += len(replacement)
        position = span.end
        moved.append((span.end, length - span.end))
    out.append(text[position:])
    replaced = [p.span for p in placed]
    for span in spans:
        if applies(span) or any(r.start < span.end and span.start < r.end for r in replaced):
            continue
        shift = next((d for end, d in reversed(moved) if end <= span.start), 0)
        placed.append(Placement(span, span.start + shift, span.end + shift, False))
    return Applied("".join(out), tuple(sorted(placed, key=lambda p: p.start)))


def apply(text: str, spans: Sequence[Span]) -> str:
    """The text with every non-kept, non-rejected span replaced (``apply_log``'s text)."""
    return apply_log(text, spans).text
