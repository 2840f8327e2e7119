"""``testimony intake`` and ``testimony vault``: take transcripts in, list and show them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from keys.console import echo_json, identity_options, unlock
from keys.errors import UsageError

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
    """(vault, unlocked identity) for a command about one record. A missing vault or record id
    is refused before the passphrase is asked."""
    from intake.vault import Vault

    vault = Vault.open(vault_dir)
    vault.record_dir(record_id)
    return vault, unlock(identity_path, passphrase_file, need)


@click.group(name="vault")
def vault_group() -> None:
    """Create and inspect vaults."""


@vault_group.command("init")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--recipient",
    "cards",
    multiple=True,
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="A recipient card (repeat for every reviewer and an offline escrow key).",
)
@identity_options
def vault_init(
    directory: Path,
    cards: tuple[Path, ...],
    identity_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Create an empty vault in DIRECTORY, encrypting to the given recipient cards. The admin
    (--identity, whose card must be one of them) is pinned and signs the recipient set."""
    from intake.vault import Vault, read_cards

    recipients = read_cards(list(cards))
    if identity_path is None:
        raise UsageError(
            "vault init needs the admin's identity, to pin its key and sign the recipients",
            "give --identity ADMIN.key (its card among the --recipient cards)",
        )
    admin = unlock(identity_path, passphrase_file, "creating a vault")
    Vault.init(directory, recipients, datetime.now(UTC), admin)
    for recipient in recipients:
        click.echo(f"recipient {recipient.fingerprint} {recipient.name}", err=True)
    click.echo(f"admin (pinned) {admin.recipient.fingerprint} {admin.recipient.name}", err=True)
    click.echo(f"created vault {directory}", err=True)
    if len(recipients) == 1:
        click.echo(
            "hint: add an offline escrow recipient too, so losing one key does not "
            "lose the archive",
            err=True,
        )


@vault_group.command("pin")
@VAULT_OPTION
@identity_options
def vault_pin(vault_dir: Path, identity_path: Path | None, passphrase_file: Path | None) -> None:
    """Sign the recipient set of a vault made before signed recipients, pinning your key as
    its admin (refused unless `audit verify` shows the cards were all added through testimony)."""
    from intake import lifecycle
    from intake.vault import Vault

    vault = Vault.open(vault_dir)
    identity = unlock(identity_path, passphrase_file, "signing the recipient set")
    count = lifecycle.pin_vault(vault, identity, datetime.now(UTC))
    click.echo(
        f"pinned {identity.recipient.fingerprint} as admin; signed {count} recipients", err=True
    )


