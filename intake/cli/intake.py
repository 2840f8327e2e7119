"""``testimony intake``: take transcripts in, list and show them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from intake.cli.options import VAULT_OPTION, open_ref
from keys.console import echo_json, identity_options, unlock, warn


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
    now = datetime.now(UTC)
    added = add_files(vault_dir, list(files), metadata, protected, attachments, now, warn)
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
    """List the vault's records by interview code, then date. Without an identity only the
    (meaningless) ids are shown; --json then prints {"id": ...} per record."""
    from intake import listing
    from intake.vault import Vault

    vault = Vault.open(vault_dir)
    if identity_path is None:
        ids = vault.record_ids()
        for record_id in ids:
            echo_json({"id": record_id}) if as_json else click.echo(record_id)
        click.echo(f"{len(ids)} records; give --identity to see codes, dates and sizes", err=True)
        return
    identity = unlock(identity_path, passphrase_file, "listing record details")
    for summary in listing.summaries(vault, identity):
        if as_json:
            echo_json(summary)
        else:
            click.echo(
                f"{summary.get('code') or '-':<14} {summary.get('date') or '-':<10}"
                f"  {summary['id']}  {summary['source_format']:<4} {summary['words']:>6} words"
                f"  {summary['attachments']} attachments"
            )


@intake_group.command("show")
@click.argument("record")
@VAULT_OPTION
@click.option("--json", "as_json", is_flag=True, help="The whole record as JSON.")
@identity_options
def show(
    record: str,
    vault_dir: Path,
    as_json: bool,
    identity_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Print the normalised text of RECORD: an interview code (NK-2026-002), a record id or a
    unique prefix of one."""
    from dataclasses import asdict

    vault, identity, record_id = open_ref(
        vault_dir, record, identity_path, passphrase_file, "showing a record"
    )
    opened = vault.record(record_id, identity)
    vault.log("view", datetime.now(UTC), identity, record_id)
    if as_json:
        echo_json(asdict(opened))
    else:
        click.echo(opened.text)
