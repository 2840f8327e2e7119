"""Initials standing for a person: "K.S.", "JH", "J.-H.", "T. Oh", "Ts. Tsendsuren".

Shapes found:

* dotted initials, two or three letters: "K.H.", "K. H.", "J.-H." (0.55); "J-H" (0.45)
* an initial before a surname: "T. Oh", "D. Yoo", "Ts. Tsendsuren" (Mongolian patronymic
  initial), and the same in Cyrillic (0.6)
* two or three capitals without dots: "JH", "KSM" (0.4), unless the record defines them as an
  abbreviation of ordinary words ("SH = safe house"), or they are an acronym on the safe list (UN,
  UNHCR, NGO, DPRK, ROK, PRC, USB, ...), or stand on an all-caps line (a heading), or are the
  letters of a code in the same text ("BU" of "BU-04"), or a country's code tagging a phone
  ("phone (CN)", "(MN) +976 ...")

:func:`link_initials` (run by the engine once every recognizer has spoken) gives initials the key
of the one person of the record whose name has those initials (Kim Kŭm-hwa: "KKH", "KH", "KK";
Bo-ram Kim: "BRK"), so that linking joins them; initials that fit several people stay unlinked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from redact.detect.recognizers.base import PERSON, Finding
from redact.detect.recognizers.safe_terms import ACRONYMS, is_safe_word
from redact.text.folding import latin_fold, name_fold
from redact.text.variants import SURNAMES

NAME = "initials"
SHOUTED = 4.5  # Zipf frequency from which three capitals are a shouted word, not initials
_DOTTED = re.compile(r"(?<![\w.-])(?P<ini>[A-Z]\.(?:[ ]?-?[A-Z]\.){1,2})(?![\w-]|[ ]?[A-Z]\.)")
_BEFORE_SURNAME = re.compile(
    r"(?<![\w.-])(?P<ini>(?:[A-Z]|Ts|Ch|Sh|Kh|Zh|Yu|Ya|Ye|[\u0410-\u042f\u0401])\."
    r"(?:[ ]?-?[A-Z]\.)?)"
    r"[ ](?P<sur>[A-Z\u0410-\u042f\u0401][\w'\u2019]+(?:-[\w'\u2019]+)?)(?![\w-])"
)
_HYPHENATED = re.compile(r"(?<![\w.'\u2019@/-])(?P<ini>[A-Z]-[A-Z](?:-[A-Z])?)(?![\w'\u2019@/-])")
_UNDOTTED = re.compile(r"(?<![\w.'\u2019@/-])(?P<ini>[A-Z]{2,3})(?![\w'\u2019@/-]|\.\w)")
# Capitals the text uses as a code's letters ("BU-04", "NKD-12") are a code prefix, not initials.
_CODE_PREFIX = re.compile(r"(?<![\w-])([A-Z]{2,3})-\d{2}")
# A country's two-letter code tagging a phone: "phone (CN)", "(MN) +976 ...", "(RU) | +7 ...".
_COUNTRY_TAG = re.compile(
    r"(?i:phone|tel|mobile|cell|number)\s*\(([A-Z]{2})\)|\(([A-Z]{2})\)[\s|]*\+\d"
)
_GLOSSARY = re.compile(r"(?<![\w-])(?P<abbr>[A-Z]{1,3}\d?)\s*(?:=|:|means)\s*(?P<exp>[a-z][a-z]+)")
# Abbreviations before a capitalised word that are not initials.
NOT_INITIALS = frozenset(
    [
        "Mr",
        "Ms",
        "Mrs",
        "Dr",
        "St",
        "Mt",
        "No",
        "Nos",
        "Co",
        "Jr",
        "Sr",
        "Vs",
        "Fig",
        "Av",
        "Ave",
        "Rd",
        "Pol",
        "Sgt",
        "Lt",
        "Col",
        "Capt",
        "Gen",
        "Prof",
        "Rev",
        "Ul",
        "Ul.",
        "Bldg",
        "Apt",
        "Rm",
        "Tel",
        "Fax",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "Ch.",
        "Vol",
        "Pp",
    ]
)


def letters_of(initials: str) -> str:
    """'J.-H.' -> 'JH', 'Ts.' -> 'T', 'K. S.' -> 'KS', 'JH' -> 'JH' (first letter of each)."""
    parts = [part for part in re.split(r"[.\s-]+", initials) if part]
    if len(parts) == 1 and parts[0].isupper():
        return parts[0]
    return "".join(part[0] for part in parts).upper()


def _caps_line(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else None]
    words = re.findall(r"[^\W\d_]{2,}", line)
    return len(words) >= 3 and sum(w.isupper() for w in words) > 0.7 * len(words)


def _common(word: str) -> bool:
    """'I. The', 'A. Then': a sentence that ends on a letter, not an initial before a name
    (a surname that is also a word, 'T. Oh', 'K. Song', stays a name)."""
    from redact.detect.recognizers.proper_nouns import is_common_word

    return is_common_word(word) and not word.isupper() and latin_fold(word).lower() not in SURNAMES


def _shouted_word(capitals: str) -> bool:
    """'NOT', 'AND', 'YOU': a common English word written in capitals for emphasis."""
    from redact.detect.recognizers.proper_nouns import zipf

    return len(capitals) == 3 and zipf(capitals.lower()) >= SHOUTED


_CAPS_WORD_AFTER = re.compile(r"[ ][A-Z]{2,}(?![\w'\u2019])")


def _surname_in_capitals(text: str, start: int, end: int) -> bool:
    """'CUI HONGMEI', 'LI NA': a surname written in capitals before the given name, a name in
    capitals, not initials."""
    return text[start:end].lower() in SURNAMES and bool(_CAPS_WORD_AFTER.match(text, end))


def _country(letters: str | None) -> bool:
    """An ISO 3166 two-letter country code (pycountry)."""
    import pycountry

    return bool(letters) and pycountry.countries.get(alpha_2=letters) is not None


def _finding(start: int, end: int, score: float, why: str, letters: str) -> Finding:
    return Finding(start, end, PERSON, score, NAME, why, "initials:" + letters)


class InitialsRecognizer:
    """Two or three initials, dotted or not, and an initial before a surname."""

    name: str = NAME
    labels: tuple[str, ...] = (PERSON,)

    def find(self, text: str) -> list[Finding]:
        defined = {m.group("abbr") for m in _GLOSSARY.finditer(text)}
        defined |= {m.group(1) for m in _CODE_PREFIX.finditer(text)}
        defined |= {c for m in _COUNTRY_TAG.finditer(text) for c in m.groups() if _country(c)}
        found: list[Finding] = []
        taken: list[tuple[int, int]] = []
        for match in _BEFORE_SURNAME.finditer(text):
            ini, sur = match.group("ini"), match.group("sur")
            if ini.rstrip(".") in NOT_INITIALS or is_safe_word(sur) or _common(sur):
                continue
            why = "an initial before a capitalised name"
            letters = letters_of(ini) + latin_fold(sur)[0].upper()
            found.append(_finding(match.start(), match.end(), 0.6, why, letters))
            taken.append(match.span())
        for pattern, score, why in (
            (_DOTTED, 0.55, "dotted initials"),
            (_HYPHENATED, 0.45, "hyphenated initials"),
            (_UNDOTTED, 0.4, "two or three capitals, not a known acronym"),
        ):
            for match in pattern.finditer(text):
                ini = match.group("ini")
                letters = letters_of(ini) if "." in ini else ini
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                if letters.lower() in ACRONYMS or ini in defined or letters in defined:
                    continue
                if pattern is _UNDOTTED and (is_safe_word(ini) or _shouted_word(ini)):
                    continue
                if pattern is _UNDOTTED and _caps_line(text, match.start()):
                    continue
                if pattern is _UNDOTTED and _surname_in_capitals(text, match.start(), match.end()):
                    continue
                found.append(_finding(match.start(), match.end(), score, why, letters))
                taken.append(match.span())
        return sorted(found, key=lambda f: f.start)


def _name_initials(surface: str) -> set[str]:
    """Initials a person of this surface name may be written with."""
    words = [w for w in re.split(r"\s+", latin_fold(surface)) if w[:1].isalpha()]
    words = [w for w in words if w.rstrip(".") not in NOT_INITIALS and not is_safe_word(w)]
    if len(words) < 2:
        return set()
    first, rest = words[0], words[1:]
    given_parts = [p for w in rest for p in w.split("-") if p]
    front_parts = [p for p in first.split("-") if p]
    sur, given = first[0].upper(), "".join(p[0].upper() for p in given_parts)
    out = {sur + given, given, sur + given[:1]}  # Kim Kum-hui: KKH, KH, KK
    out.add(given + sur)  # "K.H. Kim": the given name's initials before the surname
    out.add("".join(p[0].upper() for p in front_parts) + rest[-1][0].upper())  # Bo-ram Kim: BRK
    return {i for i in out if len(i) >= 2}


def link_initials(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """Give each initials finding the key of the one named person whose initials it spells."""
    people: dict[str, set[str]] = {}
    for finding in findings:
        if finding.label != PERSON or finding.recognizer == NAME or not finding.key:
            continue
        if finding.key.startswith(("initials:", "code:", "speaker:", "nickname:")):
            continue
        for initials in _name_initials(text[finding.start : finding.end]):
            people.setdefault(initials, set()).add(finding.key)
    out: list[Finding] = []
    for finding in findings:
        key = finding.key or ""
        if key.startswith("initials:"):
            candidates = people.get(key.removeprefix("initials:"), set())
            written = text[finding.start : finding.end].split()[-1]
            if len(written) > 2 and written.isalpha():  # "K.H. Kim": only a Kim fits
                surname = name_fold(written)
                surname = SURNAMES.get(surname, surname)
                candidates = {p for p in candidates if p.partition("|")[0] == surname}
            if len(candidates) == 1:
                (person,) = candidates
                why = finding.explanation + "; the initials of a person named in this record"
                finding = replace(
                    finding, key=person, score=max(finding.score, 0.6), explanation=why
                )
        out.append(finding)
    return out
