"""Decide what to propose for each span: an action from the policy and its replacement."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from redact.detect.recognizers.base import AGE, DATE, LOCATION
from redact.detect.recognizers.protected import NAME as PROTECTED
from redact.detect.span import Span
from redact.link.pseudonyms import LABEL_WORDS, PseudonymTable
from redact.plan.policy import Policy, generalise_age, generalise_date

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
        country = country_of(name or span.text)
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
) -> list[Span]:
    """Each span with its proposed action and replacement. Protected terms are never kept."""
    protected = set(protected_entities)
    planned = []
    for span in spans:
        is_protected = span.recognizer == PROTECTED or span.entity in protected
        action = policy.action_for(span.label)
        if not is_protected and policy.allowed(span.label, span.text):
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


def apply(text: str, spans: Sequence[Span]) -> str:
    """The text with every non-kept, non-rejected span replaced."""
    out, position = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.action == "keep" or span.status == "rejected" or span.start < position:
            continue
        out.append(text[position : span.start])
        out.append(span.replacement)
        position = span.end
    out.append(text[position:])
    return "".join(out)
