"""Romanization-aware name keys and spelling variants (pure Python, no NLP libraries).

One Korean name reaches us in many spellings: Kim Bo-ram, KIM Boram, Gim Bo Ram, Bo-ram Kim;
Pak Chol-su, PAK CHKHOL SU, Park Chul-soo, Bak Cheol-su. :func:`name_key` maps them to one key,
so that mentions can be linked, and :func:`spelling_variants` lists concrete surface forms, so
that a protected term is masked in every spelling.

Keys look like ``"kim|boram"``: canonical surname, ``|``, canonical given name (either side may be
empty for a surname or a given name alone). A name we cannot parse as surname + given name gets
its folded spelling as key (``"viktor sergeyevich morozov"``).

Given names are canonicalised over their folded letters (``Ha-eun``, ``Haeun`` and ``HA EUN``
are the same letters), so the result does not depend on where a joined name would be split.
The rewrites unify McCune-Reischauer, Revised Romanization and ad-hoc spellings: eo/o, eu/u,
oo/u, ee/ui/i, ou/o, ung/ong, ul/ol, uk/ok, hyun/hyon, ch/j, k/g, t/d, p/b, sh/s, l/r, doubled
consonants. They merge a few distinct names (a key may link too much, never too little).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from redact.text import kontsevich, pinyin, surnames
from redact.text.hangul import fold as fold  # read from here by the rest of redact
from redact.text.hangul import romanize_hangul as romanize_hangul
from redact.text.titles import split_titles

# The tables, under the names the rest of redact reads them by.
CHINESE_SURNAMES = surnames.CHINESE_SURNAMES
COURTESY_TITLES = surnames.COURTESY_TITLES
FREQUENT_SURNAMES = surnames.FREQUENT_SURNAMES
GIVEN_WHEN_ALONE = surnames.GIVEN_WHEN_ALONE
HONORIFICS = surnames.HONORIFICS
KOREAN_SURNAMES = surnames.KOREAN_SURNAMES
MARRIED_TITLES = surnames.MARRIED_TITLES
SURNAME_GROUPS = surnames.SURNAME_GROUPS
SURNAMES = surnames.SURNAMES
SPELLINGS_OF = surnames.SPELLINGS_OF
TITLES = surnames.TITLES
VOCATIVES = surnames.VOCATIVES
word_list = surnames.word_list
word_set = surnames.word_set


# Romanizations that are also English words: never taken as a name alone.
_NEVER_ALONE = word_set("i o u a in no on an so go do to he me we be")
# Rarer surnames whose plain spelling is an English word or name (Mo for 모, Pi for 피, Man for
# 만): the tables keep them out (moh, phi, mahn); they are surnames only before a hyphenated
# Korean given name ("Mo Hye-ran"), never alone.
WORDLIKE_SURNAMES = {
    romanize_hangul(h): canon
    for h, canon in surnames.HANGUL_SURNAMES.items()
    if len(h) == 1
    and romanize_hangul(h) not in SURNAMES
    and romanize_hangul(h) != canon
    and romanize_hangul(h) not in _NEVER_ALONE
}
_INIT = r"(?:chkh|tch|kk|tt|pp|ss|jj|ch|sh|kh|g|k|n|d|t|r|l|m|b|p|s|j|h)?"
_VOWEL = r"(?:y|w)?(?:eui|eo|eu|ae|oe|ui|oo|ee|ou|oi|a|e|i|o|u)"
_FINAL = r"(?:ng|n|ck|k|l|m|p)?"
KOREAN_SYLLABLE = re.compile(_INIT + _VOWEL + _FINAL)
_GIVEN_RULES: tuple[tuple[str, str], ...] = (
    (r"chkh", "ch"), (r"tch", "ch"), (r"ck", "k"), (r"ay", "ae"), (r"kh", "k"), (r"eo", "o"),
    (r"eu", "u"), (r"oo", "u"),
    (r"ee", "i"), (r"ou", "o"), (r"ui", "i"), (r"oi", "oe"), (r"ung", "ong"), (r"ul", "ol"),
    (r"uk", "ok"), (r"(?<=[^aeiouy])yun", "yon"), (r"sh", "s"), (r"ch", "j"), (r"k", "g"),
    (r"t", "d"), (r"p", "b"), (r"l", "r"), (r"([gdbsjn])\1", r"\1"),
)  # fmt: skip


_SYLLABLE_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("chol", "chul", "cheol"), ("su", "soo"), ("myong", "myung", "myeong"), ("sun", "soon"),
    ("hui", "hee", "hi"), ("yong", "young", "yeong"), ("eun", "un"), ("jeong", "jong", "jung"),
    ("seok", "sok", "suk"), ("hyun", "hyon", "hyeon"), ("kyong", "kyung", "gyeong"),
    ("song", "sung", "seong"), ("ok", "ock"), ("ae", "ay"), ("jin", "chin"),
)  # fmt: skip


def split_syllables(word: str) -> list[str] | None:
    """Split a folded joined word into romanized Korean syllables, or None if it is not one.

    Prefers the split with the fewest syllables, then the longest first syllable.
    """
    if not word:
        return []
    for end in range(min(len(word), 7), 0, -1):
        if KOREAN_SYLLABLE.fullmatch(word[:end]):
            rest = split_syllables(word[end:])
            if rest is not None:
                return [word[:end], *rest]
    return None


def korean_given_syllables(given: str) -> list[str] | None:
    """Syllables of a given name ("Bo-ram", "Boram", "BO RAM"), or None if not Korean-shaped."""
    syllables = _given_syllables(given)
    return None if syllables is None else list(syllables)


@functools.lru_cache(maxsize=65536)
def _given_syllables(given: str) -> tuple[str, ...] | None:
    syllables: list[str] = []
    for part in re.split(r"[-\s]+", fold(given).strip("- ")):
        split = split_syllables(part)
        if not split:
            return None
        syllables.extend(split)
    return tuple(syllables)


@functools.lru_cache(maxsize=65536)
def canonical_given(given: str) -> str:
    """Canonical form of a Korean given name: folded letters, unified spellings, no separators."""
    letters = re.sub(r"[^a-z]", "", fold(given))
    for pattern, repl in _GIVEN_RULES:
        letters = re.sub(pattern, repl, letters)
    return letters


@functools.lru_cache(maxsize=65536)
def _stripped(text: str) -> tuple[str, bool]:
    """(the name without titles and honorifics, folded; whether its titles address a given
    name, as Thai, Lao and Mongolian titles do)."""
    titled = split_titles(text, TITLES)
    name = " ".join(fold(titled.name).replace(".", " ").split())
    for suffix in HONORIFICS:
        name = re.sub(rf"[-\s]{suffix}$", "", name)
    for suffix in VOCATIVES:
        stem = re.sub(rf"-{suffix}$", "", name)
        syllables = korean_given_syllables(stem.split()[-1]) if stem.split() else None
        if stem != name and syllables and len(syllables) >= 2:
            name = stem
    return name, titled.given_name


def strip_affixes(text: str) -> str:
    """Remove titles in any script ("Ms.", "Auntie", "brigade leader", "-ajumma", "목사",
    "阿姨"; :mod:`redact.text.titles`) and trailing honorifics ("-ssi", "-nim", "-a")."""
    return _stripped(text)[0]


def role_titles(text: str) -> str:
    """The role or familiar titles of a name, before or after it and in any script, each read
    as its English title ("Old Mrs. Sun" -> "old mrs", "Pyo-ajumma" and "表阿姨" -> "auntie"),
    or "" when there are none or they only say how to address someone ("Ms.", "Comrade")."""
    titled = split_titles(text, TITLES)
    titles = [*titled.before, *titled.after]
    return " ".join(titles) if any(t not in COURTESY_TITLES for t in titles) else ""


@functools.lru_cache(maxsize=65536)
def parse_name(text: str) -> tuple[str, str] | None:
    """(surname form, given name) of a name in either order, or None if not parseable. A
    title that addresses a given name ("Khun Wichai") leaves a given name."""
    name, given_name = _stripped(text)
    words = name.split()
    if not words:
        return None
    if len(words) == 1:
        word = words[0]
        # a Thai or Lao title before a Korean or Chinese surname ("Ajan Ri") names that surname
        alone = word not in GIVEN_WHEN_ALONE and (not given_name or word in _COMMON_SURNAMES)
        if word in SURNAMES and "-" not in word and alone:
            return word, ""
        return "", word
    first, last = words[0], words[-1]
    # "Mo Hye-ran": the hyphenated given name says a Korean name
    if first in WORDLIKE_SURNAMES and len(words) == 2 and "-" in last and _given_syllables(last):
        return WORDLIKE_SURNAMES[first], last
    # "Kyung Kim": a given-name syllable that is a rarer surname too, before a frequent one
    rarer = first in GIVEN_WHEN_ALONE and last in FREQUENT_SURNAMES and len(words) == 2
    if first in SURNAMES and "-" not in first and not rarer:
        return first, " ".join(words[1:])
    if last in SURNAMES:
        return last, " ".join(words[:-1])
    return None


_COMMON_SURNAMES = FREQUENT_SURNAMES | frozenset(CHINESE_SURNAMES)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{1,4}")


@functools.lru_cache(maxsize=65536)
def han_reading(text: str) -> str:
    """'崔明玉' -> 'cui mingyu': a name in Chinese characters read in pinyin (pypinyin), the
    surname character split off, a title in Chinese characters left out ('王师傅' -> 'wang');
    any other text unchanged."""
    stripped = text.strip()
    titled = split_titles(stripped)
    if titled.name != stripped and _HAN.fullmatch(titled.name):
        stripped = titled.name
    if not _HAN.fullmatch(stripped):
        return text
    from pypinyin import lazy_pinyin

    if len(stripped) == 1:  # a surname alone, before a title
        return pinyin.SURNAME_READINGS.get(stripped) or lazy_pinyin(stripped)[0]
    syllables = lazy_pinyin(stripped)  # the given name capitalised: a name, never a title
    return f"{syllables[0]} {''.join(syllables[1:]).capitalize()}"


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Canonical identity key of a person's name in any romanization, order, case or script
    (Hangul syllables romanized, Chinese characters read in pinyin, Cyrillic transliterated)."""
    text = han_reading(text)
    if not text.isascii():
        read = kontsevich.titled_reading(text)  # "Пак Сон Ир" is Pak Son-il, or Pak Song-il
        if read:
            return name_key(read) + ("~" if kontsevich.ambiguous(text) else "")
    parsed = parse_name(text)
    if parsed is None:
        return re.sub(r"[\s\-]+", " ", strip_affixes(text)).strip()
    surname, given = parsed
    canon = SURNAMES.get(surname, surname)
    if given and korean_given_syllables(given):
        given = canonical_given(given)
    else:
        given = re.sub(r"[^a-z]", "", given)
    return f"{canon}|{given}"


