"""Russian diminutives: the everyday forms of a first name ("Sasha" for Aleksandr or
Aleksandra, "Kolya" for Nikolai), by which a witness often calls the person a document names in
full. Not a spelling of the name (``redact.text.transliteration``) but another word for it, so
a diminutive alone is read as a given name alone: it names the one full name of its record
whose first name it is a diminutive of, or nobody. Pure data and one lookup; both sides compare
as transliteration skeletons ("Kolya", "Коля"; "Nikolay", "Nikolai").
"""

from __future__ import annotations

import functools

from redact.text.transliteration import skeleton

# diminutive -> the first names it is a diminutive of (one line per name family)
_FAMILIES = (
    "sasha sashka shura sanya: aleksandr aleksandra",
    "volodya vova: vladimir",
    "kolya: nikolai",
    "misha: mikhail",
    "dima: dmitri",
    "natasha: natalia",
    "masha: maria",
    "dasha: daria",
    "katya: ekaterina",
    "lena: elena",
    "sveta: svetlana",
    "tanya: tatiana",
    "olya: olga",
    "galya: galina",
    "ira: irina",
    "lyuba: lyubov",
    "nadya: nadezhda",
    "vitya: viktor vitali",
    "seryozha serezha: sergei",
    "petya: petr pyotr",
    "vanya: ivan",
    "zhenya: evgeni evgenia",
    "kostya: konstantin",
    "lyosha alyosha: aleksei",
    "tolya tolik: anatoli",
    "borya: boris",
    "grisha: grigori",
    "pasha: pavel",
    "slava: vyacheslav vladislav yaroslav stanislav",
    "styopa: stepan",
    "yura: yuri",
    "lyuda: lyudmila",
    "valya: valentina valentin",
    "zina: zinaida",
    "nastya: anastasia",
    "yulya: yulia",
    "ksyusha: ksenia",
    "liza: elizaveta",
    "tonya: antonina anton",
)


def _table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for line in _FAMILIES:
        short, _, full = line.partition(":")
        for word in short.split():
            table.setdefault(skeleton(word), set()).update(skeleton(f) for f in full.split())
    return {k: frozenset(v) for k, v in table.items()}


_DIMINUTIVE_OF = _table()


@functools.lru_cache(maxsize=16384)
def first_names_of(word: str) -> frozenset[str]:
    """The skeletons of the first names ``word`` is a diminutive of ("Kolya", "Коля" ->
    {"nikolai"}; "Sasha" -> {"aleksandr", "aleksandra"}), or none."""
    return _DIMINUTIVE_OF.get(skeleton(word), frozenset())
