"""Romanized and Hangul Korean personal names.

Shapes found, in any common romanization (McCune-Reischauer, Revised, ad hoc, all caps):

* surname + given name: "Kim Bo-ram", "KIM Boram", "Gim Bo Ram", "PAK CHKHOL SU", "Yi Yong-chŏl"
* given name + surname: "Bo-ram Kim"
* title + surname: "Ms. Kim", "Comrade Ri", "Auntie Choe", "Teacher Kim" (title kept in the span)
* a hyphenated given name alone, with or without an honorific: "Ha-eun", "Bo-ram-ssi",
  "Chol-su-oppa", "Sun-hui Ajumma", "Boram-i"
* Hangul names: 2-4 syllables starting with a common surname syllable (김보람, 정순희)
* once a full name is found, its surname or given name alone elsewhere in the text ("Boram",
  "Ri"), linked to the full name's key

* surname + a Korean title written after it: "Han moksa-nim", "Pak sajang", "Ri sŏnsaeng"
* the one-letter surname O with a hyphenated given name: "O Kyŏng-ae"
* a Hangul name with a Hangul title after it: "한승준 목사", "김보람 씨" (title kept in the span)

English words that are also surnames (Song, Moon, Kang, Nam, Go, So, Ha, Yu) are only taken with a
given-name shape after them or a title before them; capitalisation is required. Breves and accents
(McCune-Reischauer: Chŏng, Kŭm-ok, ŏnni) are folded first (:func:`latin_fold`, same length), so
every rule reads them as their plain letters.
"""

from __future__ import annotations

import re
from dataclasses import replace

from redact.detect.recognizers.base import PERSON, Finding
from redact.detect.recognizers.hangul_words import (
    AFTER_PARTICLE,
    GLUED_WORD_ZIPF,
    HANGUL_TITLE,
    HANGUL_TITLE_WORDS,
    TITLE_ALTERNATION,
    everyday_hangul,
    known_given_names,
    korean_zipf,
)
from redact.text.folding import latin_fold
from redact.text.hangul import is_hangul
from redact.text.search import word_alternation
from redact.text.variants import (
    KOREAN_SURNAMES,
    WORDLIKE_SURNAMES,
    find_mentions,
    fold,
    key_parts,
    korean_given_syllables,
    name_key,
    overlaps,
    word_set,
)