def key_parts(key: str) -> tuple[str, str]:
    """(surname, given name) parts of a key; ("", key) for an unparsed key."""
    surname, sep, given = key.partition("|")
    return (surname, given) if sep else ("", key)


def matches_key(candidate: str, key: str) -> bool:
    """True if ``candidate`` names the person of ``key``: same key, or its surname or given name
    alone ("Boram" and "Ms. Kim" both match "kim|boram")."""
    cand = name_key(candidate)
    if cand == key:
        return True
    c_sur, c_given = key_parts(cand)
    k_sur, k_given = key_parts(key)
    if not c_sur and c_given:
        return c_given == k_given
    return bool(c_sur) and not c_given and c_sur == k_sur


# McCune-Reischauer and Revised Romanization differ by rule (aspiration marks, eo/o, eu/u,
# k/g, t/d, p/b, ch/j); popular spellings (Park, Lee, Choi, Jun) are not rules and stay apart.
_SYSTEM_RULES = ((r"eo", "o"), (r"eu", "u"), (r"ch", "j"), (r"k", "g"), (r"t", "d"), (r"p", "b"))


@functools.lru_cache(maxsize=65536)
def surname_spelling(text: str) -> str:
    """The surname of a name as written (folded), reduced to what the romanization systems
    share: 'Ch'oe' and 'Choe' agree, 'Pak' and 'Bak' agree, 'Choi', 'Jun' and 'Park' do not
    agree with 'Choe', 'Jeon' and 'Pak'. Empty when the text names no known surname."""
    parsed = parse_name(han_reading(text))
    if parsed is None or not parsed[0]:
        return ""
    spelling = parsed[0]
    for pattern, repl in _SYSTEM_RULES:
        spelling = re.sub(pattern, repl, spelling)
    return spelling


