"""The pipeline over records: detect -> merge -> link -> plan, with failures isolated per record
(``analysis``), and ``redact run`` over a vault (``runner``: detect outside the lock, link, plan and
save under it).

May import: every stage before review; ``intake`` and ``keys``."""
