"""Entity linking and propagation.

Once an entity is found anywhere — in this record, or earlier in the vault's corpus — every other
mention of it in the text is proposed too, in every spelling variant and script (Hangul, Chinese
characters read in pinyin, Cyrillic, McCune-Reischauer and Revised).

Linking asks rather than merges. A partial mention (a surname alone, a given name alone, a
courtesy title + surname) links to a full name only when exactly one full name of this record
explains it; a surname only to the same spelling, up to the rules that tell the romanization
systems apart (Ch'oe = Choe, Pak = Bak; Choi != Choe, Jun != Jeon). Otherwise it is its own
entity and its reason names the candidates for the reviewer: kept to its record when it is a
surname or could be several people there; the same across records when it is a given name
that no full name of its record explains. A role or
familiar title + surname ("Pastor Han", "Auntie Pak") is how one person is known across records:
it links to a full name only when nothing else in the corpus could be meant. Two full names whose
given names differ are never one person, except a one-letter typo in a long name (6+ letters)
that exactly one other name explains.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from redact.detect.recognizers.base import (
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
from redact.detect.span import Span, context_of
from redact.text.search import compact, find_all, fold, strip_possessive
from redact.text.variants import (
    MARRIED_TITLES,
    SURNAMES,
    canonical_given,
    han_reading,
    korean_given_syllables,
    name_key,
    one_edit_apart,
    role_titles,
    spelling_variants,
    surname_spelling,
    word_set,
)

LINKED_LABELS = (PERSON, LOCATION, CAMP, ORGANIZATION, PHONE, WECHAT, QQ, EMAIL, ID_NUMBER)
MIN_LETTERS = 3  # "Ri" or "Yu" alone are not searched for: far too many false hits


@dataclass(frozen=True)
class Entity:
    key: str
    label: str
    surfaces: tuple[str, ...]  # how it was written (in this record or anywhere in the corpus)


_PATRONYMIC = re.compile(r"\s\S+(?:ovich|evich|ovna|evna|ichna|inichna)\b")


_PLACE_WORDS = re.compile(
    r"(?:\s+(?:county|city|town|township|village|district|province|prefecture|oblast|krai|"
    r"region|station|railway station|bus station|port|harbou?r|crossing|checkpoint))+$",
    re.IGNORECASE,
)
# A leading article or demonstrative is no part of a place's, camp's or organisation's name:
# "the Dalian" is Dalian, "the same 8th brigade" is the 8th brigade.
_ARTICLE = re.compile(r"^(?:(?:the|this|that)\s+)?(?:same\s+)?", re.IGNORECASE)
# Words that say where or whose a camp is, not which: "the Onsong county Bowibu" is the Onsong
# Bowibu, "Tumen border detention centre" the Tumen detention centre, "No. 31" is 31.
_CAMP_NOISE = word_set(
    "the a an this that same county district city border immigration provincial state police "
    "no no. number #"
)
_TYPO_LETTERS = 6  # a one-letter difference links two spellings only in names this long


def entity_key(label: str, surface: str, name: str | None = None) -> str:
    """The entity's key: the same person or place gets the same key in every record.
    ``name`` is a recognizer's own reading of the name, preferred to the raw surface.
    A place's key leaves out a trailing place word ("Musan county" is Musan)."""
    surface = strip_possessive(surface)
    if label == PERSON:
        if name and han_reading(name) != name:
            name = name_key(name)  # a reading in Chinese characters: read it in pinyin
        if not name and any(c.isdigit() for c in surface):
            return f"{PERSON}:code:{compact(surface)}"  # a participant code ("P-12", "W7")
        key = name if name else name_key(surface)
        key = _PATRONYMIC.sub("", key)  # Viktor Sergeyevich Morozov = Viktor Morozov
        if any(c.isalnum() for c in key):
            return f"{PERSON}:{key}"
        # a name the romanizer cannot read: its own letters are the key
    bare = _ARTICLE.sub("", surface) or surface
    if label == LOCATION:
        return f"{label}:{compact(_PLACE_WORDS.sub('', bare)) or compact(bare)}"
    if label == CAMP:
        named = compact(" ".join(w for w in fold(bare).split() if w not in _CAMP_NOISE))
        return f"{label}:{named if named and not named.isdigit() else compact(bare)}"
    return f"{label}:{compact(bare) or compact(surface)}"


