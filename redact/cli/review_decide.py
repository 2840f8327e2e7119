"""``testimony review accept|reject|edit|add|merge|split|accept-all|approve|decide``: the
reviewer's decisions from the command line, each signed with the reviewer's key. ``decide``
takes a whole batch (JSON lines, a file or stdin) in one unlock, all or nothing.

Every command names its record by interview code, full id or unique id prefix, and prints one
line on stderr, or with ``--json`` one object on stdout (see the README)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from intake.cli import VAULT_OPTION, open_ref
from keys.console import echo_json, identity_options, warn

if TYPE_CHECKING:
    from intake.vault import Vault
    from keys.identity import Identity
    from redact.plan.redaction_log import RedactionLog
    from redact.review.decisions import Decision

F = TypeVar("F", bound=Callable[..., Any])
MAX_BATCH_BYTES = 16 << 20

POLICY_OPTION = click.option(
    "--policy",
    "policy_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Policy for the replacement of added spans (default built in).",
)
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")


def common_options(func: F) -> F:
    """RECORD, --vault, --json and the identity options every decision takes."""
    for option in (identity_options, JSON_OPTION, VAULT_OPTION):
        func = option(func)
    return click.argument("record_ref", metavar="RECORD")(func)


def _span_args(func: F) -> F:
    func = click.argument("span_ids", nargs=-1)(func)
    return click.option("--entity", help="Every span of this entity key instead of SPAN_IDS.")(func)


def report(
    record_id: str,
    log: RedactionLog,
    what: str,
    count: int,
    as_json: bool,
    line: str | None = None,
) -> None:
    """The one line on stderr (``line``, else what was recorded and what is left), or with
    ``as_json`` the JSON object, that a decision command prints."""
    from redact.review import decisions as review

    left = len(review.undecided(log))
    approved = review.is_approved(log)
    if as_json:
        echo_json(
            {
                "record": record_id,
                "recorded": what,
                "decisions": count,
                "undecided": left,
                "approved": approved,
                "events": len(log.events),
            }
        )
        return
    state = "approved" if approved else f"{left} undecided"
    click.echo(line or f"{record_id}: {what} recorded ({state})", err=True)


def _decide(ref: str, vault_dir: Path, decision: Decision, options: dict[str, Any]) -> None:
    from redact.plan import policy
    from redact.review import decisions as review

    vault, identity, record_id = open_ref(
        vault_dir, ref, options["identity_path"], options["passphrase_file"], "deciding"
    )
    if decision.action == "merge":
        check_entities(vault, identity, record_id, [decision])
    log = review.record_decision(
        vault, record_id, decision, identity, datetime.now(UTC), policy.load(None)
    )
    report(record_id, log, decision.action, 1, options["as_json"])
    if decision.reason and log.events[-1].get("reason"):
        warn(
            "a protected term stays visible; your reason is signed in the log and the "
            "release is listed in the public report"
        )


def check_entities(
    vault: Vault, identity: Identity, record_id: str, batch: Sequence[Decision]
) -> None:
    """Refuse a merge into an entity key the vault does not know, printing the close ones (on
    the terminal only: never in the error, which may travel further)."""
    from keys.errors import ReviewError
    from redact.link.pseudonyms import PseudonymTable
    from redact.plan import redaction_log
    from redact.review.decisions import known_entities

    log = redaction_log.require(vault, record_id, identity)
    table = PseudonymTable.from_json(vault.read_document(None, "pseudonyms", identity))
    known = known_entities(log, table)
    for decision in batch:
        if decision.action != "merge" or not decision.entity or decision.entity in known:
            continue
        close = difflib.get_close_matches(decision.entity, sorted(known), n=5, cutoff=0.6)
        for key in close:
            click.echo(f"  close match: {key}", err=True)
        raise ReviewError(
            "the entity key given to merge into is not known in this vault"
            + (f" ({len(close)} close match(es) above)" if close else ""),
            f"copy the key from: testimony review show {record_id}",
        )


@click.command("accept")
@common_options
@_span_args
def accept(record_ref: str, entity: str | None, span_ids: tuple[str, ...], **options: Any) -> None:
    """Accept spans (SPAN_IDS like 120-130, or --entity KEY for every mention)."""
    from redact.review.decisions import Decision

    _decide(record_ref, options.pop("vault_dir"), Decision("accept", span_ids, entity), options)


@click.command("reject")
@common_options
@_span_args
@click.option(
    "--reason",
    help="Why a protected term may stay visible (required for one; signed, listed in the report).",
)
def reject(
    record_ref: str,
    entity: str | None,
    span_ids: tuple[str, ...],
    reason: str | None,
    **options: Any,
) -> None:
    """Reject spans: their text stays as it is."""
    from redact.review.decisions import Decision

    decision = Decision("reject", span_ids, entity, reason=reason)
    _decide(record_ref, options.pop("vault_dir"), decision, options)


@click.command("edit")
@common_options
@click.argument("span_id")
@click.argument("replacement")
def edit(record_ref: str, span_id: str, replacement: str, **options: Any) -> None:
    """Replace a span's proposed replacement with REPLACEMENT."""
    from redact.review.decisions import Decision

    decision = Decision("edit", (span_id,), replacement=replacement)
    _decide(record_ref, options.pop("vault_dir"), decision, options)


@click.command("merge")
@common_options
@click.argument("span_ids", nargs=-1, required=True)
@click.option("--entity", required=True, help="The entity key the spans join (review show).")
def merge(record_ref: str, span_ids: tuple[str, ...], entity: str, **options: Any) -> None:
    """Link spans to another entity (e.g. an alias to the person): they take its pseudonym."""
    from redact.review.decisions import Decision

    _decide(record_ref, options.pop("vault_dir"), Decision("merge", span_ids, entity), options)


@click.command("split")
@common_options
@click.argument("span_ids", nargs=-1, required=True)
def split(record_ref: str, span_ids: tuple[str, ...], **options: Any) -> None:
    """Unlink spans from their entity (two people, one name): they get a pseudonym of their own."""
    from redact.review.decisions import Decision

    _decide(record_ref, options.pop("vault_dir"), Decision("split", span_ids), options)


@click.command("approve")
@common_options
def approve(record_ref: str, **options: Any) -> None:
    """Approve a record whose spans are all decided (signed)."""
    from redact.review.decisions import Decision

    _decide(record_ref, options.pop("vault_dir"), Decision("approve"), options)


COMMANDS = (accept, reject, edit, merge, split, approve)