def one_edit_apart(one: str, other: str) -> bool:
    """True when ``other`` is ``one`` with one letter changed, added or dropped."""
    if one == other or abs(len(one) - len(other)) > 1:
        return False
    if len(one) > len(other):
        one, other = other, one
    i = 0
    while i < len(one) and one[i] == other[i]:
        i += 1
    if len(one) == len(other):
        return one[i + 1 :] == other[i + 1 :]
    return one[i:] == other[i + 1 :]


def _given_forms(syllables: list[str]) -> list[str]:
    """Surface forms of a given name from its syllables: Bo-ram, Bo-Ram, Boram, Bo Ram."""
    caps = [s.capitalize() for s in syllables]
    forms = [
        "-".join([caps[0], *syllables[1:]]),
        "-".join(caps),
        "".join([caps[0], *syllables[1:]]),
        " ".join(caps),
    ]
    return list(dict.fromkeys(forms))


def _case_forms(term: str) -> list[str]:
    """Case, hyphen, space and diacritic variants of a term that is not a Korean name."""
    bases = {term, fold(term).title() if term[:1].isupper() else fold(term)}
    out: list[str] = []
    for base in sorted(bases):
        for sep in ("-", " ", ""):
            joined = re.sub(r"[-\s]+", sep, base)
            out += [joined, joined.upper(), joined.lower(), joined.title()]
    return list(dict.fromkeys(out))


