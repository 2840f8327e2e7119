"""Organisations inside one record: a short name, and a name in Chinese characters, that the
record itself explains.

A short name ("Sunrise" for "Sunrise Resettlement Counselling Centre", "Baekdu" for "Qingdao
Baekdu Seafood Processing Co., Ltd.", a leading place name aside) is that organisation when
exactly one organisation of the record starts with it; with two ("Sunrise legal clinic" and
"Sunrise Counselling Centre") it is its own entity, marked for the reviewer. A name in Chinese
characters is the Latin organisation written right beside it ("Baekdu Seafood (白头水产)",
"白头水产 = Baekdu Seafood"), and only then. Operates on spans that already have their keys.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from redact.detect.recognizers.base import LOCATION, ORGANIZATION, PERSON
from redact.detect.recognizers.gazetteer import fold_key, gazetteer
from redact.detect.recognizers.proper_nouns import is_common_word
from redact.detect.span import Span
from redact.link.kinds import org_words

_GUESSED = 1  # keys.GUESS: a label only the model or the capitalised-word net gave
_RARE = 3.0  # Zipf: a word rarer than this in English is a name ("Baekdu"), not "Foods"
_IN_RECORD = 4.0  # inside one record a less rare word ("Sunrise") is name enough
_BESIDE = re.compile(r"\s*[(\uff08=/]\s*")
_HAN = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")


def name_words(words: list[str]) -> list[str]:
    """An organisation's words after the place names that open it ("Qingdao Baekdu ...")."""
    i = 0
    while i < len(words) - 1 and (words[i],) in gazetteer():
        i += 1
    return words[i:]


def named(words: list[str], rare: float = _RARE) -> bool:
    """Some word is a name: rarer than ``rare`` in English and no place in the gazetteer."""
    return any(
        len(w) >= 3 and not w.isdigit() and not is_common_word(w, rare) and (w,) not in gazetteer()
        for w in words
    )


def _starts(short: list[str], full: list[str]) -> bool:
    return len(short) < len(full) and full[: len(short)] == short


def _opens(short: list[str], full: list[str]) -> bool:
    """The short name opens the full one, or the full one after its leading place names."""
    return _starts(short, full) or _starts(short, name_words(full))


def _owners(span: Span, orgs: dict[str, list[str]]) -> list[str]:
    """Keys of this record's organisations that start with the span's words."""
    words = org_words(span.text)
    if not words or not named(words, _IN_RECORD) or fold_key(span.text) in gazetteer():
        return []
    owners = [key for key, full in orgs.items() if key != span.entity and _opens(words, full)]
    # "Baekdu" opens "Baekdu Seafood" and "Baekdu Seafood Co., Ltd.": the longer one
    return [k for k in owners if not any(_opens(orgs[k], orgs[o]) for o in owners if o != k)]


def _short_name(span: Span, orgs: dict[str, list[str]], first: dict[str, str]) -> Span:
    owners = _owners(span, orgs)
    if len(owners) == 1:
        why = f"the short name of the organisation written '{first[owners[0]]}' in this record"
        return span.with_(
            label=ORGANIZATION, entity=owners[0], explanation=f"{span.explanation}; {why}"
        )
    if len(owners) > 1 and span.label == ORGANIZATION:
        names = ", ".join(f"'{first[k]}'" for k in sorted(owners))
        why = (
            f"ambiguous: could be any of {len(owners)} organisations ({names}); kept apart, review"
        )
        return span.with_(explanation=f"{span.explanation}; {why}")
    return span


def _after(span: Span) -> str:
    """The text right after the span, from its context."""
    return span.context.partition(f"[{span.text}]")[2]


def _beside(spans: Sequence[Span]) -> dict[str, str]:
    """Keys of names in Chinese characters -> the key of the Latin organisation beside them."""
    orgs = sorted((s for s in spans if s.label == ORGANIZATION), key=lambda s: s.start)
    aliases: dict[str, str] = {}
    for one, other in itertools.pairwise(orgs):
        gap = _after(one)[: other.start - one.end]
        if len(gap) != other.start - one.end or not _BESIDE.fullmatch(gap):
            continue
        han = [s for s in (one, other) if _HAN.match(s.text)]
        latin = [s for s in (one, other) if not _HAN.match(s.text) and org_words(s.text)]
        if len(han) == 1 and len(latin) == 1 and han[0].entity != latin[0].entity:
            aliases.setdefault(han[0].entity, latin[0].entity)
    return aliases


def link_in_record(spans: Sequence[Span], strengths: Sequence[int]) -> list[Span]:
    """Short names and names in characters of this record's organisations, linked to them.
    ``strengths`` is each span's evidence for its label (see ``keys.evidence``)."""
    orgs: dict[str, list[str]] = {}
    first: dict[str, str] = {}
    for span in spans:
        if span.label == ORGANIZATION and len(org_words(span.text)) >= 2:
            orgs.setdefault(span.entity, org_words(span.text))
            first.setdefault(span.entity, span.text)
    out = []
    for span, strength in zip(spans, strengths, strict=True):
        guessed = span.label in (PERSON, LOCATION) and strength <= _GUESSED
        if orgs and (span.label == ORGANIZATION or guessed):
            span = _short_name(span, orgs, first)
        out.append(span)
    aliases = _beside(out)
    for i, span in enumerate(out):
        if span.entity in aliases:
            why = "the same organisation, written beside it in Latin letters in this record"
            out[i] = span.with_(
                entity=aliases[span.entity], explanation=f"{span.explanation}; {why}"
            )
    return out
