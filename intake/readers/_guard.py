"""Running a third-party parser on a hostile file: silenced, and every failure a refusal.

Parsers print what they cannot parse: odfpy prints the whole XML part that SAX refused (names
included) to standard output, ``srt`` logs the unparseable text, webvtt-py warns. While a parser
runs, file descriptors 1 and 2 point into a pipe (drained and discarded, never stored),
``sys.stdout``/``sys.stderr`` into a counter, warnings and log records are caught. Any of them
means the parser met something it did not understand: the file is refused, not half read.

Any exception a parser raises on the file's bytes is a refusal too: on hostile input a library can
raise anything (KeyError from a broken ``_rels``, OverflowError from subtitle hours beyond a
timedelta, RecursionError from deep nesting). Only the parser calls run inside the guard.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import warnings
from collections.abc import Iterator

from keys.errors import InputFormatError, TestimonyError


class _Counter(io.TextIOBase):
    """A text sink that remembers only how much was written to it."""

    def __init__(self) -> None:
        self.count = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.count += len(text)
        return len(text)


class _CountingHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _drain(fd: int) -> int:
    """Read the pipe empty (non-blocking); the bytes are counted and dropped."""
    total = 0
    while True:
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            return total
        if not chunk:
            return total
        total += len(chunk)


def _dup(fd: int) -> int:
    try:
        return os.dup(fd)
    except OSError:
        return -1


@contextlib.contextmanager
def _fds_into_pipe() -> Iterator[list[int]]:
    """Point fds 1 and 2 into a non-blocking pipe; yields [bytes written] once restored."""
    for stream in (sys.__stdout__, sys.__stderr__, sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            if stream is not None:
                stream.flush()
    read_end, write_end = os.pipe()
    os.set_blocking(read_end, False)
    os.set_blocking(write_end, False)  # a parser writing more than a pipe holds fails, not hangs
    saved = [_dup(1), _dup(2)]  # -1: that descriptor was closed, and is closed again after
    written = [0]
    try:
        os.dup2(write_end, 1)
        os.dup2(write_end, 2)
        os.close(write_end)
        try:
            yield written
        finally:
            for stream in (sys.__stdout__, sys.__stderr__):
                with contextlib.suppress(Exception):
                    if stream is not None:
                        stream.flush()
            for target, fd in ((1, saved[0]), (2, saved[1])):
                if fd >= 0:
                    os.dup2(fd, target)
                else:
                    os.close(target)
            written[0] = _drain(read_end)
    finally:
        for fd in (*saved, read_end):
            if fd >= 0:
                os.close(fd)


@contextlib.contextmanager
def parsing(source: str, what: str, hint: str) -> Iterator[None]:
    """Run the enclosed parser calls silenced; refuse the file on any output or exception."""
    counter = _Counter()
    handler = _CountingHandler()
    root = logging.getLogger()
    failed = False
    with _fds_into_pipe() as written, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        root.addHandler(handler)
        try:
            with contextlib.redirect_stdout(counter), contextlib.redirect_stderr(counter):
                yield
        except TestimonyError:
            raise
        except Exception:
            failed = True
        finally:
            root.removeHandler(handler)
    if failed:
        raise InputFormatError(f"{source}: not a readable {what}", hint) from None
    # a deprecation is about the library's code, not about this file
    warned = [w for w in caught if not issubclass(w.category, DeprecationWarning)]
    if written[0] or counter.count or warned or handler.count:
        raise InputFormatError(
            f"{source}: the parser reported a problem with this {what}; nothing was taken in",
            hint,
        ) from None
