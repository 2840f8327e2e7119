"""Identity files on disk: age passphrase-encrypted (scrypt), created 0600, never overwritten."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from keys import sealing
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
    write_exclusive(path, sealing.seal_passphrase(to_text(identity).encode(), passphrase))


def load(path: Path, passphrase: str) -> Identity:
    data = read_regular(
        path,
        MAX_IDENTITY_BYTES,
        "identity file",
        "give --identity FILE or set $TESTIMONY_IDENTITY",
    )
    if not data.startswith(_AGE_MAGIC):
        raise KeyFileError(
            f"{path}: not a passphrase-protected identity file",
            "identities are made by: testimony keys new --name NAME --out FILE",
        )
    plaintext = sealing.open_passphrase(data, passphrase, str(path))
    try:
        text = plaintext.decode("utf-8")
    except UnicodeDecodeError:
        raise KeyFileError(f"{path}: not a testimony identity") from None
    return from_text(text, str(path))


def read_regular(path: Path, limit: int, kind: str, missing_hint: str) -> bytes:
    """The bytes of a small regular file, at most ``limit``; a pipe, device or folder is refused
    without blocking, and no more than ``limit + 1`` bytes are read whatever the size claims.

    A symbolic link is followed (keys and cards are often linked into place), but what it points
    to must be a regular file too.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise KeyFileError(f"{path}: no such {kind}", missing_hint) from None
    except IsADirectoryError:
        raise KeyFileError(f"{path}: is a folder, not a {kind}") from None
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot open the {kind} ({exc.strerror})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            what = "a folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "not a regular file"
            raise KeyFileError(f"{path}: is {what}, not a {kind}", f"give the {kind} itself")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, limit + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read the {kind} ({exc.strerror})") from None
    finally:
        os.close(fd)
    if total > limit:
        raise KeyFileError(f"{path}: too large to be a {kind}")
    return b"".join(chunks)


def read_small_text(path: Path, limit: int, kind: str, missing_hint: str) -> str:
    """A small UTF-8 text file (a card, a backup share), with clear refusals."""
    data = read_regular(path, limit, kind, missing_hint)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise KeyFileError(f"{path}: not a text file, so not a {kind}") from None
