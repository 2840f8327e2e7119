"""Export: anonymized quotes with citations from approved records, the file formats, the leak gate
(first look: what the vault knows; second look: detection again) and its refusals, and the public
and full redaction reports.

May import: every stage before it; ``intake`` and ``keys``. Never web or CLI."""
