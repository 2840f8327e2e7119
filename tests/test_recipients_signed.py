"""The signed recipient set: the field laptop encrypts only to cards the pinned admin signed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from intake import audit, custody, lifecycle
from intake import recipients as signed_recipients
from intake.vault import MARKER, MARKER_TEXT, Vault
from keys import card, identity, sealing
from keys.errors import DecryptionError, VaultError
from tests.conftest import CLI, NOW, PASSPHRASE, Person, assert_refused, snapshot
from tests.test_custody import _add

AGE = shutil.which("age")


def _plant(vault: Vault, person: Person) -> Path:
    """What anyone who can write to the folder can do: drop a card in."""
    path = vault.root / "recipients" / f"{person.identity.recipient.fingerprint}.card"
    path.write_text(card.to_text(person.identity.recipient))
    return path


def _transcript(tmp_path: Path) -> Path:
    source = tmp_path / "t.txt"
    source.write_text("A: I crossed the river at night.\n")
    return source


def _opens(path: Path, person: Person) -> bool:
    try:
        sealing.open(path.read_bytes(), [person.identity], path.name)
    except DecryptionError:
        return False
    return True


def test_a_planted_card_is_refused_by_intake_add(
    cli: CLI, vault: Vault, mallory: Person, tmp_path: Path
) -> None:
    _add(vault, "A: one\n")
    planted = _plant(vault, mallory)
    before = snapshot(vault.root)
    result = cli("intake", "add", _transcript(tmp_path), "--vault", vault.root)
    assert_refused(result, message=str(planted), hint="vault add-recipient")
    assert "not in the admin-signed recipient set" in result.err
    assert snapshot(vault.root) == before, "nothing written"
    with pytest.raises(VaultError, match="not in the admin-signed"):  # the API refuses too
        _add(vault, "A: two\n")
    with pytest.raises(VaultError, match="not in the admin-signed"):
        vault.write_document(None, "pseudonyms", {"entries": {}})
    assert snapshot(vault.root) == before


def test_a_set_signed_by_another_key_is_refused(vault: Vault, mallory: Person) -> None:
    """The attacker re-signs the set with their own key: the pin does not match."""
    _plant(vault, mallory)
    cards = signed_recipients.cards_on_disk(vault.root)
    forged = signed_recipients.signed_set(mallory.identity, cards, 2)
    (vault.root / "recipients.sig").write_bytes(forged)
    with pytest.raises(VaultError, match="not signed by the pinned admin"):
        _add(vault, "A: one\n")
    # and replacing the pin as well is caught against the audit log
    pin = signed_recipients.pin_text(mallory.identity.recipient)
    (vault.root / "admin.pin").write_text(pin)
    with pytest.raises(VaultError, match=r"admin\.pin: is not the one last logged"):
        _add(vault, "A: one\n")
    assert not custody.verify(vault, None).ok


def test_add_recipient_rewrap_and_remove_still_work(
    tmp_path: Path, vault: Vault, alice: Person, mallory: Person
) -> None:
    """The legitimate flow; the stock age command decrypts with the new recipient's key."""
    first = _add(vault, "A: before the new reviewer\n")
    lifecycle.add_recipient(vault, mallory.identity.recipient, alice.identity, NOW)
    set_with_her = (vault.root / "recipients.sig").read_bytes()  # validly signed, later stale
    second = _add(vault, "A: after the new reviewer\n")
    assert _opens(vault.record_dir(second) / "record.age", mallory)
    assert not _opens(vault.record_dir(first) / "record.age", mallory)
    lifecycle.rewrap(vault, alice.identity, NOW)
    assert _opens(vault.record_dir(first) / "record.age", mallory)
    assert AGE is not None, "the stock age command is missing: run the README's test command"
    key = tmp_path / "mallory.txt"
    key.write_text(mallory.identity.age_secret + "\n")
    done = subprocess.run(
        [AGE, "-d", "-i", str(key), str(vault.record_dir(first) / "record.age")],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0 and b"before the new reviewer" in done.stdout
    verdict = custody.verify(vault, alice.identity)
    assert verdict.ok, verdict.errors
    lifecycle.remove_recipient(vault, mallory.identity.recipient.fingerprint, alice.identity, NOW)
    third = _add(vault, "A: after she left\n")
    assert not _opens(vault.record_dir(third) / "record.age", mallory)
    assert custody.verify(vault, None).ok
    # her old card is still in the folder (recipients/former/): putting it back, with the
    # older signed set that named her, is refused
    former = vault.root / "recipients" / "former" / f"{mallory.identity.recipient.fingerprint}.card"
    shutil.copyfile(former, vault.root / "recipients" / former.name)
    (vault.root / "recipients.sig").write_bytes(set_with_her)
    with pytest.raises(VaultError, match=r"recipients\.sig: is not the one last logged"):
        _add(vault, "A: one more\n")


def test_only_the_admin_changes_the_set(tmp_path: Path, alice: Person, mallory: Person) -> None:
    vault = Vault.init(
        tmp_path / "v", [alice.identity.recipient, mallory.identity.recipient], NOW, alice.identity
    )
    newcomer = identity.generate("New Reviewer", NOW)
    before = snapshot(vault.root)
    with pytest.raises(VaultError, match="needs the admin identity"):
        lifecycle.add_recipient(vault, newcomer.recipient, mallory.identity, NOW)
    with pytest.raises(VaultError, match="needs the admin identity"):
        lifecycle.remove_recipient(
            vault, alice.identity.recipient.fingerprint, mallory.identity, NOW
        )
    assert snapshot(vault.root) == before
    with pytest.raises(VaultError, match="not among the recipients"):
        Vault.init(tmp_path / "w", [alice.identity.recipient], NOW, mallory.identity)


def _old_vault(root: Path, people: list[Person]) -> Vault:
    """A vault as testimony made it before signed recipients: cards, an unsigned init."""
    (root / "records").mkdir(parents=True)
    (root / "recipients").mkdir()
    for person in people:
        recipient = person.identity.recipient
        (root / "recipients" / f"{recipient.fingerprint}.card").write_text(card.to_text(recipient))
    audit.append_locked(root, "init", NOW, None, None, signed_recipients.cards_on_disk(root))
    (root / MARKER).write_text(MARKER_TEXT)
    return Vault.open(root)


def test_an_old_vault_is_refused_until_the_admin_signs_it(
    cli: CLI, tmp_path: Path, alice: Person, mallory: Person
) -> None:
    vault = _old_vault(tmp_path / "old", [alice])
    before = snapshot(vault.root)
    assert_refused(
        cli("intake", "add", _transcript(tmp_path), "--vault", vault.root),
        message="the recipient set is not signed",
        hint="testimony vault pin",
    )
    assert snapshot(vault.root) == before
    verdict = custody.verify(vault, None)
    assert verdict.ok and any("vault pin" in w for w in verdict.warnings)
    planted = _plant(vault, mallory)  # a card slipped in before the set was signed
    with pytest.raises(VaultError, match="refusing to sign the recipient set"):
        lifecycle.pin_vault(vault, alice.identity, NOW)
    planted.unlink()
    env = {"TESTIMONY_PASSPHRASE": PASSPHRASE, "TESTIMONY_IDENTITY": str(alice.key_file)}
    pinned = cli("vault", "pin", "--vault", vault.root, env=env)
    assert pinned.code == 0, pinned.err
    added = cli("intake", "add", _transcript(tmp_path), "--vault", vault.root)
    assert added.code == 0, added.err
    verdict = custody.verify(vault, alice.identity)
    assert verdict.ok and not any("vault pin" in w for w in verdict.warnings), verdict.errors
    assert_refused(
        cli("vault", "pin", "--vault", vault.root, env=env),
        message="already signed",
        hint="add-recipient",
    )


def test_the_admin_fingerprint_given_out_of_band_catches_a_swapped_vault(
    cli: CLI, tmp_path: Path, alice: Person, mallory: Person
) -> None:
    """Pin, signed set and log all replaced consistently (a whole vault made by someone else)
    pass the in-vault checks; the fingerprint the admin handed the interviewer does not."""
    alice_fp = alice.identity.recipient.fingerprint
    genuine = Vault.init(tmp_path / "genuine", [alice.identity.recipient], NOW, alice.identity)
    ok = cli("intake", "add", _transcript(tmp_path), "--vault", genuine.root, "--admin", alice_fp)
    assert ok.code == 0, ok.err
    swapped = Vault.init(tmp_path / "swapped", [mallory.identity.recipient], NOW, mallory.identity)
    before = snapshot(swapped.root)
    refused = cli(
        "intake",
        "add",
        _transcript(tmp_path),
        "--vault",
        swapped.root,
        env={"TESTIMONY_ADMIN": alice_fp.lower()},
    )
    assert_refused(refused, message=f"not {alice_fp}", hint="ask your admin")
    assert snapshot(swapped.root) == before