def _body(key: str) -> str:
    return key.partition(":")[2].partition("#")[0]


def _is_full(key: str) -> bool:
    """A surname and a given name (Korean, Chinese), or two words or more (other names)."""
    body = _body(key)
    if "|" in body:
        surname, _, given = body.partition("|")
        return bool(surname and given)
    return len(body.split()) >= 2


@functools.lru_cache(maxsize=65536)
def _spelling(surface: str) -> str:
    return surname_spelling(surface)


def _typo(one: str, other: str) -> bool:
    """One letter apart in a name of 6+ letters; never between two well-formed Korean given
    names (Min-jun and Min-jin are two people)."""
    if min(len(one), len(other)) < _TYPO_LETTERS or not one_edit_apart(one, other):
        return False
    return not (korean_given_syllables(one) and korean_given_syllables(other))


def _letters(word: str) -> str:
    """A word compared as a name: its canonical Latin letters (a partial key may have been read
    as Korean syllables), or, in another script, the word itself."""
    return canonical_given(word) or word


def _explains(surface: str, body: str, entity: Entity) -> bool:
    """Could the partial mention ``surface`` (key body ``body``) be the full-name ``entity``?"""
    surname, _, given = body.rpartition("|")
    target = _body(entity.key)
    if "|" in target:
        e_surname, _, e_given = target.partition("|")
        if surname:
            spelling = _spelling(surface)
            return surname == e_surname and spelling in {_spelling(s) for s in entity.surfaces}
        return given == e_given or _typo(given, e_given)
    # a name of another origin, or a Korean name with a surname we do not know ("Kye Chae-ho"):
    # its first or last word, or all words but the first or the last
    words = target.split()
    word = _letters(surname or given)
    ends = tuple(_letters("".join(part)) for part in (words[:1], words[-1:], words[1:], words[:-1]))
    return word in ends or any(_typo(word, w) for w in ends)


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
        self.index = _variant_index(e for e in self.corpus.values() if "#" not in e.key)
        self.typos = _typo_aliases(self.corpus)

    def link(self, text: str, spans: Sequence[Span]) -> list[Span]:
        """Relink partial mentions and propose every unfound mention of a known entity.
        This record's entities explain a mention first; the corpus only when none does."""
        scope = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        local = collect(spans)
        corpus = {
            k: e
            for k, e in {**self.corpus, **local}.items()
            if "#" not in k or k.endswith(f"#{scope}")
        }
        context = _Context(text, scope, local, corpus)
        linked = [self._untypo(_relink(span, context)) for span in spans]
        context.local = collect(linked)
        context.indexes = (_variant_index(context.local.values()), self.index)
        return _propagate(linked, context)

    def _untypo(self, span: Span) -> Span:
        target = self.typos.get(span.entity)
        if target is None:
            return span
        first = self.corpus[target].surfaces[0]
        return span.with_(
            entity=target,
            explanation=f"{span.explanation}; one letter from the person written '{first}' "
            "(a typo?), linked: review",
        )


def link(text: str, spans: Sequence[Span], known: Iterable[Entity] = ()) -> list[Span]:
    """Link one record against the entities ``known`` in the corpus (see :class:`Linker`)."""
    return Linker(collect(spans, known).values()).link(text, spans)


def _typo_aliases(corpus: Mapping[str, Entity]) -> dict[str, str]:
    """Full-name keys one letter from exactly one other full name of the same surname, in a
    name of 6+ letters: the rarer spelling (fewer surfaces, then the later key) links to it."""
    people = [k for k, e in corpus.items() if e.label == PERSON and _is_full(k) and "#" not in k]
    by_surname: dict[str, list[str]] = {}
    for key in people:
        body = _body(key)
        surname = body.partition("|")[0] if "|" in body else ""
        by_surname.setdefault(surname, []).append(key)
    aliases: dict[str, str] = {}
    for group in by_surname.values():
        for key in group:
            near = [o for o in group if o != key and _typo(_given_of(key), _given_of(o))]
            if len(near) != 1:
                continue
            other = near[0]
            rank = (len(corpus[key].surfaces), other < key)
            if rank < (len(corpus[other].surfaces), key < other):
                aliases[key] = other
    return {k: v for k, v in aliases.items() if v not in aliases}


