"""age in memory: thin wrappers over pyrage (a maintained implementation). Private: callers use
:mod:`keys.sealing`.

Every encrypted file the toolkit writes is a standard age v1 file; these functions add nothing to
the format. Failures come back as one deliberately vague DecryptionError, so a wrong key and a
tampered file look alike (as with ``cryptography``'s ``InvalidToken``).
"""

from __future__ import annotations

from collections.abc import Sequence

import pyrage

from keys.errors import DecryptionError, KeyFileError, PassphraseError
from keys.identity import Identity, Recipient


def age_recipients(recipients: Sequence[Recipient]) -> list[pyrage.x25519.Recipient]:
    if not recipients:
        raise KeyFileError(
            "no recipients to encrypt to", "add one with: testimony vault init DIR --recipient CARD"
        )
    return [r.age_recipient() for r in recipients]


def age_identities(identities: Sequence[Identity | str]) -> list[pyrage.x25519.Identity]:
    out = []
    for identity in identities:
        if isinstance(identity, Identity):
            out.append(identity.age_identity())
        else:  # a bare AGE-SECRET-KEY-1... string (test vectors, stock-age keys)
            out.append(pyrage.x25519.Identity.from_str(identity))
    return out


def encrypt(plaintext: bytes, recipients: Sequence[Recipient]) -> bytes:
    return bytes(pyrage.encrypt(plaintext, age_recipients(recipients)))


_ARMOR_BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
# age's own CLI refuses scrypt work factors above 22 (about 1 s today x 16); so do we, before
# pyrage would spend minutes on a hostile file (CCTV vector scrypt_work_factor_23).
MAX_SCRYPT_WORK_FACTOR = 22


def _unwrap_armor_whitespace(data: bytes) -> bytes:
    """The armor spec allows whitespace around an armored file; rage's reader does not."""
    stripped = data.strip()
    return stripped + b"\n" if stripped.startswith(_ARMOR_BEGIN) else data


def _scrypt_work_factor(data: bytes) -> int | None:
    """The work factor of a binary file's scrypt stanza, if its second line is one."""
    lines = data[:256].split(b"\n")
    if len(lines) > 2 and lines[1].startswith(b"-> scrypt "):
        fields = lines[1].split(b" ")
        if len(fields) == 4 and fields[3].isdigit():
            return int(fields[3])
    return None


def decrypt(ciphertext: bytes, identities: Sequence[Identity | str], what: str) -> bytes:
    """All of the plaintext or a DecryptionError naming ``what`` (a path or id, never content)."""
    try:
        ciphertext = _unwrap_armor_whitespace(ciphertext)
        return bytes(pyrage.decrypt(ciphertext, age_identities(identities)))
    except (pyrage.DecryptError, pyrage.IdentityError, ValueError, TypeError):
        raise DecryptionError(f"cannot decrypt {what}") from None


def encrypt_passphrase(plaintext: bytes, passphrase: str) -> bytes:
    """age scrypt recipient; the work factor is rage's default (pyrage exposes no knob)."""
    return bytes(pyrage.passphrase.encrypt(plaintext, passphrase))


def decrypt_passphrase(ciphertext: bytes, passphrase: str, what: str) -> bytes:
    work_factor = _scrypt_work_factor(ciphertext)
    if work_factor is not None and work_factor > MAX_SCRYPT_WORK_FACTOR:
        raise PassphraseError(
            f"cannot unlock {what}: its scrypt work factor {work_factor} is above "
            f"{MAX_SCRYPT_WORK_FACTOR} (it would take minutes or be an attack)",
            "re-encrypt it with the stock age -p, or restore the file from a backup",
        )
    try:
        ciphertext = _unwrap_armor_whitespace(ciphertext)
        return bytes(pyrage.passphrase.decrypt(ciphertext, passphrase))
    except (pyrage.DecryptError, ValueError, TypeError):
        raise PassphraseError(f"cannot unlock {what}: wrong passphrase or damaged file") from None
