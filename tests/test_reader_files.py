"""What the readers open: regular files only, links refused, reads bounded, refusals fast.

Every test runs under a 1-second alarm: a reader that blocks on a pipe or reads a device
forever fails the test instead of hanging the run.
"""

from __future__ import annotations

import io
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from intake import batch
from intake.readers import MAX_SOURCE_BYTES, _files, read, read_source
from intake.streams import PaddedHashingReader
from keys.errors import InputFormatError
from tests.conftest import CLI, assert_refused

pytestmark = pytest.mark.usefixtures("one_second")  # tests/conftest.py: 1 s, then fail


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def _link(tmp_path: Path, target: str, name: str = "link.txt") -> Path:
    path = tmp_path / name
    path.symlink_to(target)
    return path


def _folder(tmp_path: Path) -> Path:
    path = tmp_path / "folder.txt"
    path.mkdir()
    return path


Make = Callable[[Path], Path]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_fifo, "is a named pipe, not a regular file"),
        (lambda tmp: _link(tmp, "/dev/zero"), "is a symbolic link"),
        (lambda tmp: _link(tmp, "/dev/urandom"), "is a symbolic link"),
        (lambda tmp: _link(tmp, "/dev/stdin"), "is a symbolic link"),
        (_folder, "is a folder"),
        (lambda tmp: tmp / "missing.txt", "no such file"),
    ],
    ids=["fifo", "link-dev-zero", "link-dev-urandom", "link-stdin", "folder", "missing"],
)
def test_special_files_are_refused_without_reading(
    tmp_path: Path, make: Make, message: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(InputFormatError, match=message) as caught:
        read_source(path)
    assert caught.value.hint


def test_a_link_to_a_good_transcript_is_refused_and_the_hint_gives_the_real_path(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real.txt"
    real.write_text("Q: Where?\nA: Here.\n", encoding="utf-8")
    link = _link(tmp_path, str(real))
    with pytest.raises(InputFormatError, match="links are not followed") as caught:
        read(link)
    assert "realpath" in caught.value.hint
    assert read(real).text.startswith("Q: Where?")  # the file itself is fine


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused(device: str) -> None:
    with pytest.raises(InputFormatError, match="is a device, not a regular file"):
        _files.open_regular(Path(device), "transcript")


def test_a_device_node_named_txt_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "zero.txt"
    try:
        os.mknod(path, 0o600 | 0o020000, os.makedev(1, 5))  # a character device: /dev/zero
    except PermissionError:
        path.symlink_to("/dev/zero")  # without CAP_MKNOD: still refused, as a link
    with pytest.raises(InputFormatError, match=r"is a device|is a symbolic link"):
        read_source(path)


def test_a_file_swapped_between_check_and_open_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.txt"
    path.write_text("Q: one\n", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Q: two\n", encoding="utf-8")
    real_lstat = os.lstat
    monkeypatch.setattr(_files.os, "lstat", lambda p: real_lstat(other))  # checked != opened
    with pytest.raises(InputFormatError, match="changed while it was being opened"):
        read_source(path)


def test_reads_are_bounded_even_when_the_size_lies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose fstat says 10 bytes while it holds more is read to limit + 1 bytes only."""
    limit = 4096
    path = tmp_path / "grows.txt"
    path.write_bytes(b"x" * (limit * 3))
    reads: list[int] = []
    real_read = os.read

    def counting_read(fd: int, size: int) -> bytes:
        chunk = real_read(fd, size)
        reads.append(len(chunk))
        return chunk

    real_fstat = os.fstat

    class Lying:
        def __init__(self, result: os.stat_result) -> None:
            self._result = result

        def __getattr__(self, name: str) -> object:
            return 10 if name == "st_size" else getattr(self._result, name)

    monkeypatch.setattr(_files.os, "read", counting_read)
    monkeypatch.setattr(_files.os, "fstat", lambda fd: Lying(real_fstat(fd)))
    with pytest.raises(InputFormatError, match="too large"):
        _files.read_bounded(path, limit, "split it")
    assert sum(reads) == limit + 1


def test_the_limit_is_the_real_one() -> None:
    assert MAX_SOURCE_BYTES == 64 * 1024 * 1024


@pytest.mark.parametrize(
    "text",
    [
        "\u200b\u200c\u200d\ufeff\u2060",  # zero-width characters, BOM, word joiner
        "\u00ad\u00ad\n\u200e\u200f\u202a\u202e",  # soft hyphens, bidi marks and overrides
        " \u3000\u00a0\u2028\n",  # ideographic, no-break and line separators
        "\u3164\u115f\u1160\uffa0",  # Hangul fillers
        "\ufe0f\U000e0041\U000e007f",  # variation selector, tag characters
        "\u2800\u2800",  # blank braille cells
    ],
)
def test_text_without_a_visible_character_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "invisible.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"no visible text|the file is empty"):
        read(path)


def test_one_visible_character_is_enough(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("\u200b\u200b김\u200b", encoding="utf-8")
    assert "김" in read(path).text


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_fifo, "is a named pipe"),
        (lambda tmp: _link(tmp, "/dev/zero", "audio.m4a"), "is a symbolic link"),
        (_folder, "is a folder"),
    ],
    ids=["fifo", "link-dev-zero", "folder"],
)
def test_attachments_get_the_same_checks(tmp_path: Path, make: Make, message: str) -> None:
    with pytest.raises(InputFormatError, match=message) as caught:
        batch._check_attachment(make(tmp_path))
    assert "attachment" in caught.value.hint


def test_a_regular_attachment_passes(tmp_path: Path) -> None:
    audio = tmp_path / "audio.m4a"
    audio.write_bytes(b"\0" * 100)
    batch._check_attachment(audio)


def test_cli_refuses_a_fifo_and_device_links_quickly(
    cli: CLI, tmp_path: Path, one_second: None
) -> None:
    """Through the real command (stateless preview: it reads every file before any analysis)."""
    signal.setitimer(signal.ITIMER_REAL, 0)  # the subprocess timeout bounds this one instead
    for path, message in [
        (_fifo(tmp_path), "is a named pipe"),
        (_link(tmp_path, "/dev/zero"), "is a symbolic link"),
        (_link(tmp_path, "/dev/urandom", "u.srt"), "is a symbolic link"),
    ]:
        started = time.monotonic()
        result = cli("redact", "preview", path, timeout=30)
        assert_refused(result, message=message, hint="file itself")
        assert result.out == ""
        assert time.monotonic() - started < 15  # interpreter start-up included


class _Endless(io.RawIOBase):
    """A source that never ends, as /dev/zero swapped in for a recording would be."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        view[:] = b"\1" * len(view)
        return len(view)


def test_an_attachment_stream_that_yields_more_than_announced_stops() -> None:
    """The vault seals the size it saw at the check; more than that is never read forever."""
    reader = PaddedHashingReader(_Endless(), pad_to=8192)  # type: ignore[arg-type]
    buffer = bytearray(4096)
    for _ in range(100):
        if not reader.readinto(buffer):
            break
    else:
        pytest.fail("the reader kept reading an endless source")
    assert 8192 < reader.size <= 8192 + len(buffer)  # the caller compares it with the size seen
