"""Aliases a record itself states: which person mentions the text says are one person.

A testimony often says outright that a code, a nickname, a title form or a given name is somebody
with a full name: 'Pak Tu-il, whom everyone called "Big Pak"', 'an officer nicknamed "the Owl"
(Mun Ki-ho)', 'P-58 (Yang Hye-rim)', 'Yang Hye-rim, now referred to as P-58', 'Witness 9 — Ko
Mi-hyang', and in a legend 'W9 = Witness 9'. :func:`stated_aliases` reads those statements from one
record's text and its linked spans, so the corpus can give the alias the name's pseudonym
everywhere (the union across records, and its conflict check, are the caller's).

A statement is one of: an appositive in brackets ("X (Y)", "X (= Y)", "X (a.k.a. Y)") whose first
item is exactly the other mention; an appositive after a dash ("X — Y") or an equals sign in a
legend ("X = Y"), the second mention ending its clause; a naming phrase between the two ("X,
known as Y", "X, whom the guards called Y", "X a.k.a. Y", "X alias Y", "X, referred to as Y",
"X, now Y" for a code). It pairs only an alias (a code, a nickname, a title form, initials, a
given name) with a full name, or two codes; never two full names, never across a sentence end,
never when the bracket holds something else ("Kim (then 24)", "Ri (2019)", "Pak (the broker's
cousin)": a description, not a name) or two people ("(Ko Mi-hyang, Yang Hye-rim)"). A title form
must carry the full name's surname, initials its letters, and a given name that is not the full
name's own needs a naming word ("=", "known as", "called", a pseudonym). Pure: no I/O.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Protocol

from redact.detect.recognizers.base import PERSON
from redact.link.keys import is_full, key_body
from redact.text.search import fold

FULL, CODE, NICKNAME, TITLE, GIVEN, INITIALS = (
    "full",
    "code",
    "nickname",
    "title",
    "given",
    "initials",
)
_WHAT = {
    CODE: "a code",
    NICKNAME: "a nickname",
    TITLE: "a title form",
    GIVEN: "a given name",
    INITIALS: "initials",
}


class Mention(Protocol):
    """What a linked span offers here (:class:`redact.detect.span.Span` has it all)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def entity(self) -> str: ...


_SP = r"[ \t\u00a0]"
_Q = "\"'\u201c\u201d\u2018\u2019"
# Words that say the next mention is another name of the same person.
_CUE = (
    r"(?:also\s+)?known\s+as|a\.k\.a\.?|aka|alias|nicknamed|called|dubbed|"
    r"(?:now\s+)?referred\s+to\s+as|real\s+name:?|full\s+name:?|pseudonym:?|code(?:name)?:?|"
    r"coded\s+as|formerly|i\.e\.,?|now|="
)
_OPEN = re.compile(rf"[{_Q}]?{_SP}*[(\[]{_SP}*(?P<cue>(?:{_CUE}){_SP}*)?[{_Q}]?")
_DASH = re.compile(rf"[{_Q}]?(?:{_SP}+[-\u2013\u2014]{{1,2}}{_SP}+|{_SP}*[\u2013\u2014]{_SP}*)")
_EQUALS = re.compile(rf"[{_Q}]?{_SP}*={_SP}*[{_Q}]?")
# "X, whom everyone called Y", "X, the one the guards called Y", "X, known as Y", "X a.k.a. Y",
# "X, now P-58"; a bare "X called Y" is not one ("Ko called the Owl": a phone call, or a name?)
_UNAMBIGUOUS = (
    r"(?:also\s+)?known\s+as|a\.k\.a\.?|aka|alias|nicknamed|(?:now\s+)?referred\s+to\s+as"
)
_PHRASE = re.compile(
    rf"[{_Q}]?(?:{_SP}*,{_SP}*(?:(?:who|whom|the{_SP}+one)(?:{_SP}+[\w'\u2019-]+){{0,3}}?{_SP}+)?"
    rf"(?:(?:is|was|were|are|also|now|later){_SP}+)*(?P<verb>{_CUE})"
    rf"|{_SP}+(?P<plain>{_UNAMBIGUOUS})){_SP}*[{_Q}]?{_SP}*"
)
_CLAUSE_END = re.compile(rf"[{_Q}]?{_SP}*(?:$|[.,;:!?)\]/\n]|{_SP}[-\u2013\u2014]{_SP})")
_ITEM_END = re.compile(rf"[{_Q}]?{_SP}*(?P<sep>[)\],;/])")
_CUE_ONLY = re.compile(rf"{_SP}*(?:(?:{_CUE}){_SP}*)?[{_Q}]?{_SP}*")
_NAMING = frozenset({"=", "known", "called", "nicknamed", "alias", "aka", "pseudonym", "real"})


def kind(key: str) -> str | None:
    """What a person's entity key stands for: a full name, a code, a nickname, a title form,
    initials or a given name alone; None for what no statement may tie (a surname alone, a
    mention kept to its record, a speaker label, another label's key)."""
    label, _, _ = key.partition(":")
    body = key_body(key)
    if label != PERSON or "#" in key or not body:
        return None
    prefix, colon, _ = body.partition(":")
    if colon:
        return {"code": CODE, "nickname": NICKNAME, "initials": INITIALS}.get(prefix)
    if is_full(key):
        return FULL
    surname, bar, given = body.partition("|")
    if bar and not surname and given:
        return GIVEN
    if bar and not given and len(surname.split()) >= 2:
        return TITLE  # "auntie park|": a title and a surname
    return None


