"""Vault settings: kept in the vault, signed by the pinned admin, never silently changeable."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from intake import custody, settings
from intake.settings import SETTINGS_NAME, VaultSettings
from intake.vault import Vault
from keys.errors import UsageError, VaultError
from tests.conftest import CLI, NOW, PASSPHRASE, Person, assert_refused, snapshot

UNLOCK = {"TESTIMONY_PASSPHRASE": PASSPHRASE}


def test_a_new_vault_has_no_settings(vault: Vault) -> None:
    assert settings.load(vault) == VaultSettings(None, None)


def test_saved_settings_load_and_verify(vault: Vault, alice: Person) -> None:
    saved = settings.save(vault, alice.identity, NOW, organisation="Harbour Rights Group")
    assert saved == VaultSettings("Harbour Rights Group", None)
    later = NOW + timedelta(minutes=1)
    both = settings.save(vault, alice.identity, later, citation="{speaker}, {code}, {month}")
    assert both == VaultSettings("Harbour Rights Group", "{speaker}, {code}, {month}")
    assert settings.load(vault) == both
    cleared = settings.save(vault, alice.identity, later, organisation="")
    assert cleared == VaultSettings(None, "{speaker}, {code}, {month}")
    assert settings.load(Vault.open(vault.root)) == cleared
    verdict = custody.verify(vault, None)
    assert verdict.ok, verdict.errors


def test_only_the_pinned_admin_can_change_them(vault: Vault, mallory: Person) -> None:
    before = snapshot(vault.root)
    with pytest.raises(VaultError, match="needs the admin identity"):
        settings.save(vault, mallory.identity, NOW, organisation="Someone Else")
    assert snapshot(vault.root) == before


@pytest.mark.parametrize("value", ["two\nlines", "bell\x07", "x" * 501])
def test_a_setting_must_be_one_printable_line(vault: Vault, alice: Person, value: str) -> None:
    with pytest.raises(UsageError, match="one line of printable text"):
        settings.save(vault, alice.identity, NOW, organisation=value)
    assert not (vault.root / SETTINGS_NAME).exists()


def _edit(path: Path, organisation: str) -> None:
    body = json.loads(path.read_text())
    body["settings"]["organisation"] = organisation
    path.write_text(json.dumps(body, sort_keys=True, indent=1) + "\n")


def test_an_edited_file_is_refused_and_reported(vault: Vault, alice: Person) -> None:
    settings.save(vault, alice.identity, NOW, organisation="Harbour Rights Group")
    _edit(vault.root / SETTINGS_NAME, "A Forged Name")
    with pytest.raises(VaultError, match="not signed by the pinned admin"):
        settings.load(vault)
    verdict = custody.verify(vault, None)
    assert any(SETTINGS_NAME in e for e in verdict.errors), verdict.errors


def test_an_older_signed_copy_put_back_is_refused(vault: Vault, alice: Person) -> None:
    path = vault.root / SETTINGS_NAME
    settings.save(vault, alice.identity, NOW, organisation="First Name Group")
    old = path.read_bytes()
    settings.save(vault, alice.identity, NOW, organisation="Second Name Group")
    path.write_bytes(old)
    with pytest.raises(VaultError, match="not the one last logged"):
        settings.load(vault)


def test_a_deleted_file_is_refused(vault: Vault, alice: Person) -> None:
    settings.save(vault, alice.identity, NOW, organisation="Harbour Rights Group")
    (vault.root / SETTINGS_NAME).unlink()
    with pytest.raises(VaultError, match="missing, though the audit log holds them"):
        settings.load(vault)
    assert not custody.verify(vault, None).ok


def test_a_file_slipped_in_without_an_entry_is_refused(
    vault: Vault, alice: Person, tmp_path: Path
) -> None:
    """Signed by the admin, but for another vault: this vault's log never named it."""
    other = Vault.init(tmp_path / "other", [alice.identity.recipient], NOW, alice.identity)
    settings.save(other, alice.identity, NOW, organisation="Other Vault Group")
    (vault.root / SETTINGS_NAME).write_bytes((other.root / SETTINGS_NAME).read_bytes())
    with pytest.raises(VaultError, match="not the one last logged"):
        settings.load(vault)
    assert any("not in the audit log" in e for e in custody.verify(vault, None).errors)


def test_the_cli_shows_and_changes_them(cli: CLI, vault: Vault, alice: Person) -> None:
    shown = cli("vault", "settings", "--vault", vault.root, "--json")
    assert shown.code == 0, shown.err
    assert json.loads(shown.out) == {"organisation": None, "citation": None}
    changed = cli(
        "vault",
        "settings",
        "--vault",
        vault.root,
        "--organisation",
        "Harbour Rights Group",
        "--identity",
        alice.key_file,
        env=UNLOCK,
    )
    assert changed.code == 0, changed.err
    assert "organisation: Harbour Rights Group" in changed.out
    assert settings.load(vault).organisation == "Harbour Rights Group"
    refused = cli("vault", "settings", "--vault", vault.root, "--citation", "{code}")
    assert_refused(refused, message="needs your identity", hint="--identity")
