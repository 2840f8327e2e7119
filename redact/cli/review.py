"""``testimony review``: the reviewer's decisions from the command line (the web page makes the
same ones). Every decision is signed with the reviewer's key."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from intake.cli import VAULT_OPTION, open_record
from keys.console import echo_json, identity_options, unlock

if TYPE_CHECKING:
    from redact.review.decisions import Decision

POLICY_OPTION = click.option(
    "--policy",
    "policy_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Policy for the replacement of added spans (default built in).",
)


@click.group(name="review")
def review_group() -> None:
    """Accept, reject, edit or add redactions, then approve the record."""


def _decide(
    vault_dir: Path,
    record_id: str,
    decision: Decision,
    identity_path: Path | None,
    passphrase_file: Path | None,
    policy_file: Path | None = None,
) -> None:
    from redact.plan import policy
    from redact.review import decisions as review

    vault, identity = open_record(
        vault_dir, record_id, identity_path, passphrase_file, "deciding on redactions"
    )
    log = review.record_decision(
        vault, record_id, decision, identity, datetime.now(UTC), policy.load(policy_file)
    )
    left = len(review.undecided(log))
    state = "approved" if review.is_approved(log) else f"{left} undecided"
    click.echo(f"{record_id}: {decision.action} recorded ({state})", err=True)
    if decision.reason and log.events[-1].get("reason"):
        click.echo(
            "warning: a protected term stays visible; your reason is signed in the log and the "
            "release is listed in the public report",
            err=True,
        )


def _span_args(func):  # type: ignore[no-untyped-def]
    func = click.argument("span_ids", nargs=-1)(func)
    func = click.option("--entity", help="Every span of this entity key instead of SPAN_IDS.")(func)
    return click.argument("record_id")(func)


@review_group.command("list")
@VAULT_OPTION
@click.option("--json", "as_json", is_flag=True)
@identity_options
def list_records(
    vault_dir: Path, as_json: bool, identity_path: Path | None, passphrase_file: Path | None
) -> None:
    """Every record with its review progress."""
    from intake.vault import Vault
    from redact.plan import redaction_log
    from redact.review import decisions as review

    vault = Vault.open(vault_dir)
    identity = unlock(identity_path, passphrase_file, "listing reviews")
    for record_id in vault.record_ids():
        info = {"id": record_id, **review.summary(redaction_log.load(vault, record_id, identity))}
        if as_json:
            echo_json(info)
        else:
            state = (
                "approved"
                if info["approved"]
                else "not analysed"
                if not info["analysed"]
                else f"{info['undecided']} of {info['spans']} undecided"
            )
            click.echo(f"{record_id}  {state}")


@review_group.command("show")
@click.argument("record_id")
@VAULT_OPTION
@click.option("--json", "as_json", is_flag=True)
@identity_options
def show(
    record_id: str,
    vault_dir: Path,
    as_json: bool,
    identity_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Every span of a record: id, status, type, action, score, reason, replacement."""
    from redact.plan import redaction_log
    from redact.review import decisions as review

    vault, identity = open_record(
        vault_dir, record_id, identity_path, passphrase_file, "showing a review"
    )
    log = redaction_log.require(vault, record_id, identity)
    if as_json:
        echo_json(log.to_json())
        return
    for line in review.render(log):
        click.echo(line)
    for event in log.events:
        click.echo(
            f"decision {event['n']}: {event['action']} by {event['name']} "
            f"({event['reviewer']}) at {event['time']}",
            err=True,
        )


