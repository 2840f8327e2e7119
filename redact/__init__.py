"""Redaction: detection, linking, pseudonyms, policy, review and export (imports intake, keys).

The sub-packages follow the data flow, each importing only those before it::

    text -> detect -> link -> plan -> pipeline -> review -> export -> evaluate -> web -> cli

The Python API, three lines from import to spans (as ``testimony redact preview``, stateless:
no vault, nothing written)::

    import redact
    spans = redact.find_spans("Kim Bo-ram left Musan in 2015.", protect=["Kim Bo-ram"])
    print(redact.apply("Kim Bo-ram left Musan in 2015.", spans))

Importing this package is light: spaCy and Presidio load on the first call.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from redact.detect.span import Span  # a dataclass: light to import

__all__ = ["Span", "apply", "find_spans"]


def find_spans(
    text: str, protect: Iterable[str] = (), policy: str | Path | None = None
) -> list[Span]:
    """The redactions proposed for ``text``, in order, as ``testimony redact preview`` makes
    them: each :class:`~redact.detect.span.Span` has its offsets into ``text`` (``start``,
    ``end``), the ``text`` found, its ``label`` (PERSON, LOCATION, DATE...), ``score``,
    ``recognizer`` and ``explanation``, and the policy's ``action`` (pseudonymise,
    generalise, mask or keep) with its ``replacement``.

    ``protect``: terms always masked, in every spelling. ``policy``: a TOML policy file
    (default: the built-in one). Pseudonyms are numbered afresh on every call (no vault, no
    table kept). Give text as intake keeps it (NFC, ``\\n`` line ends) so that offsets match
    what you store. Raises :class:`~redact.pipeline.analysis.AnalysisFailed` (a
    :class:`keys.errors.TestimonyError`, naming the recognizer, never the text) if detection
    fails on it.
    """
    from redact.link.pseudonyms import PseudonymTable
    from redact.pipeline.analysis import Source, propose
    from redact.plan import policy as policy_module

    chosen = policy_module.load(Path(policy) if policy is not None else None)
    terms = tuple(dict.fromkeys(" ".join(t.split()) for t in protect if t.strip()))
    table = PseudonymTable(style=chosen.style)
    return propose([Source("text", text, terms)], chosen, table)[0]


def apply(text: str, spans: Sequence[Span]) -> str:
    """``text`` with each span's replacement in place of its words (a span kept stays as is)."""
    from redact.plan.proposal import apply as apply_spans

    return apply_spans(text, spans)