def _given_of(key: str) -> str:
    body = _body(key)
    return body.partition("|")[2] if "|" in body else body.replace(" ", "")


class _Context:
    """What linking one record needs: its text, its scope, its and the corpus's entities."""

    def __init__(
        self, text: str, scope: str, local: dict[str, Entity], corpus: dict[str, Entity]
    ) -> None:
        self.text = text
        self.scope = scope
        self.local = local
        self.corpus = corpus
        self.indexes: tuple[Mapping[str, list[str]], ...] = ()


def _propagate(linked: list[Span], context: _Context) -> list[Span]:
    text, local, corpus = context.text, context.local, context.corpus
    covered = [(s.start, s.end) for s in linked]
    folded = fold(text)
    found: dict[tuple[int, int], Span] = {}
    for entity in [*local.values(), *(e for k, e in corpus.items() if k not in local)]:
        for form in sorted(_variants(entity), key=len, reverse=True):
            for start, end in find_all(text, form, folded):
                if any(a < end and start < b for a, b in covered):
                    continue
                if _ordinary_word(text[start:end], entity):
                    continue
                found[(start, end)] = _propagated(start, end, entity, context)
                covered.append((start, end))
    return sorted([*linked, *found.values()], key=lambda s: s.start)


_COMMON_WORD = 3.0  # wordfreq Zipf frequency of an everyday English word ("line", "memo")


def _ordinary_word(found: str, entity: Entity) -> bool:
    """A lower-case everyday English word ("line", "intake", "south") where the entity was only
    ever written capitalised: the word, not another mention. A surname stays a mention."""
    if not found.islower() or not found.isalpha():
        return False
    if not all(s[:1].isupper() for s in entity.surfaces):
        return False
    if entity.label == PERSON and found in SURNAMES:
        return False
    from wordfreq import zipf_frequency

    return zipf_frequency(found, "en") >= _COMMON_WORD


def _candidates(surface: str, body: str, entities: Mapping[str, Entity]) -> list[str]:
    """Full-name entities that a partial mention ("Ms. Kim", "Bo-ram-ssi") could refer to."""
    return [
        k
        for k, e in entities.items()
        if e.label == PERSON and _is_full(k) and _explains(surface, body, e)
    ]


def _opaque(key: str) -> bool:
    """A recognizer's own kind of key ("PERSON:code:p12", "PERSON:nickname:weasel")."""
    return ":" in _body(key)


def _partial_body(span: Span) -> str | None:
    """The key body of a person mention that names only part of a name, read as written, else
    None. A protected term's variant ("Ms. Choi" for "Choi Eun-ji") carries the full key of the
    term, but names only a surname."""
    own = entity_key(PERSON, span.text)
    if _opaque(own) or _is_full(own):
        return None
    return _body(own)


def _resolve(surface: str, body: str, context: _Context) -> tuple[str, str]:
    """(entity key, reason) for a partial mention: its one candidate, or its own entity."""
    titles = role_titles(surface)
    if titles and body.rpartition("|")[0]:
        return _resolve_role(surface, body, titles, context)
    owners = _candidates(surface, body, context.local)
    if owners and body.rpartition("|")[0]:  # a title form of somebody else makes it ambiguous
        owners += _titled_others(surface, body, owners, context)
    if len(owners) == 1:
        return owners[0], f"linked to the person written '{_first(owners[0], context)}'"
    own = f"{PERSON}:{body}"
    if owners:
        names = ", ".join(f"'{_first(k, context)}'" for k in sorted(owners))
        return (
            f"{own}#{context.scope}",
            f"ambiguous: could be any of {len(owners)} people ({names}); kept apart, review",
        )
    if body.rpartition("|")[0]:  # a surname alone names nobody outside its own record
        return f"{own}#{context.scope}", "no full name in this record explains it"
    return own, "a given name alone; no full name in this record explains it"


