"""The corpus index: what linking looks up instead of scanning every known entity.

Built once per run over the entities the vault and the batch know; each record then costs its own
length. A record's text is cut into runs of letters and digits, and every window of consecutive
runs is looked up among the spelling variants' letters (a variant matches a text only where its
letters are such a window), so only the entities that occur are searched for. Full names are
indexed by surname, for the partial mentions a title and a surname make.

Names of another origin (Russian, Mongolian, Thai and Lao) compare word by word up to their
transliteration systems (``redact.text.transliteration``): "Ludmila" explains "Lyudmila
Shestakova" and "Людмила Шестакова"; two full names that are the same words so spelled, in any
order ("Shestakov, Andrei" and "Andrey Shestakov"), are one person (:func:`spelling_aliases`). A
Russian diminutive alone ("Kolya") explains a full name of its first name (``text.diminutives``),
a Mongolian short form ("Bataa") one of its given name (``text.mongolian``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from redact.detect.recognizers.base import PERSON
from redact.link.declension import declined_aliases
from redact.link.keys import MIN_LETTERS, Entity, entity_key, is_full, key_body
from redact.text.diminutives import first_names_of
from redact.text.kontsevich import readings
from redact.text.mongolian import is_genitive, short_form_of
from redact.text.search import HAN_RANGE, compact, fold
from redact.text.transliteration import (
    initials_agree,
    initials_form,
    same_spelled_name,
    skeleton,
    skeletons,
)
from redact.text.variants import (
    canonical_given,
    korean_given_syllables,
    one_edit_apart,
    spelling_variants,
    strip_affixes,
    surname_spelling,
)

_TYPO_LETTERS = 6  # a one-letter difference links two spellings only in names this long
_SPELLED_LETTERS = 4  # a word alone links up to transliteration only this long
# a run of letters or digits; in Chinese characters, written without spaces, each character
_RUN = re.compile(rf"[{HAN_RANGE}]|[^\W_{HAN_RANGE}]+")
_HAN_CHAR = re.compile(f"[{HAN_RANGE}]")
# a name of another origin as written: its words up to transliteration, sorted, and its key
_Spelled = tuple[tuple[tuple[str, ...], str], ...]


@functools.lru_cache(maxsize=65536)
def spelling(surface: str) -> str:
    """The surname as written, up to the romanization systems (see ``surname_spelling``)."""
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


def explains(surface: str, body: str, entity: Entity) -> bool:
    """Could the partial mention ``surface`` (key body ``body``) be the full-name ``entity``?"""
    surname, _, given = body.rpartition("|")
    target = key_body(entity.key)
    if "|" in target:
        e_surname, _, e_given = target.partition("|")
        if surname:
            written = spelling(surface)
            return surname == e_surname and written in {spelling(s) for s in entity.surfaces}
        return given == e_given or _typo(given, e_given)
    # a name of another origin, or a Korean name with a surname we do not know ("Kye Dal-ho"):
    # its first or last word, or all words but the first or the last
    words = target.replace(",", " ").split()
    if all(initials_form(s) for s in entity.surfaces):
        return False  # "Yu. L. Shestakov" is no full name a surname alone could be linked to
    word = _letters(surname or given)
    ends = tuple(_letters("".join(part)) for part in (words[:1], words[-1:], words[1:], words[:-1]))
    initialed = initials_form(surface)
    if initialed:  # "Yu. L. Shestakov", "A. Narantuya": the initials must be the full name's too
        spoken, initials = initialed
        return _same_end(spoken, words) and initials_agree(initials, spoken, entity.surfaces)
    if word in ends or any(_typo(word, w) for w in ends):
        return True
    alone = strip_affixes(surface).split()
    if len(alone) != 1:
        return False
    return _same_end(alone[0], words) or _diminutive(alone[0], words) or _short(alone[0], words)


def _short(word: str, words: list[str]) -> bool:
    """True when ``words`` are a Mongolian genitive patronymic and a given name, and ``word`` is
    a short form of that given name ("Bataa" and "sukhiin batbold")."""
    return len(words) == 2 and is_genitive(words[0]) and short_form_of(word, words[1])


def _diminutive(word: str, words: list[str]) -> bool:
    """True when ``word`` is a diminutive of the first or last of ``words`` ("Kolya" and
    "nikolai shestakov", "Tolya" and "shestakov, anatoliy")."""
    names = first_names_of(word)
    return bool(names and words) and bool(names & {skeleton(words[0]), skeleton(words[-1])})


def _same_end(word: str, words: list[str]) -> bool:
    """True when ``word`` is the first or last of ``words`` up to transliteration ("Ludmila"
    and "lyudmila shestakova", "Shestakov" and "шестаков андрей")."""
    spelled = skeleton(word)
    if len(spelled) < _SPELLED_LETTERS:
        return False
    return bool(words) and spelled in {skeleton(words[0]), skeleton(words[-1])}


@functools.lru_cache(maxsize=16384)
def variants(entity: Entity) -> frozenset[str]:
    forms = set(entity.surfaces)
    if entity.label == PERSON:
        for surface in entity.surfaces:
            forms |= spelling_variants(surface)
    return frozenset(f for f in forms if len(compact(f)) >= MIN_LETTERS or _two_han(f))


def _two_han(form: str) -> bool:
    """A name of two Chinese characters (海燕, 丽娟): as telling as three letters."""
    letters = compact(form)
    return len(letters) == 2 and all(_HAN_CHAR.fullmatch(c) for c in letters)


def runs_of(folded: str) -> list[str]:
    """The runs of letters and digits of a folded text, in order; each Chinese character is a
    run of its own (a name is written inside a sentence without spaces)."""
    return _RUN.findall(folded)


@dataclass(frozen=True)
class _Facts:
    """What indexing needs of one entity, worked out once."""

    number: int  # the entity's number in its registry
    runs: int  # the most runs of letters one of its variants has (at least 1)
    longest: int  # the most letters one of its variants has
    surname: str | None  # a full name's surname ("" for a name of another origin), else None
    spelled: _Spelled  # see spelling_aliases


class _Registry:
    """Every entity indexed in this process, by its key, label and surfaces, with its facts,
    and its variants' letters -> those entities' numbers: each entity's variants are worked out
    once however many indexes (one per `redact run`, per record, per test) hold it."""

    def __init__(self) -> None:
        self.facts: dict[tuple[str, str, tuple[str, ...]], _Facts] = {}
        self.numbers: dict[str, list[int]] = {}  # a variant's letters -> entity numbers

    def facts_of(self, entity: Entity) -> _Facts:
        found = self.facts.get((entity.key, entity.label, entity.surfaces))
        return found if found is not None else self._add(entity)

    def _add(self, entity: Entity) -> _Facts:
        number, counts = len(self.facts), dict[str, int]()  # letters -> most runs
        for form in variants(entity):
            found = runs_of(fold(form))
            letters = "".join(found)  # compact(form), without filling its cache
            counts[letters] = max(counts.get(letters, 0), len(found))
        for letters in counts:
            self.numbers.setdefault(letters, []).append(number)
        runs = max([1, *counts.values()])
        longest = max(map(len, counts), default=0)
        surname = None
        if entity.label == PERSON and is_full(entity.key):
            body = key_body(entity.key)
            surname = body.partition("|")[0] if "|" in body else ""
        facts = _Facts(number, runs, longest, surname, _spelled(entity))
        self.facts[(entity.key, entity.label, entity.surfaces)] = facts  # last: seen complete
        return facts


_REGISTRY_LIMIT = 50_000  # entities one registry holds before new indexes start a fresh one
_registries = [_Registry()]


def _registry() -> _Registry:
    """The registry new indexes use; a full one is left to the indexes that hold it."""
    if len(_registries[0].facts) > _REGISTRY_LIMIT:
        _registries[0] = _Registry()
    return _registries[0]


class Index:
    """Spelling variants' letters -> entity keys, and full names by surname.

    Built in one pass over the entities' facts (each entity's variants are worked out once per
    process, in a shared registry); a lookup asks the registry which entities have those letters
    and keeps this index's, in its order, as a scan of every entity's variants would."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        entities = list(entities)
        self._registry = _registry()
        facts = [self._registry.facts_of(e) for e in entities]
        spelled = {e.key: f.spelled for e, f in zip(entities, facts, strict=True)}
        self.aliases = spelling_aliases({e.key: e for e in entities}, spelled)
        self.runs = max((f.runs for f in facts), default=1)  # the most runs one variant has
        self.longest = max((f.longest for f in facts), default=0)  # its most letters
        self._keys: list[str] = []  # by position: the key an entity is found under
        self._position: dict[int, int] = {}  # an entity's number -> its first position
        self.by_surname: dict[str, list[str]] = {}
        self.other_people: list[str] = []  # full names of another origin ("Viktor Morozov")
        for entity, fact in zip(entities, facts, strict=True):
            key = self.aliases.get(entity.key, entity.key)  # one key for one name's spellings
            self._position.setdefault(fact.number, len(self._keys))
            self._keys.append(key)
            if fact.surname is not None:
                group = self.by_surname.setdefault(fact.surname, []) if fact.surname else None
                group = self.other_people if group is None else group
                if key not in group:
                    group.append(key)

    def owners(self, letters: str) -> list[str]:
        """The keys of the entities some variant of which has exactly these letters, in the
        order of the entities (empty when none has)."""
        numbers = self._registry.numbers.get(letters, ())
        places = sorted({p for n in numbers if (p := self._position.get(n)) is not None})
        return list(dict.fromkeys(self._keys[p] for p in places))

    def present(self, runs: list[str]) -> dict[str, list[str]]:
        """The letters of the windows of runs that some variant has -> the entities' keys."""
        found: dict[str, list[str]] = {}
        for i in range(len(runs)):
            letters = ""
            for run in runs[i : i + self.runs]:
                letters += run
                if len(letters) > self.longest:
                    break
                keys = self.owners(letters)
                if keys:
                    found[letters] = keys
        return found

    def full_names(self, surname: str) -> list[str]:
        """Full names a title and this surname could mean: of that surname, or of another
        origin (matched word by word)."""
        return [*self.by_surname.get(surname, ()), *self.other_people]


