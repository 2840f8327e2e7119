"""Hangul read in Latin letters for name keys: syllables romanized (Revised Romanization, no
sound changes), a Hangul name's surname split off, every Hangul word of a mixed text read too.

A Hangul name's surname is read by the table of every Korean surname (``surnames.HANGUL_SURNAMES``):
the first syllable, or the first two in a four-syllable name that starts with a two-syllable
surname (남궁, 황보, 제갈, 선우, 독고); a surname the romanization would read as another surname's
spelling (소 read "so", the spelling of 서 too) is written in its own canonical form instead.
"""

from __future__ import annotations

import functools

from redact.text.folding import name_fold
from redact.text.korean_surnames import COMPOUND_FIRST
from redact.text.surnames import HANGUL_SURNAMES, SURNAMES, word_list

# What Korean glues to a word without a space: case particles, longest first where they are read
# one after the other ("께서" before "께"). A name, a title or a camp ends before them.
PARTICLES_LONG = ("에게", "한테", "하고", "에서", "으로", "께서")
PARTICLES_SHORT = tuple("은는이가을를의께도만랑와과로에")
_HANGUL_INITIALS = word_list("g kk n d tt r m b pp s ss _ j jj ch k t p h")
_HANGUL_VOWELS = word_list("a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i")
_HANGUL_FINALS = ["", *word_list("k k k n n n t l k m l l l p l m p p t t ng t t k t p t")]


def romanize_hangul(text: str) -> str:
    """Revised Romanization of Hangul syllables, syllable by syllable (no sound changes)."""
    out: list[str] = []
    for char in text:
        code = ord(char) - 0xAC00
        if not 0 <= code < 11172:
            out.append(char)
            continue
        initial, vowel, final = code // 588, (code % 588) // 28, code % 28
        out.append(
            _HANGUL_INITIALS[initial].strip("_") + _HANGUL_VOWELS[vowel] + _HANGUL_FINALS[final]
        )
    return "".join(out)


def is_hangul(text: str) -> bool:
    return bool(text) and all("가" <= c <= "힣" for c in text)


def surname_length(name: str) -> int:
    """How many syllables of a Hangul name are its surname: 2 for a four-syllable name that
    starts with a two-syllable surname (남궁민수), or a three-syllable one that starts with a
    two-syllable surname rarer as one syllable (독고민), else 1."""
    compound = len(name) == 4 or (len(name) == 3 and name[:2] in COMPOUND_FIRST)
    return 2 if compound and name[:2] in HANGUL_SURNAMES else 1


def surname_reading(surname: str) -> str:
    """A Hangul surname in Latin letters: its romanization when that spelling names this
    surname, else the surname's canonical form (소 -> 'soh', not 'so', which is 서)."""
    romanized = romanize_hangul(surname)
    canon = HANGUL_SURNAMES.get(surname)
    if canon is None or SURNAMES.get(romanized) == canon:
        return romanized
    return canon


def hangul_name(text: str) -> str:
    """'김보람' -> 'gim boram': a Hangul name with the surname split off."""
    text = text.strip()
    if not is_hangul(text):
        return text
    if len(text) == 1:
        return surname_reading(text)
    cut = surname_length(text)
    return f"{surname_reading(text[:cut])} {romanize_hangul(text[cut:])}"


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A Hangul name romanized, then :func:`redact.text.folding.name_fold`: lower case, no
    diacritics (ŏ -> o), no apostrophes, Cyrillic transliterated. In a text of several words
    ('탁호림 목사'), the first Hangul word of 2-4 syllables is read as a name, the others word by
    word."""
    words = text.split()
    if len(words) < 2 or not any(is_hangul(w) for w in words):
        return name_fold(hangul_name(text))
    out: list[str] = []
    named = False
    for word in words:
        if not is_hangul(word):
            out.append(word)
        elif not named and len(word) <= 4:
            out.append(hangul_name(word))
            named = True
        else:
            out.append(hangul_name(word) if len(word) == 1 else romanize_hangul(word))
    return name_fold(" ".join(out))
