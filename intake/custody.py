"""`audit verify`: the chain and signatures (up to a kept head, when given), every sealed file
against the log (changed, added by hand, or missing), the admin pin, the signed recipient set
and the signed vault settings, and (with an identity) every record's content against its
custody hash. ``require_intact`` is the same check for commands that read the vault (export):
one refusal on the first problem."""

from __future__ import annotations

import hashlib
from pathlib import Path

from intake import recipients as signed_recipients
from intake import settings
from intake.audit import Verdict, file_sha256, verify_chain
from intake.duplicates import MAC_NAME
from intake.settings import SETTINGS_NAME
from intake.storage import TEMP_PREFIX
from intake.vault import Vault
from keys import card
from keys.errors import TestimonyError, VaultError
from keys.identity import Identity, Recipient

FORMER = "former"  # recipients/former/: cards of people removed, kept to verify old signatures
REWRAP_STATE = "rewrap.state"  # present while a rewrap is unfinished


def known_signers(vault: Vault) -> list[Recipient]:
    """Every card found in recipients/ and recipients/former/ (whether the admin signed it is
    checked separately: an unsigned card is an error of its own)."""
    folder = vault.root / "recipients"
    paths = [*sorted(folder.glob("*.card")), *sorted((folder / FORMER).glob("*.card"))]
    return [card.read(path) for path in paths]


def verify(vault: Vault, identity: Identity | None, head: tuple[int, str] | None = None) -> Verdict:
    verdict = verify_chain(vault.root, known_signers(vault), head)
    if not verdict.ok:
        return verdict
    if (vault.root / REWRAP_STATE).exists():
        verdict.warnings.append("a rewrap was interrupted: run testimony vault rewrap again")
    _check_files(vault, verdict)
    _check_signed_set(vault, verdict)
    _check_settings(vault, verdict)
    if identity is not None:
        _check_custody(vault, identity, verdict)
    return verdict


def require_intact(vault: Vault) -> None:
    """Refuse (one error, one hint) unless the audit chain holds and every file in the vault
    is the one its last audit entry names: for commands that read what the vault holds."""
    try:
        verdict = verify(vault, None)
    except TestimonyError as error:  # e.g. a damaged card: still a custody failure
        raise VaultError(
            f"custody check failed: {error.message}; nothing was written", error.hint
        ) from None
    if not verdict.ok:
        raise VaultError(
            f"custody check failed: {verdict.errors[0]}; nothing was written",
            f"see every problem with: testimony audit verify --vault {vault.root}; restore "
            "the named files from a backup",
        )


def _check_signed_set(vault: Vault, verdict: Verdict) -> None:
    root = vault.root
    pinned = ("", signed_recipients.PIN_NAME) in verdict.latest
    if not pinned and not (root / signed_recipients.PIN_NAME).exists():
        verdict.warnings.append(
            "the recipient set is not signed (a vault made before signed recipients): intake "
            f"refuses it until the admin runs: testimony vault pin --vault {root} "
            "--identity ADMIN.key"
        )
        return
    try:
        vault.recipients()
    except TestimonyError as error:
        verdict.errors.append(error.message.removesuffix("; nothing was written"))


def _check_settings(vault: Vault, verdict: Verdict) -> None:
    """The vault settings, when set, must be the file the pinned admin signed and the log last
    named (a changed organisation would otherwise reach every citation)."""
    try:
        settings.load(vault)
    except TestimonyError as error:
        verdict.errors.append(error.message)


def _check_recipients(vault: Vault, verdict: Verdict) -> None:
    """The cards in recipients/ must be exactly those the log says were added and not removed:
    a card slipped in by hand would otherwise receive every new record."""
    cards = {p.name: file_sha256(p) for p in (vault.root / "recipients").glob("*.card")}
    for name in sorted(cards.keys() - verdict.recipients.keys()):
        verdict.errors.append(
            f"recipient card {name} was not added through testimony "
            "(no audit entry): new records would be readable by it"
        )
    for name in sorted(cards.keys() & verdict.recipients.keys()):
        if cards[name] != verdict.recipients[name]:
            verdict.errors.append(f"recipient card {name} differs from the one logged")
    for name in sorted(verdict.recipients.keys() - cards.keys()):
        verdict.errors.append(f"recipient card {name} is missing")


def _check_files(vault: Vault, verdict: Verdict) -> None:
    _check_recipients(vault, verdict)
    on_disk = set(vault.record_ids())
    logged = {record for record, _ in verdict.latest if record}
    for record_id in sorted(on_disk):
        if record_id not in logged:
            verdict.errors.append(f"record {record_id}: no audit entry (added outside testimony)")
            continue
        _compare(vault.record_dir(record_id), record_id, verdict)
    _compare(vault.root, "", verdict)
    staged = vault.root / "records"
    for record_id in sorted(logged - on_disk - verdict.withdrawn):
        if (staged / f"{TEMP_PREFIX}{record_id}").is_dir():
            verdict.warnings.append(
                f"record {record_id}: an intake was interrupted after its audit entry; the next "
                "intake add finishes it"
            )
        else:
            verdict.errors.append(
                f"record {record_id}: its folder is missing, though the log holds it and no "
                "withdrawal removed it (deleted?)"
            )
    _check_missing(vault, on_disk, verdict)


def _check_missing(vault: Vault, on_disk: set[str], verdict: Verdict) -> None:
    """Every file the log says a present record (or the vault) holds must be there."""
    for (record_id, name), _ in sorted(verdict.latest.items()):
        if record_id and record_id not in on_disk:
            continue  # the whole folder: reported above
        folder = vault.root / "records" / record_id if record_id else vault.root
        if not (folder / name).is_file():
            what = f"record {record_id}" if record_id else "vault"
            verdict.errors.append(f"{what}: {name} is missing, though the log holds it (deleted?)")


def _compare(folder: Path, record_id: str, verdict: Verdict) -> None:
    what = f"record {record_id}" if record_id else "vault"
    paths = sorted(folder.glob("*.age"))
    if not record_id:  # the vault's public files that the log names
        names: tuple[str, ...] = (signed_recipients.PIN_NAME, signed_recipients.SET_NAME)
        names += (SETTINGS_NAME,)
    else:
        names = (MAC_NAME,)
    paths += [folder / name for name in names if (folder / name).is_file()]
    for path in paths:
        expected = verdict.latest.get((record_id, path.name))
        if expected is None:
            verdict.errors.append(f"{what}: {path.name} is not in the audit log")
            continue
        if file_sha256(path) != expected:
            verdict.errors.append(
                f"{what}: {path.name} differs from its last audit entry "
                "(changed, replaced or swapped)"
            )


def _check_custody(vault: Vault, identity: Identity, verdict: Verdict) -> None:
    for record_id in vault.record_ids():
        try:
            record = vault.record(record_id, identity)
        except TestimonyError as error:
            verdict.errors.append(f"record {record_id}: {error.message}")
            continue
        if hashlib.sha256(record.text.encode()).hexdigest() != record.text_sha256:
            verdict.errors.append(f"record {record_id}: content does not match its custody hash")
