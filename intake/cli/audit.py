"""``testimony audit``: prove the archive's history."""

from __future__ import annotations

from pathlib import Path

import click

from intake.cli.options import VAULT_OPTION
from keys.console import echo_json, identity_options, unlock, warn


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
@click.option("--json", "as_json", is_flag=True, help="Print the verdict as one JSON object.")
@identity_options
def audit_verify(
    vault_dir: Path,
    kept_head: str | None,
    as_json: bool,
    identity_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Check the audit chain and signatures (public cards suffice), every sealed file against
    it (none changed, added or missing), the signed recipient set and settings; with --head,
    that the log still reaches a kept head; with --identity, every record's content against
    its custody hash. With --json the verdict is printed even when it fails (exit 1)."""
    from intake import audit, custody
    from intake.vault import Vault
    from keys.errors import VaultError

    head = audit.parse_head(kept_head) if kept_head is not None else None
    vault = Vault.open(vault_dir)
    identity = (
        unlock(identity_path, passphrase_file, "checking custody hashes") if identity_path else None
    )
    verdict = custody.verify(vault, identity, head)
    if as_json:
        echo_json(
            {
                "ok": verdict.ok,
                "entries": verdict.entries,
                "head": f"{verdict.entries}:{verdict.head}",
                "kept_head": head[0] if head is not None else None,
                "records": len(vault.record_ids()),
                "content_checked": identity is not None,
                "errors": verdict.errors,
                "warnings": verdict.warnings,
            }
        )
    else:
        for warning in verdict.warnings:
            warn(warning)
    if not verdict.ok:
        for problem in verdict.errors[1:]:
            click.echo(f"also: {problem}", err=True)
        raise VaultError(
            verdict.errors[0], "restore the named files or entries from a backup and verify again"
        )
    if as_json:
        return
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
