"""Streaming age in constant memory, with reading, encryption and writing overlapped.

Two engines make the same standard age v1 files: the stock ``age`` command over pipes
(:mod:`keys._age.binary`, preferred when installed: faster, and outside the GIL) and pyrage's
``encrypt_io`` / ``decrypt_io``. pyrage holds the GIL while it encrypts and asks for 8 KiB at a
time, so here a thread reads the source in 1 MiB blocks (file reads and hashing release the GIL)
and another writes the output; the switch interval is shortened while pyrage runs so that those
threads get the GIL back within a fraction of a millisecond instead of 5 ms.
"""

from __future__ import annotations

import contextlib
import queue
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO

import pyrage

from keys._age import binary
from keys._age.binary import BLOCK, Readable, Writable
from keys._age.format import age_identities, age_recipients
from keys.errors import DecryptionError
from keys.identity import Identity, Recipient

_DEPTH = 4  # blocks in flight between two threads: 4 MiB each way, whatever the file's size
_SWITCH_INTERVAL = 0.0002


class _Stopped(Exception):
    """The other side gave up; this thread ends quietly."""


class _Channel:
    """A bounded queue of blocks between two threads that either side can abandon."""

    def __init__(self) -> None:
        self.blocks: queue.Queue[bytes | None] = queue.Queue(_DEPTH)
        self.stop = threading.Event()

    def put(self, block: bytes | None) -> None:
        while True:
            try:
                self.blocks.put(block, timeout=0.05)
                return
            except queue.Full:
                if self.stop.is_set():
                    raise _Stopped from None

    def get(self) -> bytes | None:
        while True:
            try:
                return self.blocks.get(timeout=0.05)
            except queue.Empty:
                if self.stop.is_set():
                    return None


class _ChannelReader:
    """What pyrage reads from (``read(n)``, n = 8 KiB): blocks a feeder thread put in."""

    def __init__(self, channel: _Channel) -> None:
        self._channel = channel
        self._block: bytes | None = b""
        self._at = 0

    def read(self, size: int = -1) -> bytes:
        if self._block is not None and self._at >= len(self._block):
            self._block, self._at = self._channel.get(), 0
        if self._block is None:
            return b""
        size = len(self._block) if size < 0 else size
        piece = self._block[self._at : self._at + size]
        self._at += len(piece)
        return piece


class _ChannelWriter:
    """What pyrage writes to (64 KiB pieces): gathered into blocks for a writer thread."""

    def __init__(self, channel: _Channel) -> None:
        self._channel = channel
        self._parts: list[bytes] = []
        self._size = 0

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        self._size += len(data)
        if self._size >= BLOCK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self._parts:
            self._channel.put(b"".join(self._parts))
            self._parts, self._size = [], 0


def _feed(source: Readable, channel: _Channel, failures: list[BaseException]) -> None:
    try:
        while True:
            buffer = bytearray(BLOCK)
            count = source.readinto(memoryview(buffer))
            if not count:
                break
            channel.put(bytes(buffer[:count]) if count < BLOCK else bytes(buffer))
        channel.put(None)
    except _Stopped:
        pass
    except BaseException as error:  # re-raised by the caller after the join
        failures.append(error)
        channel.stop.set()


def _write(channel: _Channel, sink: Writable, failures: list[BaseException]) -> None:
    while (block := channel.get()) is not None:
        if not failures:  # after a failure keep taking blocks, so pyrage never blocks
            try:
                sink.write(memoryview(block))
            except BaseException as error:
                failures.append(error)


_switches = threading.Lock()
_running = [0, 0.0]  # pyrage streams running now, and the interval before the first of them


@contextlib.contextmanager
def _short_switches() -> Iterator[None]:
    """A short switch interval while any pyrage stream runs (two may overlap: a rewrap's)."""
    with _switches:
        if _running[0] == 0:
            _running[1] = sys.getswitchinterval()
            sys.setswitchinterval(_SWITCH_INTERVAL)
        _running[0] += 1
    try:
        yield
    finally:
        with _switches:
            _running[0] -= 1
            if _running[0] == 0:
                sys.setswitchinterval(_running[1])


def _start(target: Callable[..., None], *args: object) -> threading.Thread:
    thread = threading.Thread(target=target, args=args, daemon=True)
    thread.start()
    return thread


def _pyrage_seal(source: Readable, sink: Writable, recipients: Sequence[Recipient]) -> None:
    incoming, outgoing = _Channel(), _Channel()
    failures: list[BaseException] = []
    writer = _ChannelWriter(outgoing)
    threads = [_start(_feed, source, incoming, failures), _start(_write, outgoing, sink, failures)]
    try:
        with _short_switches():
            pyrage.encrypt_io(_ChannelReader(incoming), writer, age_recipients(recipients))
        writer.flush()
        outgoing.put(None)
    finally:
        incoming.stop.set()
        outgoing.stop.set()
        for thread in threads:
            thread.join()
    if failures:
        raise failures[0]


def _pyrage_open(
    source: BinaryIO, sink: Writable, identities: Sequence[Identity | str], what: str
) -> None:
    outgoing = _Channel()
    failures: list[BaseException] = []
    writer = _ChannelWriter(outgoing)
    thread = _start(_write, outgoing, sink, failures)
    try:
        with _short_switches():
            pyrage.decrypt_io(source, writer, age_identities(identities))
        writer.flush()
        outgoing.put(None)
    except (pyrage.DecryptError, pyrage.IdentityError, ValueError, TypeError, OSError):
        raise DecryptionError(f"cannot decrypt {what}") from None
    finally:
        outgoing.stop.set()
        thread.join()
    if failures:
        raise failures[0]


def engine() -> str:
    """Which implementation streams: the stock age command's path, or "pyrage"."""
    return binary.find_age() or "pyrage"


def seal_stream(source: Readable, sink: Writable, recipients: Sequence[Recipient]) -> None:
    age_recipients(recipients)  # refuses an empty set, whichever engine runs
    age = binary.find_age()
    if age is None:
        _pyrage_seal(source, sink, recipients)
    else:
        binary.seal(age, source, sink, [r.age for r in recipients])


def open_stream(
    source: BinaryIO, sink: Writable, identities: Sequence[Identity | str], what: str
) -> None:
    age = binary.find_age()
    if age is None:
        _pyrage_open(source, sink, identities, what)
    else:
        secrets = [i.age_secret if isinstance(i, Identity) else i for i in identities]
        binary.open_(age, source, sink, secrets, what)
