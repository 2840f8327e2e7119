"""Stream adapters for attachments: hash and pad on the way in, hash and trim on the way out, and
a durable hashing file for the ciphertext (its custody hash taken as it is written, no re-read)."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path
from typing import BinaryIO

_DONTNEED: int | None = getattr(os, "POSIX_FADV_DONTNEED", None)


class PaddedHashingReader(io.RawIOBase):
    """Reads ``source`` (hashing it), then zero bytes up to ``pad_to``. Constant memory.

    A source that yields more than ``pad_to`` bytes (it grew, or was swapped for a device) is
    read no further: ``size`` then differs from the size it was sealed for, which the caller
    refuses.
    """

    def __init__(self, source: BinaryIO, pad_to: int) -> None:
        self._readinto = source.readinto  # type: ignore[attr-defined]
        self._remaining_pad: int | None = None
        self._pad_to = pad_to
        self.size = 0
        self.sha256 = hashlib.sha256()
        self._update = self.sha256.update

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._remaining_pad is None:  # the hot path: one call per 1 MiB block
            count: int = self._readinto(buffer)
            if count:
                self._update(memoryview(buffer)[:count])
                self.size += count
                if self.size > self._pad_to:  # more than announced: stop, never read forever
                    self._remaining_pad = 0
                return count
            self._remaining_pad = max(self._pad_to - self.size, 0)
        view = memoryview(buffer).cast("B")
        count = min(len(view), self._remaining_pad)
        view[:count] = bytes(count)
        self._remaining_pad -= count
        return count


class TrimmingHashingWriter(io.RawIOBase):
    """Passes the first ``size`` bytes to ``sink`` (hashing them) and drops the padding."""

    def __init__(self, sink: BinaryIO, size: int) -> None:
        self._sink = sink
        self._left = size
        self.sha256 = hashlib.sha256()
        self.padding_clean = True

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(data).cast("B")
        keep = view[: self._left]
        if len(keep):
            self.sha256.update(keep)
            self._sink.write(keep)
            self._left -= len(keep)
        rest = view[len(keep) :]
        if len(rest) and rest.tobytes().count(0) != len(rest):  # C speed, not a Python loop
            self.padding_clean = False
        return len(view)


class HashingFile:
    """A new file (``O_EXCL``, 0600) that hashes what is written to it. The disk writing is
    started every ``KICK`` bytes (without waiting), so the closing ``fsync`` waits for little:
    writing overlaps encryption instead of following it."""

    KICK = 32 * 1024 * 1024

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        self.sha256 = hashlib.sha256()
        self.size = 0
        self._kicked = 0

    def write(self, data: bytes | bytearray | memoryview) -> int:
        view = memoryview(data).cast("B")
        self.sha256.update(view)
        while view:
            view = view[os.write(self._fd, view) :]
        self.size += len(data)
        if self.size - self._kicked >= self.KICK and _DONTNEED is not None:
            # Linux starts writing back the range's dirty pages, without waiting; they stay cached
            os.posix_fadvise(self._fd, self._kicked, self.size - self._kicked, _DONTNEED)
            self._kicked = self.size
        return len(data)

    def sync(self) -> None:
        os.fsync(self._fd)

    def close(self) -> None:
        os.close(self._fd)
