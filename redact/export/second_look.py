"""The gate's second look: detection run again over what is about to be published.

The first look (``leak_gate``) finds what the vault already knows. This one finds what nobody
detected: it runs the detection pipeline's public entry point (``analysis.prepare``: every
recognizer, Presidio and spaCy, the protected terms) over the text of each exported excerpt, as
a reader gets it, and refuses every finding that is not a replacement, unless a signed decision
released exactly that text:

- it lies inside a span the reviewer rejected or the policy kept in this very place (a signed
  decision about these characters), or
- its reading equals a surface that a signed decision released elsewhere in the vault: a span
  rejected, or kept by the policy and accepted (a country, a public figure).

A finding that overlaps a replacement is judged on what lies outside the replacement only
("[Person 2]'s cousin" is the replacement and a plain word): punctuation and words that no
recognizer would flag on their own are not a leak, so only the uncovered part is looked at
again, by the same detection. Nothing here decides by label or by word lists; recall stays the
recognizers'.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from redact.detect.span import Span
from redact.export import gate as leak_gate
from redact.export.gate import GateExcerpt, Leak, Window
from redact.text import reading

Originals = Callable[[int, int, int], tuple[str, int, int] | None]


def released_surfaces(spans: Iterable[tuple[str, str, str]]) -> frozenset[str]:
    """Readings of surfaces a signed decision let out: (text, status, action) of every span."""
    return frozenset(
        reading.read(text).letters
        for text, status, action in spans
        if status == "rejected" or (action == "keep" and status in ("accepted", "edited"))
    )


def _uncovered(start: int, end: int, windows: Sequence[Window]) -> list[tuple[int, int]]:
    """The parts of [start, end) outside every machine-made replacement."""
    parts = [(start, end)]
    for w in windows:
        if w.kind != leak_gate.REPLACED or not w.trusted:  # a reviewer's own words are read
            continue
        cut: list[tuple[int, int]] = []
        for a, b in parts:
            if w.end <= a or b <= w.start:
                cut.append((a, b))
                continue
            if a < w.start:
                cut.append((a, w.start))
            if w.end < b:
                cut.append((w.end, b))
        parts = cut
    return parts


def _released(
    text: str, a: int, b: int, windows: Sequence[Window], surfaces: frozenset[str]
) -> bool:
    if any(
        w.kind in (leak_gate.KEPT, leak_gate.REJECTED) and w.start <= a and b <= w.end
        for w in windows
    ):
        return True
    letters = reading.read(text[a:b]).letters
    return not letters or letters in surfaces


def look(
    excerpts: Sequence[GateExcerpt],
    protected_terms: Sequence[str],
    surfaces: frozenset[str],
    originals: Originals | None = None,
) -> list[Leak]:
    """Every finding in the excerpts that no replacement covers and no decision released.

    ``originals(excerpt, start, end)`` gives (record text, start, end) of the same characters
    in the record, or None; with it, a finding the redaction caused is not refused."""
    from redact.pipeline import analysis

    sources = [
        analysis.Source(f"excerpt {e.number}", e.text, tuple(protected_terms)) for e in excerpts
    ]
    outcome = analysis.prepare(sources)
    leaks: list[Leak] = []
    again: list[tuple[GateExcerpt, int, int, str]] = []
    for i, (excerpt, spans) in enumerate(zip(excerpts, outcome.spans, strict=True)):
        if i in outcome.failures:  # unverifiable: refuse the excerpt as a whole
            leaks.append(_leak(excerpt, 0, len(excerpt.text), "ANALYSIS FAILED"))
            continue
        for span in spans:
            parts = _uncovered(span.start, span.end, excerpt.windows)
            whole = parts == [(span.start, span.end)] and not _touches(span, excerpt.windows)
            for a, b in parts:
                if _released(excerpt.text, a, b, excerpt.windows, surfaces):
                    continue
                if whole:
                    leaks.append(_leak(excerpt, a, b, span.label))
                else:
                    again.append((excerpt, a, b, span.label))
    leaks += _look_again(again, protected_terms, surfaces)
    if originals is not None:
        leaks = detected_in_record(leaks, protected_terms, originals)
    return sorted(leaks, key=lambda x: (x.excerpt or 0, x.start))


def _touches(span: Span, windows: Sequence[Window]) -> bool:
    """The finding ends where a replacement starts or starts where one ends ("到[a place]")."""
    return any(
        w.kind == leak_gate.REPLACED and w.trusted and (w.start == span.end or w.end == span.start)
        for w in windows
    )


def detected_in_record(
    leaks: Sequence[Leak], protected_terms: Sequence[str], originals: Originals
) -> list[Leak]:
    """The leaks that detection, run today over the record's own text, finds at the same
    characters; a leak that cannot be placed in its record, or whose record's detection
    fails, stays. Drops findings the redaction itself caused (the same characters, detected in
    their own context, are found by nothing); what today's detection does find there (a
    recognizer newer than the approved analysis) stays refused."""
    from redact.pipeline import analysis

    placed = [(leak, originals(leak.excerpt or 0, *(leak.at or (0, 0)))) for leak in leaks]
    texts = sorted({where[0] for _, where in placed if where is not None})
    if not texts:
        return list(leaks)
    outcome = analysis.prepare(
        [analysis.Source("record", t, tuple(protected_terms)) for t in texts]
    )
    found = dict(zip(texts, outcome.spans, strict=True))
    failed = {texts[i] for i in outcome.failures}
    kept = []
    for leak, where in placed:
        if where is None or where[0] in failed:
            kept.append(leak)
            continue
        text, a, b = where
        if any(s.start < b and a < s.end for s in found[text]):
            kept.append(leak)
    return kept


def _look_again(
    parts: Sequence[tuple[GateExcerpt, int, int, str]],
    protected_terms: Sequence[str],
    surfaces: frozenset[str],
) -> list[Leak]:
    """The words next to a replacement, detected on their own: a leak only if still found."""
    from redact.pipeline import analysis

    if not parts:
        return []
    sources = [analysis.Source("part", e.text[a:b], tuple(protected_terms)) for e, a, b, _ in parts]
    outcome = analysis.prepare(sources)
    leaks = []
    for i, ((excerpt, a, b, label), spans) in enumerate(zip(parts, outcome.spans, strict=True)):
        if i in outcome.failures:
            leaks.append(_leak(excerpt, a, b, label))
            continue
        for span in spans:
            start, end = a + span.start, a + span.end
            if not _released(excerpt.text, start, end, excerpt.windows, surfaces):
                leaks.append(_leak(excerpt, start, end, span.label))
    return leaks


def _leak(excerpt: GateExcerpt, start: int, end: int, label: str) -> Leak:
    window = next((w for w in excerpt.windows if w.start < end and start < w.end), None)
    return Leak(
        excerpt.number,
        label,
        start,
        end,
        excerpt.text[start:end],
        at=(start, end),
        window=window,
        reason="detected",
    )
