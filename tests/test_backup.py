"""K-of-N paper backups (keys/backup.py): the combinatorics in-process, one CLI round trip."""

from __future__ import annotations

import itertools
import stat
from pathlib import Path

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from keys import backup, identity
from keys._age import bech32
from keys.backup import Share
from keys.errors import KeyFileError
from keys.identity import Identity
from tests.conftest import CLI, NOW, PASSPHRASE, Person, assert_refused

UNLOCK = {"TESTIMONY_PASSPHRASE": PASSPHRASE}


def _files(shares: list[Share]) -> list[Share]:
    """Each share through its file text and back, as recovery reads it."""
    return [backup.parse(backup.to_text(s), s.file_name) for s in shares]


def _same_keys(recovered: Identity, original: Identity) -> None:
    assert recovered == original  # name, created, age_secret, signing_seed
    assert recovered.age_secret == original.age_secret
    assert recovered.signing_seed == original.signing_seed
    assert recovered.recipient.fingerprint == original.recipient.fingerprint


# --- bech32 (BIP-173), which age uses for AGE-SECRET-KEY-1... -------------------------------

# From BIP-173's "Test vectors" section: valid bech32 strings.
BIP173_VALID = [
    "A12UEL5L",
    "a12uel5l",
    "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
    "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
    "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
    "?1ezyfcl",
]
# Invalid, each for the reason given (BIP-173's list, plus a one-character change of a valid one).
BIP173_INVALID = [
    "\x201nwldj5",  # HRP character out of range
    "\x7f1axkwrx",  # HRP character out of range
    "pzry9x0s0muk",  # no separator
    "1pzry9x0s0muk",  # empty HRP
    "x1b4n0q5v",  # invalid data character
    "li1dgmt3",  # too short checksum
    "de1lg7wt\xff",  # invalid character in checksum
    "A1G7SGD8",  # checksum calculated with uppercase form of HRP
    "10a06t8",  # empty HRP
    "1qzzfhee",  # empty HRP
    "A12uEL5L",  # mixed case
    "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxx",  # last checksum character changed
]


@pytest.mark.parametrize("text", BIP173_VALID)
def test_bech32_accepts_bip173_valid_vectors(text: str) -> None:
    assert bech32.bech32_values(text) is not None


@pytest.mark.parametrize("text", BIP173_INVALID)
def test_bech32_refuses_bip173_invalid_vectors(text: str) -> None:
    assert bech32.bech32_values(text) is None


def test_age_secret_round_trip_agrees_with_age() -> None:
    """Raw bytes -> text is exact, and the raw X25519 key gives age's own public key."""
    for _ in range(50):
        text = str(pyrage.x25519.Identity.generate())
        raw = bech32.age_secret_bytes(text)
        assert len(raw) == 32 and bech32.age_secret_text(raw) == text
        public = X25519PrivateKey.from_private_bytes(raw).public_key()
        encoded = bech32.bech32_encode("age", public.public_bytes(Encoding.Raw, PublicFormat.Raw))
        assert encoded == str(pyrage.x25519.Identity.from_str(text).to_public())


def test_malformed_age_secret_is_refused() -> None:
    with pytest.raises(KeyFileError, match="malformed"):
        bech32.age_secret_bytes("AGE-SECRET-KEY-1QQQQ")


# --- splitting and recovering ----------------------------------------------------------------


@pytest.mark.parametrize(("k", "n"), [(2, 2), (2, 3), (3, 5), (4, 6)])
def test_every_k_subset_recovers_and_every_smaller_one_is_refused(
    alice: Person, k: int, n: int
) -> None:
    shares = _files(backup.split(alice.identity, k, n))
    assert [s.number for s in shares] == list(range(1, n + 1))
    for subset in itertools.combinations(shares, k):
        _same_keys(backup.recover(subset), alice.identity)
        _same_keys(backup.recover(list(reversed(subset))), alice.identity)
    for subset in itertools.combinations(shares, k - 1):
        with pytest.raises(KeyFileError, match=f"{k} shares needed, {k - 1} given") as caught:
            backup.recover(subset)
        assert "more share" in caught.value.hint


def test_more_than_k_shares_also_recover(alice: Person) -> None:
    shares = _files(backup.split(alice.identity, 3, 5))
    _same_keys(backup.recover(shares), alice.identity)


def test_sixteen_shares_the_slip39_maximum(alice: Person) -> None:
    shares = _files(backup.split(alice.identity, 16, 16))
    _same_keys(backup.recover(shares), alice.identity)


