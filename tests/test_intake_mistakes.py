"""Intake mistakes that refuse nothing but are said: a protected term missing from the text, the
same file taken in twice (found without decrypting anything)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from intake import custody, duplicates
from intake.batch import add_files, term_absent
from intake.record import Metadata
from intake.vault import Vault
from tests.conftest import CLI, NOW, Person

FULL_WIDTH_MIREU = "\uff2d\uff49\uff52\uff45\uff55"
TEXT = (
    f"Q: Who came?\nA: Tae-seon Yuk and her cousin, from Ŏnsŏng-gun. Then {FULL_WIDTH_MIREU} Dal.\n"
)


@pytest.mark.parametrize(
    ("term", "absent"),
    [
        ("Tae-seon Yuk", False),
        ("TAESEON YUK", False),  # case, hyphen and space
        ("tae seon", False),
        ("Onsong-gun", False),  # breves folded
        ("ONSŎNG", False),
        ("Mireu Dal", False),  # full-width letters folded
        ("Yuk Tae-seon", True),  # another order is another string
        ("Taesun", True),  # romanisation variants belong to redact
        ("Hwa-yong Pae", True),
    ],
)
def test_term_absent_ignores_case_accents_and_separators(term: str, absent: bool) -> None:
    assert term_absent(TEXT, [term]) == ([1] if absent else [])


def _source(tmp_path: Path, name: str, text: str = TEXT) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _add(
    vault: Vault, paths: list[Path], terms: tuple[str, ...] = ()
) -> tuple[list[str], list[str]]:
    warnings: list[str] = []
    added = add_files(vault.root, paths, Metadata(), terms, [], NOW, warnings.append)
    return [r.id for r in added], warnings


def test_a_missing_protected_term_is_warned_without_naming_it(vault: Vault, tmp_path: Path) -> None:
    terms = ("Tae-seon Yuk", "Hwa-yong Pae", "onsong")
    ids, warnings = _add(vault, [_source(tmp_path, "t.txt")], terms)
    assert len(ids) == 1 and len(warnings) == 1, warnings
    assert "t.txt: the 2nd --protect term does not occur" in warnings[0]
    assert "Hwa" not in warnings[0] and "Pae" not in warnings[0]


def test_the_same_file_twice_is_warned_naming_the_earlier_record(
    vault: Vault, tmp_path: Path
) -> None:
    (first,), none = _add(vault, [_source(tmp_path, "a.txt")])
    assert none == []
    (second,), warnings = _add(vault, [_source(tmp_path, "copy.txt")])
    assert second != first and len(warnings) == 1
    assert f"copy.txt: the same file was taken in before, as record {first}" in warnings[0]
    other = _source(tmp_path, "other.txt", TEXT + "A: one more line.\n")
    assert _add(vault, [other])[1] == []
    assert custody.verify(vault, None).ok, custody.verify(vault, None).errors


def test_the_same_file_twice_in_one_batch(vault: Vault, tmp_path: Path) -> None:
    ids, warnings = _add(vault, [_source(tmp_path, "a.txt"), _source(tmp_path, "b.txt")])
    assert len(ids) == 2
    assert warnings == [
        f"b.txt: the same file was taken in before, as record {ids[0]}; if by mistake, "
        f"withdraw one: testimony intake withdraw RECORD --vault {vault.root}"
    ]


def test_the_mac_is_keyed_per_vault_and_is_not_the_files_hash(
    vault: Vault, alice: Person, tmp_path: Path
) -> None:
    other = Vault.init(tmp_path / "other", [alice.identity.recipient], NOW, alice.identity)
    source = _source(tmp_path, "a.txt")
    (here,), _ = _add(vault, [source])
    (there,), _ = _add(other, [source])
    mac_here = (vault.record_dir(here) / duplicates.MAC_NAME).read_text().strip()
    mac_there = (other.record_dir(there) / duplicates.MAC_NAME).read_text().strip()
    assert mac_here != mac_there, "the same file must not link two vaults"
    assert hashlib.sha256(source.read_bytes()).hexdigest() not in {mac_here, mac_there}
    assert duplicates.earlier(other.root, source.read_bytes()) == [there]


def test_a_changed_mac_file_is_reported_by_audit_verify(vault: Vault, tmp_path: Path) -> None:
    (record_id,), _ = _add(vault, [_source(tmp_path, "a.txt")])
    (vault.record_dir(record_id) / duplicates.MAC_NAME).write_text("0" * 64 + "\n")
    errors = custody.verify(vault, None).errors
    assert any(f"record {record_id}: source.mac differs" in e for e in errors), errors


def test_the_cli_prints_the_warnings_and_still_adds(cli: CLI, vault: Vault, tmp_path: Path) -> None:
    source = _source(tmp_path, "a.txt")
    first = cli("intake", "add", source, "--vault", vault.root, "--protect", "Nobody Here")
    assert first.code == 0, first.err
    assert "testimony: warning: a.txt: the 1st --protect term does not occur" in first.err
    again = cli("intake", "add", source, "--vault", vault.root)
    assert again.code == 0 and len(vault.record_ids()) == 2
    assert "testimony: warning: a.txt: the same file was taken in before, as record " in again.err
    assert first.out.strip() in again.err
