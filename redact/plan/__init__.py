"""Planning: the redaction policy (TOML), the proposed action and replacement for each span, the
function that applies a redaction to a text, and the record's encrypted redaction log.

May import: ``redact.text``, ``redact.detect``, ``redact.link``; ``intake`` for the vault."""
