"""Names of other origins met on the routes out of North Korea: Mongolian, Lao and Thai, Chinese
names written with a title or a familiar prefix, and familiar forms with Little/Old.

Shapes found:

* Mongolian given names by their elements: "Bat-Erdene", "Altanchimeg", "Saruultuya",
  "Tumurbaatar", "Tsendsuren", "Batkhuyag" (a capitalised word ending in a common element: -baatar,
  -erdene, -tsetseg, -chimeg, -tuya, -khand, -zorig, -suren, -dorj, -jargal, ...), with a
  genitive patronymic before it ("Dorjiin Tumurbaatar") or an initial ("Ts. Tsendsuren"); the
  patronymic and given name in Cyrillic too; a full name's reading is its words as
  transliteration skeletons (``redact.text.mongolian.reading``), the same in either script
* Lao and Thai names after a title: "Khun Prasert", "Nang Chanthala", "Thao Khamsing",
  "Pol. Sgt. Kittipong Boonmee", "Mr. Vilaykham", "Ms. Sengdara" (title kept in the span)
* Chinese characters with a familiar prefix or a title: 老王, 小李, 阿芳 is left alone (not a
  surname), 崔老板, 朴阿姨, 韩牧师, 王师傅 (inside running Chinese text too)
* familiar forms: "Old Mrs. Sun", "Little Kwang", "Old Kim" (the prefix kept)
"""

from __future__ import annotations

import re

from redact.detect.recognizers.base import PERSON, Finding
from redact.detect.recognizers.chinese_names import HAN_SURNAMES
from redact.detect.recognizers.proper_nouns import is_common_word
from redact.text import pinyin
from redact.text.folding import latin_fold
from redact.text.mongolian import (
    MONGOLIAN_ELEMENTS,
    MONGOLIAN_STARTS,
    is_genitive,
    is_mongolian_given,
    reading,
)
from redact.text.variants import korean_given_syllables, name_key, overlaps, word_list

NAME = "other_names"
_CAP_WORD = re.compile(
    r"(?<![\w'\u2019-])(?P<word>[A-Z\u00c0-\u024f][a-z\u00e0-\u024f]{2,}(?:-[A-Z][a-z]+)?)"
    r"(?![\w'\u2019-])"
)
_CYRILLIC_WORD = r"[\u0410-\u042f\u0401\u04e8\u04ae][\u0430-\u044f\u0451\u04e9\u04af]{2,}"
_CYRILLIC_PAIR = re.compile(
    rf"(?<![\w-])(?P<pat>{_CYRILLIC_WORD})\s(?P<given>{_CYRILLIC_WORD})(?![\w-])"
)
_GENITIVE = re.compile(r"[A-Z][a-z]{2,}(?:yn|iin|ын|ийн|in)\s$")
SEA_TITLE = (
    r"(?:Khun|Nang|Thao|Tao|Phra|Ajarn|Ajan|Acharn|Sao|Ai|Mae|Pho|Nai|Kru|"
    r"Pol\.\s?(?:Sgt|Lt|Col|Capt|Maj|Gen|Cpl|Maj\.\s?Gen)\.?|Sgt\.?|Lt\.?|Capt\.?|Col\.?|"
    r"Mr\.?|Ms\.?|Mrs\.?|Miss)"
)
_SEA_TITLED = re.compile(
    rf"(?<![\w-])(?P<title>{SEA_TITLE}(?:\s{SEA_TITLE})?)\s"
    r"(?P<name>[A-Z][a-z]{2,}(?:\s[A-Z][a-z]{2,})?)(?![\w-])"
)
HAN_PREFIX = "老小阿"
# Surname characters that in running Chinese text are far more often a word (和 and, 时 hour).
_HAN_WORDY = frozenset("和于时师成向车路常明全关连万安文")
HAN_TITLES = "|".join(
    word_list("阿姨 牧师 老板 师傅 大哥 大姐 大爷 大娘 先生 女士 小姐")
    + word_list("老师 书记 主任 队长 经理 科长 姐 哥 叔 婶")
)
_HAN_PREFIXED = re.compile(rf"[{HAN_PREFIX}](?P<sur>[\u4e00-\u9fff])")
_HAN_TITLED = re.compile(rf"(?P<sur>[\u4e00-\u9fff])(?:{HAN_TITLES})")
# A short run of Thai or Lao script (at most three words) in a record written in Latin script.
_THAI_LAO = re.compile(r"[\u0e00-\u0eff]+(?:[ ][\u0e00-\u0eff]+){0,2}")
_FAMILIAR = re.compile(
    r"(?<![\w-])(?P<prefix>Old|Little|Big|Young)\s(?:(?P<title>Mr|Mrs|Ms|Miss|Madam)\.?\s)?"
    r"(?P<name>[A-Z][a-z'\u2019]+(?:-[a-z'\u2019]+)?)(?![\w-])"
)


