"""The gate's second look: detection over the exported excerpts refuses what nobody detected.

Rows say what must be refused (an unknown name, a place, a date, an age beside a replacement)
and what a signed decision released (a rejected span in place, a surface rejected or kept
elsewhere); the end-to-end tests export a reviewed sample (nothing refused) and a reviewer's
own replacement that names someone the vault never knew (refused, with the fixing command).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from intake.readers import read_source
from intake.record import Metadata
from intake.vault import NewRecord, Vault
from redact.export import formats as export_formats
from redact.export import gate as leak_gate
from redact.export import quotes as export
from redact.export import second_look
from redact.pipeline import runner
from redact.plan import policy as policy_module
from redact.plan import redaction_log
from redact.review import decisions as review
from tests.conftest import NOW, SAMPLES, Person

W = leak_gate.Window
TEXT = "Ri Chang-ho walked to Musan with [Person 2] on 3 May 1998, he was 23."
PSEUDONYM = W(33, 43, leak_gate.REPLACED, True)
REFUSED_ALL = ["Ri Chang-ho", "Musan", "3 May 1998", "23"]
POLICY = policy_module.load(None)


@pytest.mark.parametrize(
    ("windows", "surfaces", "refused"),
    [
        ((PSEUDONYM,), (), REFUSED_ALL),
        ((PSEUDONYM, W(0, 11, leak_gate.REJECTED, False)), (), REFUSED_ALL[1:]),
        ((PSEUDONYM, W(22, 27, leak_gate.KEPT)), (), ["Ri Chang-ho", "3 May 1998", "23"]),
        ((PSEUDONYM,), (("MUSAN", "rejected", "generalise"),), ["Ri Chang-ho", "3 May 1998", "23"]),
        ((PSEUDONYM,), (("Musan", "accepted", "generalise"),), REFUSED_ALL),  # masked: no release
        ((PSEUDONYM, W(0, 11, leak_gate.REPLACED, False)), (), REFUSED_ALL),  # a reviewer's words
        ((PSEUDONYM, W(0, 11, leak_gate.REPLACED, True)), (), REFUSED_ALL[1:]),
    ],
    ids=["nothing released", "rejected in place", "kept in place", "rejected elsewhere",
         "masked elsewhere", "reviewer's replacement", "machine replacement"],
)  # fmt: skip
def test_second_look_table(
    windows: tuple[leak_gate.Window, ...],
    surfaces: tuple[tuple[str, str, str], ...],
    refused: list[str],
) -> None:
    excerpt = leak_gate.GateExcerpt(1, TEXT, windows)
    leaks = second_look.look([excerpt], [], second_look.released_surfaces(surfaces))
    assert [leak.original for leak in leaks] == refused
    assert all(leak.reason == "detected" and leak.excerpt == 1 for leak in leaks)


@pytest.fixture(scope="module")
def approved(tmp_path_factory: pytest.TempPathFactory, alice: Person) -> tuple[Path, str]:
    """Sample 01 taken in, analysed, every proposal accepted (the demo's shortcut), approved."""
    root = tmp_path_factory.mktemp("second") / "vault"
    vault = Vault.init(root, [alice.identity.recipient], NOW, alice.identity)
    gold = json.loads((SAMPLES / "01-bo-ram-crossing.gold.json").read_text(encoding="utf-8"))
    data, document = read_source(SAMPLES / gold["file"])
    new = NewRecord(
        gold["file"], data, document, Metadata(**gold["metadata"]), tuple(gold["protect"])
    )
    record_id = vault.add(new, NOW).id
    runner.run(vault, [record_id], alice.identity, None, 1, NOW)
    log = redaction_log.load(vault, record_id, alice.identity)
    assert log is not None
    ids = tuple(review.span_id(s) for s in review.undecided(log))
    review.record_decision(vault, record_id, review.Decision("accept", ids), alice.identity,
                           NOW, POLICY)  # fmt: skip
    review.record_decision(vault, record_id, review.Decision("approve"), alice.identity, NOW,
                           POLICY)  # fmt: skip
    return root, record_id


def test_accept_all_exports_without_a_false_alarm(
    approved: tuple[Path, str], alice: Person, tmp_path: Path
) -> None:
    root, record_id = approved
    vault = Vault.open(root)
    for fmt in ("md", "json"):
        out = tmp_path / f"q.{fmt}"
        result = export.export_quotes(
            vault, alice.identity, [record_id], out, export.Options(fmt), POLICY, NOW
        )
        assert len(result.quotes) == 12 and out.exists()


def test_a_name_nobody_detected_is_refused_with_the_fix(
    approved: tuple[Path, str], alice: Person, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    shutil.copytree(approved[0], tmp_path / "vault")
    vault, record_id = Vault.open(tmp_path / "vault"), approved[1]
    log = redaction_log.load(vault, record_id, alice.identity)
    assert log is not None
    cousin = next(s for s in log.spans if s.text == "Pak Chol-su")
    edit = review.Decision("edit", (review.span_id(cousin),), replacement="cousin Ri Chang-ho")
    review.record_decision(vault, record_id, edit, alice.identity, NOW, POLICY)
    review.record_decision(vault, record_id, review.Decision("approve"), alice.identity, NOW,
                           POLICY)  # fmt: skip
    out = tmp_path / "q.md"
    seen: list[str] = []
    reader = export_formats.visible_text

    def spy(fmt: str, data: bytes) -> str:
        seen.append(reader(fmt, data))
        return seen[-1]

    monkeypatch.setattr(export_formats, "visible_text", spy)
    with pytest.raises(leak_gate.LeakError) as refused:
        export.export_quotes(vault, alice.identity, [record_id], out, export.Options(), POLICY, NOW)
    error = refused.value
    assert [leak.original for leak in error.leaks] == ["Ri Chang-ho"]
    assert seen[-1][error.leaks[0].start : error.leaks[0].end] == "Ri Chang-ho"  # in the output
    assert re.search(
        r'^export refused: excerpt 2 \(record \w{8}\): ".*My cousin \[cousin \u27e6\u2026\u27e7\] '
        r'lived.*": the reviewer\'s replacement of span \d+-\d+ holds a PERSON',
        error.message,
    ), error.message
    assert "Chang" not in error.message + error.hint
    assert error.hint.startswith(f"testimony review edit {record_id} {review.span_id(cousin)}")
    assert not out.exists()


def test_what_the_redaction_caused_passes_what_detection_finds_in_the_record_stays() -> None:
    """A finding is checked at the same characters of the record, in their own context: found
    there today (a recognizer newer than the approved analysis), it is refused; found by
    nothing there, the redaction caused it and it passes."""
    excerpt = leak_gate.GateExcerpt(1, TEXT, (PSEUDONYM,))
    record = "Ri Chang-ho walked with Musan."  # the same characters, other context

    def same_place(number: int, start: int, end: int) -> tuple[str, int, int] | None:
        found = record.find(TEXT[start:end])
        return None if found < 0 else (record, found, found + end - start)

    def elsewhere(number: int, start: int, end: int) -> tuple[str, int, int] | None:
        return ("The river was cold and we waited all night.", 0, 5)

    surfaces = frozenset[str]()
    kept = second_look.look([excerpt], [], surfaces, same_place)
    assert [leak.original for leak in kept] == ["Ri Chang-ho", "Musan", "3 May 1998", "23"]
    assert second_look.look([excerpt], [], surfaces, elsewhere) == []


def test_a_reviewer_replacement_that_is_a_pseudonym_is_no_alarm(
    approved: tuple[Path, str], alice: Person, tmp_path: Path
) -> None:
    """Editing a replacement to the table's pseudonym of another person (a reviewer merging by
    hand) is machine-made text again: the second look does not read "Person 3" as a name."""
    import shutil

    shutil.copytree(approved[0], tmp_path / "vault")
    vault, record_id = Vault.open(tmp_path / "vault"), approved[1]
    log = redaction_log.load(vault, record_id, alice.identity)
    assert log is not None
    cousin = next(s for s in log.spans if s.text == "Pak Chol-su")
    other = next(s for s in log.spans if s.label == "PERSON" and s.entity != cousin.entity)
    edit = review.Decision("edit", (review.span_id(cousin),), replacement=other.replacement)
    review.record_decision(vault, record_id, edit, alice.identity, NOW, POLICY)
    review.record_decision(vault, record_id, review.Decision("approve"), alice.identity, NOW,
                           POLICY)  # fmt: skip
    result = export.export_quotes(
        vault, alice.identity, [record_id], tmp_path / "q.md", export.Options(), POLICY, NOW
    )
    assert any(other.replacement in q.text for q in result.quotes)
