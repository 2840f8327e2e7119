"""Entity linking and propagation.

Once an entity is found anywhere — in this record, or earlier in the vault's corpus — every other
mention of it in the text is proposed too, in every spelling variant. A partial mention ("Bo-ram",
"Ms. Kim") links to the full name when exactly one known entity explains it; when several do, it
is still proposed, marked ambiguous for the reviewer.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from redact.recognizers.base import (
    CAMP,
    EMAIL,
    ID_NUMBER,
    LOCATION,
    ORGANIZATION,
    PERSON,
    PHONE,
    QQ,
    WECHAT,
)
from redact.span import Span, context_of
from redact.textsearch import compact, find_all, fold, strip_possessive
from redact.variants import key_parts, matches_key, name_key, spelling_variants

LINKED_LABELS = (PERSON, LOCATION, CAMP, ORGANIZATION, PHONE, WECHAT, QQ, EMAIL, ID_NUMBER)
MIN_LETTERS = 3  # "Ri" or "Yu" alone are not searched for: far too many false hits


@dataclass(frozen=True)
class Entity:
    key: str
    label: str
    surfaces: tuple[str, ...]  # how it was written (in this record or anywhere in the corpus)


_PATRONYMIC = re.compile(r"\s\S+(?:ovich|evich|ovna|evna|ichna|inichna)\b")


def entity_key(label: str, surface: str, name: str | None = None) -> str:
    """The entity's key: the same person or place gets the same key in every record.
    ``name`` is a recognizer's own reading of the name, preferred to the raw surface."""
    surface = strip_possessive(surface)
    if label == PERSON:
        key = name if name else name_key(surface)
        key = _PATRONYMIC.sub("", key)  # Viktor Sergeyevich Morozov = Viktor Morozov
        if any(c.isalnum() for c in key):
            return f"{PERSON}:{key}"
        # a name the romanizer cannot read (e.g. Chinese characters): its own letters are the key
    return f"{label}:{compact(surface)}"


def _is_full(key: str) -> bool:
    surname, given = key_parts(key.partition(":")[2])
    return bool(surname and given)


@functools.lru_cache(maxsize=16384)
def _variants(entity: Entity) -> frozenset[str]:
    forms = set(entity.surfaces)
    if entity.label == PERSON:
        for surface in entity.surfaces:
            forms |= spelling_variants(surface)
    return frozenset(f for f in forms if len(compact(f)) >= MIN_LETTERS)


def collect(spans: Iterable[Span], known: Iterable[Entity] = ()) -> dict[str, Entity]:
    """Entities by key, from this record's spans plus those already known in the corpus."""
    entities: dict[str, Entity] = {e.key: e for e in known}
    for span in spans:
        if span.label not in LINKED_LABELS or not span.entity:
            continue
        old = entities.get(span.entity)
        surfaces = (old.surfaces if old else ()) + (span.text,)
        entities[span.entity] = Entity(span.entity, span.label, tuple(dict.fromkeys(surfaces)))
    return entities


def assign_keys(spans: Sequence[Span]) -> list[Span]:
    """Turn merged spans' name readings (or their surfaces) into entity keys."""
    return [s.with_(entity=entity_key(s.label, s.text, s.entity or None)) for s in spans]


def _variant_index(entities: Iterable[Entity]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for entity in entities:
        for form in _variants(entity):
            keys = index.setdefault(compact(form), [])
            if entity.key not in keys:
                keys.append(entity.key)
    return index


class Linker:
    """Links records against one corpus of known entities (indexed once, used per record)."""

    def __init__(self, known: Iterable[Entity]) -> None:
        self.corpus = {e.key: e for e in known}
        self.index = _variant_index(self.corpus.values())

    def link(self, text: str, spans: Sequence[Span]) -> list[Span]:
        """Relink partial mentions and propose every unfound mention of a known entity.
        This record's entities explain a mention first; the corpus only when none does."""
        local = collect(spans)
        corpus = {**self.corpus, **{k: e for k, e in local.items() if k not in self.corpus}}
        linked = [_relink(span, local, corpus) for span in spans]
        local = collect(linked)
        indexes = (_variant_index(local.values()), self.index)
        return _propagate(text, linked, local, corpus, indexes)


def link(text: str, spans: Sequence[Span], known: Iterable[Entity] = ()) -> list[Span]:
    """Link one record against the entities ``known`` in the corpus (see :class:`Linker`)."""
    return Linker(collect(spans, known).values()).link(text, spans)


def _propagate(
    text: str,
    linked: list[Span],
    local: Mapping[str, Entity],
    corpus: Mapping[str, Entity],
    indexes: tuple[Mapping[str, list[str]], Mapping[str, list[str]]],
) -> list[Span]:
    covered = [(s.start, s.end) for s in linked]
    folded = fold(text)
    found: dict[tuple[int, int], Span] = {}
    for entity in [*local.values(), *(e for k, e in corpus.items() if k not in local)]:
        for form in sorted(_variants(entity), key=len, reverse=True):
            for start, end in find_all(text, form, folded):
                if any(a < end and start < b for a, b in covered):
                    continue
                found[(start, end)] = _propagated(text, start, end, entity, indexes)
                covered.append((start, end))
    return sorted([*linked, *found.values()], key=lambda s: s.start)


def _owners(surface: str, candidates: Mapping[str, Entity]) -> list[str]:
    """Full-name entities that a partial mention ("Ms. Kim", "Bo-ram-ssi") could refer to."""
    return [
        k
        for k, e in candidates.items()
        if e.label == PERSON and _is_full(k) and matches_key(surface, k.partition(":")[2])
    ]


def _relink(span: Span, local: Mapping[str, Entity], corpus: Mapping[str, Entity]) -> Span:
    if span.label != PERSON or _is_full(span.entity):
        return span
    owners = _owners(span.text, local) or _owners(span.text, corpus)
    if len(owners) == 1:
        first = corpus[owners[0]].surfaces[0]
        return span.with_(
            entity=owners[0],
            explanation=f"{span.explanation}; linked to the person written '{first}'",
        )
    if len(owners) > 1:
        return span.with_(
            explanation=f"{span.explanation}; ambiguous: could be one of "
            f"{len(owners)} people, review"
        )
    return span


def _propagated(
    text: str,
    start: int,
    end: int,
    entity: Entity,
    indexes: tuple[Mapping[str, list[str]], Mapping[str, list[str]]],
) -> Span:
    form = compact(text[start:end])
    owners = indexes[0].get(form) or indexes[1].get(form) or [entity.key]
    if len(owners) > 1:
        return Span(
            start,
            end,
            text[start:end],
            entity.label,
            0.6,
            "linking",
            f"ambiguous mention: could be one of {len(owners)} entities, review",
            entity_key(entity.label, text[start:end]),
            context_of(text, start, end),
        )
    return Span(
        start,
        end,
        text[start:end],
        entity.label,
        0.9,
        "linking",
        f"another mention of an entity also found elsewhere (as '{entity.surfaces[0]}')",
        owners[0],
        context_of(text, start, end),
    )
