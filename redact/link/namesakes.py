"""Two people of one record who share a given name: "the other Su-jin", "big Su-jin" and
"little Su-jin". Where a record's own words tell two bearers of a given name apart, a given name
alone in it could be either, even if the record names only one of them in full.
"""

from __future__ import annotations

import re

from redact.link.keys import entity_key, key_body
from redact.text.search import fold

# words that tell one bearer of a name from another; "the other X" / "another X" alone says two
_OTHER = ("the other", "another")
_PAIRED = ("big", "little", "old", "young", "elder", "younger", "older")
_MODIFIED = re.compile(rf"\b({'|'.join(_OTHER + _PAIRED)})\s+([^\W\d_][\w'\u2019-]*)")


def shares_given_name(text: str, body: str) -> bool:
    """True when ``text`` tells two people of the given name of key body ``body`` ("|sujin")
    apart: "the other X", or two different modifiers ("big X", "little X")."""
    surname, bar, given = body.partition("|")
    if surname or not bar or not given:
        return False
    seen: set[str] = set()
    for match in _MODIFIED.finditer(fold(text)):
        word, name = match.group(1), match.group(2)
        if key_body(entity_key("PERSON", name)) != f"|{given}":
            continue
        if word in _OTHER:
            return True
        seen.add(word)
    return len(seen & set(_PAIRED)) >= 2
