"""Participant codes and speaker labels that stand for a person.

Shapes found:

* a role word + an identifier: "Witness 7", "Respondent B", "Interviewee 3", "Source A",
  "Participant No. 12", "Respondent M-4" (the code alone is the key: "M-4" elsewhere links)
* a bare participant code: "P-17", "M-4", "W-3" (one capital, hyphen, 1-3 digits; any hyphen:
  "P\u201117" with a non-breaking one too), and "W7" / "P12" (0.45: also the shape of paper sizes
  and seat numbers)
* a speaker label before a colon at the start of a line ("JH:", "**M-4:**", "Nok:") that is
  not a role word ("Interviewer", "Q", "INT", "Interpreter"): the label is a person, and every
  other place the record writes the same label ("Present: JH (interviewer)") is that person too

A label made only of common English or safe words ("Note:", "Date:", "Contacts:") is not one.

One code, one key, whatever its separators or case: "P-07", "P07", "p 07" and "P\u201107" are all
``code:p07`` (:func:`code_key`, the letters and digits of the code, as the entity keys read any
code); a role word + a plain number or one letter keeps its role word ("Witness 4" is
``code:witness4``, "Respondent C" ``code:respondentc``). :func:`code_of` reads a whole surface
that is a code, whichever recognizer found it, so the entity keys can give it the code's key.
"""

from __future__ import annotations

import re
from collections import Counter

from redact.detect.recognizers.base import PERSON, Finding
from redact.detect.recognizers.helpers import cjk_zipf
from redact.detect.recognizers.initials import letters_of
from redact.detect.recognizers.safe_terms import ROLE_WORDS, is_safe_word
from redact.text.search import compact
from redact.text.variants import overlaps

NAME = "participants"
COMMON_CJK_LABEL = 4.0  # Zipf: 地区 5.9, 나 6.8 are words; 海燕 3.3, a given name 3.5 is a name
ROLE = (
    r"(?:[Ww]itness|[Rr]espondent|[Ii]nterviewee|[Pp]articipant|[Ii]nformant|[Ss]ource|"
    r"[Ss]urvivor|[Vv]ictim|[Ss]ubject|[Nn]arrator|[Cc]lient|[Aa]pplicant|[Dd]eponent|"
    r"[Dd]efector|[Rr]efugee|[Pp]erson|WITNESS|RESPONDENT|INTERVIEWEE|PARTICIPANT|SOURCE)"
)
_HYPHEN = "-\u2010\u2011\u2012\u2013"
_IDENT = rf"(?:[A-Z]{{1,2}}[{_HYPHEN}]?\d{{1,3}}|\d{{1,3}}|[A-Z](?![\w.'\u2019-])|#\s?\d{{1,3}})"
_ROLE_CODE = re.compile(
    rf"(?<![\w-])(?P<role>{ROLE})\s+(?:(?:No\.?|no\.|number|#)\s*)?(?P<code>{_IDENT})"
    r"(?![\w-]|/\d|\.\d)"
)
_BARE_CODE = re.compile(rf"(?<![\w/.-])(?P<code>[A-Z][{_HYPHEN}]\d{{1,3}})(?![\w-]|/\d|\.\d)")
_SHORT_CODE = re.compile(r"(?<![\w/.-])(?P<code>[PW]\d{1,3})(?![\w-]|/\d|\.\d)")
SPEAKER = re.compile(
    r"^[ \t>*-]*(?:\[[^\]\n]{1,30}\]\s*)?(?:\*\*)?(?P<label>[^\W\d_][\w .'\u2019()-]{0,30}?)"
    r"(?::\*\*|\*\*:|:)[ \t]",
    re.MULTILINE,
)
# a pasted chat line: a time stamp, perhaps after a date, then who wrote it and a colon
# ("[21:04] Lucky:", "오후 8:12, Lucky :", "2020. 6. 3. 오후 8:12, 성미 :",
# "03/06/2020, 20:12 - Dmitri:")
_DATE = (
    r"(?:\d{1,4}[./-][ \t]?\d{1,2}[./-][ \t]?\d{1,4}\.?"
    r"|\d{4}년[ \t]?\d{1,2}월[ \t]?\d{1,2}일)"
)
_TIME = (
    r"(?:(?:오전|오후|AM|PM|上午|下午)[ \t]?)?\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]?(?:AM|PM|am|pm))?"
)
CHAT_SPEAKER = re.compile(
    rf"^[ \t]*(?:\[[^\]\n]{{0,20}}\d{{1,2}}:\d{{2}}[^\]\n]{{0,10}}\]|(?:{_DATE}[ \t,]*)?{_TIME})"
    r"[ \t]*[,\u2013-]?[ \t]+(?P<id>[^\s:\[\]][^:\n]{0,28}?)[ \t]*:(?=\s)",
    re.MULTILINE,
)
_WORD = re.compile(r"[\w'\u2019-]+")
_CHAT_NAME = re.compile(r"[A-Z][^\W\d_]*(?:[ .'\u2019-]+[A-Za-z][^\W\d_]*){0,3}")
_CODE_SHAPE = re.compile(r"[A-Z]{1,3}(?:-[A-Z]{1,3})*-?\d{1,3}|[A-Z]\.?(?:-?[A-Z]\.?){1,2}")
_CODE_WORD = re.compile(
    r"(?<![\w-])(?i:code|coded|codename)[ \t]+(?P<code>[A-Z]{1,3}(?:-[A-Z]{1,3})*-\d{1,3})(?![\w-])"
)
_LETTER = re.compile(r"(?<![\w'\u2019.-])(?P<letter>[B-HJ-PR-Z])(?![\w'\u2019.-])")
_INITIALS_SHAPE = re.compile(r"[A-Z](?:\.?-?[A-Z]){1,2}\.?")
# a code written any way: "P-07", "P07", "p 07", "P\u201107", "N-6", "K-TH-2"
_ANY_CODE = re.compile(
    rf"(?i:[a-z]{{1,3}}(?:[{_HYPHEN}][a-z]{{1,3}})*[{_HYPHEN}]?\d{{1,3}}|[a-z][\s\u00a0]\d{{1,3}})"
)