def _parts(key: str) -> tuple[str, str]:
    surname, _, given = key_body(key).partition("|")
    return surname, given


def _fits(alias: Mention, name: Mention, cue: str) -> bool:
    """Whether the alias may be another name of the full name: a title form of its surname,
    initials of its words, a given name that is its own or stated with a naming word."""
    what = kind(alias.entity)
    if what == TITLE:
        surname, _ = _parts(name.entity)
        return bool(surname) and _parts(alias.entity)[0].split()[-1] == surname
    if what == INITIALS:
        letters = key_body(alias.entity).partition(":")[2].lower()
        firsts = [w[0] for w in re.split(r"[\s-]+", fold(name.text)) if w]
        return _subsequence(letters, firsts) and letters[:1] in firsts[:2]
    if what == GIVEN:
        return _parts(alias.entity)[1] == _parts(name.entity)[1] or bool(
            set(re.findall(r"[=\w]+", cue.lower())) & _NAMING
        )
    return what in (CODE, NICKNAME)


def _subsequence(letters: str, firsts: list[str]) -> bool:
    found = iter(firsts)
    return bool(letters) and all(letter in found for letter in letters)


def _pair(one: Mention, other: Mention, cue: str, why: str) -> tuple[str, str, str] | None:
    """(alias key, name key, reason) when the two may be one person, else None."""
    kinds = (kind(one.entity), kind(other.entity))
    if one.entity == other.entity or None in kinds:
        return None
    if kinds == (CODE, CODE):
        return one.entity, other.entity, f"{why}: two codes of one person"
    if FULL not in kinds or kinds == (FULL, FULL):
        return None
    alias, name = (one, other) if kinds[1] == FULL else (other, one)
    if not _fits(alias, name, cue):
        return None
    return alias.entity, name.entity, f"{why}: {_WHAT[kind(alias.entity) or '']} of a full name"


def _bracket(
    text: str, outer: Mention, first: Mention, cue: str, inside: Sequence[Mention]
) -> list[tuple[str, str, str]]:
    """The pairs an appositive in brackets states: its first item is exactly a mention; the
    items after it count when they too are a mention alone (after a naming word or not)."""
    items = [(first, cue)]
    sep = _ITEM_END.match(text, first.end)
    if not sep:
        return []  # the bracket goes on after the mention: a description ("Kim (then 24)")
    pos = sep.end()
    while sep and sep.group("sep") not in ")]":
        lead = _CUE_ONLY.match(text, pos)
        start = lead.end() if lead else pos
        item = next((m for m in inside if m.start == start), None)
        sep = _ITEM_END.match(text, item.end) if item else None
        if item is not None and sep:
            items.append((item, text[pos:start]))
        pos = sep.end() if sep else pos
        if not sep:
            break
    fulls = {m.entity for m, _ in items if kind(m.entity) == FULL}
    if kind(outer.entity) == FULL:
        fulls.add(outer.entity)
    if len(fulls) > 1:
        return []  # two people named in one statement: nothing is stated
    why = "an appositive in brackets"
    pairs = [_pair(outer, m, c, why) for m, c in items]
    return [p for p in pairs if p]


def _between(text: str, one: Mention, other: Mention) -> tuple[str, str] | None:
    """(the statement's kind, its naming words) when the gap between two mentions states
    they are one person and the second ends its clause; None otherwise."""
    gap = text[one.end : other.start]
    if "\n" in gap:
        return None
    ends = bool(_CLAUSE_END.match(text, other.end))
    if _EQUALS.fullmatch(gap) and ends:
        return "a legend (X = Y)", "="
    if _DASH.fullmatch(gap) and ends:
        return "an appositive after a dash", ""
    phrase = _PHRASE.fullmatch(gap)
    if phrase:
        verb = phrase.group("verb") or phrase.group("plain") or ""
        if verb.strip().lower() == "now" and CODE not in (kind(one.entity), kind(other.entity)):
            return None  # "Pak, now Kim": only a code is something one is now called
        return "a naming phrase (known as, called, alias)", verb
    return None


def stated_aliases(text: str, spans: Sequence[Mention]) -> list[tuple[str, str, str]]:
    """The pairs (alias key, name key, reason) that the record's text says are one person, from
    its linked spans; two codes come in the order they are written."""
    people = sorted((s for s in spans if s.label == PERSON and s.entity), key=lambda s: s.start)
    pairs: list[tuple[str, str, str]] = []
    for i, (one, other) in enumerate(itertools.pairwise(people)):
        opened = _OPEN.fullmatch(text, one.end, other.start)
        if opened and "\n" not in text[one.end : other.start]:
            close = text.find(")", other.end)
            inside = [s for s in people[i + 2 :] if close < 0 or s.start < close]
            pairs += _bracket(text, one, other, opened.group("cue") or "", inside)
            continue
        stated = _between(text, one, other)
        if stated:
            pair = _pair(one, other, stated[1], stated[0])
            pairs += [pair] if pair else []
    return list(dict.fromkeys(pairs))
