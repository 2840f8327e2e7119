"""Reviewers joining and leaving, re-encryption to the current recipients, consent withdrawal.

Every change is logged (signed) in the audit log. Re-encryption never puts plaintext on disk:
small files are re-sealed in memory, large ones streamed through a pipe between two threads.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from intake import recipients as signed_recipients
from intake.custody import FORMER, REWRAP_STATE
from intake.recipients import PIN_NAME, SET_NAME
from intake.storage import TEMP_PREFIX, atomic_write, fsync_dir
from intake.vault import Vault
from keys import card, sealing
from keys.errors import UsageError, VaultError
from keys.identity import Identity, Recipient

STREAM_ABOVE = 16 * 1024 * 1024


def add_recipient(vault: Vault, recipient: Recipient, identity: Identity, now: datetime) -> bool:
    """Add a card to the signed set (signed by the pinned admin). The entry is logged first,
    so a crash leaves files that differ from it (named by `audit verify`); run it again.
    False, changing nothing, when the card is already in the set (asking twice is no error)."""
    root = vault.root
    path = root / "recipients" / f"{recipient.fingerprint}.card"
    with vault.lock():
        pin, seq = signed_recipients.require_admin(root, identity)
        _, signed = signed_recipients.read_set(root, pin)
        if path.name in signed:
            return False
        text = card.to_text(recipient).encode()
        cards = {**signed, path.name: hashlib.sha256(text).hexdigest()}
        new_set = signed_recipients.signed_set(identity, cards, seq + 1)
        files = {path.name: cards[path.name], SET_NAME: hashlib.sha256(new_set).hexdigest()}
        vault.log("add-recipient", now, identity, None, files, locked_already=True)
        atomic_write(path, text, 0o644)
        atomic_write(root / SET_NAME, new_set, 0o644)
    return True


def remove_recipient(vault: Vault, fingerprint: str, identity: Identity, now: datetime) -> None:
    root = vault.root
    path = root / "recipients" / f"{fingerprint.upper()}.card"
    with vault.lock():
        pin, seq = signed_recipients.require_admin(root, identity)
        _, signed = signed_recipients.read_set(root, pin)
        if path.name not in signed:
            raise VaultError(
                f"{fingerprint} is not a recipient of this vault",
                f"list them with: ls {root / 'recipients'}",
            )
        if len(signed) == 1:
            raise VaultError(
                "refusing to remove the vault's last recipient",
                "add the new recipient first: testimony vault add-recipient CARD",
            )
        if path.stem.upper() == pin.fingerprint:
            raise VaultError(
                "refusing to remove the admin's own card (the pinned key signs the set)",
                "the admin stays a recipient of the vault",
            )
        cards = {name: digest for name, digest in signed.items() if name != path.name}
        new_set = signed_recipients.signed_set(identity, cards, seq + 1)
        files = {path.name: signed[path.name], SET_NAME: hashlib.sha256(new_set).hexdigest()}
        vault.log("remove-recipient", now, identity, None, files, locked_already=True)
        atomic_write(root / SET_NAME, new_set, 0o644)
        if path.exists():
            former = root / "recipients" / FORMER
            former.mkdir(exist_ok=True, mode=0o755)
            os.replace(path, former / path.name)  # kept: its old signatures must still verify
            fsync_dir(path.parent)


def pin_vault(vault: Vault, identity: Identity, now: datetime) -> int:
    """Pin ``identity`` as the admin of a vault made before signed recipients and sign its
    current set, once custody shows the cards are exactly those added through testimony."""
    from intake import custody

    root = vault.root
    with vault.lock():
        if (root / PIN_NAME).exists() or (root / SET_NAME).exists():
            raise VaultError(
                f"{root}: the recipient set is already signed",
                "change it with vault add-recipient / remove-recipient (as the admin)",
            )
        verdict = custody.verify(vault, None)
        if not verdict.ok:
            raise VaultError(
                f"refusing to sign the recipient set: {verdict.errors[0]}",
                f"see every problem with: testimony audit verify --vault {root}",
            )
        cards = signed_recipients.cards_on_disk(root)
        if f"{identity.recipient.fingerprint}.card" not in cards:
            raise VaultError(
                f"the admin identity ({identity.recipient.fingerprint}) is not a recipient",
                "sign with the identity of one of the vault's recipients",
            )
        pin = signed_recipients.pin_text(identity.recipient).encode()
        new_set = signed_recipients.signed_set(identity, cards, 1)
        files = {
            PIN_NAME: hashlib.sha256(pin).hexdigest(),
            SET_NAME: hashlib.sha256(new_set).hexdigest(),
        }
        vault.log("sign-recipients", now, identity, None, files, locked_already=True)
        atomic_write(root / PIN_NAME, pin, 0o644)
        atomic_write(root / SET_NAME, new_set, 0o644)
        return len(cards)


def _recipient_set(recipients: list[Recipient]) -> str:
    return hashlib.sha256("\n".join(sorted(r.fingerprint for r in recipients)).encode()).hexdigest()


def _load_state(path: Path, target: str) -> set[str]:
    try:
        state = json.loads(path.read_text())
    except (OSError, ValueError):
        return set()
    return set(state.get("done", [])) if state.get("recipients") == target else set()


def rewrap(
    vault: Vault,
    identity: Identity,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Re-encrypt every sealed file to the current recipients. Atomic per file; after an
    interruption, running it again resumes where it stopped. Returns the files re-sealed."""
    with vault.lock():
        recipients = vault.recipients()
        target = _recipient_set(recipients)
        state_path = vault.root / REWRAP_STATE
        done = _load_state(state_path, target)
        groups: list[tuple[str | None, Path]] = [
            (record_id, vault.record_dir(record_id)) for record_id in vault.record_ids()
        ]
        groups.append((None, vault.root))
        total = sum(len(list(folder.glob("*.age"))) for _, folder in groups)
        count = 0
        for record_id, folder in groups:
            for path in sorted(folder.glob("*.age")):
                name = str(path.relative_to(vault.root))
                if name not in done:
                    _reseal(path, identity, recipients)
                    done.add(name)
                    atomic_write(
                        state_path,
                        json.dumps({"recipients": target, "done": sorted(done)}).encode(),
                    )
                count += 1
                if progress:
                    progress(count, total)
            vault.log(
                "rewrap",
                now,
                identity,
                record_id,
                vault.sealed_files(record_id),
                locked_already=True,
            )
        state_path.unlink(missing_ok=True)
        return total


