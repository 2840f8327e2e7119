"""Partial mentions of a person: the part of a name a mention names, and the full names of a
record it could be ("Ms. Kim", "Bo-ram-ssi", "Auntie Pak" for a Kim, Bo-ram or Pak of that
record, by the spelling rules of ``corpus.explains``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from redact.detect.recognizers.base import PERSON
from redact.detect.recognizers.hangul_words import given_part, given_reading
from redact.detect.span import Span
from redact.link.corpus import explains
from redact.link.keys import Entity, entity_key, is_full, key_body
from redact.text.search import fold, strip_possessive
from redact.text.variants import role_titles


def candidates(surface: str, body: str, entities: Mapping[str, Entity]) -> list[str]:
    """Full-name entities that a partial mention ("Ms. Kim", "Bo-ram-ssi") could refer to."""
    return [
        k
        for k, e in entities.items()
        if e.label == PERSON and is_full(k) and explains(surface, body, e)
    ]


def opaque(key: str) -> bool:
    """A recognizer's own kind of key ("PERSON:code:p12", "PERSON:nickname:weasel")."""
    return ":" in key_body(key)


def partial_body(span: Span) -> str | None:
    """The key body of a person mention that names only part of a name, read as written, else
    None. A protected term's variant ("Ms. Choi" for "Choi Eun-ji") carries the full key of the
    term, but names only a surname."""
    own = entity_key(PERSON, span.text)
    if opaque(own):
        return None
    return hangul_given(span.text, span.entity) if is_full(own) else key_body(own)


def hangul_given(surface: str, key: str) -> str | None:
    """The given-name body ('|gyonghi') of a two-syllable Hangul mention that its recognizer read
    as a known person's given name alone (성미야 under the key of 곽성미), else None. Read as
    written, two Hangul syllables are a surname and a one-syllable name (경 + 희)."""
    word = given_part(surface)
    surname, bar, given = key_body(key).partition("|")
    if word is None or not (surname and bar and given):
        return None
    return f"|{given}" if given_reading(word) == f"|{given}" else None


def other_title(titles: str, body: str, local: Mapping[str, Entity]) -> str | None:
    """A mention of this record with another role title and the same surname, else None."""
    for entity in local.values():
        if entity.label != PERSON:
            continue
        for written in entity.surfaces:
            name = strip_possessive(written)
            other = role_titles(name)
            if not other or other == titles:
                continue
            if partial_body(Span(0, 0, name, PERSON, 0, "", "", entity.key)) == body:
                return name
    return None


def titled_before(titles: str, key: str, local: Mapping[str, Entity], text: str) -> bool:
    """True when the record writes the title right before one of the person's full names."""
    title = titles.split()[-1]
    folded = fold(text)
    for written in local[key].surfaces:
        if is_full(entity_key(PERSON, written)) and re.search(
            rf"\b{re.escape(title)}\.?\s+{re.escape(fold(written))}", folded
        ):
            return True
    return False
