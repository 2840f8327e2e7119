"""The corpus index: what linking looks up instead of scanning every known entity.

Built once per run over the entities the vault and the batch know; each record then costs its own
length. A record's text is cut into runs of letters and digits, and every window of consecutive
runs is looked up among the spelling variants' letters (a variant matches a text only where its
letters are such a window), so only the entities that occur are searched for. Full names are
indexed by surname, for the partial mentions a title and a surname make.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

from redact.detect.recognizers.base import PERSON
from redact.link.keys import MIN_LETTERS, Entity, is_full, key_body
from redact.text.search import compact, fold
from redact.text.variants import (
    canonical_given,
    korean_given_syllables,
    one_edit_apart,
    spelling_variants,
    surname_spelling,
)

_TYPO_LETTERS = 6  # a one-letter difference links two spellings only in names this long
_RUN = re.compile(r"[^\W_]+")


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
    words = target.split()
    word = _letters(surname or given)
    ends = tuple(_letters("".join(part)) for part in (words[:1], words[-1:], words[1:], words[:-1]))
    return word in ends or any(_typo(word, w) for w in ends)


@functools.lru_cache(maxsize=16384)
def variants(entity: Entity) -> frozenset[str]:
    forms = set(entity.surfaces)
    if entity.label == PERSON:
        for surface in entity.surfaces:
            forms |= spelling_variants(surface)
    return frozenset(f for f in forms if len(compact(f)) >= MIN_LETTERS)


def runs_of(folded: str) -> list[str]:
    """The runs of letters and digits of a folded text, in order."""
    return _RUN.findall(folded)


class Index:
    """Spelling variants' letters -> entity keys, and full names by surname."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.forms: dict[str, list[str]] = {}
        self.runs = 1  # the most runs of letters one variant has
        self.longest = 0  # the most letters one variant has
        self.by_surname: dict[str, list[str]] = {}
        self.other_people: list[str] = []  # full names of another origin ("Viktor Morozov")
        for entity in entities:
            self.add(entity)

    def add(self, entity: Entity) -> None:
        for form in variants(entity):
            runs = runs_of(fold(form))
            letters = "".join(runs)  # compact(form), without filling its cache
            keys = self.forms.setdefault(letters, [])
            if entity.key not in keys:
                keys.append(entity.key)
            self.runs = max(self.runs, len(runs))
            self.longest = max(self.longest, len(letters))
        if entity.label == PERSON and is_full(entity.key):
            body = key_body(entity.key)
            group = self.by_surname.setdefault(body.partition("|")[0], [])
            if "|" not in body:
                group = self.other_people
            if entity.key not in group:
                group.append(entity.key)

    def present(self, runs: list[str]) -> dict[str, list[str]]:
        """The letters of the windows of runs that some variant has -> the entities' keys."""
        found: dict[str, list[str]] = {}
        for i in range(len(runs)):
            letters = ""
            for run in runs[i : i + self.runs]:
                letters += run
                if len(letters) > self.longest:
                    break
                keys = self.forms.get(letters)
                if keys:
                    found[letters] = keys
        return found

    def full_names(self, surname: str) -> list[str]:
        """Full names a title and this surname could mean: of that surname, or of another
        origin (matched word by word)."""
        return [*self.by_surname.get(surname, ()), *self.other_people]


def typo_aliases(corpus: Mapping[str, Entity]) -> dict[str, str]:
    """Full-name keys one letter from exactly one other full name of the same surname, in a
    name of 6+ letters: the rarer spelling (fewer surfaces, then the later key) links to it."""
    people = [k for k, e in corpus.items() if e.label == PERSON and is_full(k) and "#" not in k]
    by_surname: dict[str, list[str]] = {}
    for key in people:
        body = key_body(key)
        surname = body.partition("|")[0] if "|" in body else ""
        by_surname.setdefault(surname, []).append(key)
    aliases: dict[str, str] = {}
    for group in by_surname.values():
        givens = {key: _given_of(key) for key in group}
        nearby = _one_letter_neighbours(givens)
        for key in group:
            near = [o for o in nearby.get(key, ()) if _typo(givens[key], givens[o])]
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
        if len(given) < _TYPO_LETTERS:
            continue
        for shorter in {given, *(given[:i] + given[i + 1 :] for i in range(len(given)))}:
            by_deletion.setdefault(shorter, set()).add(key)
    out: dict[str, set[str]] = {}
    for keys in by_deletion.values():
        if len(keys) > 1:
            for key in keys:
                out.setdefault(key, set()).update(keys - {key})
    return out


def _given_of(key: str) -> str:
    body = key_body(key)
    return body.partition("|")[2] if "|" in body else body.replace(" ", "")
