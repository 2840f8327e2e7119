"""What the intake, vault and audit commands (and redact's, about one record) share: the
``--vault`` option and opening a record named by code, id or id prefix."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from keys.console import unlock

if TYPE_CHECKING:
    from intake.vault import Vault
    from keys.identity import Identity

VAULT_OPTION = click.option(
    "--vault",
    "vault_dir",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    envvar="TESTIMONY_VAULT",
    help="The vault folder (or $TESTIMONY_VAULT).",
)


def open_record(
    vault_dir: Path,
    record_id: str,
    identity_path: Path | None,
    passphrase_file: Path | None,
    need: str,
) -> tuple[Any, Any]:
    """(vault, unlocked identity) for a command about one record given by its full id. A
    missing vault or record id is refused before the passphrase is asked. Prefer
    :func:`open_ref`, which also takes an interview code or an id prefix."""
    from intake.vault import Vault

    vault = Vault.open(vault_dir)
    vault.record_dir(record_id)
    return vault, unlock(identity_path, passphrase_file, need)


def open_ref(
    vault_dir: Path,
    ref: str,
    identity_path: Path | None,
    passphrase_file: Path | None,
    need: str,
) -> tuple[Vault, Identity, str]:
    """(vault, unlocked identity, record id) for a command about the record ``ref`` names: an
    interview code, a full id or a unique id prefix (``Vault.resolve``). An ambiguous prefix,
    or an unknown ref shaped like an id, is refused before the passphrase is asked; a code
    needs the identity to read the listings."""
    from intake import listing
    from intake.vault import Vault

    vault = Vault.open(vault_dir)
    matches = listing.id_matches(vault, ref)
    if len(matches) != 1 and (matches or listing.looks_like_id(ref)):
        vault.resolve(ref)  # refused: ambiguous, or no such id
    identity = unlock(identity_path, passphrase_file, need)
    record_id = matches[0] if matches else vault.resolve(ref, identity)
    return vault, identity, record_id
