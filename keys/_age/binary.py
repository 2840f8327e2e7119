"""The stock ``age`` command (the reference implementation, maintained) driven over pipes.

Why: on the same file, Go's age encrypts about 1.5x faster than pyrage's rage, and a separate
process runs beside this one without the GIL, so hashing here overlaps encryption there. Nothing
touches the disk on the way: plaintext goes through pipes, and an identity's secret key reaches
``age -d`` through a pipe named as ``-i /dev/fd/N``, never through a file.

Which command: ``$TESTIMONY_AGE`` (a path, or ``pyrage`` to use only the library), else ``age`` on
the PATH; used only if it answers ``--version`` with 1.x. Otherwise :mod:`keys._age.stream`
uses pyrage.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import io
import os
import shutil
import stat
import subprocess
import threading
from collections.abc import Sequence
from typing import IO, BinaryIO, Protocol

from keys.errors import DecryptionError, KeyFileError

BLOCK = 1 << 20
AGE_ENV = "TESTIMONY_AGE"
_PIPE_SIZE = 1 << 20  # Linux's default maximum for an unprivileged process
_SETPIPE_SZ: int | None = getattr(fcntl, "F_SETPIPE_SZ", None)


class Readable(Protocol):
    def readinto(self, buffer: memoryview, /) -> int | None: ...


class Writable(Protocol):
    def write(self, data: memoryview, /) -> int | None: ...


def find_age() -> str | None:
    """The stock age command to drive, or None (then pyrage does the work)."""
    wanted = os.environ.get(AGE_ENV, "")
    if wanted.lower() == "pyrage":
        return None
    path = wanted or shutil.which("age")
    return path if path and _is_age_v1(path) else None


@functools.lru_cache(maxsize=8)
def _is_age_v1(path: str) -> bool:
    try:
        done = subprocess.run(
            [path, "--version"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0 and done.stdout.strip().lstrip("v").startswith("1.")


def _widen(pipe: IO[bytes] | None) -> int:
    assert pipe is not None
    if _SETPIPE_SZ is not None:  # a larger pipe (Linux): fewer switches between the processes
        with contextlib.suppress(OSError):
            fcntl.fcntl(pipe.fileno(), _SETPIPE_SZ, _PIPE_SIZE)
    return pipe.fileno()


def _write_all(fd: int, view: memoryview) -> None:
    while view:
        view = view[os.write(fd, view) :]


def _pump(source: Readable, pipe: IO[bytes], failures: list[BaseException]) -> None:
    """Copy ``source`` into ``pipe`` in blocks, then close it (a thread's body)."""
    buffer = memoryview(bytearray(BLOCK))
    try:
        fd = pipe.fileno()
        while count := source.readinto(buffer):
            _write_all(fd, buffer[:count])
    except BaseException as error:  # re-raised by the caller after the join
        failures.append(error)
    finally:
        with contextlib.suppress(OSError):
            pipe.close()


def _drain(fd: int, sink: Writable) -> None:
    buffer = memoryview(bytearray(BLOCK))
    raw = io.FileIO(fd, closefd=False)
    while count := raw.readinto(buffer):
        sink.write(buffer[:count])


def _run(
    args: list[str],
    source: Readable | None,
    stdin: int | None,
    sink: Writable,
    fds: tuple[int, ...],
) -> int:
    """Run ``args`` with stdin fed from ``source`` (a thread) or the descriptor ``stdin``, and
    its stdout written to ``sink`` here; the exit status. Killed if anything here fails."""
    failures: list[BaseException] = []
    proc = subprocess.Popen(
        args,
        stdin=subprocess.PIPE if source is not None else stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        pass_fds=fds,
    )
    feeder = None
    if source is not None:
        _widen(proc.stdin)
        assert proc.stdin is not None
        feeder = threading.Thread(target=_pump, args=(source, proc.stdin, failures), daemon=True)
        feeder.start()
    try:
        _drain(_widen(proc.stdout), sink)
    except BaseException:
        proc.kill()
        raise
    finally:
        if feeder is not None:
            feeder.join()
        assert proc.stdout is not None
        proc.stdout.close()
        status = proc.wait()
    if failures and not (status != 0 and isinstance(failures[0], BrokenPipeError)):
        raise failures[0]  # a broken pipe is only age having stopped: its status says why
    return status


def seal(age: str, source: Readable, sink: Writable, recipients: Sequence[str]) -> None:
    """``age -r R...``: ``source`` encrypted into ``sink``."""
    args = [age]
    for recipient in recipients:
        args += ["-r", recipient]
    status = _run(args, source, None, sink, ())
    if status != 0:
        raise KeyFileError(
            f"cannot encrypt: the age command ({age}) exited with status {status}",
            f"check that `{age} --version` works, or set {AGE_ENV}=pyrage",
        )


def open_(age: str, source: BinaryIO, sink: Writable, secrets: Sequence[str], what: str) -> None:
    """``age -d -i /dev/fd/N``: ``source`` decrypted into ``sink`` (garbage in it on error)."""
    read_end, write_end = os.pipe()
    try:
        _write_all(write_end, memoryview("\n".join(secrets).encode() + b"\n"))  # < a pipe's 64 KiB
        os.close(write_end)
        write_end = -1
        stdin = _regular_fd(source)
        args = [age, "-d", "-i", f"/dev/fd/{read_end}"]
        status = _run(args, _Reads(source) if stdin is None else None, stdin, sink, (read_end,))
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)
    if status != 0:
        raise DecryptionError(f"cannot decrypt {what}")


class _Reads:
    """``readinto`` over any binary file object."""

    def __init__(self, source: BinaryIO) -> None:
        self._read = source.read

    def readinto(self, buffer: memoryview, /) -> int:
        data = self._read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _regular_fd(source: BinaryIO) -> int | None:
    """The descriptor of ``source`` if age can read it directly (a regular file, unbuffered)."""
    try:
        fd = source.fileno()
        position = source.tell()
    except (OSError, AttributeError, io.UnsupportedOperation):
        return None
    if os.lseek(fd, 0, os.SEEK_CUR) != position:  # a buffered reader has read ahead
        return None
    return fd if stat.S_ISREG(os.fstat(fd).st_mode) else None
