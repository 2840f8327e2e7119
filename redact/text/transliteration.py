"""One name in the Latin spellings of its transliteration systems: Russian (and Mongolian,
which is written in Cyrillic) names reduced to one skeleton, and names written as initials.

A Russian or Mongolian name reaches us spelled by whoever wrote it down: Lyudmila, Ludmila and
Людмила; Andrei, Andrey and Андрей; Yuri, Yury, Yuriy and Iurii; Fyodor and Fedor; Aleksandr
and Alexander; Narantuya, Narantuyaa and Нарантуяа. :func:`skeleton` maps these to one string
so that they compare equal. The rules are the differences between the systems (ISO 9, GOST,
BGN/PCGN, passport ICAO and everyday English spelling), not between names:

* ya/ia/ja, yu/iu/ju (u after a consonant), yo/io/e (after a consonant), ye/e,
  iy/ii/y/i, ey/ei, ay/ai
* kh/h, shch/sch/shh, ks/x, a hard c (Victor) k, w v; soft and hard signs, apostrophes dropped
* doubled letters single (Kirill/Kiril; Mongolian long vowels, Narantuyaa/Narantuya)
* the English -er of -ndr (Alexander/Aleksandr): the same name in one more spelling

A diminutive (Sasha, Lyuda) or a different name (Aleksandr/Aleksei) is not a spelling and keeps
its own skeleton. :func:`initials_form` reads "Yu. L. Shestakov", "Шестаков Ю. Л." and
"A. Narantuya" as a name word and the initials written beside it.
"""

from __future__ import annotations

import functools
import re

from redact.text.folding import name_fold

_CONSONANT = "bcdfghjklmnpqrstvwxz"
# The two letters Mongolian Cyrillic adds to Russian's: the vowels written o and u in Latin
_MONGOLIAN_LETTERS = str.maketrans("\u04e8\u04e9\u04ae\u04af", "OoUu")
_RULES: tuple[tuple[str, str], ...] = (
    (r"shch|shh|sch", "sh"),
    (r"x", "ks"),
    (r"ck", "k"),
    (r"c(?=[^eihs]|$)", "k"),
    (r"tz", "ts"),
    (r"w", "v"),
    (r"kh", "h"),
    (r"[iy]j(?=[aeiou])", "i"),
    (r"(?<=[a-z])[iyj]y?(?=a)", "i"),  # Mariya, Mariia, Marija; Yuliya, Yulia
    (r"(?:^|(?<=[aeiou]))[yj](?=[aeu])", "i"),  # Yana, Iana; Yulia, Iulia; Yevgeny, Ievgeny
    (rf"(?<=[{_CONSONANT}])[yij]o", "e"),  # Fyodor/Fedor, Semyon/Semen, Pyotr/Petr
    (rf"(?<=[{_CONSONANT}])[yi]u", "u"),  # Lyudmila/Ludmila/Liudmila
    (rf"(?<=[{_CONSONANT}])[yi]e", "e"),  # Dmitriev/Dmitryev, Sergeyev/Sergeev
    (r"^ie", "e"),  # Yelena/Elena (after the rule above made it "ie")
    (r"y", "i"),  # Yury/Yuri, Andrey/Andrei, Nikolay/Nikolai, Rybakov/Ribakov
    (r"(?<=[aeiou])j(?![aeiou])", "i"),  # Andrej/Andrei, Nikolaj/Nikolai
    (r"ndr?er$", "ndr"),  # Alexander/Aleksandr
    (r"(.)\1+", r"\1"),  # Kirill/Kiril, Iurii/Iuri, Narantuyaa/Narantuya
)


@functools.lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """'Lyudmila', 'Ludmila', 'Людмила' -> 'ludmila'; 'Yury', 'Iurii', 'Юрий' -> 'iuri': a name
    word with the differences of the transliteration systems taken out (see the module)."""
    letters = "".join(c for c in name_fold(word.translate(_MONGOLIAN_LETTERS)) if c.isalpha())
    for pattern, repl in _RULES:
        letters = re.sub(pattern, repl, letters)
    return letters


