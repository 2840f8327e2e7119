"""`testimony redact` end to end: preview's JSON contract, run over a vault, offline, refusals."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from intake.vault import Vault
from redact.link.pseudonyms import PseudonymTable
from redact.plan import redaction_log
from tests.conftest import CLI, PASSPHRASE, SAMPLES, Person, admin_options, assert_refused, snapshot

TEXT = (
    "Q: What is your name?\n"
    "A: Kim Bo-ram. Everyone called me Bo-ram-ssi. I was born in Sinjon-ri near Hoeryŏng.\n"
    "A: The broker Choe Myong-ok took 8,000 yuan. Her WeChat was hanna_0917.\n"
    "A: In China, Kim Jong-un's face was on no wall.\n"
)


@pytest.fixture
def transcript(tmp_path: Path) -> Path:
    path = tmp_path / "t.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_preview_json_contract(cli: CLI, transcript: Path) -> None:
    result = cli("redact", "preview", transcript, "--protect", "Kim Bo-ram", "--json")
    assert result.code == 0, result.err
    (line,) = result.out.splitlines()
    body = json.loads(line)
    assert body["file"] == str(transcript)
    for span in body["spans"]:
        assert set(span) == {
            "start",
            "end",
            "text",
            "label",
            "action",
            "replacement",
            "score",
            "recognizer",
        }
        assert TEXT[span["start"] : span["end"]] == span["text"]
    by_text = {s["text"]: s for s in body["spans"]}
    assert by_text["Kim Bo-ram"]["recognizer"] == "protected-term"
    assert by_text["Bo-ram-ssi"]["replacement"] == by_text["Kim Bo-ram"]["replacement"]
    assert by_text["Sinjon-ri"]["label"] == "LOCATION"
    assert by_text["hanna_0917"]["label"] == "WECHAT"
    assert by_text["China"]["action"] == "keep"
    redacted = body["redacted"]
    for secret in ("Kim Bo-ram", "Bo-ram", "Sinjon-ri", "Choe Myong-ok", "hanna_0917"):
        assert secret not in redacted
    assert "Kim Jong-un" in redacted  # a public figure, allow-listed by the default policy


def test_preview_one_line_per_file(cli: CLI, transcript: Path) -> None:
    sample = SAMPLES / "03-broker-yanji.srt"
    result = cli("redact", "preview", transcript, sample, "--json")
    assert [json.loads(line)["file"] for line in result.out.splitlines()] == [
        str(transcript),
        str(sample),
    ]


def test_preview_refusals(cli: CLI, tmp_path: Path, transcript: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF")
    assert_refused(
        cli("redact", "preview", transcript, bad), message="unsupported format", hint="supported"
    )
    policy = tmp_path / "p.toml"
    policy.write_text('[actions]\nPERSON = "erase"\n')
    assert_refused(
        cli("redact", "preview", transcript, "--policy", policy),
        message="is not an action",
        hint="pseudonymise",
    )


def test_run_writes_logs_and_one_table(
    cli: CLI, tmp_path: Path, alice: Person, transcript: Path
) -> None:
    vault_dir = tmp_path / "vault"
    assert (
        cli("vault", "init", vault_dir, "--recipient", alice.card_file, *admin_options(alice)).code
        == 0
    )
    first = cli("intake", "add", transcript, "--vault", vault_dir, "--protect", "Kim Bo-ram")
    second = cli("intake", "add", SAMPLES / "05-shuangquan-wives.txt", "--vault", vault_dir)
    ids = [first.out.strip(), second.out.strip()]
    env = {"TESTIMONY_PASSPHRASE": PASSPHRASE, "TESTIMONY_IDENTITY": str(alice.key_file)}
    assert_refused(
        cli("redact", "run", "--vault", vault_dir, env=env),
        code=2,
        message="give record ids or --all",
        hint="--all",
    )
    result = cli("redact", "run", "--vault", vault_dir, "--all", "--jobs", "2", env=env)
    assert result.code == 0, result.err
    assert sorted(line.split()[0] for line in result.out.splitlines()) == sorted(ids)
    # from a script (no terminal) long work says what it is doing, on stderr
    said = result.err.splitlines()
    assert said[0] == "loading the model" and "analysing: 2/2 records" in said
    assert said[-1] == "linking and saving"
    by_prefix = cli("redact", "run", "--vault", vault_dir, ids[1][:8], "--json", env=env)
    assert by_prefix.code == 0, by_prefix.err
    (line,) = by_prefix.out.splitlines()
    shape = json.loads(line)
    assert shape["record"] == ids[1] and shape["code"] == "" and shape["spans"] > 0
    assert sum(shape["labels"].values()) == shape["spans"]
    shown = cli("redact", "show", ids[0][:6], "--vault", vault_dir, "--json", env=env)
    assert shown.code == 0, shown.err
    body = json.loads(shown.out)
    assert body["record"] == ids[0] and "Kim Bo-ram" not in body["redacted"]
    assert {"text", "label", "reasons", "shown_as"} <= set(body["spans"][0])
    vault = Vault.open(vault_dir)
    logs = {i: redaction_log.load(vault, i, alice.identity) for i in ids}
    table = PseudonymTable.from_json(vault.read_document(None, "pseudonyms", alice.identity))
    kim = next(s for s in logs[ids[0]].spans if s.text == "Kim Bo-ram")
    assert kim.status == "proposed" and kim.replacement == table.pseudonym(kim.entity)
    holders = [i for i in ids if any(s.entity == kim.entity for s in logs[i].spans)]
    assert holders == ids, "the same person is found in both records"
    both = [s for i in ids for s in logs[i].spans if s.entity == kim.entity]
    assert {s.replacement for s in both} == {kim.replacement}
    before = snapshot(vault_dir)
    again = cli("redact", "run", "--vault", vault_dir, ids[0], env=env)
    assert again.code == 0
    after = PseudonymTable.from_json(vault.read_document(None, "pseudonyms", alice.identity))
    assert after.pseudonym(kim.entity) == kim.replacement, "stable across runs"
    assert set(snapshot(vault_dir)) == set(before)


def test_run_needs_the_identity(cli: CLI, tmp_path: Path, alice: Person, transcript: Path) -> None:
    vault_dir = tmp_path / "vault"
    cli("vault", "init", vault_dir, "--recipient", alice.card_file, *admin_options(alice))
    cli("intake", "add", transcript, "--vault", vault_dir)
    before = snapshot(vault_dir)
    assert_refused(
        cli("redact", "run", "--vault", vault_dir, "--all"),
        message="needs your identity",
        hint="--identity",
    )
    assert_refused(
        cli("redact", "run", "--vault", vault_dir, "abcdefghijklmnopqrst"),
        message="no record",
        hint="intake list",
    )
    assert snapshot(vault_dir) == before


OFFLINE = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("network use is forbidden in this test")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from redact.detect import engine
found = engine.detect_many([sys.argv[1]])[0]
print(sorted({f.label for f in found}))
"""


def test_detection_is_offline_and_leaves_no_cache(tmp_path: Path, cli_env: dict[str, str]) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {**cli_env, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    text = "Mail bo.ram@example.org or see https://example.org/x. Kim Bo-ram lives in Yanji."
    done = subprocess.run(
        [sys.executable, "-c", OFFLINE, text],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "EMAIL" in done.stdout and "PERSON" in done.stdout
    assert list(home.rglob("*")) == [], "nothing may be cached on disk"
    assert list(Path(cli_env["TMPDIR"]).rglob("*")) == []
