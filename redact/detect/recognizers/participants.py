"""Participant codes and speaker labels that stand for a person.

Shapes found:

* a role word + an identifier: "Witness 7", "Respondent B", "Interviewee 3", "Source A",
  "Participant No. 12", "Respondent M-4" (the code alone is the key: "M-4" elsewhere links)
* a bare participant code: "P-17", "M-4", "W-3" (one capital, hyphen, 1-3 digits), and
  "W7" / "P12" (0.45: also the shape of paper sizes and seat numbers)
* a speaker label before a colon at the start of a line ("JH:", "**M-4:**", "Nok:") that is
  not a role word ("Interviewer", "Q", "INT", "Interpreter"): the label is a person, and every
  other place the record writes the same label ("Present: JH (interviewer)") is that person too

A label made only of common English or safe words ("Note:", "Date:", "Contacts:") is not one.
"""

from __future__ import annotations

import re

from redact.detect.recognizers.base import PERSON, Finding
from redact.detect.recognizers.initials import letters_of
from redact.detect.recognizers.safe_terms import ROLE_WORDS, is_safe_word
from redact.text.variants import overlaps

NAME = "participants"
ROLE = (
    r"(?:[Ww]itness|[Rr]espondent|[Ii]nterviewee|[Pp]articipant|[Ii]nformant|[Ss]ource|"
    r"[Ss]urvivor|[Vv]ictim|[Ss]ubject|[Nn]arrator|[Cc]lient|[Aa]pplicant|[Dd]eponent|"
    r"[Dd]efector|[Rr]efugee|[Pp]erson|WITNESS|RESPONDENT|INTERVIEWEE|PARTICIPANT|SOURCE)"
)
_IDENT = r"(?:[A-Z]{1,2}-?\d{1,3}|\d{1,3}|[A-Z](?![\w.'\u2019-])|#\s?\d{1,3})"
_ROLE_CODE = re.compile(
    rf"(?<![\w-])(?P<role>{ROLE})\s+(?:(?:No\.?|no\.|number|#)\s*)?(?P<code>{_IDENT})"
    r"(?![\w-]|/\d|\.\d)"
)
_BARE_CODE = re.compile(r"(?<![\w/.-])(?P<code>[A-Z]-\d{1,3})(?![\w-]|/\d|\.\d)")
_SHORT_CODE = re.compile(r"(?<![\w/.-])(?P<code>[PW]\d{1,3})(?![\w-]|/\d|\.\d)")
SPEAKER = re.compile(
    r"^[ \t>*-]*(?:\[[^\]\n]{1,30}\]\s*)?(?:\*\*)?(?P<label>[^\W\d_][\w .'\u2019()-]{0,30}?)"
    r"(?::\*\*|\*\*:|:)[ \t]",
    re.MULTILINE,
)
_WORD = re.compile(r"[\w'\u2019-]+")
_CODE_SHAPE = re.compile(r"[A-Z]{1,3}(?:-[A-Z]{1,3})*-?\d{1,3}|[A-Z]\.?(?:-?[A-Z]\.?){1,2}")
_CODE_WORD = re.compile(
    r"(?<![\w-])(?i:code|coded|codename)[ \t]+(?P<code>[A-Z]{1,3}(?:-[A-Z]{1,3})*-\d{1,3})(?![\w-])"
)
_LETTER = re.compile(r"(?<![\w'\u2019.-])(?P<letter>[B-HJ-PR-Z])(?![\w'\u2019.-])")
_INITIALS_SHAPE = re.compile(r"[A-Z](?:\.?-?[A-Z]){1,2}\.?")


def _finding(start: int, end: int, score: float, why: str, key: str) -> Finding:
    return Finding(start, end, PERSON, score, NAME, why, key)


def code_key(code: str) -> str:
    """'P-17', 'p17' and 'P 17' give one key; a role word + one letter keeps its role word."""
    return "code:" + re.sub(r"[\s#.]+", " ", code.lower()).strip()


def _label_kind(label: str) -> str | None:
    """Why a speaker label is a person ('code', 'initials', 'name'), or None for a role."""
    words = _WORD.findall(label)
    if not words or all(w.lower() in ROLE_WORDS for w in words):
        return None
    bare = label.strip()
    if _ROLE_CODE.fullmatch(bare) or _CODE_SHAPE.fullmatch(bare):
        return "initials" if _INITIALS_SHAPE.fullmatch(bare) else "code"
    if len(words) > 4 or not all(w[:1].isupper() for w in words):
        return None
    from redact.detect.recognizers.proper_nouns import is_common_word  # shared lexicon, loaded once

    if all(is_safe_word(w) or is_common_word(w) for w in words):
        return None
    return "name"


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
            code = match.group("code")
            distinctive = any(c.isdigit() for c in code) and any(c.isalpha() for c in code)
            key = code_key(code if distinctive else match.group())
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
        for match in SPEAKER.finditer(text):
            label = match.group("label").strip()
            kind = _label_kind(label)
            if kind is None:
                continue
            start = match.start("label") + match.group("label").index(label)
            why = f"speaker label before a colon ({kind}), not a role word"
            key = {"code": code_key(label), "name": "speaker:" + label.lower()}.get(
                kind, "initials:" + letters_of(label)
            )
            found.append(_finding(start, start + len(label), 0.7, why, key))
            labels.setdefault(label, key)
        spans = [(f.start, f.end) for f in found]
        for label, key in labels.items():
            for match in re.finditer(rf"(?<![\w.-]){re.escape(label)}(?![\w-])", text):
                if not overlaps(match.start(), match.end(), spans):
                    why = "same text as a speaker label of this record"
                    found.append(_finding(match.start(), match.end(), 0.6, why, key))
        return found
