"""Crash-safe file primitives: atomic replace, durable directories, the vault's writer lock."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from keys.errors import VaultError

TEMP_PREFIX = ".tmp-"


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _disk_error(path: Path, exc: OSError) -> VaultError:
    if exc.errno == errno.ENOSPC:
        return VaultError(
            f"{path.parent}: the disk is full; nothing was changed",
            "free some space and run the command again",
        )
    return VaultError(f"{path}: cannot write ({exc.strerror})", "check the folder's permissions")


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` all-or-nothing: temp file in the same folder, fsync, rename."""
    temp = path.with_name(f"{TEMP_PREFIX}{secrets.token_hex(8)}")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise _disk_error(path, exc) from None


@contextlib.contextmanager
def locked(lock_path: Path, what: str) -> Iterator[None]:
    """Serialise writers: an exclusive flock, waited for (other writers finish in seconds)."""
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise VaultError(
            f"{what}: cannot open the lock file ({exc.strerror})", "check the folder's permissions"
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock, also when the process is killed
