"""Aliases a record states (issue 11): redact.link.statements.stated_aliases, as table rows.

Each row is a text and the person mentions linking found in it (invented names, none in
samples/); the keys are the ones the entity keys give those surfaces. Positive rows say which
(alias, full name) pairs the text states; the hard negatives state none: a description, a date or
two people in the bracket, two full names, a sentence end, a surname alone, a doubt.
"""

from __future__ import annotations

import pytest

from redact.detect.recognizers.base import PERSON
from redact.detect.recognizers.nicknames import epithet_of, nickname_key
from redact.detect.recognizers.participants import code_of
from redact.detect.span import Span
from redact.link.keys import entity_key
from redact.link.statements import kind, stated_aliases
from redact.text.variants import role_titles


def _key(surface: str) -> str:
    """The entity key linking gives a lone mention of ``surface`` (a code, a nickname, a name)."""
    if surface.startswith("~"):  # a surname alone, kept to its record
        return f"{PERSON}:{entity_key(PERSON, surface[1:]).partition(':')[2]}#record"
    reading = code_of(surface) or epithet_of(surface)
    if reading is None and surface.startswith(("Big ", "Little ")):
        reading = nickname_key(surface)
    titles = role_titles(surface)
    if reading is None and titles:  # "Uncle Tak": linking keys a title form with its title
        return f"{PERSON}:{titles} {entity_key(PERSON, surface).partition(':')[2]}"
    return entity_key(PERSON, surface, reading)


def mentions(text: str, *surfaces: str) -> list[Span]:
    spans, pos = [], 0
    for surface in surfaces:
        written = surface.lstrip("~")
        start = text.index(written, pos)
        pos = start + len(written)
        spans.append(Span(start, pos, written, PERSON, 0.9, "test", "", _key(surface)))
    return spans


def pairs(text: str, *surfaces: str) -> set[tuple[str, str]]:
    return {(a, b) for a, b, _ in stated_aliases(text, mentions(text, *surfaces))}


def _k(surface: str) -> str:
    return _key(surface)


STATED = [
    # (text, mentions in order, (alias, full name) pairs the text states)
    (
        "Tak Il-gwon, whom everyone called 'Big Tak', ran the boats.",
        ("Tak Il-gwon", "Big Tak"),
        {("Big Tak", "Tak Il-gwon")},
    ),
    (
        'There was an officer nicknamed "the Heron" (Pyŏn Ha-rim) at the post.',
        ("the Heron", "Pyŏn Ha-rim"),
        {("the Heron", "Pyŏn Ha-rim")},
    ),
    ("P-58 (Ye Tu-sŏn) arrived in May.", ("P-58", "Ye Tu-sŏn"), {("P-58", "Ye Tu-sŏn")}),
    ("applicant Ye Tu-sŏn (P-58), 41", ("Ye Tu-sŏn", "P-58"), {("P-58", "Ye Tu-sŏn")}),
    (
        "Ye Tu-sŏn, now referred to as P-58, signed.",
        ("Ye Tu-sŏn", "P-58"),
        {("P-58", "Ye Tu-sŏn")},
    ),
    ("Ye Tu-sŏn, now P-58.", ("Ye Tu-sŏn", "P-58"), {("P-58", "Ye Tu-sŏn")}),
    ("- Witness 9 — Ok Chae-bin\n", ("Witness 9", "Ok Chae-bin"), {("Witness 9", "Ok Chae-bin")}),
    ("Legend: W9 = Witness 9.", ("W9", "Witness 9"), {("W9", "Witness 9")}),
    (
        "- P-58 = Ye Tu-sŏn / Ye Doo-seon",
        ("P-58", "Ye Tu-sŏn", "Ye Doo-seon"),
        {("P-58", "Ye Tu-sŏn")},
    ),
    (
        "Pyŏn Ha-rim a.k.a. the Kestrel was there.",
        ("Pyŏn Ha-rim", "the Kestrel"),
        {("the Kestrel", "Pyŏn Ha-rim")},
    ),
    (
        "Pyŏn Ha-rim (known as Su-bin) sang.",
        ("Pyŏn Ha-rim", "Su-bin"),
        {("Su-bin", "Pyŏn Ha-rim")},
    ),
    (
        "Tak Il-gwon, the one the drivers called Uncle Tak, paid.",
        ("Tak Il-gwon", "Uncle Tak"),
        {("Uncle Tak", "Tak Il-gwon")},
    ),
    ("T.I. (= Tak Il-gwon) paid.", ("T.I.", "Tak Il-gwon"), {("T.I.", "Tak Il-gwon")}),
    (
        "Respondent D (Ok Chae-bin, 52, from a mining town) spoke.",
        ("Respondent D", "Ok Chae-bin"),
        {("Respondent D", "Ok Chae-bin")},
    ),
]


@pytest.mark.parametrize(("text", "found", "expected"), STATED)
def test_a_stated_alias_is_paired_with_its_full_name(
    text: str, found: tuple[str, ...], expected: set[tuple[str, str]]
) -> None:
    assert pairs(text, *found) == {(_k(a), _k(b)) for a, b in expected}


