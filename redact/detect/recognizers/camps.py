"""Camps: prison camps, detention centres and labour units (CAMP, a quasi-identifier).

A camp narrows a witness down to the few people held there at a given time, so every named camp
is proposed: a capitalised name before a camp word (``Chongori kyohwaso``, ``Yodok kwanliso``,
``Nongpo jipkyulso``, ``전거리 교화소``), numbered camps and units (``Camp 15``, ``Kyohwaso
No. 12``, ``14-ho kyohwaso``, ``제31호 교화소``, ``Unit 8 of the 3rd construction brigade``),
and the bare names of well-known real camps and detention places (``Chongori``), matched with
diacritics and apostrophes folded.
"""

from __future__ import annotations

import re

from redact.detect.recognizers.base import CAMP, Finding
from redact.detect.recognizers.gazetteer import fold_key, gazetteer
from redact.detect.recognizers.hangul_words import AFTER_PARTICLE
from redact.detect.recognizers.helpers import resolve, words
from redact.detect.recognizers.proper_nouns import is_common_word
from redact.text.folding import mapped_fold

NAME = "camps"
NAMED_SCORE = 0.85
NUMBERED_SCORE = 0.8
KNOWN_SCORE = 0.7
UNIT_SCORE = 0.6

# Camp words in the usual romanisations (McCune-Reischauer, Revised, and English).
_CAMP_WORDS = (
    r"kwanliso|kwalliso|gwalliso|gwanriso|kyohwaso|kyo-hwa-so|gyohwaso|kyohwa-so|jipkyulso|"
    r"jipkyolso|chipkyulso|chipkyolso|jipkyŏlso|chipkyŏlso|jipgyeolso|rodong\s+danryondae|rodong\s+dallyondae|"
    r"nodong\s+danryeondae|nodong\s+dallyeondae|danryondae|dallyondae|kuryujang|guryujang|"
    r"labou?r\s+training\s+(?:camp|unit|centre|center)|political\s+prison\s+camp|"
    r"prison\s+camp|re-?education\s+camp|detention\s+(?:centre|center|facility)|"
    r"holding\s+(?:centre|center)|collection\s+(?:centre|center|point)|police\s+cells|"
    r"bowibu|bowibu\s+cells|anjeonbu|anjŏnbu|anjonbu|IDC|labou?r\s+camp|prison|camp"
)
_NAME_WORD = r"[A-Z][^\W\d_]*(?:['\u2019][^\W\d_]+)*(?:-[^\W\d_]+)?"
_NUMBER = r"(?:(?:No\.?|Number|#)\s*)?\d{1,3}\b"
_MODIFIER = (
    r"(?:\s+(?:county|district|city|border|immigration|provincial|state|city|police|security))"
)
_NAMED = re.compile(
    rf"\b{_NAME_WORD}(?:\s+{_NAME_WORD})?{_MODIFIER}{{0,2}}\s+(?i:{_CAMP_WORDS})\b"
    rf"(?:\s+(?i:{_CAMP_WORDS})\b)?(?:\s+{_NUMBER})?(?:\s\((?i:{_CAMP_WORDS})\))?"
)
_NUMBERED_WORDS = r"camp|kwanliso|kwalliso|kyohwaso|gyohwaso|jipkyulso"
_NUMBERED = re.compile(
    rf"\b(?:(?:{_NAME_WORD}\s+)?(?i:{_NUMBERED_WORDS})\s+"
    rf"{_NUMBER}(?:\s*\({_NAME_WORD}\))?)"
    rf"|\b(?:No\.?|Number|#)\s*\d{{1,3}}\s+(?i:{_NUMBERED_WORDS})\b"  # "the No. 9 camp"
)
# Camp kinds in Hangul, each read as its canonical romanized kind (redact.link.kinds), and the
# numbered forms "제31호 교화소", "교화소 31호", "14-ho kyohwaso" (호 is "number")
HANGUL_CAMP_KINDS = {
    "교화소": "kyohwaso",
    "관리소": "kwanliso",
    "집결소": "jipkyulso",
    "노동단련대": "danryondae",
    "구류장": "kuryujang",
    "수용소": "camp",
}
_HANGUL_KIND = "|".join(HANGUL_CAMP_KINDS)
_HO = r"(?:제\s?)?\d{1,3}\s?호"
_KOREAN_NUMBERED = re.compile(
    rf"(?<![\d가-힣]){_HO}\s?(?:{_HANGUL_KIND}){AFTER_PARTICLE}"
    rf"|(?<![가-힣])(?:{_HANGUL_KIND})\s?{_HO}{AFTER_PARTICLE}"
    rf"|\b\d{{1,3}}-?ho\s+(?i:{_NUMBERED_WORDS})\b"
)
# a name in Hangul before a camp kind: 전거리 교화소, 요덕관리소 (not 수용소: 정치범수용소 is
# "political prison camp", no name)
_NAMED_KIND = "|".join(k for k in HANGUL_CAMP_KINDS if k != "수용소")
_KOREAN_NAMED = re.compile(rf"(?<![가-힣])[가-힣]{{2,4}}\s?(?:{_NAMED_KIND}){AFTER_PARTICLE}")
COMMON_LEAD = 4.0  # Zipf: "Cross-check Camp 9": an everyday word before kind + number
_UNIT = re.compile(
    r"\b(?:Unit|Team|Company|Platoon|Battalion)\s+(?:No\.?\s*)?\d{1,3}\b"
    r"(?:\s+of\s+the\s+\d{1,3}(?:st|nd|rd|th)\s+[a-z]+\s+(?i:brigade|regiment|battalion))?"
    r"|\b(?:the\s+)?\d{1,3}(?:st|nd|rd|th)\s+(?:[a-z]+\s+)?(?i:construction|labou?r|shock|"
    r"youth|storm)\s+(?i:brigade|regiment|battalion|unit)\b"
    r"|\bBrigade\s+(?:No\.?\s*)?\d{1,3}\b"
    r"|\b(?:the\s+)?\d{1,3}(?:st|nd|rd|th)\s+(?i:brigade|regiment|battalion|detachment|inminban|"
    r"work\s+team|squad|platoon)\b"
    r"|\b(?:[A-Z][a-z]+\s+){1,3}(?:Brigade|Team|Unit|Site|Detachment|Squad|Platoon)\s+"
    r"(?:No\.?\s*)?\d{1,3}\b"
)
_GENERIC_NAMES = words(
    "the a an this that our my his her their its every each which no one some any when where "
    "in at to from after before then near for with into and but so also only both all like "
    "later first last into inside outside"
)

