"""``testimony keys``: make identities and their public recipient cards."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from keys.console import (
    echo_json,
    new_passphrase_options,
    passphrase_option,
    show_generated,
    unlock,
    warn,
)


@click.group(name="keys")
def keys_group() -> None:
    """Identities (secret, passphrase-protected) and recipient cards (public)."""


@keys_group.command("new")
@click.option("--name", required=True, help="Who holds this identity (shown on its card).")
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Identity file to create (0600; never overwritten).",
)
@click.option(
    "--card-out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the public recipient card here.",
)
@new_passphrase_options
@click.option("--json", "as_json", is_flag=True, help="Print the new card's fields as JSON.")
def new(
    name: str,
    out: Path,
    card_out: Path | None,
    passphrase_file: Path | None,
    allow_weak: bool,
    generated: bool,
    as_json: bool,
) -> None:
    """Make an identity: an age X25519 key and an Ed25519 signing key, in one file encrypted
    with a passphrase (age scrypt). The stock `age -d -i FILE` can use it. The passphrase must
    be strong (zxcvbn score 3 of 4), or made for you with --generate-passphrase."""
    from keys import card, identity, keyfile, passphrase
    from keys.errors import KeyFileError

    if out.exists():
        raise KeyFileError(
            f"{out}: already exists; refusing to overwrite it",
            "choose another --out path, or move the old file away first",
        )
    if card_out is not None and card_out.exists():
        raise KeyFileError(
            f"{card_out}: already exists; refusing to overwrite it",
            "choose another --card-out path",
        )
    secret = passphrase.new(
        passphrase_file,
        "Passphrase for the new identity: ",
        context=[name, out.stem],
        allow_weak=allow_weak,
        generated=generated,
    )
    made = identity.generate(name, datetime.now(UTC))
    if generated:
        show_generated(secret)
    keyfile.save(out, made, secret)
    if card_out is not None:
        keyfile.write_exclusive(card_out, card.to_text(made.recipient).encode(), 0o644)
    if as_json:
        where = {"identity": str(out), "card_out": None if card_out is None else str(card_out)}
        echo_json({**card.to_json(made.recipient), **where})
    click.echo(f"Public key: {made.recipient.age}", err=True)
    click.echo(f"Fingerprint: {made.recipient.fingerprint}", err=True)
    click.echo(f"hint: share your card: testimony keys card {out} --out CARD", err=True)


@keys_group.command("card")
@click.argument("identity_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the card here instead of standard output (never overwritten).",
)
@passphrase_option
@click.option("--json", "as_json", is_flag=True, help="Print the card's fields as JSON.")
def card_command(
    identity_file: Path, out: Path | None, passphrase_file: Path | None, as_json: bool
) -> None:
    """Print the public recipient card of IDENTITY_FILE (name, age1... key, Ed25519 key,
    fingerprint). Cards are safe to share; give them to `vault init --recipient`."""
    from keys import card, keyfile

    unlocked = unlock(identity_file, passphrase_file, "reading the identity's card")
    text = card.to_text(unlocked.recipient)
    if as_json:
        echo_json({**card.to_json(unlocked.recipient), "card": text})
    if out is None:
        if not as_json:
            sys.stdout.write(text)
    else:
        keyfile.write_exclusive(out, text.encode(), 0o644)
        click.echo(f"wrote {out} (fingerprint {unlocked.recipient.fingerprint})", err=True)


@keys_group.command("backup")
@click.argument("identity_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--shares", "count", type=int, required=True, help="How many shares to make (N).")
@click.option("--threshold", type=int, required=True, help="How many recover it (K, 2..N).")
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="New or empty folder for share-1-of-N.txt ... (each 0600).",
)
@passphrase_option
def backup_command(
    identity_file: Path, count: int, threshold: int, out: Path, passphrase_file: Path | None
) -> None:
    """Split IDENTITY_FILE into N paper shares of which any K recover it (SLIP-39 Shamir
    shares). Fewer than K shares reveal nothing; print them, store them apart, delete the files."""
    from keys import backup

    backup.check_scheme(threshold, count)
    backup.check_folder(out)  # refuse a non-empty folder before asking for the passphrase
    unlocked = unlock(identity_file, passphrase_file, "making a backup")
    written = backup.write_shares(unlocked, threshold, count, out)
    click.echo(
        f"wrote {len(written)} shares to {out} (any {threshold} recover the identity "
        f"{unlocked.recipient.fingerprint})",
        err=True,
    )
    warn(
        f"any {threshold} of these files ARE your identity: print each share, store the "
        f"papers apart (different people, different places), then delete the files in {out}"
    )


@keys_group.command("recover")
@click.argument(
    "share_files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False)
)
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Identity file to create (0600; never overwritten).",
)
@new_passphrase_options
def recover_command(
    share_files: tuple[Path, ...],
    out: Path,
    passphrase_file: Path | None,
    allow_weak: bool,
    generated: bool,
) -> None:
    """Rebuild an identity from K of its backup SHARE_FILES and write it as a new identity
    file protected by a new, strong passphrase (or one made with --generate-passphrase)."""
    from keys import backup, keyfile, passphrase
    from keys.errors import KeyFileError

    if out.exists():
        raise KeyFileError(
            f"{out}: already exists; refusing to overwrite it",
            "choose another --out path, or move the old file away first",
        )
    recovered = backup.recover_files(share_files)
    secret = passphrase.new(
        passphrase_file,
        "New passphrase for the recovered identity: ",
        context=[recovered.name, out.stem],
        allow_weak=allow_weak,
        generated=generated,
    )
    if generated:
        show_generated(secret)
    keyfile.save(out, recovered, secret)
    click.echo(f"wrote {out} (fingerprint {recovered.recipient.fingerprint})", err=True)
