"""Custody and key lifecycle: audit chain, verification, recipients, rewrap, withdrawal."""

from __future__ import annotations

import io
import json
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from intake import custody, lifecycle
from intake.record import Document, Metadata
from intake.vault import NewRecord, Vault
from keys import sealing
from keys.errors import DecryptionError, VaultError
from tests.conftest import CLI, NOW, PASSPHRASE, Person, assert_refused

AGE = shutil.which("age")
KILL_ROUNDS = 8


def _add(vault: Vault, text: str, attachment: Path | None = None) -> str:
    document = Document(text, (), "txt")
    new = NewRecord(
        "t.txt",
        text.encode(),
        document,
        Metadata(code="NK-1"),
        (),
        (attachment,) if attachment else (),
    )
    return vault.add(new, NOW).id


@pytest.fixture
def busy_vault(vault: Vault, alice: Person) -> Vault:
    for n in range(3):
        record_id = _add(vault, f"A: testimony number {n}\n")
        vault.log("view", NOW, alice.identity, record_id)
    return vault


def _lines(vault: Vault) -> list[bytes]:
    return (vault.root / "audit.log").read_bytes().splitlines(keepends=True)


def _write(vault: Vault, lines: list[bytes]) -> None:
    (vault.root / "audit.log").write_bytes(b"".join(lines))


def test_a_clean_vault_verifies(busy_vault: Vault, alice: Person) -> None:
    verdict = custody.verify(busy_vault, alice.identity)
    assert verdict.ok, verdict.errors
    assert verdict.entries == 1 + 3 * 2  # init, then intake + view per record
    assert not verdict.warnings


def test_unsigned_tail_is_reported_until_countersigned(vault: Vault, alice: Person) -> None:
    _add(vault, "A: one\n")
    assert any("not yet countersigned" in w for w in custody.verify(vault, None).warnings)
    vault.log("view", NOW, alice.identity)
    assert custody.verify(vault, None).warnings == []


@pytest.mark.parametrize("index", [0, 2, 5])
def test_changing_an_entry_names_it(busy_vault: Vault, index: int) -> None:
    lines = _lines(busy_vault)
    entry = json.loads(lines[index])
    entry["time"] = "2020-01-01T00:00:00+00:00"
    lines[index] = json.dumps(entry, sort_keys=True, separators=(",", ":")).encode() + b"\n"
    _write(busy_vault, lines)
    verdict = custody.verify(busy_vault, None)
    assert not verdict.ok
    assert verdict.errors[0].startswith(f"audit entry {index + 1}") or verdict.errors[0].startswith(
        f"audit entry {index + 2}"
    )


@pytest.mark.parametrize(
    ("edit", "named"),
    [
        (lambda ls: ls[:3] + ls[4:], 4),  # an entry deleted
        (lambda ls: [*ls[:3], ls[2], *ls[3:]], 4),  # an entry duplicated (inserted)
        (lambda ls: [*ls[:2], ls[3], ls[2], *ls[4:]], 3),  # two entries swapped
        (lambda ls: ls[:-2], None),  # the tail cut off (an intake): caught by the file check
    ],
    ids=["deleted", "inserted", "reordered", "truncated"],
)
def test_deleting_inserting_reordering_is_caught(busy_vault: Vault, edit, named) -> None:  # type: ignore[no-untyped-def]
    _write(busy_vault, edit(_lines(busy_vault)))
    verdict = custody.verify(busy_vault, None)
    assert not verdict.ok
    if named:
        assert verdict.errors[0].startswith(f"audit entry {named}:"), verdict.errors


def test_forged_signature_is_caught(busy_vault: Vault, mallory: Person) -> None:
    busy_vault.log("view", NOW, mallory.identity)  # a stranger's key, not a vault card
    verdict = custody.verify(busy_vault, None)
    assert "not a known card" in verdict.errors[0]


def test_a_changed_record_fails_custody(busy_vault: Vault, alice: Person) -> None:
    record_id = busy_vault.record_ids()[0]
    path = busy_vault.record_dir(record_id) / "record.age"
    body = json.loads(sealing.open(path.read_bytes(), [alice.identity], "r"))
    body["text"] = "A: words the witness never said\n"  # re-sealed with the public card alone
    path.write_bytes(sealing.seal(json.dumps(body).encode(), [alice.identity.recipient]))
    errors = custody.verify(busy_vault, alice.identity).errors
    assert any(f"record {record_id}: record.age differs" in e for e in errors)
    assert any(f"record {record_id}: content does not match its custody hash" in e for e in errors)


