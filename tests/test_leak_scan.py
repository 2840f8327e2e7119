"""After taking in every sample, nothing identifying is readable in the vault or the temp dir."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CLI, SAMPLES, Person, admin_options

MIN_BYTES = 6  # shorter strings occur by chance in ciphertext; "Ri" proves nothing either way


def _identifying_strings() -> set[str]:
    strings: set[str] = set()
    for gold_path in SAMPLES.glob("*.gold.json"):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        strings.update(span["text"] for span in gold["spans"])
        strings.update(gold["protect"])
        strings.add(gold["metadata"]["interviewer"])
    return {s for s in strings if len(s.encode()) >= MIN_BYTES}


def _needles(strings: set[str]) -> dict[bytes, str]:
    needles = {}
    for text in strings:
        for variant in {text, text.upper(), text.lower()}:
            needles[variant.encode("utf-8")] = text
            needles[variant.encode("utf-16-le")] = text
    return needles


def test_vault_and_temp_dir_hold_no_identifying_string(
    cli: CLI, tmp_path: Path, alice: Person, cli_env: dict[str, str]
) -> None:
    vault_dir = tmp_path / "vault"
    assert (
        cli("vault", "init", vault_dir, "--recipient", alice.card_file, *admin_options(alice)).code
        == 0
    )
    golds = sorted(SAMPLES.glob("*.gold.json"))
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        meta = gold["metadata"]
        protect = [arg for term in gold["protect"] for arg in ("--protect", term)]
        result = cli(
            "intake",
            "add",
            SAMPLES / gold["file"],
            "--vault",
            vault_dir,
            "--code",
            meta["code"],
            "--date",
            meta["date"],
            "--place",
            meta["place"],
            "--interviewer",
            meta["interviewer"],
            "--language",
            meta["language"],
            "--consent",
            meta["consent"],
            *protect,
        )
        assert result.code == 0, result.err
    strings = _identifying_strings()
    assert len(strings) > 100
    needles = _needles(strings)
    temp_dir = Path(cli_env["TMPDIR"])
    scanned = 0
    for folder in (vault_dir, temp_dir):
        for path in folder.rglob("*"):
            name = str(path.relative_to(folder))
            assert not any(s.lower() in name.lower() for s in strings), (
                f"identifying file name {name}"
            )
            if path.is_file():
                data = path.read_bytes()
                scanned += 1
                hits = sorted({text for needle, text in needles.items() if needle in data})
                assert not hits, f"{path} holds {len(hits)} identifying strings"
    assert scanned >= 2 * len(golds) + 2