def skeletons(body: str) -> tuple[str, ...]:
    """The skeletons of the words of a name's key body ("shestakov, andrei" -> shestakov, andrei),
    in order; a comma (the inverted official form) is no part of a word."""
    words = re.split(r"[\s,]+", body.replace("|", " "))
    return tuple(s for w in words if (s := skeleton(w)))


def same_spelled_name(one: str, other: str) -> bool:
    """True when two key bodies of names of another origin (two words or more) are the same
    words up to transliteration, in any order: "lyudmila shestakova" = "ludmila shestakova",
    "shestakov, andrei" = "andrey shestakov". Never for two different given names or surnames."""
    first, second = skeletons(one), skeletons(other)
    return len(first) >= 2 and sorted(first) == sorted(second)


# An initial: a capital, a Latin digraph of one Cyrillic letter (Yu., Zh., Ts.), or a Cyrillic
# capital with at most one small letter before its dot; titles (Mr., Dr.) are none of these.
_INITIAL = (
    r"(?:Shch|Yu|Ya|Yo|Ye|Zh|Kh|Ts|Ch|Sh|[A-Z]|"
    r"[\u0410-\u042f\u0401](?:[\u0430-\u044f\u0451](?=\.))?)"
)
_INITIALS = rf"{_INITIAL}\.(?:\s?{_INITIAL}\.){{0,2}}"
_WORD = r"[A-Z\u0410-\u042f\u0401][a-z\u0430-\u044f\u0451'\u2019-]{2,}"
_BEFORE = rf"(?P<initials>{_INITIALS})\s?(?P<word>{_WORD})"
_AFTER = rf"(?P<word>{_WORD}),?\s(?P<initials>{_INITIALS})"
# Where a text writes a name word with initials ("Yu. L. Shestakov", "Шестаков Ю. Л.")
INITIALED = tuple(re.compile(rf"(?<![\w-]){p}(?![\w-])") for p in (_BEFORE, _AFTER))


def initials_form(surface: str) -> tuple[str, tuple[str, ...]] | None:
    """("shestakov", ("i", "l")) for "Yu. L. Shestakov", "Shestakov Yu.L." or "Шестаков Ю. Л.";
    ("narantuya", ("a",)) for "A. Narantuya": a name word and the initials beside it (each
    initial as the first letter of its skeleton), or None for any other shape."""
    text = surface.strip()
    match = re.fullmatch(_BEFORE, text) or re.fullmatch(_AFTER, text)
    if match is None:
        return None
    initials = [p for p in re.split(r"[.\s]+", match.group("initials")) if p]
    return name_fold(match.group("word")), tuple(skeleton(i)[:1] for i in initials)


def initials_agree(initials: tuple[str, ...], word: str, surfaces: tuple[str, ...]) -> bool:
    """True when one of a full name's ``surfaces`` has ``word`` as a word and the other words
    begin, in order, with ``initials`` ("Yu. L." and "Yuri Leonidovich Shestakov"; "A." and
    "Altangerelyn Narantuya", the initial of the patronymic). Initial letters compare as
    skeletons: "Ю." and "Yu." are the "Iu" of "Iurii"."""
    target = skeleton(word)
    for surface in surfaces:
        words = [w for w in re.split(r"[\s,.]+", surface) if w]
        sk = [skeleton(w) for w in words]
        if target not in sk:
            continue
        others = [s[:1] for s in sk if s != target]
        if len(initials) <= len(others) and tuple(others[: len(initials)]) == initials:
            return True
    return False


def initialed_body(surface: str, surnames: frozenset[str] = frozenset()) -> str | None:
    """The key body of a name word with initials, read as a partial mention: "Yu. L. Shestakov"
    and "Шестаков Ю. Л." -> "shestakov|" (resolved in its record, the initials checked against the
    full name), or None for any other shape and for a surname of ``surnames`` (Korean and
    Chinese initials, "Kim B. R.", are read by their own rules)."""
    form = initials_form(surface)
    if form is None or form[0] in surnames:
        return None
    return f"{form[0]}|"