@review_group.command("accept")
@_span_args
@VAULT_OPTION
@identity_options
def accept(
    record_id: str,
    entity: str | None,
    span_ids: tuple[str, ...],
    vault_dir: Path,
    identity_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Accept spans (SPAN_IDS like 120-130, or --entity KEY for every mention)."""
    from redact.review.decisions import Decision

    _decide(
        vault_dir, record_id, Decision("accept", span_ids, entity), identity_path, passphrase_file
    )


@review_group.command("reject")
@_span_args
@VAULT_OPTION
@click.option(
    "--reason",
    help="Why a protected term may stay visible (required for one; signed, listed in the report).",
)
@identity_options
def reject(
    record_id: str,
    entity: str | None,
    span_ids: tuple[str, ...],
    vault_dir: Path,
    reason: str | None,
    identity_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Reject spans: their text stays as it is."""
    from redact.review.decisions import Decision

    decision = Decision("reject", span_ids, entity, reason=reason)
    _decide(vault_dir, record_id, decision, identity_path, passphrase_file)


@review_group.command("edit")
@click.argument("record_id")
@click.argument("span_id")
@click.argument("replacement")
@VAULT_OPTION
@identity_options
def edit(
    record_id: str,
    span_id: str,
    replacement: str,
    vault_dir: Path,
    identity_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Replace a span's proposed replacement with REPLACEMENT."""
    from redact.review.decisions import Decision

    _decide(
        vault_dir,
        record_id,
        Decision("edit", (span_id,), replacement=replacement),
        identity_path,
        passphrase_file,
    )


@review_group.command("add")
@click.argument("record_id")
@click.option("--text", "words", help="The words to redact (must occur once in the record).")
@click.option("--start", type=int, help="Start offset (instead of --text).")
@click.option("--end", type=int, help="End offset (instead of --text).")
@click.option("--label", default="PERSON", show_default=True, help="Entity type.")
@click.option("--replacement", help="Replacement (default: from the policy and the table).")
@POLICY_OPTION
@VAULT_OPTION
@identity_options
def add(
    record_id: str,
    words: str | None,
    start: int | None,
    end: int | None,
    label: str,
    replacement: str | None,
    policy_file: Path | None,
    vault_dir: Path,
    identity_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Add a span the engine missed."""
    from keys.errors import UsageError
    from redact.plan import policy
    from redact.review import decisions as review

    if (words is None) == (start is None or end is None):
        raise UsageError("give --text WORDS, or --start and --end", "e.g. --text 'Kim Bo-ram'")
    vault, identity = open_record(
        vault_dir, record_id, identity_path, passphrase_file, "adding a redaction"
    )
    if words is not None:
        start, end = review.find_text(vault.record(record_id, identity).text, words)
    decision = review.Decision(
        "add", start=start, end=end, label=label.upper(), replacement=replacement
    )
    log = review.record_decision(
        vault, record_id, decision, identity, datetime.now(UTC), policy.load(policy_file)
    )
    click.echo(
        f"{record_id}: added span {start}-{end} ({len(review.undecided(log))} undecided)", err=True
    )


@review_group.command("merge")
@click.argument("record_id")
@click.argument("span_ids", nargs=-1, required=True)
@click.option("--entity", required=True, help="The entity key the spans join.")
@VAULT_OPTION
@identity_options
def merge(
    record_id: str,
    span_ids: tuple[str, ...],
    entity: str,
    vault_dir: Path,
    identity_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Link spans to another entity (e.g. an alias to the person): they take its pseudonym."""
    from redact.review.decisions import Decision

    _decide(
        vault_dir, record_id, Decision("merge", span_ids, entity), identity_path, passphrase_file
    )


@review_group.command("split")
@click.argument("record_id")
@click.argument("span_ids", nargs=-1, required=True)
@VAULT_OPTION
@identity_options
def split(
    record_id: str,
    span_ids: tuple[str, ...],
    vault_dir: Path,
    identity_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Unlink spans from their entity (two people, one name): they get a pseudonym of their own."""
    from redact.review.decisions import Decision

    _decide(vault_dir, record_id, Decision("split", span_ids), identity_path, passphrase_file)


@review_group.command("accept-all")
@click.argument("record_id")
@VAULT_OPTION
@identity_options
def accept_all(
    record_id: str, vault_dir: Path, identity_path: Path | None, passphrase_file: Path | None
) -> None:
    """Accept every undecided span at once (a shortcut for demos and re-reviews: read first)."""
    from redact.plan import policy, redaction_log
    from redact.review import decisions as review

    vault, identity = open_record(
        vault_dir, record_id, identity_path, passphrase_file, "accepting every span"
    )
    log = redaction_log.load(vault, record_id, identity)
    ids = tuple(review.span_id(s) for s in (review.undecided(log) if log else []))
    if not ids:
        click.echo(f"{record_id}: nothing undecided", err=True)
        return
    review.record_decision(
        vault,
        record_id,
        review.Decision("accept", ids),
        identity,
        datetime.now(UTC),
        policy.load(None),
    )
    click.echo(f"{record_id}: accepted {len(ids)} spans", err=True)


@review_group.command("approve")
@click.argument("record_id")
@VAULT_OPTION
@identity_options
def approve(
    record_id: str, vault_dir: Path, identity_path: Path | None, passphrase_file: Path | None
) -> None:
    """Approve a record whose spans are all decided (signed)."""
    from redact.review.decisions import Decision

    _decide(vault_dir, record_id, Decision("approve"), identity_path, passphrase_file)


LOOPBACK = ("127.0.0.1", "localhost", "::1")


@review_group.command("serve")
@VAULT_OPTION
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="Port (default: a free one)."
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Allow a non-loopback --host (testimony then crosses the network unencrypted).",
)
@click.option("--no-browser", is_flag=True, help="Print the address only; do not open a browser.")
@POLICY_OPTION
@identity_options
def serve(
    vault_dir: Path,
    port: int,
    host: str,
    allow_remote: bool,
    no_browser: bool,
    policy_file: Path | None,
    identity_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Review in the browser: a local page, reachable only with the printed link."""
    import socket

    from intake.vault import Vault
    from keys.errors import ReviewError
    from redact.plan import policy

    if host not in LOOPBACK and not allow_remote:  # before the passphrase: refused at once
        raise ReviewError(
            f"--host {host} would let other machines reach the review page",
            "serve on 127.0.0.1 (the default) and review on this machine; only if you must, "
            "add --allow-remote",
        )
    vault = Vault.open(vault_dir)
    chosen = policy.load(policy_file)
    identity = unlock(identity_path, passphrase_file, "reviewing in the browser")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
    except OSError as exc:
        listener.close()
        raise ReviewError(
            f"cannot listen on {host}:{port} ({exc.strerror})",
            "choose another --port, or leave it out to take a free one",
        ) from None
    if allow_remote and host not in LOOPBACK:
        for line in (
            f"WARNING: serving on {host}: anyone who can reach this machine and learns the link",
            "WARNING: can read these testimonies, and they cross the network UNENCRYPTED.",
            "WARNING: stop with Ctrl+C as soon as the review is done.",
        ):
            click.secho(f"testimony: {line}", err=True, fg="red", bold=True)
    _serve(vault, identity, chosen, listener, host, no_browser)


def _serve(vault, identity, chosen, listener, host, no_browser):  # type: ignore[no-untyped-def]
    import threading
    import webbrowser

    import uvicorn

    from redact.web import Settings, create_app

    port = listener.getsockname()[1]
    settings = Settings(port=port, host=host, any_host=host in ("0.0.0.0", "::"))  # noqa: S104
    app = create_app(vault, identity, chosen, settings)
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, server_header=False, proxy_headers=False
    )
    server = uvicorn.Server(config)
    url = settings.url()
    click.echo(url)
    click.echo("Open this link in your browser. Stop the review page with Ctrl+C.", err=True)
    if not no_browser:

        def open_when_ready() -> None:
            while not server.started and not server.should_exit:
                threading.Event().wait(0.05)
            if server.started:
                webbrowser.open(url)

        threading.Thread(target=open_when_ready, daemon=True).start()
    server.run(sockets=[listener])
