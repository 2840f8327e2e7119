"""``testimony review add``, ``accept-all`` and ``decide``: decisions that need the record's
text or come many at once. ``decide RECORD --file F`` (``-`` for stdin) reads a batch of JSON
lines (``redact.review.batch``), unlocks the identity once, and stores every decision or none."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from intake.cli import open_ref
from redact.cli.review_decide import (
    MAX_BATCH_BYTES,
    POLICY_OPTION,
    check_entities,
    common_options,
    report,
)


@click.command("add")
@common_options
@click.option("--text", "words", help="The words to redact, as the record has them.")
@click.option(
    "--nth",
    type=click.IntRange(1),
    help="Which occurrence of --text, from 1 in reading order (when it occurs more than once).",
)
@click.option("--start", type=int, help="Start offset (instead of --text).")
@click.option("--end", type=int, help="End offset (instead of --text).")
@click.option("--label", default="PERSON", show_default=True, help="Entity type.")
@click.option("--replacement", help="Replacement (default: from the policy and the table).")
@POLICY_OPTION
def add(
    record_ref: str,
    words: str | None,
    nth: int | None,
    start: int | None,
    end: int | None,
    label: str,
    replacement: str | None,
    policy_file: Path | None,
    **options: Any,
) -> None:
    """Add a span the engine missed."""
    from keys.errors import UsageError
    from redact.plan import policy
    from redact.review import decisions as review

    if (words is None) == (start is None or end is None):
        raise UsageError("give --text WORDS, or --start and --end", "e.g. --text 'Kim Bo-ram'")
    if nth is not None and words is None:
        raise UsageError("--nth picks an occurrence of --text", "give --text WORDS with it")
    vault, identity, record_id = open_ref(
        options["vault_dir"],
        record_ref,
        options["identity_path"],
        options["passphrase_file"],
        "adding a redaction",
    )
    if words is not None:
        start, end = review.find_text(vault.record(record_id, identity).text, words, nth)
    decision = review.Decision(
        "add", start=start, end=end, label=label.upper(), replacement=replacement
    )
    log = review.record_decision(
        vault, record_id, decision, identity, datetime.now(UTC), policy.load(policy_file)
    )
    left = len(review.undecided(log))
    line = f"{record_id}: added span {start}-{end} ({left} undecided)"
    report(record_id, log, f"add of span {start}-{end}", 1, options["as_json"], line)


@click.command("accept-all")
@common_options
def accept_all(record_ref: str, **options: Any) -> None:
    """Accept every undecided span at once (a shortcut for demos and re-reviews: read first)."""
    from redact.plan import policy, redaction_log
    from redact.review import decisions as review

    vault, identity, record_id = open_ref(
        options["vault_dir"],
        record_ref,
        options["identity_path"],
        options["passphrase_file"],
        "accepting every span",
    )
    log = redaction_log.require(vault, record_id, identity)
    ids = tuple(review.span_id(s) for s in review.undecided(log))
    if ids:
        decision = review.Decision("accept", ids)
        now = datetime.now(UTC)
        log = review.record_decision(vault, record_id, decision, identity, now, policy.load(None))
    line = f"{record_id}: accepted {len(ids)} spans" if ids else f"{record_id}: nothing undecided"
    report(record_id, log, f"accept of {len(ids)} spans", 1 if ids else 0, options["as_json"], line)


@click.command("decide")
@common_options
@click.option(
    "--file",
    "batch_file",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    help="JSON lines, one decision each ('-' reads stdin; see the README for the fields).",
)
@POLICY_OPTION
def decide(record_ref: str, batch_file: Path, policy_file: Path | None, **options: Any) -> None:
    """Many decisions in one unlock, all or nothing: a bad line refuses the whole batch."""
    from redact.plan import policy
    from redact.review import batch as batches
    from redact.review import decisions as review

    rules = policy.load(policy_file)
    lines = batches.parse(_read(batch_file))  # refused before the passphrase is asked
    vault, identity, record_id = open_ref(
        options["vault_dir"],
        record_ref,
        options["identity_path"],
        options["passphrase_file"],
        "deciding a batch",
    )
    if any(line.words is not None for line in lines):
        lines = batches.placed(lines, vault.record(record_id, identity).text)
    chosen = [line.decision for line in lines]
    check_entities(vault, identity, record_id, chosen)
    log = review.record_decisions(
        vault, record_id, chosen, identity, datetime.now(UTC), rules, [n.number for n in lines]
    )
    report(record_id, log, f"{len(chosen)} decisions", len(chosen), options["as_json"])


def _read(path: Path) -> list[str]:
    """The batch's lines, bounded, as UTF-8."""
    from keys.errors import UsageError

    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read(MAX_BATCH_BYTES + 1)
        else:
            with path.open("rb") as handle:
                data = handle.read(MAX_BATCH_BYTES + 1)
    except OSError as exc:
        raise UsageError(
            f"cannot read the batch file {path.name} ({exc.strerror})",
            "give --file FILE, or --file - to read stdin",
        ) from None
    if len(data) > MAX_BATCH_BYTES:
        raise UsageError("the batch is larger than 16 MiB", "split it into several batches")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError("the batch is not UTF-8 text", "save it as UTF-8 JSON lines") from None
    return text.split("\n")


COMMANDS = (add, accept_all, decide)