def _mongolian(word: str) -> bool:
    folded = latin_fold(word).lower().replace("-", "")
    if len(folded) < 5 or is_common_word(word):
        return False
    ends = any(folded.endswith(e) and len(folded) > len(e) + 1 for e in MONGOLIAN_ELEMENTS)
    return ends or (folded.startswith(MONGOLIAN_STARTS) and "-" in word)


def _finding(start: int, end: int, score: float, why: str, key: str | None) -> Finding:
    return Finding(start, end, PERSON, score, NAME, why, key)


class OtherNameRecognizer:
    """Mongolian, Lao/Thai and Chinese familiar names; Little/Old + name."""

    name: str = NAME
    labels: tuple[str, ...] = (PERSON,)

    def find(self, text: str) -> list[Finding]:
        original, text = text, latin_fold(text)  # same length: "Little Sŏng" reads "Little Song"
        found: list[Finding] = []
        for finding in (
            self._familiar(text, original)
            + self._sea(text)
            + self._mongolian(text)
            + self._han(text)
            + self._script(text)
        ):
            if not overlaps(finding.start, finding.end, [(f.start, f.end) for f in found]):
                found.append(finding)
        return sorted(found, key=lambda f: f.start)

    def _mongolian(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for match in _CAP_WORD.finditer(text):
            if not _mongolian(match.group("word")):
                continue
            start, why = match.start(), "Mongolian given-name element"
            genitive = _GENITIVE.search(text, max(0, start - 20), start)
            if genitive:
                start, why = genitive.start(), why + " after a genitive patronymic"
            key = reading(text[start : match.end()].split())  # the whole name, patronymic too
            found.append(_finding(start, match.end(), 0.6, why, key))
        return found + self._cyrillic_mongolian(text)

    def _cyrillic_mongolian(self, text: str) -> list[Finding]:
        """ "Сүхийн Нарантуяа": a genitive patronymic and a given name, in Cyrillic."""
        found: list[Finding] = []
        for match in _CYRILLIC_PAIR.finditer(text):
            patronymic, given = match.group("pat"), match.group("given")
            if is_genitive(patronymic) and is_mongolian_given(given):
                why = "Mongolian given-name element after a genitive patronymic (Cyrillic)"
                key = reading([patronymic, given])
                found.append(_finding(match.start(), match.end(), 0.6, why, key))
        return found

    def _sea(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for match in _SEA_TITLED.finditer(text):
            words = match.group("name").split()
            if any(is_common_word(w) for w in words):
                continue
            why = f"title '{match.group('title')}' + a name that is not an English word"
            found.append(_finding(match.start(), match.end(), 0.6, why, name_key(words[-1])))
        return found

    def _familiar(self, text: str, original: str) -> list[Finding]:
        found: list[Finding] = []
        for match in _FAMILIAR.finditer(text):
            name = match.group("name")
            lowered = name.lower().replace("'", "").replace("\u2019", "")
            syllabic = bool(korean_given_syllables(name)) or bool(pinyin.syllables(lowered))
            # a breve or an accent ("Little Sŏng") says romanization, whatever English word it
            # folds to
            romanized = not original[match.start("name") : match.end("name")].isascii()
            english = is_common_word(name) and not romanized
            if not match.group("title") and (english or not syllabic):
                continue
            why = f"familiar prefix '{match.group('prefix')}' + a name"
            found.append(_finding(match.start(), match.end(), 0.55, why, name_key(name)))
        return found

    def _script(self, text: str) -> list[Finding]:
        why = "words in Thai or Lao script inside a Latin-script record"
        return [_finding(m.start(), m.end(), 0.4, why, None) for m in _THAI_LAO.finditer(text)]

    def _han(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for pattern, why in (
            (_HAN_PREFIXED, "familiar prefix + Chinese surname character"),
            (_HAN_TITLED, "Chinese surname character + title"),
        ):
            for match in pattern.finditer(text):
                if match.group("sur") in HAN_SURNAMES and match.group("sur") not in _HAN_WORDY:
                    key = match.group("sur")
                    found.append(_finding(match.start(), match.end(), 0.6, why, key))
        return found