NAME = "korean_names"
# Surname forms that are English words or letters: need a hyphenated given name or a title.
AMBIGUOUS = word_set(
    "i o u in no on an so go do to ha yu yo ma na ra ok im um om ro ko ki ji ho hu ban pan "
    "gang bang chin won min sung gil"
)
NEVER_ALONE = frozenset({"i", "o", "u", "in", "no", "on", "to", "do", "an"})
PLACE_SUFFIXES = word_set(
    "ri ni dong gun si do gu ku up eup myon myeon ban ga ro gil guyok rodongjagu"
)
HONORIFIC = (
    r"(?:-(?:ssi|nim|oppa|eonni|unni|onni|hyung|hyeong|noona|nuna|dongmu|dongji|a|ya|i)"
    r"|\s(?:ssi|[Aa]jumma|[Aa]jumoni|[Aa]jeossi|[Ee]onni|[Oo]ppa|[Dd]ongmu|[Ss]eonsaengnim))"
)
TITLE = (
    r"(?:(?:Ms|Mrs|Mr|Miss|Dr|Prof)\.?|[Cc]omrade|[Tt]eacher|[Aa]untie|[Aa]unt|[Uu]ncle|"
    r"[Gg]randma|[Gg]ranny|[Gg]randpa|[Hh]almoni|[Aa]jumma|[Bb]oss|[Ff]oreman|[Dd]irector|"
    r"[Mm]anager|[Ss]ecretary|[Cc]hairman|[Oo]fficer|[Cc]aptain|[Ss]ergeant|[Ll]ieutenant|"
    r"[Mm]ajor|[Cc]olonel|[Dd]octor|[Pp]rofessor|[Ii]nstructor|[Pp]astor|[Ee]lder|[Dd]eacon|"
    r"[Rr]everend|[Ii]nspector|[Cc]hief|[Gg]uard|[Cc]ommander|"
    r"(?:[Bb]rigade|[Tt]eam|[Ss]quad|[Uu]nit|[Ww]ork-unit|[Gg]roup)\s[Ll]eader)"
)
_SURNAME_FORMS = {s for s in KOREAN_SURNAMES if s not in NEVER_ALONE} | set(WORDLIKE_SURNAMES)
# McCune-Reischauer aspirates: Ch'oe, Ch'a, P'yo, K'ang, T'ak (apostrophe folded away in keys).
_SURNAME_FORMS |= {
    re.sub(r"^(ch|k|t|p)", r"\1'", s) for s in _SURNAME_FORMS if re.match("ch|k|t|p", s)
}
_SURNAME_ALT = word_alternation(f for s in _SURNAME_FORMS for f in (s.capitalize(), s.upper()))
_WORD = r"[A-ZŎŬ](?:\w|['\u2019](?!s\b))*"
# Only the first word is consumed, so that a failed candidate does not hide the next one.
_SURNAME_FIRST = re.compile(
    rf"(?<![\w-])(?P<sur>{_SURNAME_ALT})"
    rf"(?=\s(?P<given>{_WORD}(?:-(?:\w|['\u2019](?!s\b))+)*(?:\s{_WORD}(?![\w-]))?))"
)
_GIVEN_FIRST = re.compile(
    rf"(?<![\w-])(?P<given>{_WORD}-(?:\w|['\u2019](?!s\b))+)(?=\s(?P<sur>{_SURNAME_ALT})(?![\w-]))"
)
_TITLED = re.compile(rf"(?<![\w-]){TITLE}\s(?P<sur>{_SURNAME_ALT})(?![\w-])")
_TOKEN = re.compile(
    rf"(?<![\w'\u2019-])(?P<token>{_WORD}(?:-(?:\w|['\u2019](?!s\b))+)*)"
    rf"(?P<spaced>\s(?:ssi|[Aa]jumma|[Aa]jumoni|[Aa]jeossi|[Ee]onni|[Oo]nni|[Uu]nni|[Oo]ppa|"
    rf"[Hh]yung|[Nn]oona|[Dd]ongmu|[Tt]ongmu))?(?![\w-])"
)
# Korean titles written after a surname, lower case: pastor, teacher, boss, doctor, instructor.
AFTER_TITLE = (
    r"(?:moksa|mogsa|sonsaeng|seonsaeng|sajang|sachang|bujang|pujang|kwajang|gwajang|chidowon|"
    r"jidowon|kyodo|gyodo|paksa|baksa|tongji|dongji|tongmu|dongmu|ajumoni|ajumma|halmoni|"
    r"ajossi|ajeossi)(?:-?nim)?"
)
_SURNAME_TITLE = re.compile(
    rf"(?<![\w-])(?P<sur>{_SURNAME_ALT})[\s-](?P<title>{AFTER_TITLE})(?![\w-])"
)
_CONTRACTION = re.compile(r"[A-Za-z]+['\u2019](?:m|ll|d|ve|re|s|t)")
_ONE_SYLLABLE_AFTER = re.compile(r"\s(?P<given>[A-Z][a-z'\u2019]{1,6})(?![\w-])")
_TITLE_BEFORE = re.compile(rf"(?<![\w-]){TITLE}\s$")
_O_GIVEN = re.compile(r"(?<![\w'-])(?P<sur>O|OH)\s(?P<given>[A-Z][a-z']+-[a-z']+)(?![\w-])")
_HONORIFIC_END = re.compile(HONORIFIC + "$")
_HANGUL = re.compile(r"(?<![가-힣])[가-힣]{2,4}(?![가-힣])")
HANGUL_SURNAMES = frozenset(
    "김이리박최정강조윤장임림한오서신권황안송류유홍전고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국"
)
# a surname syllable alone + a title (천 집사님, 김씨, 박목사님이): written apart, or glued when
# the title is 씨 or two syllables or more (glued 형 or 님 makes words: 지형, 손님)
_GLUED_TITLES = "|".join(t for t in HANGUL_TITLE_WORDS if len(t) > 1 or t == "씨")
_SURNAME_HANGUL_TITLE = re.compile(
    rf"(?<![가-힣])(?P<sur>[{''.join(sorted(HANGUL_SURNAMES))}])"
    rf"(?:\s(?:{TITLE_ALTERNATION})|{_GLUED_TITLES}){AFTER_PARTICLE}"
)
LONE_SURNAME_NOT_BEFORE = re.compile(
    r"\s+(?:Chinese|[Rr]iver|[Dd]ynasty|[Pp]rovince|[Cc]ounty|[Ss]treet|[Rr]oad|[Ss]quare)"
)


def _syllable_count(part: str) -> int:
    syllables = korean_given_syllables(part)
    return len(syllables) if syllables else 0


