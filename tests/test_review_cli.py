"""The review from the command line alone (issues 13, 14): `show` gives what the decisions need,
records named by code or id prefix, `add --nth`, a mistyped merge refused, batches in one unlock
(all or nothing, the bad line named), `--json` on every command. Invented names only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from intake.record import Document, Metadata
from intake.vault import NewRecord, Vault
from keys.errors import ReviewError
from redact.detect.span import Span, context_of
from redact.plan import redaction_log
from redact.review import batch, decisions
from redact.review.decisions import find_text, span_id
from tests.conftest import CLI, NOW, PASSPHRASE, Person, assert_refused

TEXT = (
    "Q: Who took you across?\n"
    "A: Ryom Sun-hui took me from Sorim-dong. Later Ryom Sun-hui sold me to Tak Il-bong.\n"
    "A: The broker Hwangbo waited at the river. Hwangbo had a truck.\n"
)


def _span(surface: str, label: str, entity: str, nth: int = 1) -> Span:
    start, end = find_text(TEXT, surface, nth)
    return Span(
        start,
        end,
        surface,
        label,
        0.85,
        "korean_names",
        "a name in the test's own shape",
        entity,
        context_of(TEXT, start, end),
        "pseudonymise",
        f"[{label.title()} {nth}]",
    )


@pytest.fixture
def vault(tmp_path: Path, alice: Person) -> Vault:
    made = Vault.init(tmp_path / "v", [alice.identity.recipient], NOW, alice.identity)
    for code in ("NK-2099-010", "NK-2099-002"):
        document = Document(TEXT, (), "txt")
        made.add(NewRecord("t.txt", TEXT.encode(), document, Metadata(code=code)), NOW)
    for record_id in made.record_ids():
        spans = [
            _span("Ryom Sun-hui", "PERSON", "PERSON:ryom sunhui"),
            _span("Sorim-dong", "LOCATION", "LOCATION:sorim"),
            _span("Ryom Sun-hui", "PERSON", "PERSON:ryom sunhui", 2),
            _span("Tak Il-bong", "PERSON", "PERSON:tak ilbong"),
        ]
        log = redaction_log.RedactionLog(record_id, "0" * 64, NOW.isoformat(), spans)
        redaction_log.save(made, log)
        sealed = made.sealed_file(record_id, "redaction.age")
        made.log("analysis", NOW, alice.identity, record_id, sealed)
    return made


def _env(alice: Person) -> dict[str, str]:
    return {"TESTIMONY_PASSPHRASE": PASSPHRASE, "TESTIMONY_IDENTITY": str(alice.key_file)}


def _code(vault: Vault, alice: Person, code: str) -> str:
    return next(i for i in vault.record_ids() if vault.summary(i, alice.identity)["code"] == code)


def _state(vault: Vault, record_id: str) -> tuple[bytes, bytes]:
    """What a refusal must leave as it was: the sealed log and the audit log."""
    return (vault.record_dir(record_id) / "redaction.age").read_bytes(), (
        vault.root / "audit.log"
    ).read_bytes()


def test_show_and_list_give_what_the_decisions_need(cli: CLI, vault: Vault, alice: Person) -> None:
    record_id = _code(vault, alice, "NK-2099-002")
    args = ("--vault", vault.root)
    shown = cli("review", "show", "nk-2099-002", *args, env=_env(alice))
    assert shown.code == 0, shown.err
    first = shown.out.splitlines()[:5]
    start, end = find_text(TEXT, "Ryom Sun-hui", 1)
    assert first[0].split()[:3] == [f"{start}-{end}", "proposed", "PERSON"]
    assert first[1].split(":", 1)[1].strip() == "Ryom Sun-hui"
    assert "[Ryom Sun-hui] took me" in first[2]
    assert "Korean name (0.85): a name in the test's own shape" in first[3]
    assert first[4].endswith("PERSON:ryom sunhui")
    by_prefix = cli("review", "show", record_id[:6], *args, "--json", env=_env(alice))
    body = json.loads(by_prefix.out)
    assert body["record"] == record_id and len(body["spans"]) == 4
    assert {"text", "context", "explanation", "entity", "status"} <= set(body["spans"][0])
    listed = cli("review", "list", *args, env=_env(alice)).out.splitlines()
    assert [line.split()[0] for line in listed] == ["NK-2099-002", "NK-2099-010"]
    listed_json = cli("review", "list", *args, "--json", env=_env(alice)).out.splitlines()
    as_json = [json.loads(line) for line in listed_json]
    assert [e["code"] for e in as_json] == ["NK-2099-002", "NK-2099-010"]
    assert as_json[0]["id"] == record_id and as_json[0]["undecided"] == 4


def test_add_by_words_picks_the_occurrence_or_refuses(
    cli: CLI, vault: Vault, alice: Person
) -> None:
    record_id = _code(vault, alice, "NK-2099-010")
    args = ("NK-2099-010", "--vault", vault.root, "--label", "PERSON")
    before = _state(vault, record_id)
    assert_refused(
        cli("review", "add", *args, "--text", "Hwangbo", env=_env(alice)),
        message="occur 2 times",
        hint="--nth 1 to --nth 2",
    )
    assert _state(vault, record_id) == before
    added = cli(
        "review", "add", *args, "--text", "Hwangbo", "--nth", "2", "--json", env=_env(alice)
    )
    assert added.code == 0, added.err
    assert json.loads(added.out)["undecided"] == 4
    log = redaction_log.load(vault, record_id, alice.identity)
    assert log is not None
    second = TEXT.index("Hwangbo", TEXT.index("Hwangbo") + 1)
    assert [s.start for s in log.spans if s.text == "Hwangbo"] == [second]


def test_a_mistyped_merge_is_refused_with_close_matches(
    cli: CLI, vault: Vault, alice: Person
) -> None:
    record_id = _code(vault, alice, "NK-2099-010")
    tak = span_id(_span("Tak Il-bong", "PERSON", ""))
    before = _state(vault, record_id)
    refused = cli(
        "review", "merge", record_id, tak, "--entity", "PERSON:ryom sunhi",
        "--vault", vault.root, env=_env(alice),
    )  # fmt: skip
    assert_refused(refused, message="not known in this vault", hint="review show")
    assert "close match: PERSON:ryom sunhui" in refused.err
    assert "ryom sunhi" not in refused.err.splitlines()[-2], "the key is not in the error"
    assert _state(vault, record_id) == before
    with pytest.raises(ReviewError, match="not in the record or the vault's pseudonym table"):
        decision = decisions.Decision("merge", (tak,), "PERSON:nobody at all")
        decisions.record_decision(vault, record_id, decision, alice.identity, NOW, _policy())
    assert _state(vault, record_id) == before


def _policy():  # type: ignore[no-untyped-def]
    from redact.plan import policy

    return policy.load(None)


def test_a_batch_is_one_unlock_and_all_or_nothing(cli: CLI, vault: Vault, alice: Person) -> None:
    record_id = _code(vault, alice, "NK-2099-002")
    ids = [span_id(s) for s in redaction_log.require(vault, record_id, alice.identity).spans]
    good = [
        {"action": "accept", "entity": "PERSON:ryom sunhui"},
        {"action": "reject", "spans": [ids[1]]},
        {"action": "edit", "span": ids[3], "replacement": "[the buyer]"},
        {"action": "add", "text": "Hwangbo", "nth": 1, "label": "PERSON"},
        {"action": "add", "text": "Hwangbo", "nth": 2, "label": "PERSON"},
        {"action": "approve"},
    ]
    bad = [*good[:2], {"action": "accept", "spans": ["1-2"]}, *good[2:]]
    batch_file = vault.root.parent / "batch.jsonl"
    batch_file.write_text("\n".join(json.dumps(line) for line in bad) + "\n", encoding="utf-8")
    before = _state(vault, record_id)
    refused = cli("review", "decide", record_id, "--file", batch_file, "--vault", vault.root,
                  env=_env(alice))  # fmt: skip
    assert_refused(refused, message="line 3: record", hint="review show")
    assert _state(vault, record_id) == before, "nothing of the batch was stored"
    lines = "# reviewed on paper first\n\n" + "\n".join(json.dumps(line) for line in good)
    done = cli("review", "decide", "NK-2099-002", "--file", "-", "--vault", vault.root, "--json",
               env=_env(alice), input=lines)  # fmt: skip
    assert done.code == 0, done.err
    assert json.loads(done.out) == {
        "record": record_id, "recorded": "6 decisions", "decisions": 6, "undecided": 0,
        "approved": True, "events": 6,
    }  # fmt: skip
    log = redaction_log.require(vault, record_id, alice.identity)
    assert [e["action"] for e in log.events] == [d["action"] for d in good]
    assert decisions.verify_events(log, [alice.identity.recipient]) == []
    assert {s.text: s.status for s in log.spans}["Tak Il-bong"] == "edited"
    audit = [json.loads(x) for x in (vault.root / "audit.log").read_text().splitlines()]
    assert [e["action"] for e in audit[len(before[1].splitlines()) :]][-1] == "approval"
    assert cli("audit", "verify", "--vault", vault.root, env=_env(alice)).code == 0


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"action": "accept", "spans": ["1-2"]}', "not json"], "line 2: not a JSON object"),
        (['{"action": "shred"}'], "line 1: not a decision"),
        (['{"action": "accept"}'], "line 1: 'accept' takes spans or an entity"),
        (['{"action": "accept", "spans": ["a-b"]}'], "line 1: a span id is START-END"),
        (['{"action": "accept", "spans": "1-2"}'], "line 1: spans is a list"),
        (['{"action": "edit", "spans": ["1-2", "3-4"], "replacement": "x"}'], "one span"),
        (['{"action": "add", "start": 1}'], "line 1: 'add' takes text"),
        (['{"action": "add", "start": -1, "end": 4}'], "whole numbers"),
        (['{"action": "merge", "spans": ["1-2"]}'], "needs the entity"),
        (['{"action": "approve", "reason": "x"}'], "'approve' takes no field reason"),
        (["", "# nothing"], "holds no decision"),
    ],
)
def test_bad_batch_lines_are_refused_by_number(lines: list[str], message: str) -> None:
    with pytest.raises(ReviewError, match=message):
        batch.parse(lines)


def test_batch_words_are_placed_and_their_errors_named() -> None:
    (line,) = batch.parse(['{"action": "add", "text": "Ryom Sun-hui", "nth": 2}'])
    (placed,) = batch.placed([line], TEXT)
    assert (placed.decision.start, placed.decision.end) == find_text(TEXT, "Ryom Sun-hui", 2)
    assert placed.decision.label == "PERSON"
    lines = batch.parse(["", '{"action": "add", "text": "Hwangbo"}'])
    with pytest.raises(ReviewError, match="line 2: the words to add occur 2 times"):
        batch.placed(lines, TEXT)


def test_find_text_counts_and_picks() -> None:
    assert find_text(TEXT, "Tak Il-bong") == (TEXT.index("Tak"), TEXT.index("Tak") + 11)
    with pytest.raises(ReviewError, match="occur 2 times"):
        find_text(TEXT, "Ryom Sun-hui")
    with pytest.raises(ReviewError, match="--nth 3: the words to add occur 2"):
        find_text(TEXT, "Ryom Sun-hui", 3)
    with pytest.raises(ReviewError, match="not found"):
        find_text(TEXT, "Bae Yun-ok")


def test_a_refused_batch_leaves_the_pseudonym_table_too(vault: Vault, alice: Person) -> None:
    record_id = _code(vault, alice, "NK-2099-010")
    ids = [span_id(s) for s in redaction_log.require(vault, record_id, alice.identity).spans]
    start, end = find_text(TEXT, "Hwangbo", 1)
    chosen = [
        decisions.Decision("split", (ids[3],)),  # a new entity: a new pseudonym in the table
        decisions.Decision("add", start=start, end=end, label="PERSON"),
        decisions.Decision("edit", (ids[0],), replacement=""),  # refused: empty
    ]
    table = vault.root / "pseudonyms.age"
    before = (_state(vault, record_id), table.read_bytes() if table.exists() else None)
    with pytest.raises(ReviewError, match="line 7: the new replacement is empty"):
        decisions.record_decisions(
            vault, record_id, chosen, alice.identity, NOW, _policy(), [3, 5, 7]
        )
    assert (_state(vault, record_id), table.read_bytes() if table.exists() else None) == before
    decisions.record_decisions(vault, record_id, chosen[:2], alice.identity, NOW, _policy())
    assert table.exists() and table.read_bytes() != before[1], "the same batch, once accepted"
    log = redaction_log.require(vault, record_id, alice.identity)
    assert [e["action"] for e in log.events] == ["split", "add"]
