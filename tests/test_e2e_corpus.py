"""scripts/e2e_corpus.py on two samples: a well-formed summary, and planted leaks are counted.

Three leaks are planted before the accept-all. Two signed releases: a person who is no protected
term, and a protected term of the other record; the gate lets a signed release through in its
own place, so the published files name them and the counter must see them. And a reviewer's
slip: one mention of a masked person rejected without a reason in the first record, the others
masked; the gate must refuse that export, and the refusal must be judged a true leak. The temp
folder is gone afterwards."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
BROKER = ("01-bo-ram-crossing", "P-zhang-wei")
SLIP = ("01-bo-ram-crossing", "P-choe-myongok")  # five mentions, not a protected term
PROTECTED = ("02-chongori-wig-brigade", "P-choe-songil")


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("e2e_corpus", REPO / "scripts" / "e2e_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["e2e_corpus"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def e2e():  # type: ignore[no-untyped-def]
    return _script()


def _temp_folders() -> set[Path]:
    return {
        p for d in (Path("/dev/shm"), Path(tempfile.gettempdir())) for p in d.glob("e2e-corpus-*")
    }


def _gold(doc: str) -> dict:  # type: ignore[type-arg]
    return json.loads((SAMPLES / f"{doc}.gold.json").read_text(encoding="utf-8"))


def test_planted_leaks_are_counted(e2e, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    args = [str(SAMPLES), "--only", BROKER[0], "--only", PROTECTED[0], "--json"]
    args += ["--reject", ":".join(BROKER), "--reject", ":".join(PROTECTED)]
    args += ["--slip", ":".join(SLIP)]
    before = _temp_folders()
    assert e2e.main(args) == 0
    assert _temp_folders() <= before
    summary = json.loads(capsys.readouterr().out)

    assert summary["records"] == 2
    assert summary["offset_mismatches"] == 0
    assert summary["must_mask_total"] == sum(
        s["must_mask"] for doc in (BROKER[0], PROTECTED[0]) for s in _gold(doc)["spans"]
    )
    refusals = {r["doc"]: r for r in summary["refusals"]}
    assert set(refusals) == {SLIP[0]}  # the signed releases pass; the slip is refused
    assert summary["exports_written"] == 1

    # the slip: refused, judged a true leak, no original in the message or the hits
    refusal = refusals[SLIP[0]]
    assert refusal["step"] == "export" and refusal["hits"]
    assert refusal["cause"].startswith("export refused: ")
    assert "a reviewer rejected the mask of span" in refusal["cause"]  # the slipped span
    for s in _gold(SLIP[0])["spans"]:
        assert s["entity"] != SLIP[1] or s["text"] not in refusal["cause"]
    assert any(h["verdict"] == "true leak (gold PERSON)" for h in refusal["hits"])
    assert all(h["text"] is None for h in refusal["hits"])  # no originals without --show-text
    # shapes, never letters: one character of context each side, the hit in brackets
    assert all(re.fullmatch(r".?\[[Aa9 '.-]+\].?", h["shape"]) for h in refusal["hits"])
    assert summary["true_leaks"] >= 1
    # what the refused file would have shown is counted apart: the slipped mention is there
    assert set(summary["withheld"]) & _mentions(SLIP)

    # the released protected term is published in its record, and counted
    protected = _mentions(PROTECTED)
    assert set(summary["leaked"]) & protected
    assert not set(summary["withheld"]) & protected
    # the released broker is counted, as offsets, with his record (held back by the slip)
    assert set(summary["withheld"]) & _mentions(BROKER)
    for key in ("leaked", "withheld", "quasi_present"):
        assert all(re.fullmatch(r"[\w-]+:\d+-\d+ [A-Z_]+", m) for m in summary[key])
    assert summary["leaked_total"] == len(summary["leaked"])
    assert sum(summary["leaked_by_type"].values()) == summary["leaked_total"]
    assert sum(summary["withheld_by_type"].values()) == len(summary["withheld"])

    # the printed form says the same, without originals
    lines = e2e.render(e2e.Summary(**_fields(e2e, summary)))
    assert any("1 exports refused (1 by the leak gate)" in line for line in lines)
    assert any(line.startswith("must-mask mentions leaked") for line in lines)
    for doc, entity in (BROKER, SLIP, PROTECTED):
        for s in _gold(doc)["spans"]:
            if s["entity"] == entity:
                assert all(s["text"] not in line for line in lines)


def _mentions(which: tuple[str, str]) -> set[str]:
    doc, entity = which
    return {
        f"{doc}:{s['start']}-{s['end']} PERSON"
        for s in _gold(doc)["spans"]
        if s["entity"] == entity
    }


def _fields(e2e, body: dict) -> dict:  # type: ignore[no-untyped-def, type-arg]
    """A Summary rebuilt from its JSON form (to print it without a second run)."""

    def mention(text: str):  # type: ignore[no-untyped-def]
        doc, rest = text.split(":", 1)
        where, kind = rest.split(" ", 1)
        start, end = where.split("-")
        return e2e.Mention(doc, int(start), int(end), kind)

    refusals = [
        e2e.Refusal(r["doc"], r["step"], r["cause"], [e2e.Hit(**h) for h in r["hits"]])
        for r in body["refusals"]
    ]
    names = {"folder", "records", "exports_written", "must_mask_total", "must_mask_published"}
    return {
        **{k: body[k] for k in names},
        "refusals": refusals,
        "leaked": [mention(m) for m in body["leaked"]],
        "quasi_present": [mention(m) for m in body["quasi_present"]],
        "withheld": [mention(m) for m in body["withheld"]],
    }


@pytest.mark.parametrize(
    ("surface", "text", "found"),
    [
        ("bo", "bold move", False),
        ("bo-ram", "kim bo-ram[^3]", True),
        ("kim bo-ram", "said kim bo-ram.", True),
        ("崔明玉", "她叫崔明玉。", True),
        ("im", "i'm here", False),
    ],
)
def test_occurs_on_word_boundaries(e2e, surface: str, text: str, found: bool) -> None:  # type: ignore[no-untyped-def]
    assert e2e.occurs(surface, text) is found


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("Bo ram", "Kim Bo-ram", True), ("Im", "Kim", False), ("KIM Boram", "Kim Bo-ram", True)],
)
def test_same_words(e2e, a: str, b: str, same: bool) -> None:  # type: ignore[no-untyped-def]
    assert e2e.same_words(a, b) is same


def test_verdict_looks_at_the_place_of_the_hit(e2e) -> None:  # type: ignore[no-untyped-def]
    gold = {
        "spans": [{"text": "Kim Bo-ram", "type": "PERSON", "must_mask": True}],
        "keep": [{"text": "China", "type": "COUNTRY"}],
    }
    output = "Kim Bo-ram's brother went to China."
    assert e2e.verdict("Bo-ram", 4, 10, gold, output) == "true leak (gold PERSON)"
    assert e2e.verdict("s", 11, 12, gold, output).startswith("false alarm")  # the 's of 's
    assert e2e.verdict("China", 29, 34, gold, output).startswith("false alarm (gold keeps")
    assert e2e.hit_shape("s", 11, 12, output) == "'[a] "


def test_cause_leaves_the_quoted_words_out(e2e) -> None:  # type: ignore[no-untyped-def]
    message = (
        'export refused: excerpt 4 (record abcd2345): "…said "the market": then [Person 2]\'⟦…⟧ '
        'aunt…": a known ORGANIZATION that no span masks; nothing was written'
    )
    assert e2e.cause(message, False) == (
        'export refused: excerpt 4 (record abcd2345): "…": a known ORGANIZATION that no span '
        "masks; nothing was written"
    )
    assert e2e.cause(message, True) == message
    plain = "export refused: excerpt 2: a known PERSON at characters 3-9 of the output"
    assert e2e.cause(plain, False) == plain


def test_a_library_crash_is_named_by_class_not_message(e2e) -> None:  # type: ignore[no-untyped-def]
    try:
        raise IndexError("Kim Bo-ram")
    except IndexError as error:
        text = e2e.crashed(error)
    assert text.startswith("crashed: IndexError in test_e2e_corpus.py:")
    assert "Kim" not in text
