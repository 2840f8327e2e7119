"""Identity files on disk: age passphrase-encrypted (scrypt), created 0600, never overwritten."""

from __future__ import annotations

import os
from pathlib import Path

from keys import agefile
from keys.errors import KeyFileError
from keys.identity import Identity, from_text, to_text

MAX_IDENTITY_BYTES = 64 * 1024
_AGE_MAGIC = b"age-encryption.org/v1\n"


def write_exclusive(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Create ``path`` with ``mode``; refuse if anything is already there (like age-keygen -o)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError:
        raise KeyFileError(
            f"{path}: already exists; refusing to overwrite it",
            "choose another --out path, or move the old file away first",
        ) from None
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot create ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise KeyFileError(f"{path}: cannot write ({exc.strerror})") from None


def save(path: Path, identity: Identity, passphrase: str) -> None:
    if not passphrase:
        raise KeyFileError(
            "refusing to protect an identity with an empty passphrase",
            "choose a passphrase of several words",
        )
    write_exclusive(path, agefile.encrypt_passphrase(to_text(identity).encode(), passphrase))


def load(path: Path, passphrase: str) -> Identity:
    try:
        if path.stat().st_size > MAX_IDENTITY_BYTES:
            raise KeyFileError(f"{path}: too large to be an identity file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise KeyFileError(
            f"{path}: no such identity file", "give --identity FILE or set $TESTIMONY_IDENTITY"
        ) from None
    except IsADirectoryError:
        raise KeyFileError(f"{path}: is a folder, not an identity file") from None
    if not data.startswith(_AGE_MAGIC):
        raise KeyFileError(
            f"{path}: not a passphrase-protected identity file",
            "identities are made by: testimony keys new --name NAME --out FILE",
        )
    plaintext = agefile.decrypt_passphrase(data, passphrase, str(path))
    try:
        text = plaintext.decode("utf-8")
    except UnicodeDecodeError:
        raise KeyFileError(f"{path}: not a testimony identity") from None
    return from_text(text, str(path))


def read_small_text(path: Path, limit: int, kind: str, missing_hint: str) -> str:
    """A small UTF-8 text file (a card, a backup share), with clear refusals."""
    try:
        if path.stat().st_size > limit:
            raise KeyFileError(f"{path}: too large to be a {kind}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise KeyFileError(f"{path}: no such {kind} file", missing_hint) from None
    except IsADirectoryError:
        raise KeyFileError(f"{path}: is a folder, not a {kind}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise KeyFileError(f"{path}: not a text file, so not a {kind}") from None
