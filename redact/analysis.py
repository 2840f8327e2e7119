"""The detection pipeline over one or many records: detect -> merge -> link -> plan.

Detection (the slow, stateless part) can run in several processes; linking and planning run in
the calling process, over all records together, so the same entity gets the same key and the same
pseudonym everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from intake.readers.plain import SPEAKER
from redact import engine, linking, merge
from redact.geography import country_of
from redact.plan import plan
from redact.policy import Policy
from redact.pseudonyms import PseudonymTable
from redact.recognizers.base import PERSON, Finding
from redact.recognizers.protected import ProtectedTerms
from redact.span import Span


@dataclass(frozen=True)
class Source:
    record_id: str  # or a file name for stateless previews
    text: str
    protected_terms: tuple[str, ...] = ()


Progress = Callable[[int], None]


def _detect_chunk(texts: list[str]) -> list[list[Finding]]:
    return engine.detect_many(texts)


def detect(
    texts: Sequence[str], jobs: int = 1, progress: Progress | None = None, chunk: int = 4
) -> list[list[Finding]]:
    """Raw findings per text; ``jobs`` > 1 spreads chunks over worker processes."""
    chunks = [list(texts[i : i + chunk]) for i in range(0, len(texts), chunk)]
    results: list[list[Finding]] = []
    if jobs <= 1 or len(chunks) <= 1:
        for part in chunks:
            results.extend(_detect_chunk(part))
            if progress:
                progress(len(part))
        return results
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for part, found in zip(chunks, pool.map(_detect_chunk, chunks), strict=True):
            results.extend(found)
            if progress:
                progress(len(part))
    return results


def prepare(
    sources: Sequence[Source], jobs: int = 1, progress: Progress | None = None
) -> list[list[Span]]:
    """The slow, stateless half: detection and merging, per record."""
    raw = detect([s.text for s in sources], jobs, progress)
    merged = []
    for source, findings in zip(sources, raw, strict=True):
        kept = _without_role_labels(source.text, findings)
        protected = ProtectedTerms(source.protected_terms).find(source.text)
        merged.append(linking.assign_keys(merge.merge(source.text, [*kept, *protected])))
    return merged


def _without_role_labels(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """Drop non-PERSON findings that are exactly a speaker label ("INTERVIEWER:", "WITNESS:"):
    spaCy often calls them organisations. A label that is a name is still a PERSON finding."""
    labels = {(m.start("label"), m.end("label")) for m in SPEAKER.finditer(text)}
    return [f for f in findings if f.label == PERSON or (f.start, f.end) not in labels]


def propose(
    sources: Sequence[Source],
    policy: Policy,
    table: PseudonymTable,
    jobs: int = 1,
    progress: Progress | None = None,
) -> list[list[Span]]:
    return finish(sources, prepare(sources, jobs, progress), policy, table)


def finish(
    sources: Sequence[Source],
    merged: Sequence[Sequence[Span]],
    policy: Policy,
    table: PseudonymTable,
) -> list[list[Span]]:
    """The quick, stateful half: linking across records and the table, then the plan."""
    # every entity seen anywhere (this batch or the vault's table) is searched for everywhere
    known = linking.collect([s for spans in merged for s in spans], table.entities())
    linker = linking.Linker(known.values())
    corpus_names = [n for e in known.values() if e.label == "PERSON" for n in e.surfaces]
    out = []
    for source, spans in zip(sources, merged, strict=True):
        linked = linker.link(source.text, spans)
        protected_keys = {s.entity for s in linked if s.recognizer == "protected-term"}
        out.append(
            plan(source.record_id, linked, policy, table, protected_keys, corpus_names, country_of)
        )
    return out