@vault_group.command("settings")
@VAULT_OPTION
@click.option("--organisation", help="Who conducted the interviews, named in citations.")
@click.option("--citation", help="The citation template export fills in ('' clears it).")
@click.option("--json", "as_json", is_flag=True, help="Print the settings as one JSON object.")
@identity_options
def vault_settings(
    vault_dir: Path,
    organisation: str | None,
    citation: str | None,
    as_json: bool,
    identity_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Show the vault's settings; with --organisation or --citation, change them (the admin
    signs them: they reach every citation, so they must not change silently)."""
    from dataclasses import asdict

    from intake import settings
    from intake.vault import Vault

    vault = Vault.open(vault_dir)
    if organisation is None and citation is None:
        current = settings.load(vault)
    else:
        identity = unlock(identity_path, passphrase_file, "changing the vault settings")
        current = settings.save(vault, identity, datetime.now(UTC), organisation, citation)
        click.echo("settings signed and saved", err=True)
    if as_json:
        echo_json(asdict(current))
        return
    click.echo(f"organisation: {current.organisation or '-'}")
    click.echo(f"citation: {current.citation or '-'}")


@vault_group.command("add-recipient")
@click.argument("card_file", type=click.Path(path_type=Path, dir_okay=False))
@VAULT_OPTION
@identity_options
def add_recipient(
    card_file: Path, vault_dir: Path, identity_path: Path | None, passphrase_file: Path | None
) -> None:
    """Add a reviewer's card: new files are encrypted to them too (run `vault rewrap` to give
    them the existing archive). Signed in the audit log."""
    from intake import lifecycle
    from intake.vault import Vault
    from keys import card

    vault = Vault.open(vault_dir)
    recipient = card.read(card_file)
    identity = unlock(identity_path, passphrase_file, "changing the recipients")
    lifecycle.add_recipient(vault, recipient, identity, datetime.now(UTC))
    click.echo(f"added {recipient.fingerprint} {recipient.name}", err=True)
    click.echo(
        f"hint: give them the existing records with: testimony vault rewrap --vault {vault_dir}",
        err=True,
    )


@vault_group.command("remove-recipient")
@click.argument("fingerprint")
@VAULT_OPTION
@identity_options
def remove_recipient(
    fingerprint: str, vault_dir: Path, identity_path: Path | None, passphrase_file: Path | None
) -> None:
    """Remove a recipient (their card is kept to verify their past signatures). Run `vault
    rewrap` next, or they can still read the files they could read before."""
    from intake import lifecycle
    from intake.vault import Vault

    vault = Vault.open(vault_dir)
    identity = unlock(identity_path, passphrase_file, "changing the recipients")
    lifecycle.remove_recipient(vault, fingerprint, identity, datetime.now(UTC))
    click.echo(f"removed {fingerprint.upper()}", err=True)
    click.echo(f"hint: now run: testimony vault rewrap --vault {vault_dir}", err=True)


@vault_group.command("rewrap")
@VAULT_OPTION
@identity_options
def rewrap(vault_dir: Path, identity_path: Path | None, passphrase_file: Path | None) -> None:
    """Re-encrypt every file to the current recipients; resumes after an interruption."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress

    from intake import lifecycle
    from intake.vault import Vault

    vault = Vault.open(vault_dir)
    identity = unlock(identity_path, passphrase_file, "re-encrypting the vault")
    with Progress(
        "rewrapping",
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("rewrap", total=None)
        total = lifecycle.rewrap(
            vault,
            identity,
            datetime.now(UTC),
            lambda done, of: bar.update(task, completed=done, total=of),
        )
    click.echo(f"re-encrypted {total} files to {len(vault.recipients())} recipients", err=True)


@click.group(name="intake")
def intake_group() -> None:
    """Take transcripts into a vault (needs only the vault's public cards)."""


@intake_group.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@VAULT_OPTION
@click.option("--code", help="Interview code, e.g. NK-2026-014.")
@click.option("--date", help="Interview date (YYYY-MM-DD).")
@click.option("--place", help="Where the interview took place.")
@click.option("--interviewer", help="Interviewer's name or pseudonym.")
@click.option("--language", help="Interview language, e.g. 'ko (interpreted to en)'.")
@click.option("--consent", help="Consent note.")
@click.option(
    "--protect",
    "protected",
    multiple=True,
    help="A term that must always be masked (witness name, relative, home town). Repeat.",
)
@click.option(
    "--attach",
    "attachments",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A file to seal with the record, e.g. the audio. Repeat.",
)
@click.option(
    "--admin",
    "admin_fingerprint",
    envvar="TESTIMONY_ADMIN",
    metavar="FINGERPRINT",
    help="The admin's fingerprint, as the admin gave it to you (or $TESTIMONY_ADMIN): the "
    "vault's pin must name it (a whole vault swapped on the drive is refused).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per record.")
def add(
    files: tuple[Path, ...],
    vault_dir: Path,
    code: str | None,
    date: str | None,
    place: str | None,
    interviewer: str | None,
    language: str | None,
    consent: str | None,
    protected: tuple[str, ...],
    attachments: tuple[Path, ...],
    admin_fingerprint: str | None,
    as_json: bool,
) -> None:
    """Seal FILES into the vault as new records; prints one record id per line.

    Every input is checked before anything is written: one bad file adds nothing. Records are
    encrypted only to the recipient set the vault's pinned admin signed."""
    from intake import recipients
    from intake.batch import add_files
    from intake.record import Metadata
    from intake.vault import Vault
    from keys.errors import VaultError

    if admin_fingerprint is not None:
        pin = recipients.read_pin(Vault.open(vault_dir).root)
        if pin.fingerprint != admin_fingerprint.strip().upper():
            raise VaultError(
                f"{vault_dir / recipients.PIN_NAME}: pins the admin {pin.fingerprint}, not "
                f"{admin_fingerprint.strip().upper()}; nothing was written",
                "do not use this vault: ask your admin (it may have been replaced)",
            )

    metadata = Metadata(code, date, place, interviewer, language, consent)
    added = add_files(vault_dir, list(files), metadata, protected, attachments, datetime.now(UTC))
    for record in added:
        if as_json:
            echo_json(
                {
                    "id": record.id,
                    "source_format": record.source_format,
                    "attachments": len(record.attachments),
                }
            )
        else:
            click.echo(record.id)


@intake_group.command("list")
@VAULT_OPTION
@click.option("--json", "as_json", is_flag=True, help="One JSON object per record.")
@identity_options
def list_records(
    vault_dir: Path, as_json: bool, identity_path: Path | None, passphrase_file: Path | None
) -> None:
    """List the vault's records. Without an identity only the (meaningless) ids are shown."""
    from intake.vault import Vault

    vault = Vault.open(vault_dir)
    ids = vault.record_ids()
    if identity_path is None and not as_json:
        for record_id in ids:
            click.echo(record_id)
        click.echo(f"{len(ids)} records; give --identity to see codes, dates and sizes", err=True)
        return
    identity = unlock(identity_path, passphrase_file, "listing record details")
    for record_id in ids:
        summary = vault.summary(record_id, identity)
        if as_json:
            echo_json(summary)
        else:
            click.echo(
                f"{record_id}  {summary.get('code') or '-':<14} {summary.get('date') or '-':<10}"
                f"  {summary['source_format']:<4} {summary['words']:>6} words"
                f"  {summary['attachments']} attachments"
            )


@intake_group.command("show")
@click.argument("record_id")
@VAULT_OPTION
@click.option("--json", "as_json", is_flag=True, help="The whole record as JSON.")
@identity_options
def show(
    record_id: str,
    vault_dir: Path,
    as_json: bool,
    identity_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Print the normalised text of record RECORD_ID."""
    from dataclasses import asdict

    vault, identity = open_record(
        vault_dir, record_id, identity_path, passphrase_file, "showing a record"
    )
    record = vault.record(record_id, identity)
    vault.log("view", datetime.now(UTC), identity, record_id)
    if as_json:
        echo_json(asdict(record))
    else:
        click.echo(record.text)


@click.group(name="audit")
def audit_group() -> None:
    """Prove the archive's history: hash-chained, signed audit log and custody hashes."""


@audit_group.command("verify")
@VAULT_OPTION
@click.option(
    "--head",
    "kept_head",
    metavar="N:HASH",
    help="A head printed by an earlier verify: the log must still hold that entry.",
)
@identity_options
def audit_verify(
    vault_dir: Path, kept_head: str | None, identity_path: Path | None, passphrase_file: Path | None
) -> None:
    """Check the audit chain and signatures (public cards suffice), every sealed file against
    it (none changed, added or missing) and the signed recipient set; with --head, that the
    log still reaches a kept head; with --identity, every record's content against its
    custody hash."""
    from intake import audit, custody
    from intake.vault import Vault
    from keys.errors import VaultError

    head = audit.parse_head(kept_head) if kept_head is not None else None
    vault = Vault.open(vault_dir)
    identity = (
        unlock(identity_path, passphrase_file, "checking custody hashes") if identity_path else None
    )
    verdict = custody.verify(vault, identity, head)
    for warning in verdict.warnings:
        click.echo(f"warning: {warning}", err=True)
    if not verdict.ok:
        for problem in verdict.errors[1:]:
            click.echo(f"also: {problem}", err=True)
        raise VaultError(
            verdict.errors[0], "restore the named files or entries from a backup and verify again"
        )
    scope = "content checked" if identity else "content not checked: give --identity"
    click.echo(
        f"audit log intact: {verdict.entries} entries, {len(vault.record_ids())} records ({scope})"
    )
    if head is not None:
        click.echo(f"reaches the kept head {head[0]}")
    click.echo(f"head: {verdict.entries}:{verdict.head}")
    click.echo(
        "hint: keep the head line outside the vault and check it later with --head N:HASH "
        "(entries that changed no file could otherwise be cut from the end unnoticed)",
        err=True,
    )
