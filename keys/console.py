"""Shared command-line plumbing: the error and warning printers, identity and passphrase options.

The CLI shells parse, call the library and print; this module is the only place that turns a
TestimonyError, or click's own usage error, into ``testimony: error: ...`` / ``hint: ...`` and
an exit code, and the only one that prints ``testimony: warning: ...`` (:func:`warn`).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from keys.errors import KeyFileError, TestimonyError, UsageError

F = TypeVar("F", bound=Callable[..., Any])
IDENTITY_ENV = "TESTIMONY_IDENTITY"


def fail(error: TestimonyError) -> None:
    click.echo(f"testimony: error: {error.message}", err=True)
    click.echo(f"hint: {error.hint}", err=True)


def warn(message: str) -> None:
    """One warning line on stderr: something the user should know, nothing refused. Library
    code never prints: it hands its warnings to a callback the command passes as ``warn``."""
    click.echo(f"testimony: warning: {message}", err=True)


def usage_error(error: click.UsageError) -> UsageError:
    """click's own usage error (missing argument, unknown option, bad value) as one of ours."""
    text = error.format_message().rstrip(".")
    message = text[:1].lower() + text[1:]  # as our own messages read
    command = error.ctx.command_path if error.ctx is not None else "testimony"
    return UsageError(message, f"see how it is used: {command} --help")


def run(group: click.Group, argv: list[str] | None = None) -> None:
    """Run a click group; print our errors as error/hint lines, tracebacks only with --debug."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or os.environ.get("TESTIMONY_DEBUG") == "1"
    args = [a for a in args if a != "--debug"]
    try:
        group.main(args=args, prog_name="testimony", standalone_mode=False)
    except TestimonyError as error:
        if debug:
            traceback.print_exc()
        fail(error)
        sys.exit(error.exit_code)
    except click.exceptions.Abort:
        click.echo("testimony: error: interrupted", err=True)
        sys.exit(130)
    except click.exceptions.NoArgsIsHelpError as error:
        error.show()  # a group given no command: its help, as before
        sys.exit(error.exit_code)
    except click.UsageError as error:
        fail(usage_error(error))
        sys.exit(UsageError.exit_code)
    except click.ClickException as error:
        fail(TestimonyError(error.format_message()))
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo("testimony: error: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # a bug: still no traceback (it could hold testimony text)
        if debug:
            traceback.print_exc()
        click.echo(f"testimony: error: internal error ({type(error).__name__})", err=True)
        click.echo(
            "hint: run again with --debug and report the traceback without its data", err=True
        )
        sys.exit(1)


def passphrase_option(func: F) -> F:
    return click.option(
        "--passphrase-file",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Read the passphrase from this file (else $TESTIMONY_PASSPHRASE, else a prompt).",
    )(func)


def new_passphrase_options(func: F) -> F:
    """Options of a command that sets a new passphrase: its source, strength override, generator."""
    func = click.option(
        "--generate-passphrase",
        "generated",
        is_flag=True,
        help="Make a strong passphrase (10 random words) and show it once on stderr.",
    )(func)
    func = click.option(
        "--allow-weak-passphrase",
        "allow_weak",
        is_flag=True,
        help="Skip the strength check. For tests and demos only, never for real testimony.",
    )(func)
    return passphrase_option(func)


def show_generated(secret: str) -> None:
    """Show a generated passphrase once, on stderr (never in a file), as ``age -p`` does."""
    click.echo(
        "testimony: the new passphrase (write it down now; it is shown once, stored nowhere):",
        err=True,
    )
    click.echo(f"    {secret}", err=True)


def identity_options(func: F) -> F:
    func = click.option(
        "--identity",
        "identity_path",
        type=click.Path(path_type=Path, dir_okay=False),
        envvar=IDENTITY_ENV,
        help=f"Your identity file (or ${IDENTITY_ENV}).",
    )(func)
    return passphrase_option(func)


def unlock(identity_path: Path | None, passphrase_file: Path | None, need: str) -> Any:
    """Load and unlock the identity; a clear refusal when none was given."""
    if identity_path is None:
        raise KeyFileError(
            f"{need} needs your identity",
            f"give --identity FILE or set ${IDENTITY_ENV}; a field laptop holding only "
            "recipient cards cannot read records back",
        )
    from keys import keyfile, passphrase

    secret = passphrase.obtain(passphrase_file, f"Passphrase for {identity_path}: ")
    return keyfile.load(identity_path, secret)


def echo_json(value: Any) -> None:
    import json

    click.echo(json.dumps(value, ensure_ascii=False, sort_keys=True))
