"""``testimony redact``: preview (stateless), run (over a vault), evaluate (over gold data)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from intake.cli import VAULT_OPTION
from keys.console import echo_json, identity_options, unlock

POLICY_OPTION = click.option(
    "--policy",
    "policy_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Redaction policy (TOML); default: the built-in one (see samples/policy.toml).",
)


@click.group(name="redact")
def redact_group() -> None:
    """Propose redactions: recall first, every proposal with its reason."""


def _counts(spans: list[Any]) -> str:
    counts = Counter(s.label for s in spans)
    return ", ".join(f"{label} {n}" for label, n in counts.most_common())


@redact_group.command("preview")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--protect", "protected", multiple=True, help="A term always masked. Repeat.")
@POLICY_OPTION
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file (JSON Lines).")
def preview(
    files: tuple[Path, ...], protected: tuple[str, ...], policy_file: Path | None, as_json: bool
) -> None:
    """Show what would be redacted in FILES. Stateless: no vault, nothing written."""
    from intake.batch import clean_terms
    from intake.readers import read
    from redact.link.pseudonyms import PseudonymTable
    from redact.pipeline.analysis import AnalysisFailed, Source, analyse
    from redact.plan import policy as policy_module
    from redact.plan.proposal import apply

    chosen = policy_module.load(policy_file)
    terms = clean_terms(protected)
    documents = [(path, read(path)) for path in files]  # every file checked before any work
    sources = [Source(str(path), doc.text, terms) for path, doc in documents]
    table = PseudonymTable(style=chosen.style)
    outcome = analyse(sources, chosen, table)
    for i, ((path, doc), spans) in enumerate(zip(documents, outcome.spans, strict=True)):
        if i in outcome.failures:
            click.echo(f"== {path}: {outcome.failures[i].describe()}", err=True)
            continue
        redacted = apply(doc.text, spans)
        if as_json:
            echo_json(
                {
                    "file": str(path),
                    "redacted": redacted,
                    "spans": [
                        {
                            k: getattr(s, k)
                            for k in (
                                "start",
                                "end",
                                "text",
                                "label",
                                "action",
                                "replacement",
                                "score",
                                "recognizer",
                            )
                        }
                        for s in spans
                    ],
                }
            )
        else:
            click.echo(f"== {path}", err=True)
            click.echo(redacted)
            click.echo(f"{len(spans)} spans: {_counts(spans)}", err=True)
    if outcome.failures:
        raise AnalysisFailed(list(outcome.failures.values()))


@redact_group.command("run")
@click.argument("records", nargs=-1)
@VAULT_OPTION
@click.option("--all", "everything", is_flag=True, help="Every record in the vault.")
@click.option(
    "--jobs", default=1, show_default=True, type=click.IntRange(1, 64), help="Detection processes."
)
@POLICY_OPTION
@click.option("--json", "as_json", is_flag=True, help="One JSON object per record (JSON Lines).")
@identity_options
def run(
    records: tuple[str, ...],
    vault_dir: Path,
    everything: bool,
    jobs: int,
    policy_file: Path | None,
    as_json: bool,
    identity_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Analyse RECORDS (interview codes, ids or id prefixes) or --all: write each one's
    redaction log and update the pseudonym table. Progress goes to stderr."""
    from intake import listing
    from intake.vault import Vault
    from keys.errors import UsageError
    from redact.cli.progress import reporter
    from redact.pipeline import runner
    from redact.pipeline.analysis import AnalysisFailed, Failure

    if everything == bool(records):
        raise UsageError(
            "give record ids or --all (not both)",
            f"e.g.: testimony redact run --vault {vault_dir} --all",
        )
    vault = Vault.open(vault_dir)
    for ref in records:  # ids and prefixes checked before the passphrase is asked
        matches = listing.id_matches(vault, ref)
        if len(matches) != 1 and (matches or listing.looks_like_id(ref)):
            vault.resolve(ref)
    identity = unlock(identity_path, passphrase_file, "analysing records")
    ids = vault.record_ids() if everything else [vault.resolve(r, identity) for r in records]
    if not ids:
        click.echo("the vault holds no records yet", err=True)
        return
    with reporter() as report:
        results = runner.run(vault, ids, identity, policy_file, jobs, datetime.now(UTC), report)
    failures = []
    for record_id, spans in results:
        code = vault.summary(record_id, identity).get("code") or ""
        if isinstance(spans, Failure):
            failures.append(spans)
        if as_json:
            echo_json(_run_json(record_id, code, spans))
        elif isinstance(spans, Failure):
            click.echo(f"{record_id}  {code or '-'}  {spans.describe()}")
        else:
            click.echo(f"{record_id}  {code or '-'}  {len(spans):4d} spans  {_counts(spans)}")
    if failures:
        raise AnalysisFailed(failures)