# Real camps and detention places, from public reporting (folded spellings). Bare names are
# proposed as CAMP on their own; towns that host camps only raise the score of "X camp".
_BARE_CAMPS = words(
    "yodok yodeok chongori jongori chongo-ri jongo-ri jeongeori chungsan jeungsan bukchang "
    "pukchang nongpo"
)
_CAMP_TOWNS = _BARE_CAMPS | words(
    "hwasong hwaseong kaechon gaecheon kangdong gangdong hoeryong onsong oro danchon tanchon "
    "hamhung chongjin myonggan kyongsong"
)


_KEY_NOISE = words("the a an county district city border immigration provincial state police")


def _english_lead(text: str, start: int, end: int) -> int:
    """Past an everyday English word before a camp word and a number ("Cross-check Camp 9",
    "Visited Camp 9"): the word says what was done, not which camp."""
    m = re.match(rf"({_NAME_WORD})\s+(?=(?i:{_NUMBERED_WORDS})\s+{_NUMBER})", text[start:end])
    if m and all(is_common_word(part, COMMON_LEAD) for part in m.group(1).split("-")):
        return start + m.end()
    return start


def _named(text: str) -> list[Finding]:
    found = []
    for m in _NAMED.finditer(text):
        start = m.start()
        first = m.group().split()[0]
        if first.lower() in _GENERIC_NAMES:
            start += len(first) + 1
            while text[start].isspace():
                start += 1
            if not text[start].isupper():
                continue
        if m.group().split()[-1].lower() in ("camp", "prison") and not _known_name(
            text[start : m.end()]
        ):
            score = UNIT_SCORE  # "Kim camp"? could be anything: a weak proposal
        else:
            score = NAMED_SCORE
        start = _english_lead(text, start, m.end())
        found.append(_make(text, start, m.end(), score, "name + camp word"))
    return found


_TOWN_MODIFIER = re.compile(r"\s(?:county|district|city|provincial|state|town)\s")
_CAMP_NAME = re.compile(rf"^((?:{_NAME_WORD}\s){{0,2}}{_NAME_WORD})\s")


