"""Entity linking and propagation.

Once an entity is found anywhere — in this record, or earlier in the vault's corpus — every other
mention of it in the text is proposed too, in every spelling variant and script (Hangul, Chinese
characters read in pinyin, Cyrillic, McCune-Reischauer and Revised).

Linking asks rather than merges. A partial mention (a surname alone, a given name alone, a
courtesy, role or familiar title + surname) links to a full name only when exactly one full name
of this record explains it; a surname only to the same spelling, up to the rules that tell the
romanization systems apart (Ch'oe = Choe, Pak = Bak; Choi != Choe, Jun != Jeon). Otherwise it is
its own entity, kept to its record, and its reason names the candidates for the reviewer: an
archive holds many women called "Auntie Kim" or "Ok-ryŏn", so a partial mention is never joined
across records by its letters alone. A role or familiar title + surname ("Pastor Han") links to
its record's one full name of that surname when nothing else in the corpus could be meant, when
the record writes the title before that name, or when every record that names it beside one
full name names that one (``link.aliases``); never when the record names it with another
role title too ("Guard Yang" and "Foreman Yang" may be two men), nor when the title is a
woman's and the record writes that full name as a man's (``link.gender``). Two full names
whose given names differ are never one person, except a one-letter typo in a long name (6+
letters) that exactly one other name explains.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

from redact.detect.recognizers.base import PERSON
from redact.detect.span import Span, context_of
from redact.link import gender
from redact.link.corpus import (
    Index,
    alias_reason,
    runs_of,
    spelling,
    typo_aliases,
    variants,
)
from redact.link.keys import (
    LINKED_LABELS,
    MIN_LETTERS,
    Entity,
    assign_keys,
    collect,
    entity_key,
    is_full,
    key_body,
)
from redact.link.labels import LabelVote
from redact.link.namesakes import shares_given_name
from redact.link.partial import candidates, opaque, other_title, partial_body, titled_before
from redact.link.readings import reading_aliases, reading_reason, with_readings
from redact.text.korean_reading import korean_key
from redact.text.search import compact, find_all, fold, phrase_pattern, strip_possessive
from redact.text.variants import MARRIED_TITLES, SURNAMES, han_reading, role_titles

__all__ = [
    "LINKED_LABELS",
    "MIN_LETTERS",
    "Entity",
    "Linker",
    "assign_keys",
    "collect",
    "entity_key",
    "link",
]


class Linker:
    """Links records against one corpus of known entities (indexed once, used per record)."""

    def __init__(self, known: Iterable[Entity]) -> None:
        self.corpus = {e.key: e for e in known}
        self.order = {key: i for i, key in enumerate(self.corpus)}
        self.index = Index(e for e in self.corpus.values() if "#" not in e.key)
        self.scoped: dict[str, list[Entity]] = {}  # record scope -> its own partial mentions
        for key, entity in self.corpus.items():
            if "#" in key:
                self.scoped.setdefault(key.rpartition("#")[2].partition(".")[0], []).append(entity)
        self.read_as = reading_aliases(self.corpus)  # 허미옥 beside 许美玉 and Xu Meiyu
        typos = typo_aliases(self.corpus, self.index.aliases)  # and the same spelling aliases
        self.typos = with_readings(typos, self.read_as)
        self.labels = LabelVote(self.corpus.values())

    def link(self, text: str, spans: Sequence[Span], protected: Sequence[str] = ()) -> list[Span]:
        """Relink partial mentions and propose every unfound mention of a known entity.
        This record's entities explain a mention first; the corpus only when none does.
        ``protected``: the record's protected terms, whose full names are people of this record
        whether or not it writes them in full."""
        scope = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        spans = [self.labels.relabel(span) for span in spans]
        context = _Context(text, scope, collect(spans), self)
        context.protected = _protected_people(protected)
        linked = [self._untypo(self._in_korean(_relink(span, context))) for span in spans]
        context.local = collect(linked)
        context.local_index = Index([*context.local.values(), *self.scoped.get(scope, ())])
        return [self._untypo(span) for span in _propagate(linked, context)]

    def entity(self, key: str, scope: str) -> Entity | None:
        """A known entity, unless it is a partial mention of another record."""
        if "#" in key and key.rpartition("#")[2].partition(".")[0] != scope:
            return None
        return self.corpus.get(key)

    def _in_korean(self, span: Span) -> Span:
        """A full name in Chinese characters read in Korean (朴泰勋 as Pak T'ae-hun) when that
        reading is a full name the corpus knows written in Hangul or Latin letters and its
        pinyin reading is not; read in pinyin otherwise (most names in characters are Chinese)."""
        if span.label != PERSON or span.text.isascii():
            return span
        body = korean_key(span.text)
        key = f"{PERSON}:{body}" if body else ""
        known = self.corpus.get(key)
        if not known or key == span.entity or not is_full(key):
            return span
        if all(han_reading(s) != s for s in known.surfaces):  # known in characters only
            return span
        read = self.corpus.get(span.entity)  # its pinyin reading is a person known in letters
        if read and is_full(span.entity) and any(han_reading(s) == s for s in read.surfaces):
            return span  # 金明 beside Jin Ming and Kim Myong: Chinese first, as for most names
        written = max(known.surfaces, key=len)
        why = f"read in Korean, the person written '{written}'"
        return span.with_(entity=key, explanation=f"{span.explanation}; {why}")

    def _untypo(self, span: Span) -> Span:
        target = self.typos.get(span.entity)
        if target is None:
            return span
        first = self.corpus[target].surfaces[0]
        if span.entity in self.read_as:
            why = reading_reason(self.read_as[span.entity][1], self.corpus[target].surfaces)
        else:
            why = alias_reason(span.entity, target, first)
        return span.with_(entity=target, explanation=f"{span.explanation}; {why}")


def link(text: str, spans: Sequence[Span], known: Iterable[Entity] = ()) -> list[Span]:
    """Link one record against the entities ``known`` in the corpus (see :class:`Linker`)."""
    return Linker(collect(spans, known).values()).link(text, spans)


class _Context:
    """What linking one record needs: its text, its scope, its entities and the corpus's."""

    def __init__(self, text: str, scope: str, local: dict[str, Entity], linker: Linker) -> None:
        self.text = text
        self.scope = scope
        self.local = local
        self.linker = linker
        self.local_index = Index(())
        self.protected: dict[str, Entity] = {}  # full names given as protected terms

    def entity(self, key: str) -> Entity | None:
        return self.local.get(key) or self.linker.entity(key, self.scope)

    def everywhere(self, body: str) -> dict[str, Entity]:
        """The full names of the corpus and of this record that a surname could be part of."""
        keys = self.linker.index.full_names(body.rpartition("|")[0])
        found = {k: self.linker.corpus[k] for k in keys}
        return {**found, **self.local}

    def _with_corpus(self, entity: Entity) -> Entity:
        """A local entity with the ways the corpus writes it too: "Tongnim-ri" here, 东林里 in
        another record's table, so that this record's 东林里 is found as well."""
        known = self.linker.corpus.get(entity.key)
        if known is None or known.label != entity.label or known.surfaces == entity.surfaces:
            return entity
        surfaces = tuple(dict.fromkeys((*entity.surfaces, *known.surfaces)))
        return Entity(entity.key, entity.label, surfaces, max(entity.strength, known.strength))

    def searched(self, folded: str) -> list[tuple[Entity, list[str]]]:
        """The entities some spelling of which has the letters of a stretch of this text, with
        those spellings, longest first: this record's first, then the corpus's in the order it
        knows them."""
        runs = runs_of(folded)
        known_here, mine_here = self.linker.index.present(runs), self.local_index.present(runs)
        windows = known_here.keys() | mine_here.keys()
        present = {k for found in (known_here, mine_here) for keys in found.values() for k in keys}
        mine = [self._with_corpus(e) for k, e in self.local.items() if k in present]
        order = self.linker.order
        known = sorted(
            (k for k in present if k in order and k not in self.local), key=order.__getitem__
        )
        entities = [*mine, *(e for k in known if (e := self.linker.entity(k, self.scope)))]
        return [
            (e, sorted((f for f in variants(e) if compact(f) in windows), key=len, reverse=True))
            for e in entities
        ]


def _propagate(linked: list[Span], context: _Context) -> list[Span]:
    text = context.text
    covered = [(s.start, s.end) for s in linked]
    folded = fold(text)
    found: dict[tuple[int, int], Span] = {}
    matches: dict[object, list[tuple[int, int]]] = {}  # one search per pattern and record
    for entity, forms in context.searched(folded):
        for form in forms:
            pattern = phrase_pattern(form)
            if pattern not in matches:
                matches[pattern] = find_all(text, form, folded)
            for start, end in matches[pattern]:
                if any(a < end and start < b for a, b in covered):
                    continue
                if _ordinary_word(text[start:end], entity):
                    continue
                found[(start, end)] = _propagated(start, end, entity, context)
                covered.append((start, end))
    return sorted([*linked, *found.values()], key=lambda s: s.start)


_COMMON_WORD = 3.0  # wordfreq Zipf frequency of an everyday English word ("line", "memo")
# a surname that is also among the commonest English words (son 5.3, park 5.2, sun 5.0); names
# that are words less often stay names in lower case (lee 4.7, moon 4.7, kim 4.6, hong 4.5)
_SURNAME_AS_WORD = 4.9


def _ordinary_word(found: str, entity: Entity) -> bool:
    """A lower-case everyday English word ("line", "intake", "south") where the entity was only
    ever written capitalised: the word, not another mention. A surname stays a mention unless
    it is one of the commonest words too ("her son" for a Mr. Son, "the sun")."""
    if not found.islower() or not found.isalpha():
        return False
    if any(s[:1].islower() for s in entity.surfaces):  # Hangul and characters have no case
        return False
    from wordfreq import zipf_frequency

    common = _SURNAME_AS_WORD if entity.label == PERSON and found in SURNAMES else _COMMON_WORD
    return zipf_frequency(found, "en") >= common


def _resolve(surface: str, body: str, context: _Context, at: int) -> tuple[str, str]:
    """(entity key, reason) for a partial mention at offset ``at``: its one candidate, or its
    own entity. A mention that could be several people of its record is an entity of its own,
    this mention only: two "Pak"s of one record may be two men, and one label for both would
    say they are one."""
    titles = role_titles(surface)
    if titles and body.rpartition("|")[0]:
        return _resolve_role(surface, body, titles, context, at)
    # the record's protected people count too: a witness's given name alone ("Su-ok-ssi")
    # where the record writes another Su-ok in full may be either of them
    owners = candidates(surface, body, {**context.protected, **context.local})
    apart = gender.unlike(surface, owners, context.local, context.text)
    owners = [k for k in owners if k not in apart]
    if apart and not owners:
        return f"{PERSON}:{body}#{context.scope}.{at}", _kept_apart(apart, context)
    if owners and body.rpartition("|")[0]:  # a title form of somebody else makes it ambiguous
        owners += _titled_others(surface, body, owners, context)
    own = f"{PERSON}:{body}"
    if len(owners) == 1 and shares_given_name(context.text, body):
        why = "the record tells two people of this given name apart ('the other …'); review"
        return f"{own}#{context.scope}.{at}", why
    if len(owners) == 1:
        return owners[0], f"linked to the person written '{_first(owners[0], context)}'"
    if owners:
        names = ", ".join(f"'{_first(k, context)}'" for k in sorted(owners))
        return (
            f"{own}#{context.scope}.{at}",
            f"ambiguous: could be any of {len(owners)} people ({names}); kept apart, review",
        )
    if body.rpartition("|")[0]:  # a surname alone names nobody outside its own record
        return f"{own}#{context.scope}", "no full name in this record explains it"
    return f"{own}#{context.scope}", "a given name alone; no full name in this record explains it"


def _resolve_role(
    surface: str, body: str, titles: str, context: _Context, at: int
) -> tuple[str, str]:
    """A role or familiar title + surname ("Pastor Han", "Auntie Pak") is how one person is
    known, often across records: it links to this record's one full name of that surname only
    when no other full name in the corpus could be meant, or when this record writes the title
    before that full name. Otherwise it is its own entity, kept to its record."""
    local = candidates(surface, body, context.local)
    apart = gender.unlike(surface, local, context.local, context.text)
    local = [k for k in local if k not in apart]
    everywhere = [k for k in candidates(surface, body, context.everywhere(body)) if k not in apart]
    married = any(t in MARRIED_TITLES for t in titles.split())
    titled = bool(local) and titled_before(titles, local[0], context.local, context.text)
    alone = bool(local) and (set(everywhere) <= set(local) or titled)
    # "Guard Yang" and "Foreman Yang" in one record may be two men: neither is the one
    # full name of Yang unless the record writes that title before it
    rival = other_title(titles, body, context.local) if len(local) == 1 else None
    if rival and not titled:
        alone = False
        if set(everywhere) <= set(local):
            why = f"another title of this surname in the record ('{rival}'): could be two people"
            return f"{PERSON}:{titles} {body}#{context.scope}", f"kept apart: {why}; review"
    if len(local) == 1 and alone and not married:
        return local[0], f"linked to the person written '{_first(local[0], context)}'"
    own = f"{PERSON}:{titles} {body}#{context.scope}"
    if len(local) > 1:
        own = f"{own}.{at}"  # could be several people of this record: this mention only
    if apart and not local:
        return own, _kept_apart(apart, context)
    if not everywhere:
        return own, ""
    names = ", ".join(f"'{_first(k, context)}'" for k in sorted(everywhere)[:6])
    return own, (
        f"a title and a surname, kept apart: could be any of {len(everywhere)} people "
        f"({names}), review"
    )


def _kept_apart(apart: Mapping[str, str], context: _Context) -> str:
    key, why = sorted(apart.items())[0]
    return f"not linked to the person written '{_first(key, context)}': {why}; review"


def _titled_others(surface: str, body: str, owners: list[str], context: _Context) -> list[str]:
    """Title forms of this surname in the record ("Auntie Pak", "Old Wang") that stand for
    somebody other than the full names ``owners``: another person a surname alone may mean."""
    written_as = spelling(surface)
    others: list[str] = []
    for entity in list(context.local.values()):
        if entity.label != PERSON:
            continue
        for written in entity.surfaces:
            titles = role_titles(written)
            name = strip_possessive(written)
            if not titles or spelling(name) != written_as:
                continue
            own = partial_body(Span(0, 0, name, PERSON, 0, "", "", entity.key))
            if own != body:
                continue
            key, _ = _resolve_role(name, own, titles, context, -1)
            if key not in owners and key not in others:
                others.append(key)
    return others


def _protected_people(terms: Sequence[str]) -> dict[str, Entity]:
    """The full names among a record's protected terms, as people of that record."""
    people = ((entity_key(PERSON, term), term) for term in terms)
    return {key: Entity(key, PERSON, (term,)) for key, term in people if is_full(key)}


def _first(key: str, context: _Context) -> str:
    entity = context.entity(key)
    return entity.surfaces[0] if entity else key_body(key).replace("|", " ").strip().title()


def _relink(span: Span, context: _Context) -> Span:
    if span.label != PERSON or opaque(span.entity):
        return span
    body = partial_body(span)
    if body is None:
        if span.recognizer == "initials" and not opaque(span.entity) and " " in span.text:
            return span  # "K.H. Yang": the record's one Yang of these initials (link_initials)
        own = entity_key(PERSON, span.text)  # the name as written, not a neighbour's reading
        return span if own == span.entity else span.with_(entity=own)
    key, why = _resolve(strip_possessive(span.text), body, context, span.start)
    explanation = f"{span.explanation}; {why}" if why else span.explanation
    return span.with_(entity=key, explanation=explanation)


def _propagated(start: int, end: int, entity: Entity, context: _Context) -> Span:
    text = context.text
    surface = text[start:end]
    form = compact(surface)
    owners = context.local_index.owners(form) or context.linker.index.owners(form)
    owners = owners or [entity.key]
    body = partial_body(Span(start, end, surface, entity.label, 0, "", "", owners[0]))
    if entity.label == PERSON and body is not None:
        key, why = _resolve(strip_possessive(surface), body, context, start)
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