@pytest.mark.parametrize(
    ("k", "n", "message", "hint"),
    [
        (1, 5, "threshold of 1 would make every share a full copy", "--threshold 2 or more"),
        (0, 5, "threshold of 0", "--threshold 2 or more"),
        (4, 3, "threshold of 4 is more than the 3 shares", "at most --shares"),
        (3, 17, "17 shares asked; at most 16", "--shares 5 --threshold 3"),
    ],
)
def test_impossible_schemes_are_refused(
    alice: Person, k: int, n: int, message: str, hint: str
) -> None:
    with pytest.raises(KeyFileError, match=message) as caught:
        backup.split(alice.identity, k, n)
    assert hint in caught.value.hint


def test_share_text_is_printable_and_holds_no_identity_secret(alice: Person) -> None:
    share = backup.split(alice.identity, 3, 5)[1]
    text = backup.to_text(share)
    assert text.isascii() and all(c.isprintable() for c in text.replace("\n", ""))
    assert alice.identity.age_secret not in text and "AGE-SECRET" not in text
    assert "Share 2 of 5 (any 3 recover)" in text
    assert "share: 2 of 5 (any 3 recover)" in text
    assert f"fingerprint: {alice.identity.recipient.fingerprint}" in text
    assert "testimony keys recover share-1-of-5.txt share-2-of-5.txt share-3-of-5.txt" in text
    assert share.mnemonic not in repr(share)


def test_a_retyped_share_still_reads(alice: Person) -> None:
    """Capitals, no numbering, other line breaks: the words and checksum are what count."""
    shares = backup.split(alice.identity, 2, 3)
    lines = backup.to_text(shares[0]).splitlines()
    start, end = lines.index("words:"), next(i for i, x in enumerate(lines) if "sha256" in x)
    words = shares[0].mnemonic.upper().split()
    retyped = [*lines[: start + 1], " ".join(words[:30]), "  " + " ".join(words[30:]), lines[end]]
    again = backup.parse("\n".join(retyped), "retyped.txt")
    _same_keys(backup.recover([again, shares[2]]), alice.identity)


def _edit(share: Share, old: str, new: str) -> str:
    text = backup.to_text(share)
    assert old in text
    return text.replace(old, new, 1)


def test_a_changed_word_is_caught_and_the_file_named(alice: Person) -> None:
    share = backup.split(alice.identity, 3, 5)[1]
    words = share.mnemonic.split()
    for replacement in ("academic", "zebra", "notaword"):  # valid word, another, a non-word
        if replacement == words[20]:
            continue
        text = _edit(share, f"21. {words[20]} ", f"21. {replacement} ")
        with pytest.raises(KeyFileError, match=r"share-2-of-5\.txt: the words are damaged"):
            backup.parse(text, "share-2-of-5.txt")


def test_a_flipped_checksum_character_is_caught(alice: Person) -> None:
    share = backup.split(alice.identity, 3, 5)[0]
    text = backup.to_text(share)
    checksum_at = text.index("sha256: ") + len("sha256: ")
    digit = text[checksum_at]
    flipped = text[:checksum_at] + ("1" if digit != "1" else "2") + text[checksum_at + 1 :]
    with pytest.raises(KeyFileError, match=r"share-1-of-5\.txt: the sha256 line does not match"):
        backup.parse(flipped, "share-1-of-5.txt")


def test_a_share_line_that_disagrees_with_the_words_is_caught(alice: Person) -> None:
    share = backup.split(alice.identity, 3, 5)[1]
    text = _edit(share, "share: 2 of 5 (any 3 recover)", "share: 4 of 5 (any 3 recover)")
    with pytest.raises(KeyFileError, match=r"x\.txt: the 'share:' line does not match the words"):
        backup.parse(text, "x.txt")


def test_a_set_line_that_disagrees_with_the_words_is_caught(alice: Person) -> None:
    share = backup.split(alice.identity, 3, 5)[0]
    other = "0000" if share.set_id != "0000" else "0001"
    text = _edit(share, f"set: {share.set_id}", f"set: {other}")
    with pytest.raises(KeyFileError, match=r"x\.txt: the 'set:' line does not match the words"):
        backup.parse(text, "x.txt")


def test_a_mistyped_name_line_is_refused(alice: Person) -> None:
    shares = backup.split(alice.identity, 2, 3)
    typo = backup.parse(_edit(shares[1], "name: Alice", "name: Alise"), "b.txt")
    with pytest.raises(KeyFileError, match=r"a\.txt and b\.txt disagree on the 'name:'"):
        backup.recover([backup.parse(backup.to_text(shares[0]), "a.txt"), typo])


def test_shares_of_two_backups_do_not_mix(alice: Person) -> None:
    first = _files(backup.split(alice.identity, 3, 5))
    second = _files(backup.split(alice.identity, 3, 5))
    assert first[0].set_id != second[0].set_id or first[0].mnemonic != second[0].mnemonic
    with pytest.raises(KeyFileError, match="come from different backups") as caught:
        backup.recover([first[0], first[1], second[2]])
    assert "set:" in caught.value.hint


