"""Identities, cards and identity files."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from keys import card, identity, keyfile, passphrase, sealing
from keys.errors import KeyFileError, PassphraseError
from tests.conftest import NOW, PASSPHRASE, Person


def test_identity_text_round_trip_keeps_both_keys() -> None:
    made = identity.generate("Alice Reviewer", NOW)
    back = identity.from_text(identity.to_text(made), "mem")
    assert back == made
    assert back.recipient.verify(made.sign(b"decision"), b"decision")
    assert not back.recipient.verify(made.sign(b"decision"), b"decision!")


def test_identity_text_is_a_valid_age_identity_file() -> None:
    """Only comment lines and the AGE-SECRET-KEY line: the stock age parser accepts it."""
    text = identity.to_text(identity.generate("Alice", NOW))
    lines = text.splitlines()
    assert all(line.startswith("#") for line in lines[:-1])
    assert lines[-1].startswith("AGE-SECRET-KEY-1")


def test_repr_never_shows_secrets(alice: Person) -> None:
    shown = repr(alice.identity)
    assert "AGE-SECRET" not in shown and alice.identity.age_secret not in shown


def test_key_file_is_0600_passphrase_age_and_never_overwritten(alice: Person) -> None:
    assert stat.S_IMODE(alice.key_file.stat().st_mode) == 0o600
    data = alice.key_file.read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n-> scrypt ")
    with pytest.raises(KeyFileError, match="already exists"):
        keyfile.save(alice.key_file, alice.identity, PASSPHRASE)
    assert alice.key_file.read_bytes() == data


def test_wrong_passphrase_is_refused(alice: Person) -> None:
    with pytest.raises(PassphraseError, match="wrong passphrase"):
        keyfile.load(alice.key_file, "not the passphrase")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a passphrase-protected identity"),
        (b"AGE-SECRET-KEY-1XYZ\n", "not a passphrase-protected identity"),
        (b"age-encryption.org/v1\n-> X25519 abc\n", "wrong passphrase or damaged"),
    ],
)
def test_bad_identity_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.key"
    path.write_bytes(content)
    with pytest.raises(KeyFileError, match=message):
        keyfile.load(path, PASSPHRASE)


def test_identity_without_signing_key_is_refused() -> None:
    text = identity.to_text(identity.generate("A", NOW))
    stripped = "\n".join(line for line in text.splitlines() if "signing-key" not in line)
    with pytest.raises(KeyFileError, match="not a testimony identity"):
        identity.from_text(stripped, "x.key")


def test_card_round_trip(alice: Person) -> None:
    text = card.to_text(alice.identity.recipient)
    assert card.parse(text, "c") == alice.identity.recipient
    assert "AGE-SECRET" not in text


def _card_lines(person: Person) -> list[str]:
    return card.to_text(person.identity.recipient).splitlines()


@pytest.mark.parametrize(
    ("line_number", "replacement", "message"),
    [
        (2, "nmae: Alice", "line 2: expected"),
        (3, "age: age1notakey", "line 3: not an age1"),
        (4, "ed25519: AAAA", "line 4: not a base64 Ed25519"),
        (5, "fingerprint: AAAA-BBBB-CCCC-DDDD", "line 5: the fingerprint does not match"),
        (2, "name: Alice\nname: Bob", "line 3: 'name' appears twice"),
    ],
)
def test_card_errors_name_the_bad_line(
    alice: Person, line_number: int, replacement: str, message: str
) -> None:
    lines = _card_lines(alice)
    lines[line_number - 1] = replacement
    with pytest.raises(KeyFileError, match=message):
        card.parse("\n".join(lines), "bad.card")


def test_card_with_a_field_missing(alice: Person) -> None:
    lines = [line for line in _card_lines(alice) if not line.startswith("ed25519")]
    with pytest.raises(KeyFileError, match="missing ed25519"):
        card.parse("\n".join(lines), "bad.card")


def test_tampered_key_in_card_fails_the_fingerprint(alice: Person, mallory: Person) -> None:
    """Swapping in someone else's age key without fixing the fingerprint is caught."""
    lines = _card_lines(alice)
    lines[2] = f"age: {mallory.identity.recipient.age}"
    with pytest.raises(KeyFileError, match="fingerprint does not match"):
        card.parse("\n".join(lines), "bad.card")


def test_scrypt_work_factor_above_22_is_refused_quickly() -> None:
    header = b"age-encryption.org/v1\n-> scrypt rF0/NwblUHHTpgQgRpe5CQ 30\nxx\n--- yy\n"
    with pytest.raises(PassphraseError, match="work factor 30"):
        sealing.open_passphrase(header, "pw", "f")


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def _zero_link(tmp_path: Path) -> Path:
    path = tmp_path / "zero"
    path.symlink_to("/dev/zero")
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [(_fifo, "not a regular file"), (_zero_link, "not a regular file")],
    ids=["fifo", "link-to-dev-zero"],
)
def test_key_and_card_files_must_be_regular(
    tmp_path: Path, one_second: None, make: Callable[[Path], Path], message: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(KeyFileError, match=message):
        keyfile.load(path, PASSPHRASE)
    with pytest.raises(KeyFileError, match=message):
        card.read(path)


def test_a_linked_identity_file_is_followed(tmp_path: Path, alice: Person) -> None:
    """Links are followed for keys (they are often linked into place); the target is checked."""
    link = tmp_path / "linked.key"
    link.symlink_to(alice.key_file)
    assert keyfile.load(link, PASSPHRASE).recipient == alice.identity.recipient


def test_an_endless_passphrase_file_is_refused(one_second: None) -> None:
    with pytest.raises(PassphraseError, match="too large to be a passphrase file"):
        passphrase.obtain(Path("/dev/zero"), "prompt: ")