def _finding(start: int, end: int, score: float, why: str, key: str) -> Finding:
    return Finding(start, end, PERSON, score, NAME, why, key)


def code_key(code: str) -> str:
    """'P-17', 'p17', 'P 17' and 'P\u201117' give one key (the code's letters and digits, the
    reading :func:`redact.link.keys.entity_key` gives any code); a role word + a plain number or
    one letter is written with its role word ("witness 4": ``code:witness4``)."""
    return "code:" + compact(code)


def _role_code_key(match: re.Match[str]) -> str:
    """The key of a role word + identifier: the identifier alone when it has letters and digits
    ("Respondent M-4" is M-4), else the role word and the identifier ("Witness No. 4" is
    "witness 4", "Respondent C" "respondent c")."""
    code = match.group("code")
    if any(c.isdigit() for c in code) and any(c.isalpha() for c in code):
        return code_key(code)
    return code_key(match.group("role") + " " + code)


def code_of(surface: str) -> str | None:
    """The code key of a surface that is, as a whole, a participant code ("P-07", "p 07",
    "Witness 4", "Respondent No. 12", "Respondent C"), else None. Whatever recognizer found the
    span, its key can be the code's: one code, one key."""
    bare = surface.strip()
    match = _ROLE_CODE.fullmatch(bare)
    if match:
        return _role_code_key(match)
    if _ANY_CODE.fullmatch(bare):
        return code_key(bare)
    return None


def _caseless(word: str) -> bool:
    """A word of a script without capitals (Han, Hangul): a label's name needs none."""
    return word[:1].isalpha() and word[:1].lower() == word[:1].upper()


def _caseless_name(label: str, turns: int) -> bool:
    """A label in a script without capitals is a name when it speaks two turns or more and is
    no common Chinese or Korean word: a contact card's field labels (昵称:, 地区:) speak once, and
    "나" (me) is a word."""
    if not all(_caseless(w) for w in _WORD.findall(label)):
        return True  # a cased label: _label_kind has read it
    return turns >= 2 and max(cjk_zipf(label, "zh"), cjk_zipf(label, "ko")) < COMMON_CJK_LABEL


def _label_kind(label: str) -> str | None:
    """Why a speaker label is a person ('code', 'initials', 'name'), or None for a role."""
    words = _WORD.findall(label)
    if not words or all(w.lower() in ROLE_WORDS for w in words):
        return None
    bare = label.strip()
    if _ROLE_CODE.fullmatch(bare) or _CODE_SHAPE.fullmatch(bare):
        return "initials" if _INITIALS_SHAPE.fullmatch(bare) else "code"
    if len(words) > 4 or not all(w[:1].isupper() or _caseless(w) for w in words):
        return None
    from redact.detect.recognizers.proper_nouns import is_common_word  # shared lexicon, loaded once

    if all(is_safe_word(w) or is_common_word(w) for w in words):
        return None
    return "name"


