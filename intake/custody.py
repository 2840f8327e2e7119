"""`audit verify`: the chain and signatures, every sealed file against the log, and (with an
identity) every record's content against its custody hash."""

from __future__ import annotations

import hashlib
from pathlib import Path

from intake.audit import Verdict, file_sha256, verify_chain
from intake.vault import Vault
from keys import card
from keys.errors import TestimonyError
from keys.identity import Identity, Recipient

FORMER = "former"  # recipients/former/: cards of people removed, kept to verify old signatures
REWRAP_STATE = "rewrap.state"  # present while a rewrap is unfinished


def known_signers(vault: Vault) -> list[Recipient]:
    former = sorted((vault.root / "recipients" / FORMER).glob("*.card"))
    return [*vault.recipients(), *(card.read(path) for path in former)]


def verify(vault: Vault, identity: Identity | None) -> Verdict:
    verdict = verify_chain(vault.root, known_signers(vault))
    if not verdict.ok:
        return verdict
    if (vault.root / REWRAP_STATE).exists():
        verdict.warnings.append("a rewrap was interrupted: run testimony vault rewrap again")
    _check_files(vault, verdict)
    if identity is not None:
        _check_custody(vault, identity, verdict)
    return verdict


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
    for record_id in sorted(logged - on_disk - verdict.withdrawn):
        verdict.warnings.append(
            f"record {record_id}: logged but not in the vault "
            "(an intake interrupted before its files were in place)"
        )


def _compare(folder: Path, record_id: str, verdict: Verdict) -> None:
    what = f"record {record_id}" if record_id else "vault"
    for path in sorted(folder.glob("*.age")):
        expected = verdict.latest.get((record_id, path.name))
        if expected is None:
            verdict.errors.append(f"{what}: {path.name} is not in the audit log")
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != expected:
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
