"""The leak gate reads what a reader reads: 56 disguised forms of protected words, all refused.

Three protected words (a full name, a Korean given name alone, a village), each disguised in 15
ways a reader does not notice, plus their Hangul and Chinese-character forms and the reverse
(a term given in Hangul or Chinese characters, exported romanized). Every row says what must
happen and which words the refusal must point at; the rows are written out by hand (the
disguising helpers only spell the same letters in other code points) and nothing here calls the
gate's own normalisation to decide what a leak is. Controls: ordinary text with similar letters
or scripts, a contraction beside a surname, the pseudonym itself and a kept country.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from intake.readers import read_source
from intake.record import Metadata
from intake.vault import NewRecord, Vault
from redact.export import formats as export_formats
from redact.export import gate as leak_gate
from redact.export import quotes as export
from redact.link.pseudonyms import PseudonymTable
from redact.pipeline import runner
from redact.plan import policy as policy_module
from redact.plan import redaction_log
from redact.review import decisions as review
from tests.conftest import NOW, Person

POLICY = policy_module.load(None)

TABLE = PseudonymTable(
    entries={
        "PERSON:pak|cholsu": {
            "label": "PERSON",
            "pseudonym": "[Person 2]",
            "surfaces": ["Pak Chol-su", "Chol-su"],  # the given name alone, as the text had it
            "records": ["r1"],
        },
        "PERSON:im|sujin": {
            "label": "PERSON",
            "pseudonym": "[Person 3]",
            "surfaces": ["Im Su-jin", "Im"],  # a surname alone that is one letter from "I'm"
            "records": ["r1"],
        },
        "PERSON:hong|": {
            "label": "PERSON",
            "pseudonym": "[Person 4]",
            "surfaces": ["Hong"],  # a surname alone: one Chinese character reads "hong"
            "records": ["r1"],
        },
        "ORGANIZATION:s": {
            "label": "ORGANIZATION",
            "pseudonym": "[Organisation 1]",
            "surfaces": ["S"],  # a mis-tagged letter
            "records": ["r1"],
        },
        "LOCATION:china": {
            "label": "LOCATION",
            "pseudonym": "[a place]",
            "surfaces": ["China"],
            "records": ["r1"],
        },
    }
)
PROTECTED = ["Kim Bo-ram", "Sinjon-ri", "Cui Ming-yu", "\ud55c\uc9c0\uc6b0", "\u674e\u82f1\u59ec"]
NEEDLES = leak_gate.known_originals(TABLE, PROTECTED)


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def math_bold(text: str) -> str:
    def bold(c: str) -> str:
        if "A" <= c <= "Z":
            return chr(0x1D400 + ord(c) - ord("A"))
        if "a" <= c <= "z":
            return chr(0x1D41A + ord(c) - ord("a"))
        return c

    return "".join(bold(c) for c in text)


def inside(text: str, char: str) -> str:
    """``char`` after the first letter of every word part."""
    return "-".join(" ".join(w[:1] + char + w[1:] for w in p.split(" ")) for p in text.split("-"))


def spaced(text: str) -> str:
    return " ".join(c for c in text if c != " ").replace("-", " - ")


# (kind, disguise of "Kim Bo-ram", of "Chol-su", of "Sinjon-ri")
LATIN = [
    ("combining accents (NFD)", unicodedata.normalize("NFD", "Kim B\u014f-r\u00e1m"),
     unicodedata.normalize("NFD", "Ch\u014fl-s\u00fa"),
     unicodedata.normalize("NFD", "Sinj\u014fn-r\u00ed")),
    ("zero-width space", inside("Kim Bo-ram", "\u200b"), inside("Chol-su", "\u200b"),
     inside("Sinjon-ri", "\u200b")),
    ("zero-width non-joiner", inside("Kim Bo-ram", "\u200c"), inside("Chol-su", "\u200c"),
     inside("Sinjon-ri", "\u200c")),
    ("byte order mark", inside("Kim Bo-ram", "\ufeff"), inside("Chol-su", "\ufeff"),
     inside("Sinjon-ri", "\ufeff")),
    ("soft hyphen", inside("Kim Bo-ram", "\u00ad"), inside("Chol-su", "\u00ad"),
     inside("Sinjon-ri", "\u00ad")),
    ("bidi control", inside("Kim Bo-ram", "\u202e"), inside("Chol-su", "\u200f"),
     inside("Sinjon-ri", "\u2066")),
    ("variation selector", inside("Kim Bo-ram", "\ufe0f"), inside("Chol-su", "\ufe00"),
     inside("Sinjon-ri", "\ufe0e")),
    ("full-width letters", fullwidth("Kim Bo-ram"), fullwidth("Chol-su"),
     fullwidth("Sinjon-ri")),
    ("Cyrillic look-alikes", "\u041aim \u0412\u043e-r\u0430m", "\u0421h\u043el-su",
     "\u0405inj\u043en-ri"),
    ("Greek look-alikes", "\u039aim \u0392\u03bf-ram", "Ch\u03bfl-s\u03c5",
     "S\u03b9nj\u03bfn-r\u03b9"),
    ("mathematical bold", math_bold("Kim Bo-ram"), math_bold("Chol-su"),
     math_bold("Sinjon-ri")),
    ("em dash for the hyphen", "Kim Bo\u2014ram", "Chol\u2014su", "Sinjon\u2014ri"),
    ("letters spaced out", spaced("Kim Bo-ram"), spaced("Chol-su"), spaced("Sinjon-ri")),
    ("Markdown escape", "Kim Bo\\-ram", "Chol\\-su", "Sinjon\\-ri"),
    ("Markdown emphasis", "Kim *Bo*-ram", "Ch*ol*-su", "Sin*jon*-ri"),
]  # fmt: skip
# (kind, text in the quote, the words the refusal points at)
OTHER_SCRIPTS = [
    ("name in Hangul", "\uae40\ubcf4\ub78c", "\uae40\ubcf4\ub78c"),
    ("name in Hangul, spaced", "\uae40 \ubcf4 \ub78c", "\uae40 \ubcf4 \ub78c"),
    ("name in Hangul, conjoining jamo (NFD)", unicodedata.normalize("NFD", "\uae40\ubcf4\ub78c"),
     unicodedata.normalize("NFD", "\uae40\ubcf4\ub78c")),
    ("name in Hangul, compatibility jamo", "\u3131\u3163\u3141\u3142\u3157\u3139\u314f\u3141",
     "\u3131\u3163\u3141\u3142\u3157\u3139\u314f\u3141"),
    ("name in Hangul with a particle", "\uae40\ubcf4\ub78c\uc740", "\uae40\ubcf4\ub78c"),
    ("given name in Hangul", "\ucca0\uc218\uac00", "\ucca0\uc218"),
    ("place in Hangul", "\uc2e0\uc804\ub9ac\uc5d0\uc11c", "\uc2e0\uc804\ub9ac"),
    ("place in Hangul, spaced", "\uc2e0 \uc804 \ub9ac", "\uc2e0 \uc804 \ub9ac"),
    ("name in Chinese characters", "\u5d14\u660e\u7389", "\u5d14\u660e\u7389"),
    ("a Hangul term, romanized", "Han Ji-woo", "Han Ji-woo"),
    ("a Chinese-character term, in pinyin", "Li Ying-ji", "Li Ying-ji"),
]  # fmt: skip
DISGUISES = [
    pytest.param(form, form, id=f"{kind}: {target}")
    for kind, *forms in LATIN
    for target, form in zip(("name", "given name", "place"), forms, strict=True)
] + [pytest.param(text, points, id=kind) for kind, text, points in OTHER_SCRIPTS]


def _leaks(words: str, windows: tuple[leak_gate.Window, ...] = ()) -> list[leak_gate.Leak]:
    """The gate over a Markdown export whose one quote holds ``words``."""
    text = f"She told me {words} was there."
    shift = len("She told me ")
    moved = tuple(
        leak_gate.Window(w.start + shift, w.end + shift, w.kind, w.trusted) for w in windows
    )
    quote = export_formats.Quote(1, "record r", "[Witness]", text, "\u2014 [Witness]", 0, 0)
    shown = export_formats.visible_text("md", export_formats.render("md", [quote], "[{}]"))
    return leak_gate.find_leaks(shown, NEEDLES, [leak_gate.GateExcerpt(1, text, moved)])


def test_the_table_holds_56_disguises() -> None:
    assert len(DISGUISES) == 56
    assert len({p.values[0] for p in DISGUISES}) == 56  # 56 different texts


@pytest.mark.parametrize(("words", "points_at"), DISGUISES)
def test_every_disguise_is_refused_at_its_place(words: str, points_at: str) -> None:
    leaks = _leaks(words)
    assert [leak.original for leak in leaks] == [points_at]
    assert leaks[0].excerpt == 1 and leaks[0].at is not None
    start, end = leaks[0].at
    assert f"She told me {words} was there."[start:end] == points_at


@pytest.mark.parametrize(
    ("words", "windows"),
    [
        ("Kimberly boarded the tram", ()),
        ("the kimono of Sinjon Rivera", ()),
        ("Kimbo rammed the gate near Sinjon-rim", ()),
        ("Cholsuk and Chol sun", ()),
        ("I'm sure, I'M sure, I\u2019m sure", ()),
        ("\u041c\u043e\u0441\u043a\u0432\u0430 and \u03a9mega", ()),  # Moscow, Omega
        ("\uac10\uc0ac\ud569\ub2c8\ub2e4, \ubcf4\ub9ac\ubc2d", ()),  # thank you, barley field
        ("[Person 2] and [Person 3]", ()),
        ("China", (leak_gate.Window(0, 5, leak_gate.KEPT),)),  # a country the policy keeps
        ("K i m c h i and B o r e d", ()),
        ("\u5ef6\u8fb9\u7ea2\u5a18 ads", ()),  # a matchmaker ad: one character reads "hong"
        ("[Person 2]'s friend and [Person 3]\u2019s", ()),
    ],
    ids=["similar letters", "prefix of a name", "name as a prefix", "given name prefix",
         "I'm", "Cyrillic and Greek words", "Hangul words", "pseudonyms", "kept country",
         "spaced ordinary words", "one Chinese character", "possessive after a pseudonym"],
)  # fmt: skip
def test_controls_pass(words: str, windows: tuple[leak_gate.Window, ...]) -> None:
    assert [leak.original for leak in _leaks(words, windows)] == []


def test_controls_are_not_blind() -> None:
    """The surname the contraction resembles, and the country outside its kept span, are seen."""
    assert [leak.original for leak in _leaks("Im said so")] == ["Im"]
    assert [leak.original for leak in _leaks("China")] == ["China"]
    assert [leak.original for leak in _leaks("Hong and S said")] == ["Hong", "S"]


# -- through the exporter: a reviewer's replacement carries the disguise ----------------------

THROUGH_EXPORT = [
    ("zero-width space", inside("Kim Bo-ram", "\u200b")),
    ("full-width letters", fullwidth("Sinjon-ri")),
    ("Cyrillic look-alikes", "\u041aim \u0412\u043e-r\u0430m"),
    ("mathematical bold", math_bold("Kim Bo-ram")),
    ("Markdown emphasis", "Kim *Bo*-ram"),
    ("name in Hangul", "\uae40\ubcf4\ub78c"),
]


@pytest.fixture(scope="module")
def one_record(tmp_path_factory: pytest.TempPathFactory, alice: Person) -> tuple[Vault, str]:
    """An invented interview, analysed, every proposal accepted and approved."""
    folder = tmp_path_factory.mktemp("disguise")
    source = folder / "interview.txt"
    source.write_text(
        "Q: Who helped you?\nA: My cousin Pak Chol-su held my arm at the river.\n",
        encoding="utf-8",
    )
    vault = Vault.init(folder / "vault", [alice.identity.recipient], NOW, alice.identity)
    data, document = read_source(source)
    new = NewRecord("interview.txt", data, document, Metadata(), ("Kim Bo-ram", "Sinjon-ri"))
    record_id = vault.add(new, NOW).id
    runner.run(vault, [record_id], alice.identity, None, 1, NOW)
    log = redaction_log.load(vault, record_id, alice.identity)
    assert log is not None
    ids = tuple(review.span_id(s) for s in review.undecided(log))
    _decide(vault, record_id, alice, review.Decision("accept", ids))
    _decide(vault, record_id, alice, review.Decision("approve"))
    return vault, record_id


def _decide(vault: Vault, record_id: str, person: Person, decision: review.Decision) -> None:
    review.record_decision(vault, record_id, decision, person.identity, NOW, POLICY)


@pytest.mark.parametrize(("kind", "disguise"), THROUGH_EXPORT, ids=[k for k, _ in THROUGH_EXPORT])
def test_the_exporter_refuses_a_disguise_and_writes_nothing(
    one_record: tuple[Vault, str], alice: Person, tmp_path: Path, kind: str, disguise: str
) -> None:
    import shutil

    shutil.copytree(one_record[0].root, tmp_path / "vault")
    vault, record_id = Vault.open(tmp_path / "vault"), one_record[1]
    export.export_quotes(vault, alice.identity, [record_id], tmp_path / "ok.md",
                         export.Options(), POLICY, NOW)  # fmt: skip
    log = redaction_log.load(vault, record_id, alice.identity)
    assert log is not None
    cousin = next(s for s in log.spans if s.text == "Pak Chol-su")
    edit = review.Decision("edit", (review.span_id(cousin),), replacement=f"cousin {disguise}")
    _decide(vault, record_id, alice, edit)
    _decide(vault, record_id, alice, review.Decision("approve"))
    with pytest.raises(leak_gate.LeakError) as refused:
        export.export_quotes(vault, alice.identity, [record_id], tmp_path / "q.md",
                             export.Options(), POLICY, NOW)  # fmt: skip
    assert not (tmp_path / "q.md").exists()
    message = refused.value.message
    assert "excerpt 1 (record " in message and "replacement of span" in message
    assert disguise not in message + refused.value.hint
    assert disguise in refused.value.originals[0]