def test_shares_of_two_identities_do_not_mix(alice: Person) -> None:
    other = identity.generate("Bo Other", NOW)
    mine = _files(backup.split(alice.identity, 2, 3))
    theirs = _files(backup.split(other, 2, 3))
    with pytest.raises(KeyFileError, match="shares of different identities"):
        backup.recover([mine[0], theirs[1]])


def test_the_same_share_twice_is_refused(alice: Person) -> None:
    shares = _files(backup.split(alice.identity, 3, 5))
    copy = backup.parse(backup.to_text(shares[1]), "copy.txt")
    with pytest.raises(KeyFileError, match=r"share-2-of-5\.txt and copy\.txt are the same share"):
        backup.recover([shares[0], shares[1], copy])


def test_a_wrong_fingerprint_on_every_share_is_refused(alice: Person) -> None:
    real = alice.identity.recipient.fingerprint
    shares = backup.split(alice.identity, 2, 3)[:2]
    forged = [backup.parse(_edit(s, real, "AAAA-BBBB-CCCC-DDDD"), s.file_name) for s in shares]
    with pytest.raises(KeyFileError, match="do not match the fingerprint on the shares"):
        backup.recover(forged)


def test_not_a_share_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n")
    with pytest.raises(KeyFileError, match="not a testimony backup share"):
        backup.read(path)


def test_write_shares_into_an_empty_folder_0600(alice: Person, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    written = backup.write_shares(alice.identity, 2, 3, folder)
    assert [p.name for p in written] == [f"share-{i}-of-3.txt" for i in (1, 2, 3)]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in written)
    _same_keys(backup.recover_files([written[2], written[0]]), alice.identity)
    with pytest.raises(KeyFileError, match="not empty"):
        backup.write_shares(alice.identity, 2, 3, folder)


# --- the CLI: one backup unlock, one recover (scrypt), one card unlock --------------------------


def test_cli_backup_then_recover_3_of_5(cli: CLI, tmp_path: Path, alice: Person) -> None:
    out = tmp_path / "shares"
    made = cli(
        "keys", "backup", alice.key_file, "--shares", "5", "--threshold", "3", "--out", out,
        env=UNLOCK,
    )  # fmt: skip
    assert made.code == 0, made.err
    assert "warning:" in made.err and "print each share" in made.err and "delete" in made.err
    files = sorted(out.iterdir())
    assert [p.name for p in files] == [f"share-{i}-of-5.txt" for i in range(1, 6)]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files)
    assert stat.S_IMODE(out.stat().st_mode) == 0o700

    new_passphrase = tmp_path / "new-passphrase"
    new_passphrase.write_text("a brand new passphrase\n")
    recovered = tmp_path / "recovered.key"
    done = cli(
        "keys", "recover", files[4], files[1], files[2], "--out", recovered,
        "--passphrase-file", new_passphrase,
    )  # fmt: skip
    assert done.code == 0, done.err
    assert alice.identity.recipient.fingerprint in done.err
    assert stat.S_IMODE(recovered.stat().st_mode) == 0o600

    shown = cli("keys", "card", recovered, "--passphrase-file", new_passphrase)
    assert shown.code == 0, shown.err
    assert shown.out == alice.card_file.read_text()

    again = cli("keys", "recover", *files[:3], "--out", recovered, env=UNLOCK)
    assert_refused(again, message="already exists", hint="another --out")
    refilled = cli(
        "keys", "backup", alice.key_file, "--shares", "5", "--threshold", "3", "--out", out,
        env=UNLOCK,
    )  # fmt: skip
    assert_refused(refilled, message="not empty", hint="new or empty folder")


def test_cli_recover_with_too_few_shares(cli: CLI, tmp_path: Path, alice: Person) -> None:
    written = backup.write_shares(alice.identity, 3, 5, tmp_path / "shares")
    result = cli("keys", "recover", written[0], written[3], "--out", "x.key", env=UNLOCK)
    assert_refused(result, message="3 shares needed, 2 given", hint="1 more share")
    assert not (tmp_path / "x.key").exists()


def test_cli_threshold_1_is_refused_with_a_hint(cli: CLI, tmp_path: Path, alice: Person) -> None:
    result = cli(
        "keys", "backup", alice.key_file, "--shares", "5", "--threshold", "1", "--out", "s",
        env=UNLOCK,
    )  # fmt: skip
    assert_refused(result, message="threshold of 1", hint="--threshold 2 or more")
    assert not (tmp_path / "s").exists()
