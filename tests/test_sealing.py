"""keys.sealing: the safe functions, both streaming engines, and the attachments built on them.

Every stream test runs twice: with the stock ``age`` command (installed by scripts/bootstrap.sh;
a missing one fails, never skips) and with pyrage alone (``TESTIMONY_AGE=pyrage``). Each engine's
output is opened by the other, so neither can drift from the standard format unnoticed.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from intake import audit
from intake.padding import padme
from intake.record import Document, Metadata
from intake.streams import HashingFile, TrimmingHashingWriter
from intake.vault import NewRecord, Vault
from keys import sealing
from keys.errors import DecryptionError, KeyFileError, VaultError
from keys.identity import generate
from tests.conftest import NOW, Person

AGE = shutil.which("age")
ROOT = Path(__file__).resolve().parent.parent
ENGINES = ["age", "pyrage"]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    assert AGE is not None, "the stock age command is missing: run scripts/bootstrap.sh"
    monkeypatch.setenv(sealing.AGE_ENV, AGE if request.param == "age" else "pyrage")
    yield request.param


def _other(engine: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert AGE is not None
    monkeypatch.setenv(sealing.AGE_ENV, "pyrage" if engine == "age" else AGE)


def _payload(size: int) -> bytes:
    return bytes((i * 7 + i // 251) % 256 for i in range(size))


class _Source(io.RawIOBase):
    """A readinto-only source, failing after ``fail_after`` bytes if given."""

    def __init__(self, data: bytes, fail_after: int | None = None) -> None:
        self._data = memoryview(data)
        self._at = 0
        self._fail_after = fail_after

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._fail_after is not None and self._at >= self._fail_after:
            raise OSError(5, "Input/output error")
        piece = self._data[self._at : self._at + len(buffer)]
        memoryview(buffer)[: len(piece)] = piece
        self._at += len(piece)
        return len(piece)


class _FailingSink(io.RawIOBase):
    def __init__(self, after: int) -> None:
        self.seen = 0
        self._after = after

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self.seen += len(data)
        if self.seen > self._after:
            raise OSError(28, "No space left on device")
        return len(data)


def test_engine_names_what_runs(engine: str) -> None:
    assert (sealing.engine() == "pyrage") == (engine == "pyrage")


def test_stream_round_trip_and_interop(
    engine: str, monkeypatch: pytest.MonkeyPatch, alice: Person
) -> None:
    plain = _payload(3 * 1024 * 1024 + 12345)  # several 1 MiB blocks and a ragged end
    sealed = io.BytesIO()
    sealing.seal_stream(_Source(plain), sealed, [alice.identity.recipient])
    assert sealed.getvalue().startswith(b"age-encryption.org/v1\n-> X25519 ")
    assert sealing.open(sealed.getvalue(), [alice.identity], "s") == plain
    _other(engine, monkeypatch)
    out = io.BytesIO()
    sealing.open_stream(io.BytesIO(sealed.getvalue()), out, [alice.identity], "s")
    assert out.getvalue() == plain


def test_open_stream_from_a_file_and_from_memory(
    engine: str, tmp_path: Path, alice: Person
) -> None:
    plain = _payload(200_000)
    path = tmp_path / "x.age"
    path.write_bytes(sealing.seal(plain, [alice.identity.recipient]))
    for source in (path.open("rb", buffering=0), path.open("rb"), io.BytesIO(path.read_bytes())):
        out = io.BytesIO()
        with source:
            sealing.open_stream(source, out, [alice.identity.age_secret], "x")
        assert out.getvalue() == plain


def test_wrong_key_and_tampering_look_alike(engine: str, alice: Person) -> None:
    other = generate("Other", NOW)
    sealed = sealing.seal(_payload(100_000), [alice.identity.recipient])
    flipped = bytearray(sealed)
    flipped[-500] ^= 1
    for data, identity in (
        (sealed, other),
        (bytes(flipped), alice.identity),
        (sealed[:-70], alice.identity),
    ):
        with pytest.raises(DecryptionError, match=r"^cannot decrypt att 1$"):
            sealing.open_stream(io.BytesIO(data), io.BytesIO(), [identity], "att 1")


def test_a_failing_source_is_never_a_short_file(engine: str, alice: Person) -> None:
    with pytest.raises(OSError, match="Input/output"):
        sealing.seal_stream(
            _Source(_payload(3 << 20), 1 << 20), io.BytesIO(), [alice.identity.recipient]
        )


def test_a_failing_sink_is_reported(engine: str, alice: Person) -> None:
    with pytest.raises(OSError, match="No space"):
        sealing.seal_stream(
            _Source(_payload(6 << 20)), _FailingSink(1 << 20), [alice.identity.recipient]
        )
    sealed = sealing.seal(_payload(6 << 20), [alice.identity.recipient])
    with pytest.raises(OSError, match="No space"):
        sealing.open_stream(io.BytesIO(sealed), _FailingSink(1 << 20), [alice.identity], "x")


def test_no_recipients_is_refused(engine: str) -> None:
    with pytest.raises(KeyFileError, match="no recipients"):
        sealing.seal_stream(_Source(b"x"), io.BytesIO(), [])


def test_the_switch_interval_is_restored(engine: str, alice: Person) -> None:
    before = sys.getswitchinterval()
    sealing.seal_stream(_Source(b"abc"), io.BytesIO(), [alice.identity.recipient])
    assert sys.getswitchinterval() == before


def test_a_broken_age_command_fails_loudly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, alice: Person
) -> None:
    """A command that is not age is never used (pyrage takes over); one that breaks mid-way
    is an error, never a silently short file."""
    fake = tmp_path / "age"
    fake.write_text("#!/bin/sh\necho v9.9\n")
    fake.chmod(0o700)
    monkeypatch.setenv(sealing.AGE_ENV, str(fake))
    assert sealing.engine() == "pyrage"
    broken = tmp_path / "age1"
    broken.write_text('#!/bin/sh\nif [ "$1" = --version ]; then echo v1.1.1; exit 0; fi\nexit 3\n')
    broken.chmod(0o700)
    monkeypatch.setenv(sealing.AGE_ENV, str(broken))
    with pytest.raises(KeyFileError, match="exited with status 3"):
        sealing.seal_stream(_Source(b"abc"), io.BytesIO(), [alice.identity.recipient])


# --- attachments: custody hashes keep their meaning ------------------------------------------


def test_attachment_hashes_mean_what_they_meant(
    engine: str, tmp_path: Path, alice: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record's hash is the plaintext's SHA-256; the audit entry's is the sealed file's,
    taken while writing but equal to a fresh read; the padding is Padme's, and the other engine
    opens it."""
    vault = Vault.init(tmp_path / "v", [alice.identity.recipient], NOW, alice.identity)
    plain = _payload(2 * 1024 * 1024 + 7)
    source = tmp_path / "rec.bin"
    source.write_bytes(plain)
    added = vault.add(
        NewRecord("x.txt", b"x", Document("x", (), "txt"), Metadata(), (), (source,)), NOW
    )
    (entry,) = added.attachments
    assert entry.sha256 == hashlib.sha256(plain).hexdigest() and entry.size == len(plain)
    sealed = vault.root / "records" / added.id / "att-1.age"
    logged = audit.intake_files(vault.root, added.id)
    assert logged["att-1.age"] == hashlib.sha256(sealed.read_bytes()).hexdigest()
    inside = sealing.open(sealed.read_bytes(), [alice.identity], "a")
    assert len(inside) == padme(len(plain), 4096) and inside.startswith(plain)
    assert not inside[len(plain) :].strip(b"\0")
    _other(engine, monkeypatch)
    out = io.BytesIO()
    vault.open_attachment(added.id, 1, alice.identity, out)
    assert out.getvalue() == plain


