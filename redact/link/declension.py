"""A Russian name in the case its sentence puts it in, or called by its diminutive, is the
person the corpus names in full: "от Владислава Кима" (genitive) and "Slava Kim" (Slava for
Vladislav) are Vladislav Kim, where the corpus writes him so.

Russian declines first names and surnames: Владислав -> Владислава, Владиславу, Владиславом,
Владиславе; Ольга -> Ольги, Ольге, Ольгу, Ольгой; Петрова -> Петровой, Петрову. A name in
Cyrillic is read back to the nominative forms its endings allow, and a diminutive
(``text.diminutives``) to the first names it stands for; a form that is the key of exactly one
full name of the corpus links to it. Never a guess: when no form, or several, is a known full
name, the name stays as written.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from redact.detect.recognizers.base import PERSON
from redact.link.keys import Entity, entity_key, is_full, key_body
from redact.text.diminutives import first_names_of
from redact.text.transliteration import skeletons

# (ending, what the nominative has instead), masculine and feminine, first names and surnames
_ENDINGS = (
    ("ом", ""),
    ("ем", "й"),
    ("ым", ""),
    ("а", ""),
    ("у", ""),
    ("е", ""),
    ("я", "й"),
    ("ю", "й"),
    ("и", "й"),
    ("ой", "а"),
    ("ою", "а"),
    ("ей", "я"),
    ("ы", "а"),
    ("и", "я"),
    ("е", "а"),
    ("у", "а"),
    ("ю", "я"),
)
_STEM = 2  # letters a name keeps once its ending is off
_MOST_WORDS = 3


def _cyrillic(word: str) -> bool:
    return word.isalpha() and all("\u0400" <= c <= "\u04ff" for c in word)


def _forms(word: str) -> set[str]:
    """The word and the nominatives its ending allows ("Кима" -> Кима, Ким), in Cyrillic; a
    diminutive's first names ("Slava" -> vladislav, vyacheslav ...), in any script."""
    forms = {word, *first_names_of(word)}
    if _cyrillic(word):
        lower = word.lower()
        for ending, nominative in _ENDINGS:
            if lower.endswith(ending) and len(lower) - len(ending) >= _STEM:
                stem = word[: len(word) - len(ending)]
                forms.add(stem + (nominative.upper() if word.isupper() else nominative))
    return forms


def _read(key: str) -> tuple[str, ...]:
    """A full name's words as transliteration skeletons, in any order."""
    return tuple(sorted(skeletons(key_body(key))))


def declined_aliases(corpus: Mapping[str, Entity]) -> dict[str, str]:
    """Full-name key -> the one other full name of the corpus its nominative or full first name
    is (compared as transliteration skeletons, in any order)."""
    people = [(k, e) for k, e in corpus.items() if e.label == PERSON and "#" not in k]
    declined: list[tuple[str, list[list[str]]]] = []  # surfaces with a form other than their own
    for _, entity in people:
        for surface in entity.surfaces:
            words = surface.split()
            forms = [sorted(_forms(w)) for w in words]
            if 2 <= len(words) <= _MOST_WORDS and any(len(f) > 1 for f in forms):
                declined.append((surface, forms))
    if not declined:  # most corpora: nothing to read, at no cost
        return {}
    known: dict[tuple[str, ...], set[str]] = {}  # the corpus's full names, keyed or written
    for key, entity in people:
        for full in {key, *(entity_key(PERSON, s) for s in entity.surfaces)}:
            if is_full(full):
                known.setdefault(_read(full), set()).add(full)
    targets: dict[str, set[str]] = {}
    for surface, forms in declined:
        written = entity_key(PERSON, surface)  # the key linking gives the name as written
        if not is_full(written):
            continue
        as_written = _read(written)  # its own spellings are the spelling aliases' business
        for combo in itertools.product(*forms):
            if (signature := _read(entity_key(PERSON, " ".join(combo)))) != as_written:
                found = known.get(signature, set()) - {written}
                targets.setdefault(written, set()).update(found)
    return {key: found.pop() for key, found in targets.items() if len(found) == 1}