def test_a_card_slipped_in_by_hand_is_caught(busy_vault: Vault, mallory: Person) -> None:
    from keys import card

    sneaky = busy_vault.root / "recipients" / f"{mallory.identity.recipient.fingerprint}.card"
    sneaky.write_text(card.to_text(mallory.identity.recipient))
    errors = custody.verify(busy_vault, None).errors
    assert any("was not added through testimony" in e for e in errors)


def test_audit_verify_cli(cli: CLI, busy_vault: Vault, alice: Person) -> None:
    result = cli("audit", "verify", "--vault", busy_vault.root)
    assert result.code == 0 and "audit log intact: 7 entries, 3 records" in result.out
    lines = _lines(busy_vault)
    _write(busy_vault, lines[:2] + lines[3:])
    assert_refused(
        cli("audit", "verify", "--vault", busy_vault.root), message="audit entry 3:", hint="restore"
    )


def _opens(path: Path, person: Person) -> bool:
    try:
        sealing.open(path.read_bytes(), [person.identity], path.name)
    except DecryptionError:
        return False
    return True


def test_remove_recipient_and_rewrap(
    tmp_path: Path, alice: Person, mallory: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lifecycle, "STREAM_ABOVE", 2048)  # exercise the streaming path too
    vault = Vault.init(
        tmp_path / "v", [alice.identity.recipient, mallory.identity.recipient], NOW, alice.identity
    )
    audio = tmp_path / "a.bin"
    audio.write_bytes(random.randbytes(50_000))
    ids = [_add(vault, "A: one\n", audio), _add(vault, "A: two\n")]
    vault.write_document(None, "pseudonyms", {"entries": {}})
    vault.log("analysis", NOW, alice.identity, None, vault.sealed_files(None))
    files = sorted(vault.root.rglob("*.age"))
    assert all(_opens(p, mallory) for p in files)
    with pytest.raises(VaultError, match="last recipient"):
        solo = Vault.init(tmp_path / "solo", [alice.identity.recipient], NOW, alice.identity)
        lifecycle.remove_recipient(solo, alice.identity.recipient.fingerprint, alice.identity, NOW)
    lifecycle.remove_recipient(vault, mallory.identity.recipient.fingerprint, alice.identity, NOW)
    assert lifecycle.rewrap(vault, alice.identity, NOW) == len(files)
    assert all(_opens(p, alice) and not _opens(p, mallory) for p in files)
    verdict = custody.verify(vault, alice.identity)
    assert verdict.ok, verdict.errors
    sink = io.BytesIO()
    vault.open_attachment(ids[0], 1, alice.identity, sink)
    assert sink.getvalue() == audio.read_bytes()
    # and the stock age command agrees
    assert AGE is not None, "the stock age command is missing: run the README's test command"
    key = tmp_path / "mallory.txt"
    key.write_text(mallory.identity.age_secret + "\n")
    for path in files:
        done = subprocess.run(
            [AGE, "-d", "-i", str(key), str(path)], capture_output=True, check=False
        )
        assert done.returncode != 0 and done.stdout == b""


