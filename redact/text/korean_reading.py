"""The Korean reading of a name written in Chinese characters (hanja): 朴泰勋 is 박태훈.

Chinese-language documents about North Koreans, and Korean-Chinese, write Korean names in Chinese
characters; their keys read them in pinyin (朴泰勋 -> "pu taixun", :func:`variants.han_reading`,
the default: most names in Chinese characters are Chinese). :func:`korean_key` gives the key the
same name has in Hangul or romanization, for linking to use where the pinyin key names nobody.

Readings come from the ``hanja`` package's table (offline, loaded on first use), which covers
the simplified characters too (韩 한, 刘 류, 郑 정, 顺 순, 闵 민). A few simplified characters
share their code point with an older character of another reading (荣 is read 송 there, as the
old character, not 영 as 榮): the simplified ones used in names are read here by their
traditional character's reading. A surname character is read as a surname (金 김, not 금).
"""

from __future__ import annotations

import functools
import re

from redact.text.hangul import surname_length
from redact.text.surnames import HANGUL_SURNAMES, word_list
from redact.text.titles import split_titles
from redact.text.variants import name_key

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{1,4}")
# Simplified characters whose code point the hanja table reads as another, older character.
_SIMPLIFIED = dict(
    pair.split("=")
    for pair in word_list(
        """荣=영 胜=승 叶=엽 乐=락 宁=녕 怀=회 征=징 术=술 价=가 仆=복 广=광 厂=창
    听=청 虫=충 坏=괴 丰=풍 汇=회 达=달 昙=담 机=기 极=극 柜=궤 洁=결 犹=유 环=환 确=확
    种=종 稳=온 纲=강 羡=선 胶=교 芦=로 虑=려 蚕=잠"""
    )
)
# Surname characters read otherwise as a surname (金 is 김 as a surname, 금 as gold).
_SURNAME = dict(pair.split("=") for pair in word_list("金=김 沈=심 葉=엽 叶=엽"))


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    from hanja.table import hanja_table

    table: dict[str, str] = hanja_table
    return table


def _read(char: str) -> str | None:
    reading = _SIMPLIFIED.get(char) or _table().get(char)
    return reading if reading and len(reading) == 1 else None


@functools.lru_cache(maxsize=16384)
def korean_reading(text: str) -> str | None:
    """The Hangul reading of a name of 1-4 Chinese characters whose first character (or first
    two: 南宮, 皇甫) reads as a Korean surname ('朴泰勋' -> '박태훈'), else None. A title in
    Chinese characters is left out ('表阿姨' -> '표')."""
    name = split_titles(text.strip()).name
    if not _HAN.fullmatch(name):
        return None
    readings = [_read(c) for c in name]
    if any(r is None for r in readings):
        return None
    syllables = [r for r in readings if r]
    syllables[0] = _SURNAME.get(name[0], syllables[0])
    hangul = "".join(syllables)
    cut = surname_length(hangul) if len(name) > 1 else 1
    return hangul if hangul[:cut] in HANGUL_SURNAMES else None


def sino_korean(text: str) -> str | None:
    """The Hangul reading of a run of Chinese characters, a place or a word as much as a name
    (白石沟 백석구, 两江道 양강도 as the table reads it), or None when a character has none."""
    readings = [r for c in text if (r := _read(c))]
    return "".join(readings) if text and len(readings) == len(text) else None


def korean_key(text: str) -> str | None:
    """The key the name has in Hangul or romanization (朴泰勋 and 박태훈 and Pak T'ae-hun: one
    key), or None when it does not read as a Korean name (see :func:`korean_reading`)."""
    reading = korean_reading(text)
    return name_key(reading) if reading else None
