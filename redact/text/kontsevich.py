"""Korean names written in Cyrillic, read back to the Latin letters the name keys read.

Russian papers write Korean names in the Kontsevich system (the Russian standard for Korean):
"Пак Сон Ир" is Pak Sŏng-il, "КИМ ЧОЛЬ ЧУН" Kim Chŏl-chun, "Ли Ён Ок" Yi Yŏng-ok. The
Koryo-saram, Koreans of the former Soviet Union, spell some surnames their own way: Цой (Ch'oe),
Тен (Chŏng), Тян (Chang), Ни (Yi), Хегай (Hŏ), Огай (O), Когай (Ko), Югай (Yu), Шин (Shin).

:func:`reading` reads a surname of that table, or one whose Kontsevich reading is a Korean
surname, and one or two words of one or two syllables after it ("Пак Сон Ир", "Пак Сончхоль"),
as a Latin name ("Pak Son-il"), which :func:`redact.text.variants.name_key` then reads as it
reads any romanization. Kontsevich writes a final ㄴ and a final ㅇ alike (н): the reading takes
it as n, and :func:`readings` gives every choice of n or ng, so that linking can join the
Cyrillic name to the one Latin or Hangul full name among them (and to none when two fit); the
key of a name with such a choice is marked (``kim|yonil~``), so that it never equals one of
them by chance.
A dotless е is read as ё (yŏ), as Russian print drops the dots, and as о after ч, ж, ш and ц
("Чер" is ch'ŏl); э is ae, ы eu, ый ui. One-letter surnames (О, Ю) are not read: "О Боже" is
an exclamation.
"""

from __future__ import annotations

import functools
import itertools
import re

from redact.text.folding import name_fold
from redact.text.surnames import KOREAN_SURNAMES

# Koryo-saram surnames and Kontsevich forms whose letters read as another spelling
_KORYO = {
    "цой": "choe", "чхве": "choe", "чой": "choe", "тен": "jong", "тён": "jong", "тян": "jang",
    "ни": "yi", "ли": "li", "хегай": "ho", "огай": "o", "когай": "ko", "югай": "yu",
    "шин": "shin", "тё": "jo", "тхак": "tak", "пэ": "pae", "пэк": "paek",
}  # fmt: skip
# the same surnames in Latin letters, as Russian documents transliterate them (Tsoi, Ten, Ogai)
KORYO_LATIN = frozenset(name_fold(surname) for surname in _KORYO)
_INITIAL = r"(?:чх|кх|тх|пх|кк|тт|пп|сс|чч|дж|[кгнтдрлмпбсчхшцзж])?"
_VOWEL = r"(?:ый|ой|ай|уй|ва|вэ|во|ве|ви|[аэяоеёуюыи])"
_FINAL = r"(?:нъ|ль|[кнтлмпр](?![аэяоеёуюыи]))?"
_SYLLABLE = re.compile(_INITIAL + _VOWEL + _FINAL)
_WORD = re.compile(rf"(?:{_INITIAL}{_VOWEL}{_FINAL}){{1,2}}")
_LETTERS = (
    ("чх", "ch"), ("кх", "k"), ("тх", "t"), ("пх", "p"), ("кк", "kk"), ("тт", "tt"), ("пп", "pp"),
    ("сс", "ss"), ("чч", "jj"), ("дж", "j"), ("нъ", "ng"), ("ль", "l"), ("ый", "ui"), ("ой", "oe"),
    ("ай", "ae"), ("уй", "wi"), ("ва", "wa"), ("вэ", "wae"), ("во", "wo"), ("ве", "we"),
    ("ви", "wi"), ("а", "a"), ("э", "ae"), ("я", "ya"), ("о", "o"), ("е", "yo"), ("ё", "yo"),
    ("у", "u"), ("ю", "yu"), ("ы", "eu"), ("и", "i"), ("к", "k"), ("г", "g"), ("н", "n"),
    ("т", "t"), ("д", "d"), ("р", "r"), ("л", "l"), ("м", "m"), ("п", "p"), ("б", "b"),
    ("с", "s"), ("ч", "ch"), ("х", "h"), ("ш", "sh"), ("ц", "ch"), ("з", "j"), ("ж", "j"),
)  # fmt: skip
_LETTER = re.compile("|".join(c for c, _ in _LETTERS))
_LATIN = dict(_LETTERS)
_HUSHING_E = re.compile("([чжшц])е")  # "Чер", 철 as the Koryo-saram write it: chŏl
_AFTER_CONSONANT = re.compile("(?<=[бвгджзклмнпрстфхцчшщБВГДЖЗКЛМНПРСТФХЦЧШЩ])([еЕ])")
_TITLE_BEFORE = re.compile(r"^(?:[а-яё]+\.?\s+)+")
_CAPITALISED = re.compile(r"[А-ЯЁ][а-яё]*|[А-ЯЁ]+")