def test_rewrap_survives_sigkill_in_a_loop(
    tmp_path: Path, alice: Person, mallory: Person, cli_env: dict[str, str]
) -> None:
    vault = Vault.init(
        tmp_path / "v", [alice.identity.recipient, mallory.identity.recipient], NOW, alice.identity
    )
    audio = tmp_path / "a.bin"
    audio.write_bytes(random.randbytes(1_000_000))
    for n in range(60):
        _add(vault, f"A: record {n}\n", audio)
    lifecycle.remove_recipient(vault, mallory.identity.recipient.fingerprint, alice.identity, NOW)
    env = {**cli_env, "TESTIMONY_PASSPHRASE": PASSPHRASE, "TESTIMONY_IDENTITY": str(alice.key_file)}
    rng = random.Random(7)
    state = vault.root / "rewrap.state"
    interrupted = 0
    for _round in range(KILL_ROUNDS):  # kill each run once it has re-sealed something
        with subprocess.Popen(
            [sys.executable, "-m", "redact", "vault", "rewrap", "--vault", str(vault.root)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        ) as process:
            before = state.stat().st_mtime_ns if state.exists() else 0
            deadline = time.monotonic() + 60
            while process.poll() is None and time.monotonic() < deadline:
                if state.exists() and state.stat().st_mtime_ns != before:
                    break
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.1))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                interrupted += 1
            process.wait()
    assert interrupted >= KILL_ROUNDS // 2, f"only {interrupted} kills landed mid-rewrap"
    assert state.exists(), "the last kill left an unfinished rewrap to resume"
    final = subprocess.run(
        [sys.executable, "-m", "redact", "vault", "rewrap", "--vault", str(vault.root)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert final.returncode == 0, final.stderr
    assert not state.exists()
    files = sorted(vault.root.rglob("*.age"))
    assert all(_opens(p, alice) and not _opens(p, mallory) for p in files)
    verdict = custody.verify(vault, alice.identity)
    assert verdict.ok, verdict.errors


def test_withdrawal_removes_everything_and_keeps_others(tmp_path: Path, alice: Person) -> None:
    from redact.link.pseudonyms import PseudonymTable

    vault = Vault.init(tmp_path / "v", [alice.identity.recipient], NOW, alice.identity)
    audio = tmp_path / "a.bin"
    audio.write_bytes(b"unique-audio-bytes" * 100)
    gone = _add(vault, "A: Kim Bo-ram from Sinjon-ri, Unique-Witness-Marker.\n", audio)
    kept = _add(vault, "A: Kim Bo-ram was my neighbour.\n")
    table = PseudonymTable()
    table.assign("PERSON:kim|boram", "PERSON", "Kim Bo-ram", gone)
    table.assign("PERSON:kim|boram", "PERSON", "Kim Bo-ram", kept)
    table.assign("LOCATION:sinjonri", "LOCATION", "Sinjon-ri", gone)
    vault.write_document(None, "pseudonyms", table.to_json())
    vault.log("analysis", NOW, alice.identity, None, vault.sealed_files(None))

    def forget(body, record_id):  # type: ignore[no-untyped-def]
        t = PseudonymTable.from_json(body)
        t.forget_record(record_id)
        return t.to_json()

    lifecycle.withdraw(vault, gone, alice.identity, NOW, forget, table="pseudonyms")
    assert vault.record_ids() == [kept]
    after = PseudonymTable.from_json(vault.read_document(None, "pseudonyms", alice.identity))
    assert list(after.entries) == ["PERSON:kim|boram"]
    for path in vault.root.rglob("*"):
        if path.is_file() and path.suffix == ".age":
            plain = sealing.open(path.read_bytes(), [alice.identity], path.name)
            assert b"Unique-Witness-Marker" not in plain and b"Sinjon-ri" not in plain
            assert gone.encode() not in plain
    log = (vault.root / "audit.log").read_text()
    assert "withdrawal" in log and "Unique" not in log
    verdict = custody.verify(vault, alice.identity)
    assert verdict.ok, verdict.errors
    assert vault.record(kept, alice.identity).text.startswith("A: Kim Bo-ram was")


def test_lifecycle_through_the_cli(
    cli: CLI, tmp_path: Path, alice: Person, mallory: Person
) -> None:
    env = {"TESTIMONY_PASSPHRASE": PASSPHRASE, "TESTIMONY_IDENTITY": str(alice.key_file)}
    vault_dir = tmp_path / "vault"
    assert cli("vault", "init", vault_dir, "--recipient", alice.card_file, env=env).code == 0
    source = tmp_path / "t.txt"
    source.write_text("A: my name is Kim Bo-ram.\n")
    record_id = cli("intake", "add", source, "--vault", vault_dir).out.strip()
    added = cli("vault", "add-recipient", mallory.card_file, "--vault", vault_dir, env=env)
    assert added.code == 0 and "vault rewrap" in added.err
    again = cli("vault", "add-recipient", mallory.card_file, "--vault", vault_dir, env=env)
    assert again.code == 0 and "already a recipient" in again.err, again.err
    assert "nothing changed" in again.err and "rewrap" not in again.err
    assert_refused(
        cli("vault", "remove-recipient", "AAAA-BBBB-CCCC-DDDD", "--vault", vault_dir, env=env),
        message="is not a recipient",
        hint="ls",
    )
    assert_refused(
        cli("intake", "withdraw", record_id, "--vault", vault_dir, env=env),
        code=2,
        message="confirmation needed",
        hint="--yes",
    )
    assert Vault.open(vault_dir).record_ids() == [record_id]
    assert cli("intake", "withdraw", record_id, "--vault", vault_dir, "--yes", env=env).code == 0
    assert Vault.open(vault_dir).record_ids() == []
    verified = cli("audit", "verify", "--vault", vault_dir, env=env)
    assert verified.code == 0, verified.err
    assert "0 records (content checked)" in verified.out and verified.out.count("head: 4:") == 1
