"""A place's name read for its key and its gazetteer lookup.

Korean places are written with and without their administrative unit ("Tanch'ŏn-si", "Tanchon",
"단천시"), in McCune-Reischauer and in Revised Romanization ("Ch'ŏngjin", "Cheongjin"), and in
Hangul; Chinese ones in characters and in pinyin (白山市, "Baishan city"). :func:`place_letters`
takes the unit off (a Korean one written after a hyphen, a Hangul or Chinese unit character at the
end) and reads Hangul and characters in Latin letters: the entity key (``link.keys``).
:func:`place_key` folds letters that read as Korean syllables to the canonical spelling a Korean
given name has (``variants``), so that the romanization systems meet when the gazetteer is read
(``link.geography``): 청진시, "Cheongjin-si" and "Ch'ŏngjin" are all placed in North Korea. Keys
keep the letters as written: pinyin spells distinctions (sh / s) that the Korean fold drops.
"""

from __future__ import annotations

import functools
import re

from redact.text.folding import name_fold
from redact.text.hangul import romanize_hangul
from redact.text.search import HAN_RANGE
from redact.text.surnames import word_list
from redact.text.variants import canonical_given, korean_given_syllables

# Korean administrative units written after a hyphen or a space: county, city, town, village,
# neighbourhood, district, province, township, workers' district (McCune-Reischauer, Revised)
_UNITS = word_list(
    "gun kun si shi up eup ri ni li dong tong gu ku guyok kuyok guyeok do to myon myeon "
    "nodongjagu rodongjagu"
)
_KOREAN_UNIT = re.compile(rf"[-\s](?:{'|'.join(sorted(_UNITS, key=len, reverse=True))})$")
_HANGUL_UNIT = re.compile(r"(?<=[가-힣]{2})(?:구역|군|시|읍|리|동|구|도|면)$")
_HAN = re.compile(f"[{HAN_RANGE}]+")
_HAN_UNIT = re.compile(f"(?<=[{HAN_RANGE}]{{2}})(?:自治州|省|市|县|縣|区|區|州|镇|鎮|乡|鄉|村)$")
MIN_STEM = 4  # letters left once the unit is off ("Sin-do" stays: too short to be sure)


def _letters(text: str) -> str:
    return "".join(c for c in name_fold(text) if c.isalnum())


@functools.lru_cache(maxsize=16384)
def place_letters(surface: str) -> str | None:
    """The letters of a Korean or Chinese place name without its unit, in Latin letters
    ('Musan-gun' -> 'musan', '온성군' -> 'onseong', '白山市' -> 'baishan'), else None."""
    text = surface.strip()
    if _HAN.fullmatch(text):
        from pypinyin import lazy_pinyin

        return _letters("".join(lazy_pinyin(_HAN_UNIT.sub("", text))))
    if re.fullmatch(r"[가-힣]+", text):
        return _letters(romanize_hangul(_HANGUL_UNIT.sub("", text)))
    folded = name_fold(text)
    stem = _KOREAN_UNIT.sub("", folded)
    if stem == folded or len(_letters(stem)) < MIN_STEM:
        return None
    return _letters(stem)


@functools.lru_cache(maxsize=16384)
def place_key(letters: str) -> str:
    """Place letters in the canonical Korean spelling when they read as Korean syllables
    ('chongjin' and 'cheongjin' -> 'jongjin'), else as they are."""
    if letters.isalpha() and letters.isascii() and korean_given_syllables(letters):
        return canonical_given(letters)
    return letters
