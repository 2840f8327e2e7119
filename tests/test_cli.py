"""End to end through the console script, asserting exit codes and stderr (hints are API)."""

from __future__ import annotations

import io
import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from intake.vault import Vault
from tests.conftest import CLI, NOW, PASSPHRASE, Person, assert_refused, snapshot

UNLOCK = {"TESTIMONY_PASSPHRASE": PASSPHRASE}


@pytest.fixture
def vault_dir(tmp_path: Path, alice: Person) -> Path:
    """A vault made as `vault init` makes it (the CLI path is tested below: scrypt is slow)."""
    Vault.init(tmp_path / "vault", [alice.identity.recipient], NOW, alice.identity)
    return tmp_path / "vault"


def test_vault_init_pins_the_admin(cli: CLI, tmp_path: Path, alice: Person) -> None:
    refused = cli("vault", "init", tmp_path / "v", "--recipient", alice.card_file)
    assert_refused(refused, code=2, message="needs the admin's identity", hint="--identity")
    assert not (tmp_path / "v").exists()
    made = cli(
        "vault",
        "init",
        tmp_path / "v",
        "--recipient",
        alice.card_file,
        "--identity",
        alice.key_file,
        env=UNLOCK,
    )
    assert made.code == 0, made.err
    assert f"admin (pinned) {alice.identity.recipient.fingerprint}" in made.err
    pin = (tmp_path / "v" / "admin.pin").read_text()
    assert alice.identity.recipient.age in pin and "SECRET" not in pin
    assert [r.fingerprint for r in Vault.open(tmp_path / "v").recipients()] == [
        alice.identity.recipient.fingerprint
    ]


def _transcript(tmp_path: Path, text: str = "Q: Name?\nA: Kim Bo-ram, from Sinjon-ri.\n") -> Path:
    path = tmp_path / "interview.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_help_lists_every_role(cli: CLI) -> None:
    result = cli("--help")
    assert result.code == 0
    for group in ("keys", "vault", "intake"):
        assert group in result.out


def test_keys_new_and_card(cli: CLI, tmp_path: Path) -> None:
    result = cli("keys", "new", "--name", "Bo Reviewer", "--out", "bo.key", env=UNLOCK)
    assert result.code == 0, result.err
    assert "Fingerprint:" in result.err
    assert stat.S_IMODE((tmp_path / "bo.key").stat().st_mode) == 0o600
    shown = cli("keys", "card", "bo.key", env=UNLOCK)
    assert shown.code == 0 and shown.out.startswith("# testimony recipient card v1")
    assert "name: Bo Reviewer" in shown.out and "SECRET" not in shown.out
    before = (tmp_path / "bo.key").read_bytes()
    again = cli("keys", "new", "--name", "X", "--out", "bo.key", env=UNLOCK)
    assert_refused(again, message="already exists; refusing to overwrite", hint="another --out")
    assert (tmp_path / "bo.key").read_bytes() == before


def test_keys_new_without_a_passphrase_source(cli: CLI) -> None:
    result = cli("keys", "new", "--name", "X", "--out", "x.key")
    assert_refused(result, message="no terminal to ask on", hint="TESTIMONY_PASSPHRASE")


def test_wrong_passphrase(cli: CLI, alice: Person) -> None:
    result = cli("keys", "card", alice.key_file, env={"TESTIMONY_PASSPHRASE": "wrong"})
    assert_refused(result, message="wrong passphrase", hint="passphrase")


def test_passphrase_file(cli: CLI, tmp_path: Path, alice: Person) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    result = cli("keys", "card", alice.key_file, "--passphrase-file", secret)
    assert result.code == 0 and alice.identity.recipient.fingerprint in result.out


def test_bad_card_names_the_line(cli: CLI, tmp_path: Path, alice: Person) -> None:
    bad = tmp_path / "bad.card"
    bad.write_text(alice.card_file.read_text().replace("age: age1", "age: agX1"))
    result = cli("vault", "init", tmp_path / "v", "--recipient", bad)
    assert_refused(result, message="line 3: not an age1", hint="")
    assert not (tmp_path / "v").exists()


def test_interviewer_adds_but_cannot_read(cli: CLI, vault_dir: Path, tmp_path: Path) -> None:
    """No identity anywhere: add works, list shows only ids, details and show are refused."""
    added = cli(
        "intake",
        "add",
        _transcript(tmp_path),
        "--vault",
        vault_dir,
        "--code",
        "NK-7",
        "--protect",
        "Kim Bo-ram",
    )
    assert added.code == 0, added.err
    record_id = added.out.strip()
    listed = cli("intake", "list", "--vault", vault_dir)
    assert listed.out.split() == [record_id]
    assert "give --identity" in listed.err
    assert_refused(
        cli("intake", "list", "--vault", vault_dir, "--json"),
        message="needs your identity",
        hint="cannot read records back",
    )
    assert_refused(
        cli("intake", "show", record_id, "--vault", vault_dir),
        message="needs your identity",
        hint="--identity FILE",
    )


