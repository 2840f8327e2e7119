"""``testimony export``: anonymized quotes (gated), the public redaction report, the full log."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from intake.cli import VAULT_OPTION
from keys.console import echo_json, identity_options, unlock, warn
from redact.cli.review import POLICY_OPTION

OUT_OPTION = click.option(
    "--out", "out", required=True, type=click.Path(path_type=Path, dir_okay=False)
)
FORCE_OPTION = click.option("--force", is_flag=True, help="Replace the --out file if it exists.")
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")


@click.group(name="export")
def export_group() -> None:
    """Publish from approved records: quotes with citations, the redaction report."""


@export_group.command("quotes")
@VAULT_OPTION
@click.option(
    "--record",
    "record_ids",
    multiple=True,
    required=True,
    help="Record: interview code, id or unique id prefix. Repeat.",
)
@click.option("--all", "everything", is_flag=True, help="Every turn of the witness.")
@click.option("--quote", "phrases", multiple=True, help="A few words of the redacted text. Repeat.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "docx", "csv", "json"]),
    default="md",
    show_default=True,
)
@OUT_OPTION
@FORCE_OPTION
@click.option(
    "--organisation",
    default=None,
    help="Who conducted the interviews, for the citations (default: the vault's setting).",
)
@click.option(
    "--citation",
    default=None,
    help="Citation template, e.g. '{witness}, interview {code}, {place}, {month}' "
    "(default: the vault's setting).",
)
@click.option("--marker", default="[{}]", show_default=True, help="How replacements are marked.")
@click.option(
    "--expand",
    type=click.Choice(["sentence", "turn"]),
    default="sentence",
    show_default=True,
    help="What a --quote phrase grows to.",
)
@click.option(
    "--show-originals",
    is_flag=True,
    help="On a refusal, print the matched original words on stderr (authorised reviewers).",
)
@JSON_OPTION
@POLICY_OPTION
@identity_options
def quotes(
    vault_dir: Path,
    record_ids: tuple[str, ...],
    everything: bool,
    phrases: tuple[str, ...],
    fmt: str,
    out: Path,
    force: bool,
    organisation: str | None,
    citation: str | None,
    marker: str,
    expand: str,
    show_originals: bool,
    as_json: bool,
    policy_file: Path | None,
    identity_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Export excerpts of approved records, after the leak gate; nothing is written on refusal."""
    from intake.vault import Vault
    from keys.errors import UsageError
    from redact.export import gate as leak_gate
    from redact.export import quotes as export
    from redact.plan import policy

    if everything == bool(phrases):
        raise UsageError("give --all or --quote TEXT (not both)", "e.g. --quote 'held my arm'")
    vault = Vault.open(vault_dir)
    identity = unlock(identity_path, passphrase_file, "exporting quotes")
    ids = [vault.resolve(ref, identity) for ref in record_ids]
    options = export.Options(fmt, phrases, organisation, marker, expand, citation, force)
    try:
        result = export.export_quotes(
            vault, identity, ids, out, options, policy.load(policy_file), datetime.now(UTC)
        )
    except leak_gate.LeakError as error:
        if show_originals:
            for line in error.originals or [f"{x.where()}: {x.original!r}" for x in error.leaks]:
                click.echo(f"leak: {line}", err=True)
        raise
    if as_json:
        echo_json(export.describe(result))
    else:
        click.echo(str(result.path))
    click.echo(
        f"exported {len(result.quotes)} quotes; the leak gate (known originals, as read, and a "
        "second look by detection) found nothing",
        err=True,
    )


@export_group.command("report")
@VAULT_OPTION
@click.option("--record", "record_ref", required=True, help="Interview code, id or id prefix.")
@OUT_OPTION
@FORCE_OPTION
@JSON_OPTION
@identity_options
def report(
    vault_dir: Path,
    record_ref: str,
    out: Path,
    force: bool,
    as_json: bool,
    identity_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """The public redaction report of an approved record (Markdown, no original text)."""
    from intake.vault import Vault
    from redact.export import quotes as export

    vault = Vault.open(vault_dir)
    identity = unlock(identity_path, passphrase_file, "writing a redaction report")
    record_id = vault.resolve(record_ref, identity)
    written = export.export_report(vault, identity, record_id, out, datetime.now(UTC), force)
    if as_json:
        echo_json(written.to_json())
    else:
        click.echo(str(out))


@export_group.command("log")
@VAULT_OPTION
@click.option("--record", "record_ref", required=True, help="Interview code, id or id prefix.")
@OUT_OPTION
@FORCE_OPTION
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@identity_options
def full_log(
    vault_dir: Path,
    record_ref: str,
    out: Path,
    force: bool,
    fmt: str,
    identity_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """The full reviewable log (with the ORIGINAL text) for authorised reviewers; 0600."""
    from intake.vault import Vault
    from redact.export import quotes as export

    vault = Vault.open(vault_dir)
    identity = unlock(identity_path, passphrase_file, "exporting a redaction log")
    record_id = vault.resolve(record_ref, identity)
    export.export_log(vault, identity, record_id, out, fmt, datetime.now(UTC), force)
    click.echo(str(out))
    warn(
        f"{out} holds identifying original text, unencrypted (mode 0600); "
        "keep it off shared drives and delete it after the review"
    )
