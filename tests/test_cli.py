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
    as_json = cli("intake", "list", "--vault", vault_dir, "--json")
    assert as_json.code == 0, as_json.err
    assert [json.loads(line) for line in as_json.out.splitlines()] == [{"id": record_id}]
    for ref in (record_id, record_id[:6], "NK-7"):  # a code needs the key to read the listing
        assert_refused(
            cli("intake", "show", ref, "--vault", vault_dir),
            message="needs your identity",
            hint="--identity FILE",
        )


def _added(cli: CLI, vault_dir: Path, tmp_path: Path, code: str, date: str) -> str:
    source = tmp_path / f"{code}.txt"
    source.write_text(f"A: the interview {code} took place.\n", encoding="utf-8")
    added = cli("intake", "add", source, "--vault", vault_dir, "--code", code, "--date", date)
    assert added.code == 0, added.err
    return added.out.strip()


def test_records_are_listed_by_code_and_shown_by_code_or_prefix(
    cli: CLI, vault_dir: Path, tmp_path: Path, alice: Person
) -> None:
    later = _added(cli, vault_dir, tmp_path, "NK-2026-010", "2026-01-02")
    early = _added(cli, vault_dir, tmp_path, "NK-2026-9", "2026-05-06")
    env = {**UNLOCK, "TESTIMONY_IDENTITY": str(alice.key_file)}
    listed = cli("intake", "list", "--vault", vault_dir, env=env)
    assert listed.code == 0, listed.err
    assert [line.split()[0] for line in listed.out.splitlines()] == ["NK-2026-9", "NK-2026-010"]
    assert [line.split()[2] for line in listed.out.splitlines()] == [early, later]
    by_code = cli("intake", "show", "nk-2026-010", "--vault", vault_dir, env=env)
    assert by_code.code == 0 and "NK-2026-010 took place" in by_code.out, by_code.err
    by_prefix = cli("intake", "show", early[:5], "--vault", vault_dir, env=env)
    assert by_prefix.code == 0 and "NK-2026-9 took place" in by_prefix.out, by_prefix.err
    assert_refused(
        cli("intake", "show", "NK-2026-011", "--vault", vault_dir, env=env),
        message="no record 'NK-2026-011'",
        hint="interview code",
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


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (["intake", "add"], "missing argument 'FILES...'", "testimony intake add --help"),
        (["intake", "list", "--colour"], "no such option '--colour'", "testimony intake list"),
        (["vault", "shwo"], "no such command 'shwo'", "testimony vault --help"),
        (["audit", "verify", "--vault"], "requires an argument", "--help"),
    ],
)
def test_clicks_usage_errors_go_through_the_error_tree(
    cli: CLI, args: list[str], message: str, hint: str
) -> None:
    result = cli(*args)
    assert_refused(result, code=2, message=message, hint=hint)
    assert "Usage:" not in result.err and "Error:" not in result.err


def test_a_group_without_a_command_still_shows_its_help(cli: CLI) -> None:
    result = cli("intake")
    assert "Usage:" in result.out + result.err and "Traceback" not in result.err


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


def test_vault_show_and_audit_verify_as_json(
    cli: CLI, vault_dir: Path, tmp_path: Path, alice: Person
) -> None:
    record_id = _added(cli, vault_dir, tmp_path, "NK-3", "2026-02-03")
    shown = cli("vault", "show", "--vault", vault_dir, "--json")  # no identity needed
    assert shown.code == 0, shown.err
    body = json.loads(shown.out)
    me = {"name": "Alice Reviewer", "fingerprint": alice.identity.recipient.fingerprint}
    assert body["admin"] == me and body["signed"] is True
    assert body["recipients"] == [{**me, "admin": True}]
    assert body["records"] == 1 and body["settings"] == {"organisation": None, "citation": None}
    verified = cli("audit", "verify", "--vault", vault_dir, "--json")
    assert verified.code == 0, verified.err
    verdict = json.loads(verified.out)
    assert verdict["ok"] is True and verdict["errors"] == [] and verdict["records"] == 1
    assert verdict["head"] == body["audit_head"] and verdict["content_checked"] is False
    assert verdict["entries"] == int(body["audit_head"].split(":")[0]) == 2
    (vault_dir / "records" / record_id / "index.age").write_bytes(b"changed")
    broken = cli("audit", "verify", "--vault", vault_dir, "--json")
    assert broken.code == 1 and "testimony: error: " in broken.err
    failed = json.loads(broken.out)
    assert failed["ok"] is False and any("index.age differs" in e for e in failed["errors"])


def _in_a_terminal(args: list[str], answer: str, env: dict[str, str]) -> tuple[int, str]:
    """Run the CLI with a terminal as stdin (confirmation prompts need one), answering once."""
    import os
    import pty

    leader, follower = pty.openpty()
    os.write(leader, answer.encode())  # waits in the terminal until the prompt reads it
    done = subprocess.run(
        [sys.executable, "-m", "redact", *args],
        stdin=follower,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    os.close(leader)
    os.close(follower)
    return done.returncode, done.stdout + done.stderr


def test_withdraw_asks_with_code_and_date_and_no_changes_nothing(
    vault_dir: Path, tmp_path: Path, alice: Person, cli: CLI, cli_env: dict[str, str]
) -> None:
    record_id = _added(cli, vault_dir, tmp_path, "NK-2026-004", "2026-03-01")
    env = {**cli_env, **UNLOCK, "TESTIMONY_IDENTITY": str(alice.key_file)}
    before = snapshot(vault_dir)
    code, printed = _in_a_terminal(
        ["intake", "withdraw", "nk-2026-004", "--vault", str(vault_dir)], "n\n", env
    )
    assert code == 0, printed
    assert f"Delete NK-2026-004 of 2026-03-01 (record {record_id})" in printed
    assert "nothing changed" in printed and "error" not in printed
    assert snapshot(vault_dir) == before
    gone = cli("intake", "withdraw", record_id[:6], "--vault", vault_dir, "--yes", env=env)
    assert gone.code == 0 and "withdrew NK-2026-004 of 2026-03-01" in gone.err, gone.err
    assert Vault.open(vault_dir).record_ids() == []