def _run_json(record_id: str, code: str, spans: Any) -> dict[str, Any]:
    """``{"record", "code", "spans": N, "labels": {LABEL: N}}``, or ``"failure"`` instead of
    the counts when the record could not be analysed."""
    from redact.pipeline.analysis import Failure

    if isinstance(spans, Failure):
        return {"record": record_id, "code": code, "failure": spans.to_json()}
    return {
        "record": record_id,
        "code": code,
        "spans": len(spans),
        "labels": dict(Counter(s.label for s in spans)),
    }


@redact_group.command("evaluate")
@click.option(
    "--samples",
    "samples_dirs",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="A folder of *.gold.json files with their sources (e.g. samples/). Repeat.",
)
@click.option(
    "--tab",
    "tab_files",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="A TAB-format JSON file (e.g. ../shared/tab/tab144_dev.json). Repeat.",
)
@click.option(
    "--baseline/--no-baseline",
    default=True,
    show_default=True,
    help="Also score plain spaCy NER, measured the same way.",
)
@POLICY_OPTION
def evaluate(
    samples_dirs: tuple[Path, ...],
    tab_files: tuple[Path, ...],
    baseline: bool,
    policy_file: Path | None,
) -> None:
    """Score detection, linking and pseudonyms against annotated data and print the numbers:
    recall per type, precision, consistency across records and wrong merges (entity ids only)."""
    from keys.errors import UsageError
    from redact import evaluate as evaluation
    from redact.plan import policy as policy_module

    if not samples_dirs and not tab_files:
        raise UsageError(
            "nothing to evaluate", "give --samples samples/ (repeatable) and/or --tab FILE"
        )
    chosen = policy_module.load(policy_file)
    for folder in samples_dirs:
        if not any(folder.glob("*.gold.json")):
            raise UsageError(f"{folder}: no *.gold.json files", "give a samples-format folder")
    for folder in samples_dirs:
        click.echo(evaluation.report_samples(folder, chosen))
    for path in tab_files:
        click.echo(evaluation.report_tab(path, chosen, baseline))


@redact_group.command("show")
@click.argument("record")
@VAULT_OPTION
@click.option("--spans", "list_spans", is_flag=True, help="Also list every span with its reason.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object: text and spans.")
@identity_options
def show(
    record: str,
    vault_dir: Path,
    list_spans: bool,
    as_json: bool,
    identity_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Print RECORD (interview code, id or id prefix) as its redaction log would publish it
    (proposals applied)."""
    from intake.cli import open_ref
    from redact.detect.recognizers import display_name
    from redact.plan import redaction_log
    from redact.plan.proposal import apply

    vault, identity, record_id = open_ref(
        vault_dir, record, identity_path, passphrase_file, "showing a redaction"
    )
    found = redaction_log.require(vault, record_id, identity)
    redacted = apply(vault.record(record_id, identity).text, found.spans)
    if as_json:
        code = vault.summary(record_id, identity).get("code") or ""
        spans = [{**s.to_json(), "shown_as": display_name(s.recognizer)} for s in found.spans]
        echo_json({"record": record_id, "code": code, "redacted": redacted, "spans": spans})
        return
    click.echo(redacted, nl=False)
    if list_spans:
        for s in found.spans:
            click.echo(
                f"{s.start:>6}-{s.end:<6} {s.label:<12} {s.action:<12} {s.status:<9} "
                f"{s.score:.2f} {display_name(s.recognizer):<24} {s.replacement}",
                err=True,
            )


@click.command("withdraw")
@click.argument("record")
@VAULT_OPTION
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@identity_options
def withdraw(
    record: str,
    vault_dir: Path,
    yes: bool,
    identity_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Consent withdrawn: delete RECORD (interview code, id or id prefix), its attachments,
    its redaction log and its pseudonym-table entries used by no other record. The audit log
    keeps only the fact. Asks first, naming the code and date; answering no changes nothing
    and exits 0 ("nothing changed")."""
    import sys

    from intake import lifecycle, listing
    from intake.cli import open_ref
    from keys.errors import UsageError
    from redact.link.pseudonyms import PseudonymTable

    if not yes and not sys.stdin.isatty():
        raise UsageError(
            "withdrawing deletes the record for good: confirmation needed",
            f"add --yes: testimony intake withdraw {record} --vault DIR --yes",
        )
    vault, identity, record_id = open_ref(
        vault_dir, record, identity_path, passphrase_file, "withdrawing a record"
    )
    named = listing.label(vault.summary(record_id, identity))
    if not yes and not click.confirm(f"Delete {named} and everything derived from it?"):
        click.echo("nothing changed", err=True)
        return

    def forget(body: dict[str, Any] | None, gone: str) -> dict[str, Any] | None:
        if body is None:
            return None
        table = PseudonymTable.from_json(body)
        table.forget_record(gone)
        return table.to_json()

    now = datetime.now(UTC)
    lifecycle.withdraw(vault, record_id, identity, now, forget, table="pseudonyms")
    click.echo(f"withdrew {named}", err=True)