def _reseal(path: Path, identity: Identity, recipients: list[Recipient]) -> None:
    what = str(path.name)
    temp = path.with_name(f"{TEMP_PREFIX}{secrets.token_hex(8)}")
    try:
        if path.stat().st_size <= STREAM_ABOVE:
            sealed = sealing.seal(sealing.open(path.read_bytes(), [identity], what), recipients)
            atomic_write(path, sealed)
            return
        _reseal_stream(path, temp, identity, recipients, what)
        os.replace(temp, path)
        fsync_dir(path.parent)
    finally:
        temp.unlink(missing_ok=True)


def _reseal_stream(
    path: Path, temp: Path, identity: Identity, recipients: list[Recipient], what: str
) -> None:
    """Decrypt in one thread into a pipe, encrypt from it in this one: no plaintext on disk."""
    read_end, write_end = os.pipe()
    failures: list[BaseException] = []

    def pump() -> None:
        try:
            with path.open("rb") as source, os.fdopen(write_end, "wb") as sink:
                sealing.open_stream(source, sink, [identity], what)
        except BaseException as error:  # reported below, after the join
            failures.append(error)

    worker = threading.Thread(target=pump, daemon=True)
    worker.start()
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(read_end, "rb") as plain, os.fdopen(fd, "wb") as out:
            sealing.seal_stream(plain, out, recipients)
            out.flush()
            os.fsync(out.fileno())
    finally:
        worker.join()
    if failures:
        raise failures[0]


def withdraw(
    vault: Vault,
    record_id: str,
    identity: Identity,
    now: datetime,
    forget: Callable[[dict[str, Any] | None, str], dict[str, Any] | None],
    *,
    table: str,
) -> None:
    """Remove a record and everything held about it. ``table`` names the vault-wide document
    that mentions records (redact's pseudonym table: the layer above names it, intake knows
    no document of redact's); ``forget`` drops its entries used by no other record."""
    folder = vault.record_dir(record_id)
    if folder.name != record_id:
        raise UsageError(f"'{record_id}' is not a record id")
    with vault.lock():
        body = vault.read_document(None, table, identity)
        doomed = folder.with_name(f"{TEMP_PREFIX}withdrawn-{secrets.token_hex(4)}")
        os.rename(folder, doomed)  # atomic: the record is gone at once
        fsync_dir(folder.parent)
        shutil.rmtree(doomed, ignore_errors=True)
        vault.log("withdrawal", now, identity, record_id, {}, locked_already=True)
        updated = forget(body, record_id)
        if updated is not None:
            vault.write_document(None, table, updated)
            vault.log(
                "withdrawal", now, identity, None, vault.sealed_files(None), locked_already=True
            )
