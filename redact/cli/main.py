"""The ``testimony`` console script: one group per role. Parses, calls the library, prints.

Heavy libraries (spaCy, Presidio, python-docx) are imported inside commands, so ``--help`` is fast.
"""

from __future__ import annotations

import click

from intake.cli import audit_group, intake_group, vault_group
from keys.cli import keys_group
from keys.console import run
from redact.cli.export import export_group
from redact.cli.redact import redact_group, withdraw
from redact.cli.review import review_group


@click.group(name="testimony", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="testimony")
def cli() -> None:
    """Secure testimony intake and redaction.

    Errors print 'error:' and 'hint:' lines; add --debug for a traceback."""


cli.add_command(keys_group)
cli.add_command(vault_group)
cli.add_command(intake_group)
cli.add_command(redact_group)
cli.add_command(review_group)
cli.add_command(audit_group)
cli.add_command(export_group)
intake_group.add_command(withdraw)  # here: it needs the redact layer's table


def main() -> None:
    run(cli)
