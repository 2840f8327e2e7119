"""Names introduced by a kinship word, a role, a title or a naming phrase.

Whatever the name's origin (Korean, Chinese, Russian, other), the context tells us it is a name:

* kinship or role + name: "my husband Zhang", "my daughter Ha-eun", "my nephew, Bak Cheol-su",
  "the broker Choe", "brigade leader Ri": the span is the name only (the role word is not
  identifying, and the key stays the name's key)
* address title + name: "Auntie Choe", "Uncle Pak", "Comrade Kim", "Teacher Choe", "Ms. Choi":
  the span includes the title, because the title + surname is how the person is known
* naming phrases: "called him Old Zhang", "a man called Jin Xiaolong", "her name was Sun-hui"
* an address term used as a name on its own: 'She said to call her Auntie' (low score, 0.3)

Kinship words without a name ("my mother") are not findings. The name must be capitalised and not
a common capitalised word (pronoun, month, country, ...).
"""

from __future__ import annotations

import re

from redact.detect.recognizers.base import PERSON, Finding
from redact.text.variants import name_key, overlaps, word_set

NAME = "kinship"
KIN = (
    r"husband|wife|son|daughter|brother|sister|mother|father|mom|mum|dad|grandmother|grandfather|"
    r"grandma|grandpa|granny|grandson|granddaughter|aunt|auntie|uncle|cousin|nephew|niece|child|"
    r"baby|stepfather|stepmother|mother-in-law|father-in-law|sister-in-law|brother-in-law|"
    r"fianc[ée]e?|boyfriend|girlfriend|friend|neighbou?r|classmate|cellmate|colleague|partner|"
    r"oppa|eonni|unni|hyung|noona|imo|samchon|gomo|halmoni|harabeoji"
)
ROLE = (
    r"(?:brigade|team|squad|unit|work|group|village|people's unit|inminban|section|party)\s+"
    r"(?:leader|chief|head|secretary)|broker|smuggler|guard|driver|boss|foreman|manager|"
    r"supervisor|teacher|leader|inspector|officer|agent|director|chairman|secretary|pastor|"
    r"missionary|doctor|nurse|interpreter|landlord|landlady|owner|buyer|trader|merchant|"
    r"prisoner|inmate|captain|commander|soldier|policeman|official|instructor|interrogator|"
    r"warden|farmer|helper|contact|comrade"
)
ADDRESS = (
    r"(?:Mr|Mrs|Ms|Dr)\.?|Miss|Auntie|Aunt|Uncle|Comrade|Teacher|Boss|Foreman|Grandma|Granny|"
    r"Grandpa|Halmoni|Ajumma|Sister|Brother|Elder|Pastor|Doctor|Captain|Director|Secretary"
)
DETERMINER = r"(?:my|his|her|our|their|your|the|a|an|whose|one|that|this)"
ADJECTIVE = r"(?:elder|younger|older|little|big|late|former|first|second|third|own|eldest|youngest)"
# A capitalised word; Latin-1 and Latin Extended capitals count too (Önen, Çakmak, İlter, Ŏ, Ŭ).
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f"
_PART = rf"[{_UPPER}](?:\w|['\u2019](?!s\b))*(?:-(?:\w|['\u2019](?!s\b))+)*"
_NAME = rf"\"?(?P<name>{_PART}(?:\s{_PART}){{0,3}})"
_KIN_NAME = re.compile(
    rf"(?<![\w-])(?:(?P<det>{DETERMINER})\s+(?:{ADJECTIVE}\s+)?)?"
    rf"(?P<role>(?i:{KIN}|{ROLE}))(?P<comma>,)?\s+{_NAME}"
)
_ADDRESS_NAME = re.compile(rf"(?<![\w-])(?P<title>{ADDRESS})\s+{_NAME}")
_NAMING = re.compile(
    rf"(?:(?i:call(?:ed|s)?)\s+(?:him|her|me|us|them)\s+"
    rf"|(?i:man|woman|girl|boy|guy|lady|person|someone|somebody|teacher|broker|driver|guard|"
    rf"officer|soldier|prisoner|child|friend)\s+(?:called|named)\s+"
    rf"|(?:[Mm]y|[Hh]is|[Hh]er|[Tt]heir|[Yy]our|[Ww]hose)\s+(?:(?:full|real|Chinese|Korean|"
    rf"Russian|new|old)\s+)?name\s+(?:is|was)\s+"
    rf"|(?:she|he|I|we|they)\s+(?:was|were|am|is)\s+called\s+){_NAME}"
)
_BARE_ADDRESS = re.compile(
    r"(?<![\w-])(?P<name>Auntie|Uncle|Ajumma|Ajumoni|Ajeossi|Halmoni|Harabeoji|Oppa|Eonni|Unni|"
    r"Imo|Samchon|Gomo|Dajie|Ayi|Granny)(?![\w-])(?!\s[A-ZŎŬ])"
)
_DET_BEFORE = re.compile(rf"(?i:{DETERMINER})\s+$")
_NAME_BEFORE = re.compile(r"[A-ZŎŬ][\w'\u2019-]*\s$")
STOP = word_set(
    "I I'm I'd I've A An The And But Or So Then When While After Before In On At To From For "
    "With Of By As If He She It We They You His Her Its Our Their My Your This That These Those "
    "There Here What Who Why How Where Yes No Not Q Interviewer Witness INTERVIEWER WITNESS All "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December China Chinese Korea Korean Koreans "
    "North South Russia Russian Russians Japan Japanese Seoul Pyongyang God Jesus Christian "
    "Party Workers Juche Ministry Security Bureau Police Army Camp Mt Mount Now Later One Two "
    "Every Some Once Also Still Even Only Just Because Until Since"
)


