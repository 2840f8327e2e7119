"""``testimony review``: the reviewer's work from the command line (the web page makes the same
decisions). ``list`` and ``show`` read; the decisions are in ``review_decide`` (one at a time)
and ``review_batch`` (add, accept-all, a batch in one unlock); the page is ``review_serve``.

A review can be done from ``show`` alone: each span with its words, context, reason, type,
status and the entity key that ``--entity`` and ``merge`` take."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from intake.cli import VAULT_OPTION, open_ref
from keys.console import echo_json, identity_options, unlock
from redact.cli import review_batch, review_decide, review_serve
from redact.cli.review_decide import JSON_OPTION
from redact.cli.review_decide import POLICY_OPTION as POLICY_OPTION  # export takes it too

if TYPE_CHECKING:
    from redact.detect.span import Span


@click.group(name="review")
def review_group() -> None:
    """Accept, reject, edit or add redactions, then approve the record."""


@review_group.command("list")
@VAULT_OPTION
@JSON_OPTION
@identity_options
def list_records(
    vault_dir: Path, as_json: bool, identity_path: Path | None, passphrase_file: Path | None
) -> None:
    """Every record with its review progress, by interview code."""
    from intake.listing import summaries
    from intake.vault import Vault
    from redact.plan import redaction_log
    from redact.review import decisions as review

    vault = Vault.open(vault_dir)
    identity = unlock(identity_path, passphrase_file, "listing reviews")
    for listed in summaries(vault, identity):
        record_id = listed["id"]
        progress = review.summary(redaction_log.load(vault, record_id, identity))
        if as_json:
            echo_json({"id": record_id, "code": listed.get("code"), **progress})
            continue
        if progress["approved"]:
            state = "approved"
        elif not progress["analysed"]:
            state = "not analysed"
        else:
            state = f"{progress['undecided']} of {progress['spans']} undecided"
        click.echo(f"{listed.get('code') or '-':<16} {record_id}  {state}")


def span_lines(span: Span) -> list[str]:
    """How ``review show`` prints one span: what the decision commands need, nothing more."""
    from redact.detect.recognizers import display_name
    from redact.review.decisions import span_id
    from redact.web.view import explain

    why = f"{display_name(span.recognizer)} ({span.score:.2f})"
    if span.explanation and span.explanation != span.recognizer:
        why += f": {explain(span.explanation)}"  # recognizer ids read as their names
    shown = span.replacement if span.action != "keep" else "(kept as is)"
    return [
        f"{span_id(span):<11} {span.status:<9} {span.label:<12} {span.action:<12} -> {shown}",
        f"    words:   {span.text}",
        f"    context: {' '.join(span.context.split())}",
        f"    why:     {why}",
        f"    entity:  {span.entity}",
    ]


@review_group.command("show")
@click.argument("record_ref", metavar="RECORD")
@VAULT_OPTION
@click.option("--undecided", "only_open", is_flag=True, help="Only the spans still to decide.")
@JSON_OPTION
@identity_options
def show(record_ref: str, vault_dir: Path, only_open: bool, as_json: bool, **keys: Any) -> None:
    """Every span of a record: id, status, type, action, replacement; its words, context,
    reason and entity key. The decisions so far go to stderr."""
    from redact.plan import redaction_log
    from redact.review import decisions as review

    vault, identity, record_id = open_ref(
        vault_dir, record_ref, keys["identity_path"], keys["passphrase_file"], "showing a review"
    )
    log = redaction_log.require(vault, record_id, identity)
    spans = review.undecided(log) if only_open else log.spans
    if as_json:
        body = log.to_json()
        body["spans"] = [s.to_json() for s in spans]
        echo_json(body)
        return
    for span in spans:
        for line in span_lines(span):
            click.echo(line)
    for event in log.events:
        click.echo(
            f"decision {event['n']}: {event['action']} by {event['name']} "
            f"({event['reviewer']}) at {event['time']}",
            err=True,
        )
    state = "approved" if review.is_approved(log) else f"{len(review.undecided(log))} undecided"
    click.echo(f"{record_id}: {len(log.spans)} spans, {state}", err=True)


for _command in (*review_decide.COMMANDS, *review_batch.COMMANDS, review_serve.serve):
    review_group.add_command(_command)