def given_shape(given: str) -> tuple[str, str] | None:
    """(matched given-name text, shape) if ``given`` looks like a Korean given name.

    Shapes: "hyphen" (Bo-ram, Yong-chŏl), "spaced" (Bo Ram, MYONG HWA), "joined" (Boram).
    """
    words = given.split()
    first = words[0]
    if "-" in first:
        parts = first.split("-")
        syllabic = 2 <= len(parts) <= 3 and all(_syllable_count(p) == 1 for p in parts)
        if syllabic and fold(parts[-1]) not in PLACE_SUFFIXES:
            return first, "hyphen"
        return None
    if len(words) == 2 and _syllable_count(first) == 1 and _syllable_count(words[1]) == 1:
        same_case = first.isupper() == words[1].isupper()
        if same_case and not words[1].islower():
            return given, "spaced"
    if (first.istitle() or first.isupper()) and _syllable_count(first) == 2:
        return first, "joined"
    return None


def _cased(word: str) -> bool:
    """Title case or all caps, apostrophes ignored (Ch'oe, CH'OE)."""
    bare = re.sub("['\u2019]", "", word)
    return bare.istitle() or bare.isupper()


def split_honorific(token: str) -> tuple[str, str | None]:
    """("Bo-ram", "-ssi") for "Bo-ram-ssi", ("Ha-eun", None) for "Ha-eun", else ("", None)."""
    honorific = _HONORIFIC_END.search(token)
    if honorific:
        stem = token[: honorific.start()]
        stem_shape = given_shape(stem) if stem else None
        if stem_shape and stem_shape[0] == stem:
            return stem, honorific.group()
    shape = given_shape(token)
    if shape and shape[1] == "hyphen" and shape[0] == token:
        return token, None
    return "", None


def _partial_keys(full: list[Finding]) -> dict[str, str]:
    """Partial keys ("kim|", "|boram") of the full names found -> the key to report."""
    wanted: dict[str, str] = {}
    for finding in full:
        surname, given = key_parts(finding.key or "")
        wanted.setdefault(f"|{given}", finding.key or "")
        if wanted.setdefault(f"{surname}|", finding.key or "") != finding.key:
            wanted[f"{surname}|"] = f"{surname}|"  # surname shared by several people
    return wanted


def _hangul_full_name(text: str, finding: Finding) -> bool:
    """A Hangul surname and given name (곽성미, 김보람 씨): its given name alone is the person."""
    first = text[finding.start : finding.end].split()[0]
    return len(first) >= 3 and is_hangul(first) and all(key_parts(finding.key or ""))


def _link(finding: Finding, wanted: dict[str, str]) -> Finding:
    """A given name alone, linked to the full name found in the same text if there is one."""
    if finding.key not in wanted:
        return finding
    why = finding.explanation + "; given name of a full name found in the same text"
    return replace(finding, key=wanted[finding.key], score=0.6, explanation=why)


def _finding(start: int, end: int, score: float, why: str, key: str | None) -> Finding:
    return Finding(start, end, PERSON, score, NAME, why, key)


