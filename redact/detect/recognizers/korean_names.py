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

import functools
import re
from dataclasses import replace

from redact.detect.recognizers.base import PERSON, Finding
from redact.text.folding import latin_fold
from redact.text.hangul import PARTICLES_LONG, PARTICLES_SHORT, surname_length
from redact.text.search import word_alternation
from redact.text.variants import (
    KOREAN_SURNAMES,
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
_SURNAME_FORMS = {s for s in KOREAN_SURNAMES if s not in NEVER_ALONE}
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
# titles after a name, longest first: honorifics, kin terms, church and work titles; a case
# particle may follow (김보람 씨가, 박 목사님께서), outside the span
_HANGUL_TITLES = (
    "목사님|목사|전도사님|전도사|권사님|권사|집사님|집사|장로님|장로|선생님|선생|씨|님|"
    "언니|오빠|누나|형님|형|누님|이모|고모|삼촌|아주머니|아저씨|아줌마|할머니|할아버지|"
    "사장님|사장|반장님|반장|소장님|소장|과장님|과장|부장님|부장|실장님|실장|주임|"
    "지도원|보위원|안전원|자매님|자매|형제님|형제|동무|동지"
)
HANGUL_TITLE_WORDS = tuple(_HANGUL_TITLES.split("|"))
AFTER_PARTICLE = rf"(?=(?:{'|'.join(PARTICLES_LONG)}|[{''.join(PARTICLES_SHORT)}])?(?![가-힣]))"
_HANGUL_TITLE = re.compile(rf"\s?(?:{_HANGUL_TITLES}){AFTER_PARTICLE}")
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
    rf"(?:\s(?:{_HANGUL_TITLES})|{_GLUED_TITLES}){AFTER_PARTICLE}"
)
LONE_SURNAME_NOT_BEFORE = re.compile(
    r"\s+(?:Chinese|[Rr]iver|[Dd]ynasty|[Pp]rovince|[Cc]ounty|[Ss]treet|[Rr]oad|[Ss]quare)"
)


_GLUED_WORD_ZIPF = 3.0  # 이사장 4.4, 장로 (a title alone); 김씨, 박목사님 are not in the list
KOREAN_COMMON_ZIPF = 4.5  # 지금 5.9, 전화 5.4, 남편 4.9; given names 3.0-3.7, 은지 4.45, 철수 4.36
_VERB_ENDING = re.compile("[가-힣]+(?:요|니다|십시오)")  # 마세요, 조금요, 합니다: never a name
_PARTICLE = re.compile(f"[{''.join(PARTICLES_SHORT)}]$")
_SSANG_SIOT_FINAL = 20  # a syllable ending in ㅆ (했, 었, 셨, 있): a verb's tense, in no name


@functools.cache
def _korean_zipfs() -> dict[str, float]:
    from wordfreq import get_frequency_list

    # wordfreq's own buckets (bucket i holds the words of frequency 10 ** (-i / 100)), read as
    # they are: its Korean lookup tokenizes with MeCab, which is not installed, and a dict of
    # frequencies costs 4x the time to build
    buckets = get_frequency_list("ko", wordlist="small")
    return {word: 9 - i / 100 for i, words in enumerate(buckets) for word in words}


def korean_zipf(word: str) -> float:
    """Zipf frequency of a Hangul word in wordfreq's small Korean list; 0 when not in it."""
    return _korean_zipfs().get(word, 0.0)


def polite_ending(word: str) -> bool:
    """A Hangul word that ends a sentence politely (감사합니다, 맡기세요, 조금요): a verb or a
    reply, never a name (given names do not end in 요 or 니다)."""
    return _VERB_ENDING.fullmatch(word) is not None


def everyday_hangul(word: str) -> bool:
    """A Hangul word that reads as Korean, not as a name, though it starts with a surname
    syllable: a title or kinship word alone (이모, 사장), a verb's polite ending (마세요), four
    syllables that neither start with a two-syllable surname nor end in a title or a particle
    (도착하자, a name is a one-syllable surname and one or two more), a verb in a tense
    (오셨다), or a common word, also before a particle (지금, 남편이). Given names that are
    words too (은지, 철수) are rarer than :data:`KOREAN_COMMON_ZIPF` and stay names."""
    if _HANGUL_TITLE.fullmatch(word) or polite_ending(word) or inflected(word):
        return True
    stems = [word, word[:-1]] if len(word) >= 3 and _PARTICLE.search(word) else [word]
    if len(word) == 4 and surname_length(word) == 1 and len(stems) == 1:
        return not _HANGUL_TITLE.fullmatch(word[1:]) and not _HANGUL_TITLE.fullmatch(word[2:])
    return any(korean_zipf(stem) >= KOREAN_COMMON_ZIPF for stem in stems)


def inflected(word: str) -> bool:
    """A polite ending, or a syllable after the first ends in ㅆ (오셨다, 갔어, 있는): a verb,
    never a name."""
    return polite_ending(word) or any((ord(c) - 0xAC00) % 28 == _SSANG_SIOT_FINAL for c in word[1:])


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
        spans += [(f.start, f.end) for f in extra]
        wanted = _partial_keys(full)
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
        if surname.lower() in AMBIGUOUS and kind != "hyphen" and not surname.isupper():
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
            if glued and korean_zipf(match.group()) >= _GLUED_WORD_ZIPF:  # 이사장 "chairman"
                continue
            surname = match.group("sur")
            why = f"Hangul surname '{surname}' + Hangul title"
            second = _HANGUL_TITLE.match(text, match.end())  # 문씨 아주머니: both titles
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
                title = _HANGUL_TITLE.match(text, match.end())
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
