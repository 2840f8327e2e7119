"""Opening a source or an attachment: regular files only, links refused, reads bounded.

A named pipe, a device (``/dev/zero``, ``/dev/urandom``), a socket or a folder is refused after an
``lstat`` and before any blocking open; a symbolic link is refused too rather than resolved. Why
refuse: the path is typed by a person, a link can be re-pointed between the check and the read (at
a device, or at another case's file on a synced drive), and the name kept in the record would not
be the file that was read; giving the real path costs nothing. The open itself uses
``O_NOFOLLOW | O_NONBLOCK`` and an ``fstat`` of the descriptor, so a file swapped for a pipe or a
link after the check is still refused and never hangs.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from keys.errors import InputFormatError

_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0)
_CHUNK = 1024 * 1024


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _refuse(path: Path, kind: str, what: str) -> InputFormatError:
    if kind == "a symbolic link":
        return InputFormatError(
            f"{path}: is a symbolic link; links are not followed",
            f"give the {what} file itself, e.g. its path from: realpath '{path}'",
        )
    return InputFormatError(
        f"{path}: is {kind}, not a regular file", f"give the {what} file itself"
    )


def open_regular(path: Path, what: str) -> int:
    """An open, non-blocking read descriptor on the regular file ``path`` (the caller closes it).

    ``what`` names the file in hints ("transcript", "attachment").
    """
    try:
        before = os.lstat(path)
    except FileNotFoundError:
        raise InputFormatError(f"{path}: no such file", "check the path") from None
    except OSError as exc:
        raise InputFormatError(
            f"{path}: cannot read it ({exc.strerror})", "check the path"
        ) from None
    kind = _kind(before.st_mode)
    if kind is not None:
        raise _refuse(path, kind, what)
    try:
        fd = os.open(path, _FLAGS | getattr(os, "O_NOFOLLOW", 0))
    except PermissionError:
        raise InputFormatError(
            f"{path}: permission denied", "check the file's permissions"
        ) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # became a link after the check
            raise _refuse(path, "a symbolic link", what) from None
        raise InputFormatError(
            f"{path}: cannot open it ({exc.strerror})", "check the path"
        ) from None
    after = os.fstat(fd)
    kind = _kind(after.st_mode)
    if kind is not None or (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino):
        os.close(fd)
        raise InputFormatError(
            f"{path}: changed while it was being opened",
            f"give the {what} file itself, and do not move it while it is read",
        )
    return fd


def read_bounded(path: Path, limit: int, too_large_hint: str) -> bytes:
    """The bytes of the regular file ``path``; at most ``limit + 1`` are ever read."""
    fd = open_regular(path, "transcript")
    chunks: list[bytes] = []
    total = 0
    try:
        size = os.fstat(fd).st_size  # may lie (procfs, a file still growing): reads stay bounded
        while size <= limit and total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise InputFormatError(
            f"{path}: cannot read it ({exc.strerror})", "check the file"
        ) from None
    finally:
        os.close(fd)
    if size > limit or total > limit:
        raise InputFormatError(
            f"{path}: too large for a transcript ({max(size, total) // (1024 * 1024)} MiB, "
            f"limit {limit // (1024 * 1024)} MiB)",
            too_large_hint,
        )
    return b"".join(chunks)
