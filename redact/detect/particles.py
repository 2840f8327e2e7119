"""What Korean glues to a Hangul name without a space, for :mod:`redact.detect.bounds`.

A particle ("한테" to, "은" topic, "에서" at) is no part of the name it follows, and an amount
after it ("1200만원") is a mention of its own: "X아줌마한테 1200만원" is the name "X아줌마", a
particle and an amount. A particle is cut only where what precedes it is still a name, so that
a name's own last syllable stays ("김지은": 은 is the given name's, not a particle) and so does
a province's "도".
"""

from __future__ import annotations

import re

from redact.detect.recognizers.base import PRICE, QUANTITY
from redact.detect.recognizers.hangul_words import HANGUL_TITLE_WORDS
from redact.detect.recognizers.korean_names import HANGUL_SURNAMES
from redact.text.hangul import PARTICLES_LONG, PARTICLES_SHORT

_HANGUL_WORD = re.compile(r"[가-힣]+")
HANGUL_TITLES = tuple(sorted(HANGUL_TITLE_WORDS))
# An amount with its currency or multiplier ("1200만원", "800 yuan", "$300"), never a bare number
_AMOUNT = re.compile(
    r"(?P<sign>[$€£¥₩])?\d[\d,.]*\s?(?P<times>만|천|백|억)?\s?"
    r"(?P<unit>원|위안|달러|元|块|yuan|won|rmb|RMB|dollars?|USD|KRW|CNY)?"
)


def cuts(text: str, start: int, end: int, person: bool) -> list[tuple[int, int]]:
    """Where the first particle glued to a Hangul name in ``text[start:end]`` lies (the words
    after it then stand apart); ``person``: the span names a person."""
    for match in _HANGUL_WORD.finditer(text, start, end):
        particle = particle_of(match.group(), person)
        if particle:
            return [(match.end() - len(particle), match.end())]
    return []


def particle_of(word: str, person: bool) -> str:
    """The particle ending ``word`` when what precedes it is still a name: two syllables or more
    before a two-syllable particle; before a one-syllable particle (a person's name only: "도"
    also ends a province), a title ("아줌마") or a full name of three syllables starting with a
    surname."""
    for particle in PARTICLES_LONG:
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            return particle
    stem = word[:-1]
    if person and word[-1:] in PARTICLES_SHORT and len(stem) >= 2:
        if stem.endswith(HANGUL_TITLES):
            return word[-1]
        if len(stem) == 3 and stem[0] in HANGUL_SURNAMES:
            return word[-1]
    return ""


def amount_label(surface: str) -> str:
    """PRICE for an amount with a currency, QUANTITY for one with a multiplier only, else ""."""
    amount = _AMOUNT.fullmatch(surface)
    if not amount or amount.group("sign", "times", "unit") == (None, None, None):
        return ""
    return PRICE if amount.group("sign") or amount.group("unit") else QUANTITY
