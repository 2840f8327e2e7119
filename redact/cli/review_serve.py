"""``testimony review serve``: the review page on this machine, reachable only with the printed
link (loopback by default; ``redact.web.guard`` holds the token, cookie, CSRF and Host checks)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from intake.cli import VAULT_OPTION
from keys.console import identity_options, unlock
from redact.cli.review_decide import POLICY_OPTION

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command("serve")
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


def _serve(
    vault: Any, identity: Any, chosen: Any, listener: Any, host: str, no_browser: bool
) -> None:
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