def spelling_variants(term: str) -> set[str]:
    """Concrete surface forms under which a protected term may appear (bounded, < 200)."""
    return set(_spelling_variants(term))


@functools.lru_cache(maxsize=16384)
def _spelling_variants(term: str) -> frozenset[str]:
    parsed = parse_name(term)
    syllables = korean_given_syllables(parsed[1]) if parsed and parsed[1] else None
    if parsed is None or not syllables or parsed[0] not in KOREAN_SURNAMES:
        return frozenset(_case_forms(term))
    canon = SURNAMES[parsed[0]]
    surnames = [parsed[0].capitalize()] + [
        s.capitalize() for s in SPELLINGS_OF[canon] if len(s) > 1 and s != parsed[0]
    ]
    givens = _given_forms(syllables)
    joined = "".join([syllables[0].capitalize(), *syllables[1:]])  # Boram; Bo for one syllable
    alternatives = [f for alt in _given_alternatives(syllables) for f in _given_forms(alt)[:3]]
    out: list[str] = [term]
    for sur in surnames:
        out += [f"{sur} {g}" for g in givens] + [f"{sur.upper()} {joined}"]
        out += [f"{sur.upper()} {g.upper()}" for g in givens[::2]]
    givens = [g for g in givens if " " not in g]  # "Bo Ram" alone reads as surname + name
    out += [f"{g} {surnames[0]}" for g in givens]
    out += _alone_forms(givens, surnames) + alternatives[::3]
    out += [f"{sur} {g}" for sur in surnames[:3] for g in alternatives]
    return frozenset(list(dict.fromkeys(out))[:199])  # the most usual forms come first


def _given_alternatives(syllables: list[str], limit: int = 8) -> list[list[str]]:
    """Other romanizations of a given name, syllable by syllable (Chol-su -> Chul-soo, ...)."""
    options: list[list[str]] = []
    for syllable in syllables:
        group = next((g for g in _SYLLABLE_VARIANTS if syllable in g), (syllable,))
        options.append([syllable, *(s for s in group if s != syllable)])
    combos: list[list[str]] = [[]]
    for choice in options:
        combos = [[*c, s] for c in combos for s in choice][: limit + 1]
    return [c for c in combos if c != syllables][:limit]


def _alone_forms(givens: Iterable[str], surnames: list[str]) -> list[str]:
    """Given name alone, with honorifics, and title + surname forms."""
    out: list[str] = []
    for given in givens:
        out += [given, given.upper(), f"{given}-ssi", f"{given} ssi", f"{given}-nim"]
    for sur in surnames[:4]:
        out += [f"{t} {sur}" for t in ("Ms.", "Mrs.", "Mr.", "Miss", "Comrade", "Auntie")]
    return out


_CANDIDATE = re.compile(r"(?<![\w'\u2019-])[A-ZŎŬ][\w'\u2019]*(?:-[\w'\u2019]+)*")


@functools.lru_cache(maxsize=4)
def _lone_readings(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, partial key) of every capitalised word of ``text`` that reads as a surname or
    a given name alone, possessive 's left out: read once per text (in memory only), however
    many recognizers ask."""
    found: list[tuple[int, int, str]] = []
    for match in _CANDIDATE.finditer(text):
        start, end = match.span()
        word = match.group()
        if word[-2:] in ("'s", "\u2019s"):
            word, end = word[:-2], end - 2
        if word.lower() in _NEVER_ALONE:
            continue
        key = name_key(word)
        if "|" in key:
            found.append((start, end, key))
    return tuple(found)


def find_mentions(text: str, wanted: dict[str, str]) -> list[tuple[int, int, str]]:
    """Capitalised words of ``text`` that are a surname or given name alone of a known person.

    ``wanted`` maps partial keys (``"kim|"`` for the surname alone, ``"|boram"`` for the given
    name alone) to the key to report. Returns (start, end, reported key), possessive 's excluded.
    """
    if not wanted:
        return []
    return [(start, end, wanted[key]) for start, end, key in _lone_readings(text) if key in wanted]


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """True if [start, end) overlaps any of ``spans``."""
    return any(start < e and s < end for s, e in spans)
