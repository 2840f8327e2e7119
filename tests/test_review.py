"""Review decisions: each kind, signatures and their chain, approval, concurrency."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from intake.record import Document, Metadata
from intake.vault import NewRecord, Vault
from keys.errors import RedactionError, ReviewError
from redact.detect.span import Span
from redact.link.pseudonyms import PseudonymTable
from redact.plan import policy, redaction_log
from redact.plan.redaction_log import RedactionLog
from redact.review import decisions as review
from redact.review.decisions import (
    Decision,
    decide,
    find_text,
    is_approved,
    record_decision,
    span_id,
    undecided,
    verify_events,
)
from tests.conftest import CLI, NOW, PASSPHRASE, Person, assert_refused

TEXT = "A: Kim Bo-ram met Pak Chol-su in Yanji. Later Bo-ram left. Choe came too.\n"


def _span(surface: str, label: str = "PERSON", entity: str | None = None, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(surface, start + 1)
    return Span(
        start,
        start + len(surface),
        surface,
        label,
        0.9,
        "test",
        "",
        entity or surface,
        action="pseudonymise",
        replacement=f"[{surface}]",
    )


def _log() -> RedactionLog:
    spans = [
        _span("Kim Bo-ram", entity="kim"),
        _span("Pak Chol-su", entity="pak"),
        _span("Yanji", "LOCATION"),
        _span("Bo-ram", entity="kim", nth=1),
    ]
    return RedactionLog("r1", "p", "t", spans)


def _decide(log: RedactionLog, decision: Decision, person: Person) -> RedactionLog:
    return decide(log, decision, person.identity, NOW, TEXT, policy.load(None), PseudonymTable())


def test_each_decision_and_approval(alice: Person) -> None:
    log = _log()
    kim, pak, yanji, _ = (span_id(s) for s in log.spans)
    _decide(log, Decision("accept", (kim,)), alice)
    _decide(log, Decision("reject", (yanji,)), alice)
    _decide(log, Decision("edit", (pak,), replacement="[the neighbour]"), alice)
    with pytest.raises(ReviewError, match="1 undecided"):
        _decide(log, Decision("approve"), alice)
    _decide(log, Decision("accept", entity="kim"), alice)
    start, end = find_text(TEXT, "Choe")
    _decide(log, Decision("add", start=start, end=end, label="PERSON"), alice)
    _decide(log, Decision("approve"), alice)
    assert is_approved(log) and not undecided(log)
    by_text = {s.text: s for s in log.spans}
    assert by_text["Yanji"].status == "rejected"
    assert by_text["Pak Chol-su"].replacement == "[the neighbour]"
    assert by_text["Choe"].status == "added" and by_text["Choe"].replacement.startswith("[Person")
    assert [e["action"] for e in log.events] == [
        "accept",
        "reject",
        "edit",
        "accept",
        "add",
        "approve",
    ]
    assert log.events[2]["before"][0]["replacement"] == "[Pak Chol-su]"  # previous value kept
    assert verify_events(log, [alice.identity.recipient]) == []
    _decide(log, Decision("reject", (kim,)), alice)  # a later decision voids the approval
    assert not is_approved(log)


def test_merge_and_split_change_pseudonyms(alice: Person) -> None:
    log, table = _log(), PseudonymTable()
    pak = span_id(log.spans[1])
    decide(
        log, Decision("merge", (pak,), "kim"), alice.identity, NOW, TEXT, policy.load(None), table
    )
    assert log.spans[1].entity == "kim" and log.spans[1].replacement == table.pseudonym("kim")
    decide(log, Decision("split", (pak,)), alice.identity, NOW, TEXT, policy.load(None), table)
    assert log.spans[1].entity == "kim#2" and log.spans[1].replacement != table.pseudonym("kim")


@pytest.mark.parametrize(
    ("decision", "message"),
    [
        (Decision("accept", ("9-99",)), "has no span 9-99"),
        (Decision("accept", entity="nobody"), "no span of the entity given"),
        (Decision("edit", ("3-13",), replacement="  "), "empty"),
        (Decision("add", start=3, end=8), "overlaps span 3-13"),
        (Decision("add", start=0, end=999), "outside the text"),
        (Decision("shred", ("3-13",)), "unknown decision"),
    ],
)
def test_bad_decisions_are_refused(alice: Person, decision: Decision, message: str) -> None:
    log = _log()
    with pytest.raises(ReviewError, match=message):
        _decide(log, decision, alice)
    assert log.events == []


def test_tampered_events_fail_their_signature(alice: Person, mallory: Person) -> None:
    log = _log()
    _decide(log, Decision("accept", (span_id(log.spans[0]),)), alice)
    _decide(log, Decision("reject", (span_id(log.spans[2]),)), alice)
    log.events[0]["after"][0]["status"] = "rejected"
    assert verify_events(log, [alice.identity.recipient]) == [
        "record r1 decision 1: the signature does not verify (the decision was changed)"
    ]
    fresh = _log()
    _decide(fresh, Decision("accept", (span_id(fresh.spans[0]),)), mallory)
    assert "not a known card" in verify_events(fresh, [alice.identity.recipient])[0]
    other = _log()
    _decide(other, Decision("accept", (span_id(other.spans[0]),)), alice)
    _decide(other, Decision("reject", (span_id(other.spans[2]),)), alice)
    other.events.reverse()
    assert "out of order" in verify_events(other, [alice.identity.recipient])[0]


def _reviewer_worker(
    root: str, record_id: str, identity_text: str, ids: list[str], replacement: str
) -> None:
    from keys import identity as identity_module

    me = identity_module.from_text(identity_text, "mem")
    vault = Vault.open(Path(root))
    for sid in ids:
        record_decision(
            vault,
            record_id,
            Decision("edit", (sid,), replacement=replacement),
            me,
            NOW,
            policy.load(None),
        )


def test_two_reviewers_at_once_lose_nothing(vault: Vault, alice: Person) -> None:
    from keys import identity as identity_module

    words = " ".join(f"Name{n}" for n in range(150))
    record = vault.add(
        NewRecord("t.txt", words.encode(), Document(words, (), "txt"), Metadata()), NOW
    )
    spans = []
    for n in range(150):
        start = words.index(f"Name{n}")
        spans.append(
            Span(
                start,
                start + len(f"Name{n}"),
                f"Name{n}",
                "PERSON",
                0.5,
                "t",
                "",
                f"e{n}",
                action="pseudonymise",
                replacement="[x]",
            )
        )
    redaction_log.save(vault, RedactionLog(record.id, "p", "t", spans))
    ids = [span_id(s) for s in spans]
    text = identity_module.to_text(alice.identity)
    context = multiprocessing.get_context("fork")
    workers = [
        context.Process(
            target=_reviewer_worker, args=(str(vault.root), record.id, text, ids[i::2], f"[R{i}]")
        )
        for i in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
        assert worker.exitcode == 0
    saved = redaction_log.load(vault, record.id, alice.identity)
    assert saved is not None and len(saved.events) == 150
    assert [s.replacement for s in saved.spans] == [f"[R{n % 2}]" for n in range(150)]
    assert verify_events(saved, [alice.identity.recipient]) == []


def test_review_through_the_cli(cli: CLI, tmp_path: Path, alice: Person) -> None:
    import json

    from redact.pipeline import runner

    vault = Vault.init(tmp_path / "v", [alice.identity.recipient], NOW, alice.identity)
    text = "Q: Name?\nA: Kim Bo-ram, from Sinjon-ri. We met by the blue gate.\n"
    record = vault.add(
        NewRecord("t.txt", text.encode(), Document(text, (), "txt"), Metadata(), ("Kim Bo-ram",)),
        NOW,
    )
    runner.run(vault, [record.id], alice.identity, None, 1, NOW)
    env = {"TESTIMONY_PASSPHRASE": PASSPHRASE, "TESTIMONY_IDENTITY": str(alice.key_file)}
    args = ("--vault", vault.root)
    shown = cli("review", "show", record.id, *args, env=env)
    first = shown.out.split()[0]
    assert shown.code == 0 and "proposed" in shown.out
    assert_refused(  # the first span is the protected witness name: no release without a reason
        cli("review", "reject", record.id, first, *args, env=env),
        message="is a protected term",
        hint="--reason",
    )
    released = cli(
        "review", "reject", record.id, first, "--reason", "she asked to be named", *args, env=env
    )
    assert released.code == 0 and "warning: a protected term stays visible" in released.err
    added = cli(
        "review", "add", record.id, "--text", "blue gate", "--label", "LOCATION", *args, env=env
    )
    assert added.code == 0, added.err
    assert_refused(
        cli("review", "approve", record.id, *args, env=env),
        message="undecided spans",
        hint="review show",
    )
    assert cli("review", "accept-all", record.id, *args, env=env).code == 0
    assert cli("review", "approve", record.id, *args, env=env).code == 0
    listed = json.loads(cli("review", "list", *args, "--json", env=env).out)
    assert listed["approved"] and listed["reviewers"] == [alice.identity.recipient.fingerprint]
    saved = redaction_log.load(vault, record.id, alice.identity)
    assert saved is not None and {s.text: s.status for s in saved.spans}["blue gate"] == "added"
    assert cli("audit", "verify", *args, env=env).code == 0


def test_a_protected_term_needs_a_signed_release(alice: Person) -> None:
    log = _log()
    kim = next(s for s in log.spans if s.text == "Kim Bo-ram")
    kim_index = log.spans.index(kim)
    log.spans[kim_index] = kim.with_(recognizer="protected-term")
    with pytest.raises(ReviewError, match="is a protected term"):
        _decide(log, Decision("reject", (span_id(kim),)), alice)
    with pytest.raises(ReviewError, match="is a protected term"):
        _decide(log, Decision("edit", (span_id(kim),), replacement="Kim Bo-ram"), alice)
    with pytest.raises(ReviewError, match="is a protected term"):  # a blank reason is none
        _decide(log, Decision("reject", (span_id(kim),), reason="  "), alice)
    assert log.spans[kim_index].status == "proposed" and not log.events, "a refusal changes nothing"
    # an old log (or a hand-edited one) with a rejection but no release cannot be approved
    log.spans[kim_index] = log.spans[kim_index].with_(status="rejected")
    for i, span in enumerate(log.spans):
        if span.status == "proposed":
            log.spans[i] = span.with_(status="accepted")
    with pytest.raises(ReviewError, match="would be published"):
        _decide(log, Decision("approve"), alice)
    _decide(log, Decision("reject", (span_id(kim),), reason="named at her request"), alice)
    assert log.events[-1]["reason"] == "named at her request"
    assert review.verify_events(log, [alice.identity.recipient]) == [], "the reason is signed"
    _decide(log, Decision("approve"), alice)
    assert review.is_approved(log)
    (entry,) = review.releases(log)
    assert entry["span"] == span_id(kim) and entry["reviewer"] == alice.identity.name
    assert "named at her request" not in json.dumps(entry), "the reason stays in the log"
    from redact.export.report import public_report

    report = public_report(log, "r1")
    assert "(kept in the encrypted log): 1." in report
    assert f"| {span_id(kim)} | PERSON |" in report
    assert "named at her request" not in report and "Kim Bo-ram" not in report


def test_editing_a_kept_span_replaces_it(alice: Person) -> None:
    log = _log()
    log.spans[2] = log.spans[2].with_(action="keep", replacement="Yanji")
    _decide(log, Decision("edit", (span_id(log.spans[2]),), replacement="[a border city]"), alice)
    assert log.spans[2].action == "mask" and log.spans[2].status == "edited"
    from redact.plan.proposal import apply

    assert "[a border city]" in apply(TEXT, log.spans) and "Yanji" not in apply(TEXT, log.spans)


def test_a_record_never_analysed_is_refused_with_the_command_to_run(
    cli: CLI, tmp_path: Path, alice: Person
) -> None:
    vault = Vault.init(tmp_path / "v", [alice.identity.recipient], NOW, alice.identity)
    text = "A: not analysed yet\n"
    record = vault.add(
        NewRecord("t.txt", text.encode(), Document(text, (), "txt"), Metadata()), NOW
    )
    with pytest.raises(RedactionError, match="has not been analysed yet"):
        redaction_log.require(vault, record.id, alice.identity)
    env = {"TESTIMONY_PASSPHRASE": PASSPHRASE, "TESTIMONY_IDENTITY": str(alice.key_file)}
    assert_refused(
        cli("review", "show", record.id, "--vault", vault.root, env=env),
        message="has not been analysed yet",
        hint="testimony redact run --vault",
    )


def test_a_kept_log_is_reused_only_while_its_sealed_file_is_unchanged(
    vault: Vault, alice: Person, mallory: Person
) -> None:
    record = vault.add(
        NewRecord("t.txt", TEXT.encode(), Document(TEXT, (), "txt"), Metadata()), NOW
    )
    spans = [s for s in _log().spans]
    redaction_log.save(vault, RedactionLog(record.id, "p", "t", spans))
    kim, pak, yanji, _ = (span_id(s) for s in spans)
    rules = policy.load(None)
    record_decision(vault, record.id, Decision("accept", (kim,)), alice.identity, NOW, rules)
    # another writer (another process, or an older version) replaces the log behind our back
    other = redaction_log.require(vault, record.id, alice.identity)
    other.spans[2] = other.spans[2].with_(status="rejected")
    redaction_log.save(vault, other)
    log = record_decision(vault, record.id, Decision("accept", (pak,)), alice.identity, NOW, rules)
    assert {s.text: s.status for s in log.spans}["Yanji"] == "rejected", "the file was read again"
    assert len(log.events) == 2
    saved = redaction_log.require(vault, record.id, alice.identity)
    assert [s.status for s in saved.spans] == [s.status for s in log.spans]
    log.spans.clear()  # what a caller does with the returned log never reaches the kept one
    again = record_decision(
        vault, record.id, Decision("reject", (yanji,)), alice.identity, NOW, rules
    )
    assert len(again.spans) == 4 and len(again.events) == 3
    from keys.errors import DecryptionError

    with pytest.raises(DecryptionError):  # kept for alice, never handed to someone else
        record_decision(vault, record.id, Decision("accept", (kim,)), mallory.identity, NOW, rules)
