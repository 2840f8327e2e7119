"""Chinese settlements: the words and characters that end a village's or town's name.

A village is written "Heisongtun", "Heisong cun" or 黑松屯: one place, keyed by its name without
the settlement word (``settled_stem``), found by the place recognizer (``pinyin_places`` and the
characters of ``SETTLEMENT_CHARACTERS``), never read as a person by the Chinese-name one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redact.text.pinyin import syllables
from redact.text.surnames import CHINESE_SURNAMES

# Characters that end a settlement's name: village, hamlet, town, township, gully village,
# county, city, district, street, farmstead. A name in characters ending in one is a place.
SETTLEMENT_CHARACTERS = frozenset("村屯镇鎮乡鄉沟溝县縣市区區街庄莊")

# A Chinese village in pinyin by its settlement word: "Heisongtun", "Xinancun", "Erdaogou" (one
# word: cun village, tun hamlet, gou gully, rare at the end of a given name), or a pinyin name
# with the word apart ("Xinghua cun", "Dongshan-zhen", "Shiren xiang"). Never after a surname.
SETTLEMENT_WORDS = ("cun", "tun", "zhen", "xiang", "gou")
FUSED_SETTLEMENTS = ("cun", "tun", "gou")  # written fused to the name ("Heisongtun")
_PINYIN_WORD = re.compile(
    rf"(?<![\w-])([A-Z][a-z]{{3,}})(?:[ -]({'|'.join(SETTLEMENT_WORDS)}))?(?![\w-])"
)


def settled_stem(letters: str) -> str:
    """A pinyin place name without a settlement syllable fused to its end: "heisongtun" is the
    village Heisong, as 黑松屯 and "Heisong cun" are (three syllables or more)."""
    cut = syllables(letters)
    if cut and len(cut) >= 3 and cut[-1] in FUSED_SETTLEMENTS:
        return "".join(cut[:-1])
    return letters


def pinyin_places(text: str) -> Iterator[tuple[int, int]]:
    """Where ``text`` names a Chinese village in pinyin by its settlement word."""
    for m in _PINYIN_WORD.finditer(text):
        cut = syllables(m.group(1))
        before = text[: m.start()].split()[-1:]
        if not cut or (before and before[0].lower() in CHINESE_SURNAMES):
            continue
        if m.group(2) and len(cut) >= 2:
            yield m.start(), m.end()
        elif not m.group(2) and len(cut) >= 3 and cut[-1] in FUSED_SETTLEMENTS:
            yield m.start(1), m.end(1)
