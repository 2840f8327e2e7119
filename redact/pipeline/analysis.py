"""The detection pipeline over one or many records: detect -> merge -> link -> plan.

Detection (the slow, stateless part) can run in several processes; linking and planning run in
the calling process, over all records together, so the same entity gets the same key and the same
pseudonym everywhere.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from intake.readers.plain import SPEAKER
from keys.errors import RedactionError
from redact.detect import engine
from redact.detect import overlaps as merge
from redact.detect.recognizers.base import PERSON, Finding
from redact.detect.recognizers.protected import ProtectedTerms
from redact.detect.span import Span
from redact.link import aliases, glosses, linking
from redact.link.geography import country_of
from redact.link.pseudonyms import PseudonymTable
from redact.link.statements import stated_aliases
from redact.plan import references
from redact.plan.policy import Policy
from redact.plan.proposal import plan


@dataclass(frozen=True)
class Source:
    record_id: str  # or a file name for stateless previews
    text: str
    protected_terms: tuple[str, ...] = ()
    # the interview codes given at intake (this record's and others'): their series is cited
    interview_codes: tuple[str, ...] = ()


Progress = Callable[[int], None]
_In = TypeVar("_In")
_Out = TypeVar("_Out")


@dataclass(frozen=True)
class Failure:
    """One record whose analysis failed: where, in which recognizer, which exception class.
    Never the text or the exception's message (they may quote testimony)."""

    record_id: str
    stage: str  # detection | merging | linking
    component: str  # the recognizer (or step) that raised
    error: str  # the exception's class name

    def to_json(self) -> dict[str, str]:
        return {"stage": self.stage, "component": self.component, "error": self.error}

    def describe(self) -> str:
        return f"analysis failed in {self.stage} ({self.component}: {self.error})"


@dataclass
class Outcome:
    """Spans per source, in order; a failed source has no spans and an entry in ``failures``."""

    spans: list[list[Span]]
    failures: dict[int, Failure]


# A detection result is the findings, or (component, exception class) when the text failed.
Detected = list[Finding] | tuple[str, str]


def _culprit(text: str) -> tuple[str, str]:
    """Which part of detection raises on this text (run one at a time, only after a failure)."""
    for recognizer in engine.domain_recognizers():
        try:
            recognizer.find(text)
        except Exception as exc:
            return (getattr(recognizer, "name", type(recognizer).__name__), type(exc).__name__)
    try:
        list(engine.presidio_findings([text]))
    except Exception as exc:
        return ("presidio", type(exc).__name__)
    return ("detection", "unknown")


def _detect_chunk(texts: list[str]) -> list[Detected]:
    """Findings per text; a text that makes detection raise is isolated, not fatal."""
    try:
        return list(engine.detect_many(texts))
    except Exception:
        if len(texts) > 1:
            return [found for text in texts for found in _detect_chunk([text])]
        return [_culprit(texts[0])]


def _pool(jobs: int) -> ProcessPoolExecutor:
    """Workers forked from this process once the model and every table are loaded (they share
    them, copy on write, instead of loading their own) where fork is safe (Linux); elsewhere
    each one loads its own."""
    if sys.platform.startswith("linux"):
        thresholds = gc.get_threshold()
        gc.set_threshold(0)  # tables for the whole run: collecting them as they load frees nothing
        try:
            _prepare_chunk([Source("warm", engine.WARM_TEXT)])  # detection and merging's tables
        finally:
            gc.set_threshold(*thresholds)
        gc.freeze()  # what the workers share: their collections never touch (and copy) it
        return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(max_workers=jobs)