def trim_name(name: str) -> str:
    """Cut a captured name before its first common capitalised word ("" if it starts with one)."""
    kept: list[str] = []
    for word in name.split():
        if word.strip("'\u2019\"") in STOP or word.upper() in {"Q", "A"}:
            break
        kept.append(word)
    return " ".join(kept)


def _finding(start: int, end: int, score: float, why: str, key: str | None) -> Finding:
    return Finding(start, end, PERSON, score, NAME, why, key)


def _name_finding(
    match: re.Match[str], score: float, why: str, with_start: int | None = None
) -> Finding | None:
    name = trim_name(match.group("name"))
    if not name:
        return None
    start = match.start("name")
    end = start + len(name)
    return _finding(
        with_start if with_start is not None else start, end, score, why, name_key(name)
    )


class KinshipRecognizer:
    """Names that follow a kinship word, a role, an address title or a naming phrase."""

    name: str = NAME
    labels: tuple[str, ...] = (PERSON,)

    def find(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for finding in self._address(text) + self._kin(text) + self._naming(text):
            if not overlaps(finding.start, finding.end, [(f.start, f.end) for f in found]):
                found.append(finding)
        spans = [(f.start, f.end) for f in found]
        found += [f for f in self._bare(text) if not overlaps(f.start, f.end, spans)]
        return sorted(found, key=lambda f: f.start)

    def _kin(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for match in _KIN_NAME.finditer(text):
            role = match.group("role").lower()
            why = f"name after kinship/role word '{role}'"
            finding = _name_finding(match, 0.6 if match.group("det") else 0.55, why)
            if finding:
                found.append(finding)
        return found

    def _address(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for match in _ADDRESS_NAME.finditer(text):
            why = f"name after address title '{match.group('title')}'"
            finding = _name_finding(match, 0.6, why, with_start=match.start())
            if finding:
                found.append(finding)
        return found

    def _naming(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for match in _NAMING.finditer(text):
            finding = _name_finding(match, 0.55, "name given by a naming phrase (called, name was)")
            if finding:
                found.append(finding)
        return found

    def _bare(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for match in _BARE_ADDRESS.finditer(text):
            before = text[max(0, match.start() - 12) : match.start()]
            if _DET_BEFORE.search(before) or _NAME_BEFORE.search(before):
                continue  # "my auntie", or a title after a name ("Sun-hui Ajumma")
            why = "kinship/address term used as a name"
            found.append(_finding(match.start(), match.end(), 0.3, why, None))
        return found
