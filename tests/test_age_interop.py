"""Interop with the stock `age` command: the twenty-year recovery path, without this software."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pexpect

from intake.record import Document, Metadata
from intake.vault import NewRecord, Vault
from keys import sealing
from tests.conftest import NOW, PASSPHRASE, Person

AGE = shutil.which("age")  # installed by scripts/bootstrap.sh; a missing age fails, never skips


def _age_decrypt_with_identity_file(identity_file: Path, target: Path, out: Path) -> None:
    """`age -d -i IDENTITY`, the passphrase typed into a pseudo-terminal as a person would."""
    child = pexpect.spawn(
        str(AGE), ["-d", "-i", str(identity_file), "-o", str(out), str(target)], timeout=60
    )
    child.expect("passphrase")
    child.sendline(PASSPHRASE)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before


def test_stock_age_reads_our_record_with_our_identity_file(tmp_path: Path, alice: Person) -> None:
    assert AGE is not None, "the stock age command is missing: run the README's test command"
    vault = Vault.init(tmp_path / "v", [alice.identity.recipient], NOW, alice.identity)
    text = "Q: Where?\nA: Hoeryŏng.\n"
    added = vault.add(NewRecord("x.txt", text.encode(), Document(text, (), "txt"), Metadata()), NOW)
    out = tmp_path / "record.json"
    _age_decrypt_with_identity_file(
        alice.key_file, vault.root / "records" / added.id / "record.age", out
    )
    body = json.loads(out.read_text(encoding="utf-8"))
    assert body["id"] == added.id and body["text"] == text


def test_stock_age_reads_attachments_padded_with_zeros(tmp_path: Path, alice: Person) -> None:
    assert AGE is not None
    audio = tmp_path / "audio.bin"
    audio.write_bytes(b"RIFF" + bytes(range(256)) * 50)
    vault = Vault.init(tmp_path / "v", [alice.identity.recipient], NOW, alice.identity)
    text = "A: x\n"
    added = vault.add(
        NewRecord("x.txt", b"x", Document(text, (), "txt"), Metadata(), (), (audio,)), NOW
    )
    out = tmp_path / "att.bin"
    _age_decrypt_with_identity_file(
        alice.key_file, vault.root / "records" / added.id / "att-1.age", out
    )
    recovered = out.read_bytes()
    size = added.attachments[0].size  # the record says how much is content; the rest is zeros
    assert recovered[:size] == audio.read_bytes() and not any(recovered[size:])


def test_file_encrypted_by_stock_age_opens_through_our_path(tmp_path: Path, alice: Person) -> None:
    assert AGE is not None
    plain = tmp_path / "note.txt"
    plain.write_bytes("written by the stock age command — 김보람\n".encode())
    sealed = tmp_path / "note.age"
    subprocess.run(
        [AGE, "-r", alice.identity.recipient.age, "-o", str(sealed), str(plain)], check=True
    )
    assert sealing.open(sealed.read_bytes(), [alice.identity], "note") == plain.read_bytes()
    armored = tmp_path / "note.asc"
    subprocess.run(
        [AGE, "-a", "-r", alice.identity.recipient.age, "-o", str(armored), str(plain)], check=True
    )
    assert sealing.open(armored.read_bytes(), [alice.identity], "note") == plain.read_bytes()
