"""``testimony vault``: create a vault, inspect it, its settings and its recipients."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from intake.cli.options import VAULT_OPTION
from keys.console import echo_json, identity_options, unlock
from keys.errors import UsageError


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
    from intake.recipients import read_cards
    from intake.vault import Vault

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


@vault_group.command("show")
@VAULT_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print it as one JSON object.")
def vault_show(vault_dir: Path, as_json: bool) -> None:
    """Show the vault: its admin, its recipients with fingerprints, how many records, the
    audit head and the settings. Needs no identity and decrypts nothing."""
    from intake import listing
    from intake.vault import Vault

    shown = listing.overview(Vault.open(vault_dir))
    if as_json:
        echo_json(shown)
        return
    admin = shown["admin"]
    click.echo(f"vault {shown['vault']}")
    click.echo(f"admin (pinned): {admin['fingerprint']} {admin['name']}" if admin else "admin: -")
    for person in shown["recipients"]:
        click.echo(f"recipient {person['fingerprint']} {person['name']}")
    click.echo(f"records: {shown['records']}")
    click.echo(f"audit head: {shown['audit_head']} (not verified: run testimony audit verify)")
    for key, value in shown["settings"].items():
        click.echo(f"{key}: {value or '-'}")


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
    if not lifecycle.add_recipient(vault, recipient, identity, datetime.now(UTC)):
        click.echo(f"{recipient.fingerprint} {recipient.name} is already a recipient", err=True)
        click.echo("nothing changed", err=True)
        return
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
