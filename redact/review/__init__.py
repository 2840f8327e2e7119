"""Review: the signed decisions a reviewer makes on a record's proposed redactions (accept, reject,
edit, add, merge, split, release, approve), the same from the CLI and the page.

May import: the stages before it; ``intake`` and ``keys``. Never export, web or CLI."""