def _chat_names(text: str) -> list[tuple[int, str]]:
    """(offset, label) of the display names that write a pasted chat's lines, in capitals: a
    name, or, written as the author of two lines or more, a word ("Lucky", "Angel")."""
    found = [
        (m.start("id"), m.group("id").strip())
        for m in CHAT_SPEAKER.finditer(text)
        if _CHAT_NAME.fullmatch(m.group("id").strip())
    ]
    count = Counter(label for _, label in found)
    return [
        (start, label)
        for start, label in found
        if not all(w.lower() in ROLE_WORDS or is_safe_word(w) for w in _WORD.findall(label))
        and (_label_kind(label) or count[label] >= 2)
    ]


class ParticipantRecognizer:
    """Witness and participant codes, and speaker labels that are people."""

    name: str = NAME
    labels: tuple[str, ...] = (PERSON,)

    def find(self, text: str) -> list[Finding]:
        found = self._codes(text)
        spans = [(f.start, f.end) for f in found]
        for finding in self._speakers(text):
            if not overlaps(finding.start, finding.end, spans):
                found.append(finding)
                spans.append((finding.start, finding.end))
        return sorted(found, key=lambda f: f.start)

    def _codes(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for match in _ROLE_CODE.finditer(text):
            if match.group("code") in ("I", "A") and match.group("role").islower():
                continue  # "the only person I could speak to": a pronoun, an article
            key = _role_code_key(match)
            why = f"participant code: role word '{match.group('role').lower()}' + identifier"
            found.append(_finding(match.start(), match.end(), 0.75, why, key))
        letters = {m.group("code") for m in _ROLE_CODE.finditer(text) if len(m.group("code")) == 1}
        spans = [(f.start, f.end) for f in found]
        for match in _LETTER.finditer(text):
            letter = match.group("letter")
            if letter in letters and not overlaps(match.start(), match.end(), spans):
                why = "letter of a participant code of this record ('Respondent B' ... 'B')"
                owner = next(f.key for f in found if text[f.end - 1 : f.end] == letter)
                found.append(_finding(match.start(), match.end(), 0.45, why, owner or ""))
        for match in _CODE_WORD.finditer(text):
            if not overlaps(match.start("code"), match.end("code"), spans):
                why = "participant code after the word 'code'"
                key = code_key(match.group("code"))
                found.append(_finding(match.start("code"), match.end("code"), 0.6, why, key))
        spans = [(f.start, f.end) for f in found]
        for pattern, score in ((_BARE_CODE, 0.6), (_SHORT_CODE, 0.45)):
            for match in pattern.finditer(text):
                if not overlaps(match.start(), match.end(), spans):
                    why = "participant code (letter + number)"
                    key = code_key(match.group())
                    found.append(_finding(match.start(), match.end(), score, why, key))
        return found

    def _speakers(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        labels: dict[str, str] = {}
        turns = Counter(m.group("label").strip() for m in SPEAKER.finditer(text))
        for match in SPEAKER.finditer(text):
            label = match.group("label").strip()
            kind = _label_kind(label)
            if kind is None or (kind == "name" and not _caseless_name(label, turns[label])):
                continue
            start = match.start("label") + match.group("label").index(label)
            why = f"speaker label before a colon ({kind}), not a role word"
            key = {"code": code_key(label), "name": "speaker:" + label.lower()}.get(
                kind, "initials:" + letters_of(label)
            )
            found.append(_finding(start, start + len(label), 0.7, why, key))
            labels.setdefault(label, key)
        for start, label in _chat_names(text):
            if not overlaps(start, start + len(label), [(f.start, f.end) for f in found]):
                why = "who wrote a pasted chat line (a display name)"
                found.append(
                    _finding(start, start + len(label), 0.7, why, "speaker:" + label.lower())
                )
                labels.setdefault(label, "speaker:" + label.lower())
        spans = [(f.start, f.end) for f in found]
        for label, key in labels.items():
            for match in re.finditer(rf"(?<![\w.-]){re.escape(label)}(?![\w-])", text):
                if not overlaps(match.start(), match.end(), spans):
                    why = "same text as a speaker label of this record"
                    found.append(_finding(match.start(), match.end(), 0.6, why, key))
        return found