def test_reviewer_lists_and_shows(cli: CLI, vault_dir: Path, tmp_path: Path, alice: Person) -> None:
    source = _transcript(tmp_path)
    added = cli(
        "intake",
        "add",
        source,
        "--vault",
        vault_dir,
        "--code",
        "NK-7",
        "--date",
        "2026-03-14",
        "--json",
    )
    record = json.loads(added.out)
    env = {**UNLOCK, "TESTIMONY_IDENTITY": str(alice.key_file)}
    listed = cli("intake", "list", "--vault", vault_dir, "--json", env=env)
    assert listed.code == 0, listed.err
    entry = json.loads(listed.out)
    assert entry["id"] == record["id"] and entry["code"] == "NK-7" and entry["date"] == "2026-03-14"
    shown = cli("intake", "show", record["id"], "--vault", vault_dir, env=env)
    assert shown.code == 0 and shown.out.rstrip("\n") == source.read_text().rstrip("\n")


def test_wrong_identity_cannot_show(
    cli: CLI, vault_dir: Path, tmp_path: Path, mallory: Person
) -> None:
    record_id = cli("intake", "add", _transcript(tmp_path), "--vault", vault_dir).out.strip()
    result = cli(
        "intake",
        "show",
        record_id,
        "--vault",
        vault_dir,
        "--identity",
        mallory.key_file,
        env=UNLOCK,
    )
    assert_refused(
        result, message=f"cannot decrypt record {record_id}", hint="one of the vault's recipients"
    )


def _docx_bytes() -> bytes:
    return b"PK\x03\x04 not really a docx"


BAD_INPUTS = [
    ("a.pdf", b"%PDF-1.4\n", "unsupported format '.pdf'", "supported: .txt"),
    ("a.txt", b"", "the file is empty", "right file"),
    ("a.txt", b"\xc0\xc1 broken \xff", "not UTF-8 text", "iconv"),
    ("a.docx", _docx_bytes(), "not a valid .docx", "save it again"),
    ("a.odt", b"nope", "not a valid .odt", "save it again"),
    ("a.srt", b"garbage\n\nmore", "not a valid .srt", "timing lines"),
    ("a.vtt", b"no header", "not a valid .vtt", "WEBVTT"),
]


@pytest.mark.parametrize(
    ("name", "content", "message", "hint"), BAD_INPUTS, ids=[row[2] for row in BAD_INPUTS]
)
def test_bad_input_is_refused_and_vault_unchanged(
    cli: CLI, vault_dir: Path, tmp_path: Path, name: str, content: bytes, message: str, hint: str
) -> None:
    cli("intake", "add", _transcript(tmp_path), "--vault", vault_dir)
    before = snapshot(vault_dir)
    bad = tmp_path / name
    bad.write_bytes(content)
    good = _transcript(tmp_path)
    result = cli("intake", "add", good, bad, "--vault", vault_dir)  # one bad file adds nothing
    assert_refused(result, message=message, hint=hint)
    assert result.out == ""
    assert snapshot(vault_dir) == before


def test_200_mb_input_is_refused(cli: CLI, vault_dir: Path, tmp_path: Path) -> None:
    before = snapshot(vault_dir)
    for name in ("huge.txt", "huge.docx"):
        huge = tmp_path / name
        with huge.open("wb") as handle:
            handle.truncate(200 * 1000 * 1000)  # sparse
        assert_refused(
            cli("intake", "add", huge, "--vault", vault_dir),
            message="too large for a transcript",
            hint="split it",
        )
    assert snapshot(vault_dir) == before


@pytest.mark.parametrize(
    ("args", "code", "message", "hint"),
    [
        (["--date", "14/03/2026"], 2, "is not a date", "YYYY-MM-DD"),
        (["--protect", "  "], 2, "empty term", "name or place"),
        (["--attach", "missing.m4a"], 1, "missing.m4a", ""),  # wording: the readers
    ],
)
def test_bad_options_are_refused(
    cli: CLI, vault_dir: Path, tmp_path: Path, args: list[str], code: int, message: str, hint: str
) -> None:
    before = snapshot(vault_dir)
    result = cli("intake", "add", _transcript(tmp_path), "--vault", vault_dir, *args)
    assert_refused(result, code=code, message=message, hint=hint)
    assert snapshot(vault_dir) == before


def test_not_a_vault(cli: CLI, tmp_path: Path) -> None:
    result = cli("intake", "add", _transcript(tmp_path), "--vault", tmp_path)
    assert_refused(result, message="not a testimony vault", hint="vault init")


def test_unknown_record(cli: CLI, vault_dir: Path, alice: Person) -> None:
    result = cli(
        "intake",
        "show",
        "aaaaaaaaaaaaaaaaaaaa",
        "--vault",
        vault_dir,
        "--identity",
        alice.key_file,
        env=UNLOCK,
    )
    assert_refused(result, message="no record 'aaaaaaaaaaaaaaaaaaaa'", hint="intake list")


def test_usage_error_exits_2(cli: CLI) -> None:
    result = cli("intake", "add")
    assert result.code == 2 and "Traceback" not in result.err


def test_attachment_round_trip_through_the_cli(
    cli: CLI, vault_dir: Path, tmp_path: Path, alice: Person
) -> None:
    audio = tmp_path / "audio.m4a"
    audio.write_bytes(bytes(range(256)) * 400)
    added = cli("intake", "add", _transcript(tmp_path), "--vault", vault_dir, "--attach", audio)
    assert added.code == 0, added.err
    sink = io.BytesIO()
    Vault.open(vault_dir).open_attachment(added.out.strip(), 1, alice.identity, sink)
    assert sink.getvalue() == audio.read_bytes()


@pytest.mark.parametrize("package", ["keys", "intake", "redact"])
def test_each_package_runs_as_a_module(package: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", package, "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "Usage:" in done.stdout