def syllables(word: str) -> list[str] | None:
    """The Latin syllables of a Cyrillic word of one or two Kontsevich syllables, else None
    ("Сончхоль" -> ['son', 'chol']; a final р, as the Koryo-saram write ㄹ, is l)."""
    lower = word.lower()
    if not _WORD.fullmatch(lower):
        return None
    out = []
    for syllable in _SYLLABLE.findall(lower):
        latin = _LETTER.sub(lambda m: _LATIN[m.group()], _HUSHING_E.sub(r"\1о", syllable))
        out.append(latin[:-1] + "l" if syllable.endswith("р") else latin)
    return out


def surname(word: str) -> str | None:
    """The Latin spelling of a Cyrillic Korean surname ("Пак" -> 'pak', "Цой" -> 'choe',
    "Кан" -> 'kang'), else None."""
    lower = word.lower()
    if lower in _KORYO:
        return _KORYO[lower]
    read = syllables(word)
    if read is None or len(read) != 1 or len(lower) < 2:
        return None
    for form in (read[0], read[0] + "g" if read[0].endswith("n") else ""):
        if form in KOREAN_SURNAMES:
            return form
    return None


@functools.lru_cache(maxsize=16384)
def reading(text: str) -> str | None:
    """'Pak Son-il' for "Пак Сон Ир": a Cyrillic Korean surname, then a given name of one
    or two syllables in one or two words (or hyphenated: "Сон-Ир"), all capitalised alike,
    perhaps after a title in lower case ("бригадир"); else None."""
    return _name(re.split(r"[\s-]+", _TITLE_BEFORE.sub("", text.strip())))


def titled_reading(text: str) -> str | None:
    """:func:`reading` of the name that ends ``text``, after one or two words of a title
    ("Бригадир Пак Сон Ир", "Пастор Ли Сон-Ир"): how a mention's key reads its name."""
    words = re.split(r"[\s-]+", _TITLE_BEFORE.sub("", text.strip()))
    for lead in range(min(2, len(words) - 2) + 1):
        read = _name(words[lead:])
        if read is not None:
            return read
    return None


def ambiguous(text: str) -> bool:
    """True when the Cyrillic name reads in more than one way (a final н, a dotless е)."""
    return len(readings(text)) > 1


def _name(words: list[str]) -> str | None:
    if not 2 <= len(words) <= 3 or not all(_CAPITALISED.fullmatch(w) for w in words):
        return None
    if len({w.isupper() for w in words if len(w) > 1}) > 1:
        return None  # "ПАК Ён": a heading's word and a name's
    family = surname(words[0])
    given = [syllables(w) for w in words[1:]]
    if family is None or any(g is None for g in given):
        return None
    flat = [s for g in given for s in g or ()]
    if not 1 <= len(flat) <= 2:
        return None
    return f"{family.capitalize()} {'-'.join(flat).capitalize()}"


def readings(text: str) -> list[str]:
    """Every reading of a Cyrillic Korean name: a final н read as n or as ng, and a dotless е
    after a consonant as ё or as о (old spellings write 성 "Сен" and 정 "Тен"); at most 16."""
    family, _, given = _TITLE_BEFORE.sub("", text.strip()).partition(" ")
    options = [[p, "ё", "о"] if p == "е" else [p, "Ё", "О"] if p == "Е" else [p]
               for p in _AFTER_CONSONANT.split(given)]  # fmt: skip
    spelled = [f"{family} {''.join(choice)}" for choice in itertools.product(*options)]
    out: list[str] = []
    for written in spelled:
        read = titled_reading(written)
        if read is None:
            continue
        parts = re.split(r"(?<=n)(?=[- ]|$)", read)
        choices = [[p, p + "g"] if p.endswith("n") else [p] for p in parts]
        out += ["".join(c) for c in itertools.product(*choices)]
    return list(dict.fromkeys(out))[:16]
