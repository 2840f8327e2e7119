"""Shared fixtures: identities made once per session, vaults in temp dirs, a CLI runner."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

import pytest

from intake.vault import Vault
from keys import card, identity, keyfile
from keys.identity import Identity

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
PASSPHRASE = "test passphrase, not a secret"
NOW = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


@dataclass(frozen=True)
class Person:
    identity: Identity
    key_file: Path  # passphrase-protected with PASSPHRASE
    card_file: Path


def _make_person(folder: Path, name: str) -> Person:
    made = identity.generate(name, NOW)
    folder.mkdir(parents=True, exist_ok=True)
    key_file = folder / f"{name.split()[0].lower()}.key"
    keyfile.save(key_file, made, PASSPHRASE)  # scrypt: ~2 s, so once per session
    card_file = folder / f"{name.split()[0].lower()}.card"
    card_file.write_text(card.to_text(made.recipient))
    return Person(made, key_file, card_file)


@pytest.fixture(scope="session")
def alice(tmp_path_factory: pytest.TempPathFactory) -> Person:
    return _make_person(tmp_path_factory.mktemp("alice"), "Alice Reviewer")


@pytest.fixture(scope="session")
def mallory(tmp_path_factory: pytest.TempPathFactory) -> Person:
    """Someone who is not a recipient of any test vault."""
    return _make_person(tmp_path_factory.mktemp("mallory"), "Mallory Outsider")


def admin_options(person: Person) -> tuple[str | Path, ...]:
    """`--identity KEY --passphrase-file FILE` for `vault init` (the admin is pinned there)."""
    secret = person.key_file.with_name(f"{person.key_file.stem}.passphrase")
    if not secret.exists():
        secret.write_text(PASSPHRASE + "\n")
    return ("--identity", person.key_file, "--passphrase-file", secret)


@pytest.fixture
def vault(tmp_path: Path, alice: Person) -> Vault:
    return Vault.init(tmp_path / "vault", [alice.identity.recipient], NOW, alice.identity)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its SHA-256: to prove that nothing changed."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


CLI = Callable[..., Result]


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    temp = tmp_path / "tmpdir"
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TESTIMONY_")}
    env["TMPDIR"] = str(temp)
    return env


@pytest.fixture
def cli(cli_env: dict[str, str], tmp_path: Path) -> CLI:
    """Run the real console entry point in a subprocess, as a user would."""

    def run(
        *args: str | Path,
        env: dict[str, str] | None = None,
        input: str | None = None,
        timeout: float = 120,
    ) -> Result:
        merged = {**cli_env, **(env or {})}
        done = subprocess.run(
            [sys.executable, "-m", "redact", *map(str, args)],
            capture_output=True,
            text=True,
            env=merged,
            cwd=tmp_path,
            input=input,
            timeout=timeout,
            check=False,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return run


def assert_refused(result: Result, *, code: int = 1, message: str = "", hint: str = "") -> None:
    """One error line, one hint line, the exit code, and no traceback."""
    assert result.code == code, (result.code, result.err)
    lines = result.err.strip().splitlines()
    assert "Traceback" not in result.err
    errors = [line for line in lines if line.startswith("testimony: error: ")]
    hints = [line for line in lines if line.startswith("hint: ")]
    assert len(errors) == 1 and len(hints) == 1, result.err
    assert message in errors[0], (message, errors[0])
    assert hint in hints[0], (hint, hints[0])


class Hung(Exception):
    """Raised by ``one_second``; not an OSError, so no reader's error handling can swallow it."""


@pytest.fixture
def one_second() -> Iterator[None]:
    """A read that blocks or never ends fails the test instead of hanging the run."""

    def hung(signum: int, frame: FrameType | None) -> None:
        raise Hung("took more than 1 s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
