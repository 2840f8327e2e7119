"""The intake layer's command shells: ``testimony intake`` (take transcripts in, list, show),
``testimony vault`` (create, inspect, settings, recipients, rewrap) and ``testimony audit``.

They parse, call the library (``intake.*``, ``keys.*``) and print through ``keys.console``;
no library module imports them. ``options`` holds what redact's commands about one record
share with them (``--vault``, a record named by code, id or id prefix).
"""

from intake.cli.audit import audit_group
from intake.cli.intake import intake_group
from intake.cli.options import VAULT_OPTION, open_record, open_ref
from intake.cli.vault import vault_group

__all__ = ["VAULT_OPTION", "audit_group", "intake_group", "open_record", "open_ref", "vault_group"]