def test_an_attachment_link_is_refused(tmp_path: Path, alice: Person) -> None:
    vault = Vault.init(tmp_path / "v", [alice.identity.recipient], NOW, alice.identity)
    real = tmp_path / "rec.bin"
    real.write_bytes(b"audio")
    link = tmp_path / "link.bin"
    link.symlink_to(real)
    with pytest.raises(VaultError, match="symbolic link"):
        vault.add(NewRecord("x.txt", b"x", Document("x", (), "txt"), Metadata(), (), (link,)), NOW)
    assert not list((vault.root / "records").iterdir())


def test_nonzero_padding_is_caught() -> None:
    out = io.BytesIO()
    writer = TrimmingHashingWriter(out, 3)
    writer.write(b"abc\0\0\0\0")
    assert writer.padding_clean
    writer.write(memoryview(b"\0\0\1\0"))
    assert not writer.padding_clean and out.getvalue() == b"abc"


def test_hashing_file_hashes_what_it_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(HashingFile, "KICK", 1000)  # the early write-back path runs too
    path = tmp_path / "f"
    sink = HashingFile(path)
    for _ in range(5):
        sink.write(memoryview(_payload(999)))
    sink.sync()
    sink.close()
    assert sink.sha256.hexdigest() == hashlib.sha256(path.read_bytes()).hexdigest()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    with pytest.raises(FileExistsError):
        HashingFile(path)


def test_the_age_layer_stays_private() -> None:
    """Only keys/ and the tests of the layer import keys._age; everyone else uses sealing."""
    private = re.compile(r"^\s*(from keys\._age|import keys\._age|from keys import _age)", re.M)
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("intake", "redact", "scripts", "benchmarks")
        for path in (ROOT / folder).rglob("*.py")
        if private.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    assert (
        not (ROOT / "keys" / "agefile.py").exists() and not (ROOT / "keys" / "bech32.py").exists()
    )


def test_no_plaintext_reaches_the_disk_while_streaming(
    engine: str, tmp_path: Path, alice: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engines use pipes and memory only: the temp folder stays empty."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    before = set(os.listdir(tmp_path))
    sealed = io.BytesIO()
    sealing.seal_stream(_Source(_payload(1 << 20)), sealed, [alice.identity.recipient])
    sealing.open_stream(io.BytesIO(sealed.getvalue()), io.BytesIO(), [alice.identity], "x")
    assert set(os.listdir(tmp_path)) == before


def test_a_rewrap_runs_both_streams_at_once(engine: str, alice: Person) -> None:
    """Opened in one thread into a pipe and sealed from it in another (``vault rewrap``): the
    content survives, and the switch interval is restored when both are done."""
    import threading

    before = sys.getswitchinterval()
    plain = _payload(3 << 20)
    sealed = sealing.seal(plain, [alice.identity.recipient])
    read_end, write_end = os.pipe()

    def pump() -> None:
        with os.fdopen(write_end, "wb") as sink:
            sealing.open_stream(io.BytesIO(sealed), sink, [alice.identity], "x")

    worker = threading.Thread(target=pump)
    worker.start()
    again = io.BytesIO()
    with os.fdopen(read_end, "rb") as source:
        sealing.seal_stream(source, again, [alice.identity.recipient])
    worker.join()
    assert sealing.open(again.getvalue(), [alice.identity], "x") == plain
    assert sys.getswitchinterval() == before