def _names_alone(text: str, named: list[Finding]) -> list[Finding]:
    """Later mentions of a named camp's name without its camp word ("Nong Saeng" after "Nong Saeng
    IDC"), unless the name is a town: in the gazetteer, or said to be one ("X county Bowibu")."""
    names: dict[str, str | None] = {}
    for f in named:
        m = _CAMP_NAME.match(text[f.start : f.end])
        town = _TOWN_MODIFIER.search(text, f.start, f.end)  # "X district police cells": X is a town
        if m and len(m.group(1)) >= 4 and not town and fold_key(m.group(1)) not in gazetteer():
            names.setdefault(m.group(1), f.key)
    more = []
    for name, key in sorted(names.items()):
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            why = "name of a camp found elsewhere in this record"
            more.append(Finding(*m.span(), CAMP, UNIT_SCORE, NAME, why, key=key))
    return more


def _known_name(span: str) -> bool:
    folded = mapped_fold(span)[0]
    return any(word in _CAMP_TOWNS for word in folded.split())


def _bare(text: str) -> list[Finding]:
    """Bare names of well-known camps (``Chongori``, ``Yodok``) with a capital first letter."""
    folded, origin = mapped_fold(text)
    found = []
    for m in re.finditer(r"(?<![\w-])[a-z]+(?:-[a-z]+)?(?![\w-])", folded):
        if m.group() in _BARE_CAMPS:
            start, end = origin[m.start()], origin[m.end() - 1] + 1
            if text[start].isupper():
                found.append(_make(text, start, end, KNOWN_SCORE, "known camp name"))
    return found


_NUMBER_ALONE = re.compile(
    r"(?<![\w#])(?:No\.?|Number|#)\s?(?P<n>\d{1,3})(?![\d-]|\.\d)"
    rf"|(?<![\d가-힣])(?:제\s?)?(?P<h>\d{{1,3}})\s?호{AFTER_PARTICLE}"
)
_DIGITS = re.compile(r"\d{1,3}")


def _numbers_alone(text: str, camps: list[Finding]) -> list[Finding]:
    """A numbered camp's number alone ("Then No. 17?", "17호에서") where the same text names
    that camp with its kind and number ("Kyohwaso No. 17"): the camp, not any number."""
    numbers = {d for f in camps for d in _DIGITS.findall(text[f.start : f.end])}
    found = []
    for m in _NUMBER_ALONE.finditer(text):
        number = m.group("n") or m.group("h")
        if number in numbers and not any(f.start <= m.start() < f.end for f in camps):
            why = "the number of a camp this text names with its kind"
            found.append(_make(text, *m.span(), NUMBERED_SCORE - 0.2, why))
    return found


_KIND_ALONE = re.compile(rf"(?:the\s+)?(?i:{_CAMP_WORDS})|(?:{_HANGUL_KIND})", re.IGNORECASE)


def kind_alone(surface: str) -> bool:
    """A camp word alone ("kyohwaso", "the prison", 교화소): a kind of place, naming none."""
    return _KIND_ALONE.fullmatch(surface.strip()) is not None


def _make(text: str, start: int, end: int, score: float, why: str) -> Finding:
    """The key leaves out an article and modifier words: "the Onsong county Bowibu" is
    "onsong bowibu", "the 8th brigade" is "8th brigade"."""
    words = mapped_fold(text[start:end])[0].split()
    key = " ".join(w for w in words if w not in _KEY_NOISE) or " ".join(words)
    return Finding(start, end, CAMP, score, NAME, why, key=key)


class CampRecognizer:
    """CAMP: named and numbered camps, labour units, and well-known camp names."""

    name = NAME
    labels = (CAMP,)

    def find(self, text: str) -> list[Finding]:
        """All camp findings in ``text``, overlaps resolved in favour of the longest."""
        named = _named(text)
        found = named + _bare(text) + _names_alone(text, named)
        for m in _NUMBERED.finditer(text):
            start = _english_lead(text, m.start(), m.end())
            found.append(_make(text, start, m.end(), NUMBERED_SCORE, "numbered camp"))
        for m in _KOREAN_NUMBERED.finditer(text):
            found.append(_make(text, m.start(), m.end(), NUMBERED_SCORE, "numbered camp, Korean"))
        for m in _KOREAN_NAMED.finditer(text):
            found.append(_make(text, m.start(), m.end(), NAMED_SCORE, "name + camp word, Hangul"))
        found += _numbers_alone(text, found)
        for m in _UNIT.finditer(text):
            start = m.start()
            first = m.group().split()[0]
            if first.lower() in _GENERIC_NAMES and first[:1].isupper():
                start += len(first) + 1  # "The Work Team 5": the article stays visible
            found.append(_make(text, start, m.end(), UNIT_SCORE, "numbered labour unit"))
        return resolve(found)