NOT_STATED = [
    ("Ye Tu-sŏn (then 24) crossed.", ("Ye Tu-sŏn",)),  # a description in the bracket
    ("Ye Tu-sŏn (2019) and P-58 (2021)", ("Ye Tu-sŏn", "P-58")),  # dates
    ("Tak Il-gwon (Ye Tu-sŏn's cousin) drove.", ("Tak Il-gwon", "Ye Tu-sŏn")),  # whose
    ("P-58 (Ye Tu-sŏn, Ok Chae-bin) left.", ("P-58", "Ye Tu-sŏn", "Ok Chae-bin")),  # two
    ("P-58 (Ye Tu-sŏn and Ok Chae-bin) left.", ("P-58", "Ye Tu-sŏn", "Ok Chae-bin")),  # two
    ("Pak and Ye Tu-sŏn met P-58.", ("~Pak", "Ye Tu-sŏn", "P-58")),  # a list, no statement
    ("Ye Tu-sŏn — Ye Tu-ri.", ("Ye Tu-sŏn", "Ye Tu-ri")),  # two full names, given names differ
    ("Ye Tu-sŏn (Ok Chae-bin) left.", ("Ye Tu-sŏn", "Ok Chae-bin")),  # two full names
    ("It was Ye Tu-sŏn. P-58 said so.", ("Ye Tu-sŏn", "P-58")),  # across a sentence end
    ("Ye Tu-sŏn\n(P-58 in the other file)", ("Ye Tu-sŏn", "P-58")),  # a line break, a phrase
    ("P-58 — Ye Tu-sŏn said she left.", ("P-58", "Ye Tu-sŏn")),  # the name starts a clause
    ("Ye Tu-sŏn called P-58 later.", ("Ye Tu-sŏn", "P-58")),  # a phone call, not a name
    (
        'Pyŏn Ha-rim, whom Ok Chae-bin called "the Heron"',  # Ok named somebody: Ok is no alias
        ("Pyŏn Ha-rim", "Ok Chae-bin", "the Heron"),
    ),
    ("Uncle Tak (Pyŏn Ha-rim) paid.", ("Uncle Tak", "Pyŏn Ha-rim")),  # not his surname
    ("Pyŏn Ha-rim (Su-bin) sang.", ("Pyŏn Ha-rim", "Su-bin")),  # a given name, no naming word
    ("T.I. (= Pyŏn Ha-rim) paid.", ("T.I.", "Pyŏn Ha-rim")),  # not her initials
    ("Su-bin (= Ye Tu-sŏn?, not confirmed)", ("Su-bin", "Ye Tu-sŏn")),  # a doubt
    ("Pak (Ye Tu-sŏn) paid.", ("~Pak", "Ye Tu-sŏn")),  # a surname alone ties nobody
    ("Ye Tu-sŏn, P-58 and W9 left.", ("Ye Tu-sŏn", "P-58", "W9")),  # a list of people
    ("Ye Tu-sŏn, now Ok Chae-bin.", ("Ye Tu-sŏn", "Ok Chae-bin")),  # two full names
]


@pytest.mark.parametrize(("text", "found"), NOT_STATED)
def test_no_alias_is_stated(text: str, found: tuple[str, ...]) -> None:
    assert pairs(text, *found) == set()


def test_a_bracket_of_several_names_of_one_person_pairs_each() -> None:
    text = 'K.Y. met us. Ye Tu-sŏn (= P-58, pseudonym "Su-bin") came.'
    found = pairs(text, "K.Y.", "Ye Tu-sŏn", "P-58", "Su-bin")
    assert found == {(_k("P-58"), _k("Ye Tu-sŏn")), (_k("Su-bin"), _k("Ye Tu-sŏn"))}


def test_every_pair_has_a_reason_and_mentions_of_other_labels_are_left_alone() -> None:
    text = "P-58 (Ye Tu-sŏn) lived in Hwanggang (a town)."
    spans = mentions(text, "P-58", "Ye Tu-sŏn")
    start = text.index("Hwanggang")
    place = Span(start, start + 9, "Hwanggang", "LOCATION", 0.9, "test", "", "LOCATION:hwanggang")
    found = stated_aliases(text, [place, *reversed(spans)])
    assert [(a, b) for a, b, _ in found] == [(_k("P-58"), _k("Ye Tu-sŏn"))]
    assert "brackets" in found[0][2] and "code" in found[0][2]


@pytest.mark.parametrize(
    ("key", "what"),
    [
        ("PERSON:code:p58", "code"),
        ("PERSON:nickname:heron", "nickname"),
        ("PERSON:initials:TI", "initials"),
        ("PERSON:tak|ilgwon", "full"),
        ("PERSON:pyon harim", "full"),
        ("PERSON:|subin", "given"),
        ("PERSON:uncle tak|", "title"),
        ("PERSON:tak|", None),  # a surname alone
        ("PERSON:tak|#a1b2c3", None),  # kept to its record
        ("PERSON:speaker:tak", None),
        ("LOCATION:hwanggang", None),
    ],
)
def test_kinds_of_person_keys(key: str, what: str | None) -> None:
    assert kind(key) == what


def test_invented_names_are_not_in_the_samples() -> None:
    from pathlib import Path

    from intake.readers import read
    from redact.text.folding import name_fold

    root = Path(__file__).resolve().parents[1] / "samples"
    files = [p for p in [*root.glob("*.*"), *(root / "blind").glob("*.*")] if p.is_file()]
    texts = [read(p).text if p.suffix in (".docx", ".odt") else p.read_text("utf-8") for p in files]
    corpus = name_fold("\n".join(texts))
    names = ["Tak Il-gwon", "Pyŏn Ha-rim", "Ye Tu-sŏn", "Ok Chae-bin", "Su-bin", "Heron"]
    names += ["Kestrel", "P-58", "Witness 9", "Respondent D", "Ye Tu-ri", "Big Tak"]
    assert [n for n in names if name_fold(n) in corpus] == []
