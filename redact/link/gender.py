"""A title says whether it names a woman or a man; a record says so of the people it names.

"Auntie Bai" is a woman, "Uncle Pak" and "Mr. Pak" are men, "Su-jin eonni" is a woman (what a
younger woman calls an elder one). A record that writes "Bai Wenjun drove. He kept the money"
or "his given name, Bai Wenjun" says Bai Wenjun is a man: "Auntie Bai" of that record is
somebody else, however alone Bai Wenjun is among its people of that surname. Linking asks this
before it joins a title form to a full name, and only ever to keep two mentions apart: a record
that says nothing either way changes nothing.

Evidence is read from the record's own words, mention by mention: the first third-person pronoun
after a full name (he / she, 他 / 她) before the sentence after it ends and before any other
person of the record is named; "his name is X" or "her real name, X" before it; the title a
full name is written with ("Mr. Bai Wenjun"). A record that says both of one person says neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from redact.detect.recognizers.base import PERSON
from redact.link.keys import Entity, entity_key, is_full
from redact.text.search import find_all, fold
from redact.text.surnames import TITLES
from redact.text.titles import split_titles

FEMALE, MALE = "a woman", "a man"
# canonical titles (redact.text.titles) and Korean kin vocatives (surnames.HONORIFICS)
_TITLE_SEX = {
    **dict.fromkeys(
        ("mrs", "madam", "miss", "ms", "auntie", "granny", "elder sister", "sister"), FEMALE
    ),
    **dict.fromkeys(("mr", "mister", "uncle", "grandpa", "elder brother", "brother"), MALE),
    **dict.fromkeys(("eonni", "unni", "onni", "noona", "nuna"), FEMALE),
    **dict.fromkeys(("oppa", "hyung", "hyeong"), MALE),
}
_PRONOUN = re.compile(r"\b(?:(he|him|his|himself)|(she|her|hers|herself))\b|(他)|(她)")
_NAMED_AS = re.compile(r"\b(his|her)\s+(?:[a-z]+\s+){0,2}name\s*(?:is|was|[,:(\u2014-])?\s*$")
_SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f]")
_WINDOW = 240  # characters after a mention that may hold its pronoun


def title_sex(surface: str) -> str | None:
    """The sex a mention's titles or kin vocatives say ("Auntie Bai" -> a woman), else None."""
    titled = split_titles(surface.strip(), TITLES)
    words = [*titled.before, *titled.after]
    tail = re.split(r"[-\s]", fold(titled.name).strip())[-1:]
    said = {_TITLE_SEX[w] for w in (*words, *tail) if w in _TITLE_SEX}
    return said.pop() if len(said) == 1 else None


def written_sex(entity: Entity, text: str, others: Iterable[Entity]) -> tuple[str, str] | None:
    """(sex, the words that say it) that ``text`` writes of the person ``entity``, or None when
    it says nothing, or says both."""
    folded = fold(text)
    said: dict[str, str] = {}
    for surface in entity.surfaces:
        sex = title_sex(surface)
        if sex and is_full(entity_key(PERSON, surface)):
            said.setdefault(sex, surface)
    fulls = [s for s in entity.surfaces if is_full(entity_key(PERSON, s))]
    other_names = [s for e in others if e.key != entity.key for s in e.surfaces if len(s) > 1]
    for surface in fulls:
        for start, end in find_all(text, surface, folded):
            named = _NAMED_AS.search(folded[max(0, start - 60) : start])
            if named:
                said.setdefault(MALE if named.group(1) == "his" else FEMALE, named.group(0))
            found = _pronoun_after(text, folded, end, other_names)
            if found:
                said.setdefault(*found)
    if len(said) != 1:
        return None
    return next(iter(said.items()))


def _pronoun_after(
    text: str, folded: str, end: int, other_names: list[str]
) -> tuple[str, str] | None:
    window = folded[end : end + _WINDOW]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if len(ends) >= 2:
        window = window[: ends[1]]
    for name in other_names:  # a pronoun after another person may be theirs
        hits = find_all(text[end : end + len(window)], name, window)
        if hits:
            window = window[: hits[0][0]]
    match = _PRONOUN.search(window)
    if match is None:
        return None
    sex = MALE if match.group(1) or match.group(3) else FEMALE
    return sex, text[end + match.start() : end + match.end()]


def unlike(
    surface: str, keys: Iterable[str], entities: Mapping[str, Entity], text: str
) -> dict[str, str]:
    """The full names among ``keys`` that ``text`` writes as the other sex than the titles of
    ``surface`` say -> why, for the reviewer: "Auntie Bai" and a Bai Wenjun written "he"."""
    sex = title_sex(surface)
    if sex is None or not text:
        return {}
    local = list(entities.values())
    out: dict[str, str] = {}
    for key in keys:
        entity = entities.get(key)
        written = written_sex(entity, text, local) if entity else None
        if written and written[0] != sex:
            name = entity.surfaces[0] if entity else key
            out[key] = (
                f"its title says {sex}, and this record writes '{name}' as {written[0]} "
                f"('{written[1].strip()}')"
            )
    return out
