"""Nicknames and publication pseudonyms: a name is whatever people call someone.

Shapes found:

* after a naming verb: 'we called him the Badger', 'known as Sparrow', 'nicknamed "Little
  Bear"', 'whom the men called "the Crane"', 'people call her Granny Fox' (0.5); the article
  "the" belongs to the nickname ("the Badger" is the name; "[Person 4]" reads in its place)
* a publication pseudonym: '(pseudonym: Min)', 'pseudonym "Hae-na"', 'under the pseudonym Jin'
* a quoted epithet or alias in a list or in brackets: 'Pak Tong-ho ("the tall one", Tumen)',
  '"Tall Pak", "Broker Pak"' (0.4)
* once found, every other mention of the same nickname in the record ("The Badger said"), 0.45

The nickname ends at the closing quote, or after at most three capitalised words, so a sentence
that goes on ("called him Sparrow because ...") does not become part of it.

One nickname, one key, whatever its article or case: "the Fox", "The Fox", "the fox" and "Fox" are
all ``nickname:fox`` (:func:`nickname_key`); :func:`epithet_of` reads a person's span that is, as
a whole, an article + an epithet ("The Fox" at a sentence start, which a name reading would take
for a Korean given name), whichever recognizer found it. A nickname shaped like a Korean given
name ('a girl called "Hae-na"', 'pseudonym "Su-bin"') is read as that given name, the key the
name has wherever it is written without the naming verb.
"""

from __future__ import annotations

import re

from redact.detect.recognizers.base import PERSON, Finding
from redact.detect.recognizers.kinship import KIN, ROLE
from redact.detect.recognizers.safe_terms import is_safe_word
from redact.text.search import fold
from redact.text.variants import (
    SURNAMES,
    korean_given_syllables,
    name_key,
    overlaps,
    role_titles,
)

NAME = "nicknames"
_VERB = (
    r"(?:(?i:called|call|calls|calling|nicknamed|nickname|dubbed|known\s+as|named|"
    r"went\s+by|goes\s+by|go\s+by|referred\s+to\s+as|addressed\s+as)"
    r"(?:\s+(?:him|her|them|me|us|it|each\s+other))?"
    r"|(?i:kn(?:ew|ow|ows|own))\s+(?i:him|her|them|me|us)\s+(?i:as))"
)
_QUOTED = r"[\"\u201c\u2018'](?P<quoted>(?:[Tt]he\s+)?[^\"\u201d\u2019'\n]{1,30}?)[\"\u201d\u2019']"
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f\u0410-\u042f"
_CAP = rf"[{_UPPER}][\w'\u2019]*(?:-[\w'\u2019]+)*"
_BARE = rf"(?P<bare>(?:[Tt]he\s+)?(?:(?:{ROLE}|{KIN})\s+)?{_CAP}(?:\s{_CAP}){{0,2}})"
_AFTER_VERB = re.compile(rf"(?<![\w-]){_VERB}\s+(?:{_QUOTED}|{_BARE})")
_PSEUDONYM = re.compile(
    rf"(?i:pseudonym|alias|code\s*name|cover\s+name)(?:\s*[:=]\s*|\s+(?:of\s+|was\s+|is\s+)?)"
    rf"(?:{_QUOTED}|{_BARE})"
)
_THE_QUOTED = re.compile(
    r"(?:(?<=[(,;:])|(?<=[(,;:]\s))[\"\u201c](?P<quoted>[Tt]he\s+[\w'\u2019-]+"
    r"(?:\s[\w'\u2019-]+){0,2}|[A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+){0,2})[\"\u201d]"
    r"(?=\s*[,;.)])"
)
# Words after a naming verb that are not a nickname: pronouns, places, common address words.
NOT_NICKNAMES = frozenset(
    [
        "I",
        "I'm",
        "Me",
        "Him",
        "Her",
        "It",
        "Us",
        "Them",
        "You",
        "We",
        "They",
        "He",
        "She",
        "The",
        "This",
        "That",
        "My",
        "His",
        "Our",
        "Their",
        "Korea",
        "China",
        "Russia",
        "North",
        "South",
        "Mongolia",
        "Thailand",
        "Laos",
        "Interviewer",
        "Witness",
    ]
)
_STOP = frozenset(
    ["The", "A", "An", "And", "But", "Or", "Because", "When", "So", "Then", "After", "Before", "If"]
)


def _defined_term(nickname: str) -> bool:
    """'the applicant', 'the Government', 'the Convention': a document's defined term (every
    word a role or safe word, plural or not), not what anyone calls a person."""
    words = re.sub(r"^(?i:the)\s+", "", nickname).split()
    if any(c.isdigit() for c in nickname):
        return True  # "the 1985 Act", "the 3rd": a reference, not a nickname
    return all(is_safe_word(w) or is_safe_word(re.sub(r"e?s$", "", w)) for w in words)


def nickname_key(nickname: str) -> str:
    """'the Fox', 'The Fox', 'the fox', 'Fox' and 'the  FOX' give one key: nickname:fox."""
    words = re.sub(r"^(?i:the)\s+", "", nickname.strip()).lower().split()
    return "nickname:" + " ".join(w.strip("\"'\u201c\u201d\u2018\u2019") for w in words)