def _resolve_role(surface: str, body: str, titles: str, context: _Context) -> tuple[str, str]:
    """A role or familiar title + surname ("Pastor Han", "Auntie Pak") is how one person is
    known, often across records: it links to this record's one full name of that surname only
    when no other full name in the corpus could be meant, or when this record writes the title
    before that full name. Otherwise it is its own entity, the same in every record."""
    local = _candidates(surface, body, context.local)
    everywhere = _candidates(surface, body, context.corpus)
    married = any(t in MARRIED_TITLES for t in titles.split())
    alone = set(everywhere) <= set(local) or _titled(titles, local[0], context) if local else False
    if len(local) == 1 and alone and not married:
        return local[0], f"linked to the person written '{_first(local[0], context)}'"
    own = f"{PERSON}:{titles} {body}"
    if not everywhere:
        return own, ""
    names = ", ".join(f"'{_first(k, context)}'" for k in sorted(everywhere)[:6])
    return own, (
        f"a title and a surname, kept apart: could be any of {len(everywhere)} people "
        f"({names}), review"
    )


def _titled_others(surface: str, body: str, owners: list[str], context: _Context) -> list[str]:
    """Title forms of this surname in the record ("Auntie Pak", "Old Wang") that stand for
    somebody other than the full names ``owners``: another person a surname alone may mean."""
    spelling = _spelling(surface)
    others: list[str] = []
    for entity in list(context.local.values()):
        if entity.label != PERSON:
            continue
        for written in entity.surfaces:
            titles = role_titles(written)
            name = strip_possessive(written)
            if not titles or _spelling(name) != spelling:
                continue
            own = _partial_body(Span(0, 0, name, PERSON, 0, "", "", entity.key))
            if own != body:
                continue
            key, _ = _resolve_role(name, own, titles, context)
            if key not in owners and key not in others:
                others.append(key)
    return others


def _titled(titles: str, key: str, context: _Context) -> bool:
    """True when the record writes the title right before one of the person's full names."""
    title = titles.split()[-1]
    folded = fold(context.text)
    for written in context.local[key].surfaces:
        if _is_full(entity_key(PERSON, written)) and re.search(
            rf"\b{re.escape(title)}\.?\s+{re.escape(fold(written))}", folded
        ):
            return True
    return False


def _first(key: str, context: _Context) -> str:
    entity = context.local.get(key) or context.corpus.get(key)
    return entity.surfaces[0] if entity else _body(key).replace("|", " ").strip().title()


def _relink(span: Span, context: _Context) -> Span:
    if span.label != PERSON or _opaque(span.entity):
        return span
    body = _partial_body(span)
    if body is None:
        own = entity_key(PERSON, span.text)  # the name as written, not a neighbour's reading
        return span if own == span.entity else span.with_(entity=own)
    key, why = _resolve(strip_possessive(span.text), body, context)
    explanation = f"{span.explanation}; {why}" if why else span.explanation
    return span.with_(entity=key, explanation=explanation)


def _propagated(start: int, end: int, entity: Entity, context: _Context) -> Span:
    text = context.text
    surface = text[start:end]
    form = compact(surface)
    owners = context.indexes[0].get(form) or context.indexes[1].get(form) or [entity.key]
    body = _partial_body(Span(start, end, surface, entity.label, 0, "", "", owners[0]))
    if entity.label == PERSON and body is not None:
        key, why = _resolve(strip_possessive(surface), body, context)
        ambiguous = "#" in key and key not in context.local
        return Span(
            start,
            end,
            surface,
            PERSON,
            0.6 if ambiguous else 0.9,
            "linking",
            f"another mention of a person also found elsewhere (as '{entity.surfaces[0]}')"
            + (f"; {why}" if why else ""),
            key,
            context_of(text, start, end),
        )
    if len(owners) > 1:
        return Span(
            start,
            end,
            surface,
            entity.label,
            0.6,
            "linking",
            f"ambiguous mention: could be one of {len(owners)} entities, review",
            entity_key(entity.label, surface),
            context_of(text, start, end),
        )
    return Span(
        start,
        end,
        surface,
        entity.label,
        0.9,
        "linking",
        f"another mention of an entity also found elsewhere (as '{entity.surfaces[0]}')",
        owners[0],
        context_of(text, start, end),
    )
