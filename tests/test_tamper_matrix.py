"""Tamper matrix: delete each kind of file, put back an older copy of each, cut or edit the audit
log. Every case must fail `audit verify` and be refused by export (nothing written).

One vault per module, built cheaply: a record with an attachment, analysed, every span accepted,
approved; then a second recipient added and everything re-encrypted (so every sealed file has an
older copy: the one from before). Each case works on a copy.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from intake import audit, custody, lifecycle
from intake.vault import Vault
from keys import card, identity
from keys.errors import TestimonyError
from redact.export import quotes as export
from redact.pipeline import runner
from redact.plan import policy as policy_module
from redact.plan import redaction_log
from redact.review import decisions as review
from tests.conftest import CLI, NOW, PASSPHRASE, Person, assert_refused
from tests.test_custody import _add

POLICY = policy_module.load(None)


def _approve(vault: Vault, record_id: str, person: Person) -> None:
    log = redaction_log.load(vault, record_id, person.identity)
    assert log is not None
    ids = tuple(review.span_id(s) for s in review.undecided(log))
    for decision in (review.Decision("accept", ids), review.Decision("approve")):
        review.record_decision(vault, record_id, decision, person.identity, NOW, POLICY)


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory, alice: Person, mallory: Person
) -> tuple[Path, Path, str]:
    """(the vault, a copy of it from before approval and rewrap, the record id)."""
    work = tmp_path_factory.mktemp("tamper")
    vault = Vault.init(work / "vault", [alice.identity.recipient], NOW, alice.identity)
    audio = work / "audio.bin"
    audio.write_bytes(random.Random(3).randbytes(20_000))
    record_id = _add(vault, "Q: Where?\nA: I met Kim Bo-ram in Hyesan in 2009.\n", audio)
    runner.run(vault, [record_id], alice.identity, None, 1, NOW)
    shutil.copytree(vault.root, work / "older")
    _approve(vault, record_id, alice)
    lifecycle.add_recipient(vault, mallory.identity.recipient, alice.identity, NOW)
    lifecycle.rewrap(vault, alice.identity, NOW)
    return vault.root, work / "older", record_id


@pytest.fixture
def copy(built: tuple[Path, Path, str], tmp_path: Path) -> tuple[Vault, Path, str]:
    root, older, record_id = built
    shutil.copytree(root, tmp_path / "vault")
    return Vault.open(tmp_path / "vault"), older, record_id


def _export(vault: Vault, person: Person, record_id: str, out: Path) -> None:
    export.export_quotes(vault, person.identity, [record_id], out, export.Options(), POLICY, NOW)


def _record(vault: Vault, record_id: str) -> Path:
    return vault.root / "records" / record_id


def _card(vault: Vault, person: Person) -> Path:
    return vault.root / "recipients" / f"{person.identity.recipient.fingerprint}.card"


def _cut_tail(vault: Vault) -> None:
    path = vault.root / "audit.log"
    path.write_bytes(b"".join(path.read_bytes().splitlines(keepends=True)[:-1]))


def _edit_entry(vault: Vault) -> None:
    path = vault.root / "audit.log"
    lines = path.read_bytes().splitlines(keepends=True)
    entry = json.loads(lines[3])
    entry["time"] = "2020-01-01T00:00:00+00:00"
    lines[3] = json.dumps(entry, sort_keys=True, separators=(",", ":")).encode() + b"\n"
    path.write_bytes(b"".join(lines))


STRANGER = identity.generate("Eve Planted", NOW)  # in memory only: no scrypt


def _forge_with_a_planted_former_card(vault: Vault, older: Path, record_id: str, _: Person) -> None:
    """Roll back redaction.age and log the old hash, signed by a card slipped into
    recipients/former/ (the folder that keeps removed reviewers' cards)."""
    relative = f"records/{record_id}/redaction.age"
    shutil.copyfile(older / relative, vault.root / relative)
    former = vault.root / "recipients" / "former"
    former.mkdir(exist_ok=True)
    (former / f"{STRANGER.recipient.fingerprint}.card").write_text(card.to_text(STRANGER.recipient))
    vault.log("analysis", NOW, STRANGER, record_id, vault.sealed_file(record_id, "redaction.age"))


Tamper = Callable[[Vault, Path, str, Person], None]
DELETE: dict[str, Tamper] = {
    "record content": lambda v, o, r, m: (_record(v, r) / "record.age").unlink(),
    "metadata": lambda v, o, r, m: (_record(v, r) / "index.age").unlink(),
    "attachment": lambda v, o, r, m: (_record(v, r) / "att-1.age").unlink(),
    "redaction.age": lambda v, o, r, m: (_record(v, r) / "redaction.age").unlink(),
    "pseudonyms.age": lambda v, o, r, m: (v.root / "pseudonyms.age").unlink(),
    "record folder": lambda v, o, r, m: shutil.rmtree(_record(v, r)),
    "recipient card": lambda v, o, r, m: _card(v, m).unlink(),
    "admin pin": lambda v, o, r, m: (v.root / "admin.pin").unlink(),
    "recipient set": lambda v, o, r, m: (v.root / "recipients.sig").unlink(),
    "audit log": lambda v, o, r, m: (v.root / "audit.log").unlink(),
}
ROLLBACK = {
    "record content": "records/{id}/record.age",
    "metadata": "records/{id}/index.age",
    "attachment": "records/{id}/att-1.age",
    "redaction.age": "records/{id}/redaction.age",
    "pseudonyms.age": "pseudonyms.age",
    "recipient set": "recipients.sig",
    "audit log": "audit.log",
}


def _roll_back(name: str) -> Tamper:
    def tamper(vault: Vault, older: Path, record_id: str, _: Person) -> None:
        relative = ROLLBACK[name].format(id=record_id)
        assert (older / relative).read_bytes() != (vault.root / relative).read_bytes()
        shutil.copyfile(older / relative, vault.root / relative)

    return tamper


CASES: dict[str, Tamper] = {
    **{f"delete {k}": f for k, f in DELETE.items()},
    **{f"roll back {k}": _roll_back(k) for k in ROLLBACK},
    "cut the log's tail": lambda v, o, r, m: _cut_tail(v),
    "edit an entry": lambda v, o, r, m: _edit_entry(v),
    "forge an entry with a planted card": _forge_with_a_planted_former_card,
}


def test_the_untouched_vault_verifies_and_exports(
    copy: tuple[Vault, Path, str], alice: Person, tmp_path: Path
) -> None:
    """The control: without tampering both pass (else the matrix would prove nothing)."""
    vault, _, record_id = copy
    verdict = custody.verify(vault, alice.identity)
    assert verdict.ok and not verdict.warnings, (verdict.errors, verdict.warnings)
    _export(vault, alice, record_id, tmp_path / "quotes.md")
    assert "Hyesan" not in (tmp_path / "quotes.md").read_text()


@pytest.mark.parametrize("case", sorted(CASES))
def test_tampering_fails_verify_and_export(
    case: str, copy: tuple[Vault, Path, str], alice: Person, mallory: Person, tmp_path: Path
) -> None:
    vault, older, record_id = copy
    CASES[case](vault, older, record_id, mallory)
    verdict = custody.verify(vault, None)
    assert not verdict.ok, f"{case}: audit verify passed"
    out = tmp_path / "quotes.md"
    with pytest.raises(TestimonyError, match="custody check failed") as refused:
        _export(vault, alice, record_id, out)
    assert not out.exists()
    assert "Kim" not in refused.value.message and "Hyesan" not in refused.value.message


def test_a_cut_that_changed_no_file_needs_the_kept_head(
    copy: tuple[Vault, Path, str], alice: Person
) -> None:
    """Entries that name no file (a view, an export) can be cut unnoticed by the files alone;
    the head kept from an earlier verify catches it."""
    vault, _, record_id = copy
    vault.log("view", NOW, alice.identity, record_id)
    kept = custody.verify(vault, None)
    assert kept.ok, kept.errors
    head = (kept.entries, kept.head)
    _cut_tail(vault)
    assert custody.verify(vault, None).ok  # the limit, stated: only the head can tell
    cut = custody.verify(vault, None, head)
    assert not cut.ok and "before the kept head" in cut.errors[0]
    rewritten = custody.verify(vault, None, (kept.entries - 1, kept.head))
    assert not rewritten.ok and "is not the kept head" in rewritten.errors[0]


def test_through_the_cli(
    cli: CLI, copy: tuple[Vault, Path, str], alice: Person, tmp_path: Path
) -> None:
    """The user's view: one error line and one hint, exit 1, no file; --head checked."""
    vault, older, record_id = copy
    env = {"TESTIMONY_PASSPHRASE": PASSPHRASE, "TESTIMONY_IDENTITY": str(alice.key_file)}
    verified = cli("audit", "verify", "--vault", vault.root)
    assert verified.code == 0, verified.err
    head = next(line for line in verified.out.splitlines() if line.startswith("head: "))[6:]
    again = cli("audit", "verify", "--vault", vault.root, "--head", head)
    assert again.code == 0 and f"reaches the kept head {head.split(':')[0]}" in again.out
    assert_refused(
        cli("audit", "verify", "--vault", vault.root, "--head", "12:nothex"),
        code=2,
        message="is not a head",
        hint="N:HASH",
    )
    _roll_back("redaction.age")(vault, older, record_id, alice)
    out = tmp_path / "quotes.md"
    refused = cli(
        "export",
        "quotes",
        "--vault",
        vault.root,
        "--record",
        record_id,
        "--all",
        "--out",
        out,
        env=env,
    )
    assert_refused(refused, message="redaction.age differs", hint="audit verify")
    assert not out.exists()
    assert_refused(
        cli("audit", "verify", "--vault", vault.root, "--head", head),
        message="redaction.age differs",
        hint="restore",
    )
    assert audit.parse_head(head) == (int(head.split(":")[0]), head.split(":")[1])