_GIVEN = rf"[{_UPPER}][\w'\u2019]*-[\w'\u2019]+"
_NAME_SHAPE = re.compile(rf"(?:(?P<surname>[{_UPPER}][\w'\u2019]*)\s)?{_GIVEN}")


def _reading(nickname: str) -> str:
    """The key a nickname is read under: a name is read as that name (its name key, the one it
    has wherever it is written without the naming verb): a hyphenated Korean given name
    ("Hae-na"), a surname and one ("Ye Tu-son"), a title and a surname ('called him Old Ma',
    'Big Tak'). Anything else is a nickname; so is a surname alone ('two brokers named Ma'): read
    as a surname, it would be one entity with every other unexplained Ma of its record."""
    shape = _NAME_SHAPE.fullmatch(nickname)
    if shape and korean_given_syllables(nickname.split()[-1]):
        surname = shape.group("surname")
        if surname is None or fold(surname) in SURNAMES:
            return name_key(nickname)
    words = nickname.split()
    if len(words) == 2 and role_titles(nickname) and fold(words[1]) in SURNAMES:
        return name_key(nickname)
    return nickname_key(nickname)


_EPITHET = re.compile(r"(?i:the)\s+(?P<rest>[\w'\u2019-]+(?:\s[\w'\u2019-]+){0,2})")


def epithet_of(surface: str) -> str | None:
    """The nickname key of a person's span that is an article + an epithet ("The Fox", "the
    tall one"), else None: never when a word is a surname ("the Kim brothers") or the rest is a
    document's defined term ("the Applicant") or a pronoun."""
    match = _EPITHET.fullmatch(surface.strip())
    if not match:
        return None
    words = match.group("rest").split()
    if any(fold(w) in SURNAMES for w in words) or words[0] in NOT_NICKNAMES:
        return None
    if _defined_term(surface.strip()) or not any(c.isalpha() for c in match.group("rest")):
        return None
    return nickname_key(surface)


def _finding(start: int, end: int, score: float, why: str, nickname: str) -> Finding:
    return Finding(start, end, PERSON, score, NAME, why, _reading(nickname))


def _trim_bare(bare: str) -> str:
    """Keep the nickname's words: stop before a word that starts a new clause."""
    words = bare.split()
    kept = words[:1]
    for word in words[1:]:
        if word in _STOP or word.lower() in ("because", "and", "but"):
            break
        kept.append(word)
    return " ".join(kept)


class NicknameRecognizer:
    """Nicknames after a naming verb, pseudonyms, quoted "the ..." epithets, and their echoes."""

    name: str = NAME
    labels: tuple[str, ...] = (PERSON,)

    def find(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for pattern, score, why in (
            (_PSEUDONYM, 0.55, "pseudonym or alias"),
            (_AFTER_VERB, 0.5, "nickname after a naming verb (called, known as)"),
        ):
            for match in pattern.finditer(text):
                finding = self._nickname(match, score, why)
                if finding and not overlaps(finding.start, finding.end, _spans(found)):
                    found.append(finding)
        for match in _THE_QUOTED.finditer(text):
            start, end = match.span("quoted")
            quoted = match.group("quoted")
            if quoted.split()[-1] in NOT_NICKNAMES or overlaps(start, end, _spans(found)):
                continue
            if _defined_term(quoted):
                continue
            why = 'quoted epithet or alias in a list ("the ...", "Tall X")'
            found.append(_finding(start, end, 0.4, why, quoted))
        return sorted(found + self._echoes(text, found), key=lambda f: f.start)

    def _nickname(self, match: re.Match[str], score: float, why: str) -> Finding | None:
        group = "quoted" if match.group("quoted") else "bare"
        nickname = match.group(group).strip()
        if group == "bare":
            nickname = _trim_bare(nickname)
        core = re.sub(r"^(?i:the)\s+", "", nickname)
        if not core or core in NOT_NICKNAMES or core.split()[0] in NOT_NICKNAMES:
            return None
        if _defined_term(nickname):
            return None
        if group == "bare" and not core.split()[-1][:1].isupper():
            return None
        start = match.start(group)
        return _finding(start, start + len(nickname), score, why, nickname)

    def _echoes(self, text: str, found: list[Finding]) -> list[Finding]:
        cores: dict[str, str] = {}  # nickname without its article -> the nickname as found
        for finding in found:
            nickname = text[finding.start : finding.end]
            core = re.sub(r"^(?i:the)\s+", "", nickname)
            if len(core) >= 3:
                cores.setdefault(core, nickname)
        if not cores:
            return []
        alternatives = "|".join(re.escape(c) for c in sorted(cores, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w-])(?:[Tt]he\s+)?(?P<core>{alternatives})(?![\w-])")
        taken = {i for f in found for i in range(f.start, f.end)}
        why = "the same nickname as found elsewhere in this record"
        echoes: list[Finding] = []
        for match in pattern.finditer(text):
            nickname = cores[match.group("core")]
            start = match.start() if nickname != match.group("core") else match.start("core")
            if not taken.intersection(range(start, match.end())):
                echoes.append(_finding(start, match.end(), 0.45, why, nickname))
                taken.update(range(start, match.end()))
        return echoes


def _spans(findings: list[Finding]) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in findings]