def _chunks(count: int, jobs: int, chunk: int) -> list[range]:
    """``chunk`` items each; by default 4 in one process, and with workers about three chunks
    each, at most 8 items, so that they finish together."""
    size = chunk or (4 if jobs <= 1 else max(1, min(8, -(-count // (3 * jobs)))))
    return [range(i, min(i + size, count)) for i in range(0, count, size)]


def detect(
    texts: Sequence[str], jobs: int = 1, progress: Progress | None = None, chunk: int = 0
) -> list[Detected]:
    """Raw findings per text; ``jobs`` > 1 spreads chunks over worker processes."""
    parts = [[texts[i] for i in part] for part in _chunks(len(texts), jobs, chunk)]
    return _spread(_detect_chunk, parts, jobs, progress)


def _spread(
    work: Callable[[list[_In]], list[_Out]],
    parts: list[list[_In]],
    jobs: int,
    progress: Progress | None,
) -> list[_Out]:
    """``work`` over each part, in this process or over ``jobs`` workers, results in order."""
    results: list[_Out] = []
    if jobs <= 1 or len(parts) <= 1:
        for part in parts:
            results.extend(work(part))
            if progress:
                progress(len(part))
        return results
    with _pool(jobs) as pool:
        for part, done in zip(parts, pool.map(work, parts), strict=True):
            results.extend(done)
            if progress:
                progress(len(part))
    return results


def _merged(source: Source, findings: list[Finding]) -> list[Span]:
    kept = _without_role_labels(source.text, findings)
    protected = ProtectedTerms(source.protected_terms).find(source.text)
    keyed = linking.assign_keys(merge.merge(source.text, [*kept, *protected]))
    return glosses.glossed(source.text, keyed)


def _settled(source: Source, found: Detected) -> list[Span] | Failure:
    if isinstance(found, tuple):
        return Failure(source.record_id, "detection", *found)
    try:
        return _merged(source, found)
    except Exception as exc:
        return Failure(source.record_id, "merging", "merge", type(exc).__name__)


def _prepare_chunk(sources: list[Source]) -> list[list[Span] | Failure]:
    """Detection and merging of a few records (in a worker with ``--jobs``), each on its own."""
    found = _detect_chunk([s.text for s in sources])
    return [_settled(source, one) for source, one in zip(sources, found, strict=True)]


def prepare(sources: Sequence[Source], jobs: int = 1, progress: Progress | None = None) -> Outcome:
    """The slow, stateless half: detection and merging, per record, each record on its own
    (spread over ``jobs`` worker processes)."""
    parts = [[sources[i] for i in part] for part in _chunks(len(sources), jobs, 0)]
    outcome = Outcome([], {})
    for i, done in enumerate(_spread(_prepare_chunk, parts, jobs, progress)):
        if isinstance(done, Failure):
            outcome.failures[i] = done
            outcome.spans.append([])
        else:
            outcome.spans.append(done)
    return outcome


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
    """The proposed redactions of every source, in order: detection (``jobs`` worker
    processes when > 1), merging, linking across all sources and the pseudonym ``table``, then
    the ``policy``'s action and replacement for each span.

    Each :class:`Source` is an id (a record id, or a file name for previews), its text and its
    protected terms; offsets in the returned spans index that text. ``table`` is updated in
    place with every new entity's pseudonym (give a fresh ``PseudonymTable(style=policy.style)``
    for a stateless run, or the vault's to keep pseudonyms stable). ``progress`` is called with
    the number of sources each detection chunk finished. Raises :class:`AnalysisFailed` if any
    source failed (use :func:`analyse` to keep the others); ``redact.find_spans`` is the
    one-text shortcut::

        spans = propose([Source("a.txt", text, ("Ryu Dal-nim",))], policy, table)[0]
    """
    outcome = analyse(sources, policy, table, jobs, progress)
    if outcome.failures:
        raise AnalysisFailed(list(outcome.failures.values()))
    return outcome.spans


def analyse(
    sources: Sequence[Source],
    policy: Policy,
    table: PseudonymTable,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Outcome:
    """Like :func:`propose`, but a failing source is reported in the outcome, not raised."""
    return finish(sources, prepare(sources, jobs, progress), policy, table)


class AnalysisFailed(RedactionError):
    def __init__(self, failures: Sequence[Failure]) -> None:
        first = failures[0]
        super().__init__(
            f"{len(failures)} record(s) could not be analysed; first: {first.record_id}: "
            f"{first.describe()}",
            "the other records are unaffected; report the recognizer named here to the "
            "maintainers (record ids only, never the text)",
        )
        self.failures = list(failures)


def _collect_isolated(
    merged: Sequence[Sequence[Span]],
    sources: Sequence[Source],
    outcome: Outcome,
    table_known: Iterable[linking.Entity],
) -> dict[str, linking.Entity]:
    """Entities of every healthy record; a record whose spans break collection is failed."""
    healthy = [i for i in range(len(sources)) if i not in outcome.failures]
    try:
        return linking.collect([s for i in healthy for s in merged[i]], table_known)
    except Exception:
        for i in healthy:
            try:
                linking.collect(merged[i])
            except Exception as exc:
                outcome.failures[i] = Failure(
                    sources[i].record_id, "linking", "collect", type(exc).__name__
                )
        healthy = [i for i in healthy if i not in outcome.failures]
        return linking.collect([s for i in healthy for s in merged[i]], table_known)


def _stated(text: str, linked: Sequence[Span]) -> dict[str, str]:
    """The aliases a record states (alias key -> the one key it names there)."""
    named: dict[str, set[str]] = {}
    for alias, name, _ in stated_aliases(text, linked):
        named.setdefault(alias, set()).add(name)
    return {alias: next(iter(names)) for alias, names in named.items() if len(names) == 1}


def finish(
    sources: Sequence[Source],
    prepared: Outcome,
    policy: Policy,
    table: PseudonymTable,
) -> Outcome:
    """The quick, stateful half: linking across records and the table, then the plan.
    A record that fails here is reported and left out; the others are planned as usual."""
    outcome = Outcome([[] for _ in sources], dict(prepared.failures))
    merged = prepared.spans
    # every entity seen anywhere (this batch or the vault's table) is searched for everywhere
    known = _collect_isolated(merged, sources, outcome, table.entities())
    linker = linking.Linker(known.values())
    corpus_names = [n for e in known.values() if e.label == "PERSON" for n in e.surfaces]
    linked: dict[int, list[Span]] = {}
    votes: dict[int, dict[str, str]] = {}
    for i, (source, spans) in enumerate(zip(sources, merged, strict=True)):
        if i in outcome.failures:
            continue
        try:
            linked[i] = linker.link(source.text, spans, source.protected_terms)
            votes[i] = aliases.title_votes(linked[i], source.text)
            table.vote(source.record_id, "title", votes[i])
            table.vote(source.record_id, "stated", _stated(source.text, linked[i]))
        except Exception as exc:
            linked.pop(i, None)
            outcome.failures[i] = Failure(source.record_id, "linking", "link", type(exc).__name__)
    chosen = aliases.decide(table.votes)
    names = {e.key: max(e.surfaces, key=len) for e in known.values() if e.surfaces}
    cited = references.series(code for source in sources for code in source.interview_codes)
    for i, spans in linked.items():
        source = sources[i]
        try:
            joined = aliases.apply(spans, chosen, names, votes[i])
            protected_keys = {s.entity for s in joined if s.recognizer == "protected-term"}
            outcome.spans[i] = plan(
                source.record_id,
                joined,
                policy,
                table,
                protected_keys,
                corpus_names,
                country_of,
                cited,
            )
        except Exception as exc:
            outcome.failures[i] = Failure(source.record_id, "linking", "plan", type(exc).__name__)
    return outcome
