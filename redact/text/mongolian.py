"""Mongolian names: a genitive patronymic and a given name made of elements, and the short
forms a given name is called by.

A Mongolian is named by the genitive of the father's (or mother's) name and a given name:
"Sukhiin Saruulbayar" is Saruulbayar, Sukh's son or daughter. Siblings share the patronymic,
so it never names one person; the given name does. A given name is made of elements (Bat +
Erdene, Naran + Gerel), and its bearer is often called by one of them or by its first element
with a short ending: "Naran" for Narantuya, "Bataa" for Batbold, "Enkhee" for Enkhbayar. The
element tables are pure data, read by the Mongolian rule of ``detect.recognizers.other_names``
and by linking (``link.corpus``); words compare as transliteration skeletons, so Latin and
Cyrillic spellings agree.
"""

from __future__ import annotations

import functools

from redact.text.transliteration import skeleton

MONGOLIAN_ELEMENTS = (
    "baatar", "bataar", "erdene", "tsetseg", "chimeg", "tuya", "khand", "zorig", "suren", "dorj",
    "jargal", "bayar", "ochir", "sukh", "gerel", "tsog", "khuu", "bold", "saikhan", "maa", "dulam",
    "sambuu", "purev", "tumur", "tömör", "mönkh", "munkh", "nasan", "oyun", "enkh", "altan",
    "tsolmon", "narantsetseg", "uyanga", "naran", "odon", "unur", "delger", "badam", "dash",
)  # fmt: skip
MONGOLIAN_STARTS = (
    "bat", "enkh", "oyun", "gan", "tseren", "munkh", "altan", "naran", "erdene", "sukh", "tsog",
    "bayar", "odon", "dash", "dorj", "jargal", "ochir", "tumur",
)  # fmt: skip
_ENDINGS = ("a", "ka", "e", "i", "u", "o")  # Bataa, Enkhee (doubled letters read single)
_MIN_ELEMENT = 3


@functools.lru_cache(maxsize=1)
def _elements() -> tuple[frozenset[str], frozenset[str]]:
    ends = frozenset(skeleton(e) for e in MONGOLIAN_ELEMENTS)
    starts = ends | frozenset(skeleton(e) for e in MONGOLIAN_STARTS)
    return starts, ends


def is_genitive(word: str) -> bool:
    """A genitive patronymic: -yn, -iin, -in, Cyrillic -ын, -ийн ("Sukhiin", "Батын")."""
    spelled = skeleton(word)
    return len(spelled) > 4 and spelled.endswith("in")


def is_compound_given(word: str) -> bool:
    """A given name made of a known element and more ("Narantuya", "Batbold")."""
    spelled = skeleton(word)
    starts, ends = _elements()
    return any(
        (spelled.startswith(e) or spelled.endswith(e)) and len(spelled) >= len(e) + _MIN_ELEMENT
        for e in starts | ends
    )


def is_mongolian_given(word: str) -> bool:
    """A word ending in a given-name element, in Latin or Cyrillic ("Narantuya", "Нарантуяа")."""
    spelled = skeleton(word)
    _, ends = _elements()
    return len(spelled) >= 5 and any(
        spelled.endswith(e) and len(spelled) > len(e) + 1 for e in ends
    )


def reading(words: list[str]) -> str:
    """A Mongolian name's reading: its words as skeletons, so that Latin and Cyrillic
    spellings of one name ("Sukhiin Narantuya", "Сүхийн Нарантуяа") are one entity."""
    return " ".join(skeleton(w) for w in words)


def short_form_of(word: str, given: str) -> bool:
    """True when ``word`` is a short form of the compound given name ``given``: its first or
    last element ("Naran" for Narantuya) or its first element with a short ending ("Bataa"
    for Batbold, "Enkhee" for Enkhbayar). Never the whole name, never a mere syllable."""
    short, full = skeleton(word), skeleton(given)
    if short == full or len(short) < _MIN_ELEMENT or not is_compound_given(given):
        return False
    starts, ends = _elements()
    if (short in starts and full.startswith(short)) or (short in ends and full.endswith(short)):
        return True
    return any(
        short.endswith(ending) and (stem := short[: -len(ending)]) in starts
        and full.startswith(stem)
        for ending in _ENDINGS
    )  # fmt: skip
