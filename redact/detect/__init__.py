"""Detection: text in, proposed spans out. The spaCy + Presidio engine (``engine``, the only module
importing either), the domain recognizers (``recognizers``), and ``overlaps``, which merges raw
findings into non-overlapping spans. ``span`` is the data type every later stage passes on.

May import: ``redact.text``. Never linking, planning, review or export."""