class KoreanNameRecognizer:
    """Korean personal names in romanization or Hangul, with titles and honorifics."""

    name: str = NAME
    labels: tuple[str, ...] = (PERSON,)

    def find(self, text: str) -> list[Finding]:
        text = latin_fold(text)  # same length: offsets carry over to the original
        full = self._full_names(text) + self._o_names(text)
        spans = [(f.start, f.end) for f in full]
        extra = [
            f
            for f in self._titled(text)
            + self._titled_after(text)
            + self._hangul_titled(text)
            + self._hangul(text)
            if not overlaps(f.start, f.end, spans)
        ]
        wanted = _partial_keys(full + [f for f in extra if _hangul_full_name(text, f)])
        given = [
            _finding(s, e, 0.6, why, key) for s, e, key, why in known_given_names(text, wanted)
        ]
        spans += [(f.start, f.end) for f in given]
        extra = given + [f for f in extra if not overlaps(f.start, f.end, spans)]
        spans += [(f.start, f.end) for f in extra]
        alone = [
            _link(f, wanted) for f in self._given_alone(text) if not overlaps(f.start, f.end, spans)
        ]
        spans += [(f.start, f.end) for f in alone]
        linked = [f for f in self._linked(text, wanted) if not overlaps(f.start, f.end, spans)]
        return sorted(full + extra + alone + linked, key=lambda f: f.start)

    def _full_names(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        taken: list[tuple[int, int]] = []
        for pattern, order in ((_SURNAME_FIRST, "surname first"), (_GIVEN_FIRST, "given first")):
            for match in pattern.finditer(text):
                finding = self._full_name(match, order)
                if finding and not overlaps(finding.start, finding.end, taken):
                    found.append(finding)
                    taken.append((finding.start, finding.end))
        return found

    def _full_name(self, match: re.Match[str], order: str) -> Finding | None:
        surname = match.group("sur")
        if not _cased(surname):
            return None
        shape = given_shape(match.group("given"))
        if shape is None:
            return None
        given, kind = shape
        ambiguous = surname.lower() in AMBIGUOUS or surname.lower() in WORDLIKE_SURNAMES
        if ambiguous and kind != "hyphen" and not surname.isupper():
            return None
        start = match.start("sur") if order == "surname first" else match.start("given")
        end = (match.start("given") + len(given)) if order == "surname first" else match.end("sur")
        score = 0.85 if kind == "hyphen" or surname.isupper() else 0.75
        why = f"Korean surname '{surname}' + given name ({kind}, {order})"
        title = _TITLE_BEFORE.search(match.string, max(0, start - 24), start)
        if title:  # "Officer Kang Un-chol": the title is part of how the person is known
            start, why = title.start(), why + " after a title"
        return _finding(start, end, score, why, name_key(f"{surname} {given}"))

    def _titled(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for match in _TITLED.finditer(text):
            surname = match.group("sur")
            if _cased(surname):
                why = f"title + Korean surname '{surname}'"
                found.append(_finding(match.start(), match.end(), 0.65, why, name_key(surname)))
        return found

    def _o_names(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for match in _O_GIVEN.finditer(text):
            shape = given_shape(match.group("given"))
            if shape and shape[1] == "hyphen":
                why = "one-letter Korean surname 'O' + hyphenated given name"
                key = name_key(match.group())
                found.append(_finding(match.start(), match.end("given"), 0.8, why, key))
        return found

    def _titled_after(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for match in _SURNAME_TITLE.finditer(text):
            surname = match.group("sur")
            if _cased(surname):
                why = f"Korean surname '{surname}' + Korean title after it"
                found.append(_finding(match.start(), match.end(), 0.65, why, name_key(surname)))
        return found

    def _hangul_titled(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for match in _SURNAME_HANGUL_TITLE.finditer(text):
            glued = " " not in match.group()
            if glued and korean_zipf(match.group()) >= GLUED_WORD_ZIPF:  # 이사장 "chairman"
                continue
            surname = match.group("sur")
            why = f"Hangul surname '{surname}' + Hangul title"
            second = HANGUL_TITLE.match(text, match.end())  # 문씨 아주머니: both titles
            end = second.end() if second else match.end()
            found.append(_finding(match.start(), end, 0.65, why, name_key(surname)))
        return found

    def _hangul(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for match in _HANGUL.finditer(text):
            word = match.group()
            if _SURNAME_HANGUL_TITLE.fullmatch(word):
                continue  # a surname and a title: _hangul_titled's, keyed by the surname
            if word[0] in HANGUL_SURNAMES:
                score = 0.8 if len(word) == 3 else 0.55
                why = f"Hangul word of {len(word)} syllables starting with surname '{word[0]}'"
                title = HANGUL_TITLE.match(text, match.end())
                if title is None and everyday_hangul(word):
                    continue
                end = title.end() if title else match.end()
                if title:
                    why += " + Hangul title"
                found.append(_finding(match.start(), end, score, why, name_key(word)))
        return found

    def _given_alone(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for match in _TOKEN.finditer(text):
            given, honorific = split_honorific(match.group("token"))
            if not given:
                continue
            honorific = honorific or match.group("spaced")
            score = 0.55 if honorific else 0.45
            why = "Korean given name alone"
            why += f" + honorific '{honorific.strip('- ')}'" if honorific else " (hyphenated)"
            found.append(_finding(match.start(), match.end(), score, why, name_key(match.group())))
        return found

    def _linked(self, text: str, wanted: dict[str, str]) -> list[Finding]:
        found: list[Finding] = []
        for start, end, key in find_mentions(text, wanted):
            alone = text[start:end]
            if LONE_SURNAME_NOT_BEFORE.match(text, end) or alone.lower() in NEVER_ALONE:
                continue
            if _CONTRACTION.fullmatch(alone):
                continue  # "I'm" folds to the surname Im, "we'd" to nothing: never a name
            surname_only = key_parts(name_key(alone))[1] == ""
            given = _ONE_SYLLABLE_AFTER.match(text, end) if surname_only else None
            if given and _syllable_count(given.group("given")) == 1:
                # "Choi Cheol": the surname of a full name found elsewhere, but with its own
                # one-syllable given name: another person, never linked to the first
                stop = given.end("given")
                why = "Korean surname + one-syllable given name (another person of that surname)"
                found.append(_finding(start, stop, 0.5, why, name_key(text[start:stop])))
                continue
            score = 0.4 if surname_only else 0.6
            part = "surname" if surname_only else "given name"
            why = f"{part} alone of a Korean name found in the same text"
            found.append(_finding(start, end, score, why, key))
        return found
