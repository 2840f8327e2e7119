"""The one signed hash chain (intake/chain.py) that the audit log and the review events share:
bytes kept as they always were, each problem found, and the audit log's tail read from its end."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake import audit, chain
from tests.conftest import Person

ENTRY = {"seq": 1, "action": "init", "actor": None, "prev": chain.GENESIS, "files": {"b": "2"}}


def test_the_signed_bytes_are_the_canonical_json_without_sig() -> None:
    entry = {**ENTRY, "note": "Ŏ", "sig": "ignored"}
    assert chain.canonical(entry) == (
        b'{"action":"init","actor":null,"files":{"b":"2"},"note":"\\u014e","prev":"'
        + b"0" * 64
        + b'","seq":1}'
    )
    stored = chain.line(entry)
    assert stored.endswith(b"\n") and chain.line_hash(stored[:-1]) == (
        hashlib.sha256(stored[:-1]).hexdigest()
    )
    assert (
        chain.entry_hash(entry) == hashlib.sha256(chain.canonical(entry) + b"ignored").hexdigest()
    )


def test_a_signature_verifies_and_each_problem_is_named(alice: Person, mallory: Person) -> None:
    signers = {alice.identity.recipient.fingerprint: alice.identity.recipient}
    entry = {**ENTRY, "actor": alice.identity.recipient.fingerprint}
    entry["sig"] = chain.sign(entry, alice.identity)
    raw = base64.b64decode(entry["sig"])
    assert alice.identity.recipient.verify(raw, chain.canonical(entry))

    def problem(changed: dict[str, object], position: int = 1, allowed: bool = False) -> object:
        return chain.check(changed, position, chain.GENESIS, signers, "seq", "actor", allowed)

    assert problem(entry) is None
    assert problem(entry, 2) == "number"
    assert problem({**entry, "prev": "1" * 64}) == "prev"
    assert problem({**entry, "files": {"b": "3"}}) == "changed"
    assert problem({**entry, "sig": "not base64!"}) == "malformed"
    assert problem({**entry, "sig": None}) == "unsigned"
    assert problem({**entry, "sig": None}, allowed=True) is None
    other = {**ENTRY, "actor": mallory.identity.recipient.fingerprint}
    other["sig"] = chain.sign(other, mallory.identity)
    assert problem(other) == "unknown-signer"


_LINE = st.binary(max_size=30).map(lambda b: b.replace(b"\n", b"").replace(b"\r", b""))


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(_LINE, max_size=8),
    ending=st.sampled_from([b"", b"\n", b"\n\n"]),
    block=st.integers(1, 40),
)
def test_the_last_line_is_read_from_the_end(
    tmp_path_factory: pytest.TempPathFactory, lines: list[bytes], ending: bytes, block: int
) -> None:
    path = tmp_path_factory.mktemp("tail") / "audit.log"
    data = b"\n".join(lines) + ending
    path.write_bytes(data)
    whole = data.splitlines()
    assert audit._tail(path, block) == (whole[-1] if whole else None)


def test_appending_links_to_the_last_line(tmp_path: Path, alice: Person) -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
    for _ in range(3):
        audit.append_locked(tmp_path, "intake", now, None, "r1", {"record.age": "0" * 64})
    lines = (tmp_path / audit.LOG_NAME).read_bytes().splitlines()
    entries = [json.loads(line) for line in lines]
    assert [e["seq"] for e in entries] == [1, 2, 3]
    assert [e["prev"] for e in entries[1:]] == [chain.line_hash(line) for line in lines[:2]]
    assert audit.head(tmp_path) == (3, chain.line_hash(lines[-1]))