def typo_aliases(
    corpus: Mapping[str, Entity], spelling: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Full-name keys one letter from exactly one other full name of the same surname, in a
    name of 6+ letters: the rarer spelling (fewer surfaces, then the later key) links to it.
    And the spelling aliases of names of another origin (:func:`spelling_aliases`; ``spelling``
    when they are known already, as an :class:`Index` of the corpus knows them)."""
    spelling = spelling_aliases(corpus) if spelling is None else spelling
    aliases = {**_one_letter_aliases(corpus), **_cyrillic_aliases(corpus), **spelling}
    aliases = {**declined_aliases(corpus), **aliases}
    out: dict[str, str] = {}
    for key, target in aliases.items():
        seen = {key}
        while target in aliases and target not in seen:  # a spelling of a typo's target
            seen.add(target)
            target = aliases[target]
        if target != key and target in corpus:
            out[key] = target
    return out


def _cyrillic_aliases(corpus: Mapping[str, Entity]) -> dict[str, str]:
    """A Korean name written in Cyrillic -> the one other full name of the corpus among its
    readings ("Ли Сон Ир" may be Yi Sŏng-il or Yi Sŏn-il: Kontsevich writes a final ㄴ
    and ㅇ alike); none when two fit."""
    out: dict[str, str] = {}
    for key, entity in corpus.items():
        if entity.label != PERSON or "#" in key:
            continue
        for surface in (s for s in entity.surfaces if not s.isascii()):
            fits = {entity_key(PERSON, read) for read in readings(surface)} - {key}
            found = [k for k in fits if k in corpus and corpus[k].label == PERSON]
            if len(found) == 1:
                out[key] = found[0]
                break
    return out


def _spelled(entity: Entity) -> _Spelled:
    """The keys a name of another origin has as written (its own, its surfaces'), each with
    its words up to transliteration, in any order: what :func:`spelling_aliases` groups."""
    if entity.label != PERSON or "#" in entity.key:
        return ()
    out = []
    for written in {entity.key, *(entity_key(PERSON, s) for s in entity.surfaces)}:
        body = key_body(written)
        if "|" in body or ":" in body or not is_full(written):
            continue
        out.append((tuple(sorted(skeletons(body))), written))
    return tuple(out)


def spelling_aliases(
    corpus: Mapping[str, Entity], spelled: Mapping[str, _Spelled] | None = None
) -> dict[str, str]:
    """Full names of another origin that are the same words up to transliteration, in any
    order ("Lyudmila Shestakova", "Ludmila Shestakova", "Людмила Борисовна Шестакова", "Shestakova,
    Ludmila"),
    and the keys their surfaces have as written: all -> the one of them the corpus knows best
    (most surfaces, then the first key). Names whose words differ are never joined.
    ``spelled``: each key's :func:`_spelled`, when worked out already."""
    groups: dict[tuple[str, ...], set[str]] = {}
    for key, entity in corpus.items():
        for words, written in _spelled(entity) if spelled is None else spelled[key]:
            groups.setdefault(words, set()).add(written)
    aliases: dict[str, str] = {}
    for keys in groups.values():
        known = sorted(k for k in keys if k in corpus)
        if len(keys) < 2 or not known:
            continue
        target = max(known, key=lambda k: (len(corpus[k].surfaces), [-ord(c) for c in k]))
        aliases.update({k: target for k in keys if k != target})
    return aliases


def _one_letter_aliases(corpus: Mapping[str, Entity]) -> dict[str, str]:
    by_surname: dict[str, dict[str, str]] = {}  # surname -> full name's key -> given name
    for key, entity in corpus.items():
        name = _full_name(key) if entity.label == PERSON and "~" not in key else None
        if name is not None:  # a Cyrillic reading with a choice: never a typo of one of them
            by_surname.setdefault(name[0], {})[key] = name[1]
    aliases: dict[str, str] = {}
    for givens in by_surname.values():
        for key, others in _one_letter_neighbours(givens).items():
            near = [o for o in others if _typo(givens[key], givens[o])]
            if len(near) != 1:
                continue
            other = near[0]
            rank = (len(corpus[key].surfaces), other < key)
            if rank < (len(corpus[other].surfaces), key < other):
                aliases[key] = other
    return {k: v for k, v in aliases.items() if v not in aliases}


def _one_letter_neighbours(givens: Mapping[str, str]) -> dict[str, set[str]]:
    """Keys whose given names could be one letter apart: two such names share a spelling with
    one letter left out (or one is the other with a letter left out). Names under 6 letters are
    never typos of each other and are left out."""
    by_deletion: dict[str, set[str]] = {}
    for key, given in givens.items():
        for shorter in _shorter(given):
            by_deletion.setdefault(shorter, set()).add(key)
    out: dict[str, set[str]] = {}
    for keys in by_deletion.values():
        if len(keys) > 1:
            for key in keys:
                out.setdefault(key, set()).update(keys - {key})
    return out


@functools.lru_cache(maxsize=65536)
def _shorter(given: str) -> frozenset[str]:
    """A given name of 6+ letters and its spellings with one letter left out; none if shorter."""
    if len(given) < _TYPO_LETTERS:
        return frozenset()
    return frozenset({given, *(given[:i] + given[i + 1 :] for i in range(len(given)))})


@functools.lru_cache(maxsize=65536)
def _full_name(key: str) -> tuple[str, str] | None:
    """A full name's surname ("" for a name of another origin) and given name, read from its
    key; None for a partial mention or a key of its record."""
    if not is_full(key) or "#" in key:
        return None
    body = key_body(key)
    surname = body.partition("|")[0] if "|" in body else ""
    return surname, _given_of(key)


def _given_of(key: str) -> str:
    body = key_body(key)
    return body.partition("|")[2] if "|" in body else body.replace(" ", "")


def alias_reason(key: str, target: str, first: str) -> str:
    """Why a full-name key was linked to ``target`` (written ``first``), for the reviewer:
    another spelling of the same words, or a one-letter difference (a typo?)."""
    if same_spelled_name(key_body(key), key_body(target)):
        return f"the person written '{first}', in another spelling or order, linked"
    if not one_edit_apart(key_body(key), key_body(target)):  # "Владислава Кима", "Slava Kim"
        return f"another form of the person written '{first}' (declined, a diminutive or "
        "another script), linked: review"
    return f"one letter from the person written '{first}' (a typo?), linked: review"
