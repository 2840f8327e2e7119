"""Evaluation over annotated data: the samples' gold files and TAB (Pilán et al. 2022).

A mention counts as masked when every letter and digit of it (a leading "Mr"/"Ms"/... aside)
lies inside spans the system would replace (action other than keep), and as proposed when they
lie inside any span shown to the reviewer. An entity counts only when all its mentions do, as in
TAB's entity-level recall. On samples-format folders it also measures what a reader of the
export relies on: consistency (a recurring gold person, place, camp or organisation gets exactly
one replacement in every record) and wrong merges (one pseudonym standing for two or more gold
entities), reported by gold entity id, never by text. Numbers are printed, never stored here.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redact.detect.span import Span
from redact.link.pseudonyms import PseudonymTable
from redact.pipeline.analysis import AnalysisFailed, Outcome, Source, finish, prepare, propose
from redact.plan.policy import Policy
from redact.text.search import same_phrase


@dataclass(frozen=True)
class Mention:
    doc: str
    start: int
    end: int
    kind: str  # gold type
    entity: str
    must_mask: bool = True


def _covered_chars(spans: Iterable[Span], proposed: bool = False) -> set[int]:
    """Characters the system would replace; with ``proposed``, every flagged character."""
    chars: set[int] = set()
    for span in spans:
        if proposed or (span.action != "keep" and span.status != "rejected"):
            chars.update(range(span.start, span.end))
    return chars


_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+")


def _is_masked(text: str, mention: Mention, chars: set[int]) -> bool:
    """Every letter and digit covered, a leading courtesy title ("Mr") excepted: the title alone
    identifies nobody, and TAB marks it inside the name while spaCy leaves it out."""
    title = _TITLE.match(text, mention.start, mention.end)
    first = title.end() if title else mention.start
    wanted = [i for i in range(first, mention.end) if text[i].isalnum()]
    return all(i in chars for i in wanted)


def _ratio(hit: int, total: int) -> str:
    return f"{hit / total:.3f} ({hit}/{total})" if total else "n/a"


def _recall_lines(
    mentions: Sequence[Mention], masked: dict[Mention, bool], proposed: dict[Mention, bool]
) -> list[str]:
    by_kind: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_kind[mention.kind].append(mention)
    lines = ["mention and entity recall by gold type (masked under the policy | proposed at all):"]
    for kind, group in sorted(by_kind.items()):
        entities: dict[str, list[bool]] = defaultdict(list)
        for mention in group:
            entities[mention.entity].append(masked[mention])
        hits = sum(masked[m] for m in group)
        ents = sum(all(v) for v in entities.values())
        lines.append(
            f"  {kind:<13} mentions {_ratio(hits, len(group)):<19} "
            f"entities {_ratio(ents, len(entities)):<17} | proposed "
            f"{_ratio(sum(proposed[m] for m in group), len(group))}"
        )
    return lines


# -- samples -------------------------------------------------------------------------------

# Gold types whose replacement is decided per entity (a pseudonym, or a place's
# generalisation): these must read the same in every record. Dates, ages and prices are
# generalised per mention; contact details are masked with one fixed word. (By the gold type,
# not by how an annotator happened to spell entity ids.)
_PER_ENTITY = ("PERSON", "LOCATION", "CAMP", "ORGANIZATION")


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    gold: dict[str, Any]


@dataclass(frozen=True)
class Prepared:
    """A folder after the slow, stateless half of the analysis (detection, merging)."""

    folder: str
    documents: tuple[Document, ...]
    outcome: Outcome


@dataclass(frozen=True)
class Scores:
    """What :func:`score` measured on one folder. Entity ids only, never text."""

    folder: str
    documents: int
    mentions: tuple[Mention, ...]
    masked: dict[Mention, bool]
    flagged: dict[Mention, bool]
    must_mask: tuple[int, int]
    person_location: tuple[int, int]
    protected: tuple[int, int]
    precision: tuple[int, int]
    keep_over_masked: tuple[int, int]
    consistent: tuple[int, int]
    inconsistent: tuple[str, ...]  # recurring gold entity ids with more than one replacement
    # per pseudonym whose spans (each over one gold entity) stand for 2+ gold entities: their ids
    wrong_merges: tuple[tuple[str, ...], ...]
    pseudonyms: int
    swallowed: tuple[tuple[str, ...], ...]  # single spans that cover two or more gold entities

    def recall(self, kind: str | None = None, must_mask_only: bool = False) -> float:
        """Mention recall (masked under the policy), of one gold type or of all."""
        group = [
            m
            for m in self.mentions
            if (kind is None or m.kind == kind) and (m.must_mask or not must_mask_only)
        ]
        return sum(self.masked[m] for m in group) / len(group) if group else 1.0


def load_folder(folder: Path) -> list[Document]:
    """Every ``*.gold.json`` of a samples-format folder, with its source read as intake does."""
    from intake.readers import read

    out = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        out.append(Document(gold["file"], read(folder / gold["file"]).text, gold))
    return out


def _sources(documents: Sequence[Document]) -> list[Source]:
    """Each document as intake gives it to the analysis: its protected terms, and the interview
    codes of the whole folder (as a vault run knows its records' codes)."""
    codes = tuple(c for d in documents if (c := d.gold.get("metadata", {}).get("code")))
    return [Source(d.name, d.text, tuple(d.gold["protect"]), codes) for d in documents]


def prepare_folder(folder: Path) -> Prepared:
    """Detection and merging over a folder (runs spaCy once; cache the result to score often)."""
    documents = load_folder(folder)
    sources = _sources(documents)
    return Prepared(str(folder), tuple(documents), prepare(sources))


def _overlaps(span: Span, start: int, end: int) -> bool:
    return span.start < end and start < span.end


@dataclass
class _Tally:
    """What :func:`score` counts, document by document."""

    mentions: list[Mention] = field(default_factory=list)
    masked: dict[Mention, bool] = field(default_factory=dict)
    flagged: dict[Mention, bool] = field(default_factory=dict)
    keep: list[int] = field(default_factory=lambda: [0, 0])  # keep items hidden, all
    predicted: list[int] = field(default_factory=lambda: [0, 0])  # hidden on gold, hidden
    replacements: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    entity_docs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    stands_for: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    swallowed: list[tuple[str, ...]] = field(default_factory=list)  # one span, 2+ entities
    protected_entities: set[str] = field(default_factory=set)

    def add(self, doc: Document, spans: Sequence[Span]) -> None:
        text, gold = doc.text, doc.gold
        chars = _covered_chars(spans)
        proposed_chars = _covered_chars(spans, proposed=True)
        gold_chars = {i for s in gold["spans"] for i in range(s["start"], s["end"])}
        hidden = [s for s in spans if s.action != "keep" and s.status != "rejected"]
        self.predicted[1] += len(hidden)
        self.predicted[0] += sum(
            any(i in gold_chars for i in range(x.start, x.end)) for x in hidden
        )
        for item in gold["keep"]:
            self.keep[1] += 1
            self.keep[0] += any(i in chars for i in range(item["start"], item["end"]))
        covers: dict[Span, set[str]] = defaultdict(set)
        for s in gold["spans"]:
            mention = Mention(
                doc.name, s["start"], s["end"], s["type"], s["entity"], bool(s["must_mask"])
            )
            self.mentions.append(mention)
            self.masked[mention] = _is_masked(text, mention, chars)
            self.flagged[mention] = _is_masked(text, mention, proposed_chars)
            if any(same_phrase(s["text"], term) for term in gold["protect"]):
                self.protected_entities.add(s["entity"])
            touching = [x for x in hidden if _overlaps(x, s["start"], s["end"])]
            if self.masked[mention] and s["type"] in _PER_ENTITY:
                self.replacements[s["entity"]] |= {x.replacement for x in touching}
                self.entity_docs[s["entity"]].add(doc.name)
            for x in touching:
                if x.action == "pseudonymise":
                    covers[x].add(s["entity"])
        for x, entities in covers.items():
            if len(entities) == 1:
                self.stands_for[x.replacement] |= entities
            else:
                self.swallowed.append(tuple(sorted(entities)))


def score(prepared: Prepared, policy: Policy) -> Scores:
    """Link and plan a prepared folder with a fresh pseudonym table, and score it."""
    documents = prepared.documents
    sources = _sources(documents)
    outcome = finish(sources, prepared.outcome, policy, PseudonymTable(style=policy.style))
    if outcome.failures:
        raise AnalysisFailed(list(outcome.failures.values()))
    tally = _Tally()
    for doc, spans in zip(documents, outcome.spans, strict=True):
        tally.add(doc, spans)
    mentions, masked = tally.mentions, tally.masked
    must = [m for m in mentions if m.must_mask]
    people_places = [m for m in mentions if m.kind in ("PERSON", "LOCATION")]
    protected = [m for m in mentions if m.entity in tally.protected_entities]
    recurring = sorted(e for e, d in tally.entity_docs.items() if len(d) > 1)
    inconsistent = tuple(e for e in recurring if len(tally.replacements[e]) != 1)
    merges = (tuple(sorted(v)) for v in tally.stands_for.values() if len(v) > 1)
    return Scores(
        folder=prepared.folder,
        documents=len(documents),
        mentions=tuple(mentions),
        masked=masked,
        flagged=tally.flagged,
        must_mask=(sum(masked[m] for m in must), len(must)),
        person_location=(sum(masked[m] for m in people_places), len(people_places)),
        protected=(sum(masked[m] for m in protected), len(protected)),
        precision=(tally.predicted[0], tally.predicted[1]),
        keep_over_masked=(tally.keep[0], tally.keep[1]),
        consistent=(len(recurring) - len(inconsistent), len(recurring)),
        inconsistent=inconsistent,
        wrong_merges=tuple(sorted(merges)),
        pseudonyms=len(tally.stands_for),
        swallowed=tuple(sorted(tally.swallowed)),
    )


def report(scores: Scores) -> str:
    """The numbers of :func:`score`, as printed by ``testimony redact evaluate``."""
    mentions, masked = scores.mentions, scores.masked
    lines = [
        f"{scores.folder}: {scores.documents} documents, {len(mentions)} gold mentions",
        *_recall_lines(mentions, masked, scores.flagged),
        f"  must-mask mentions masked {_ratio(*scores.must_mask)}",
        f"  PERSON + LOCATION mentions masked {_ratio(*scores.person_location)}",
        f"  protected-term entities: all mentions masked {_ratio(*scores.protected)}",
        f"  precision (hidden spans touching a gold span) {_ratio(*scores.precision)}",
        f"  over-masking of keep items (countries, public figures) "
        f"{_ratio(*scores.keep_over_masked)}",
        f"  consistency (recurring people, places, camps, organisations with exactly one "
        f"replacement across records) {_ratio(*scores.consistent)}",
    ]
    if scores.inconsistent:
        lines.append("    more than one replacement: " + ", ".join(scores.inconsistent))
    lines.append(
        f"  wrong merges (a pseudonym standing for 2+ gold entities) "
        f"{len(scores.wrong_merges)} of {scores.pseudonyms} pseudonyms"
    )
    lines += [f"    one pseudonym for: {' + '.join(ids)}" for ids in scores.wrong_merges]
    lines.append(f"  single spans covering 2+ gold entities (detection) {len(scores.swallowed)}")
    lines += [f"    one span over: {' + '.join(ids)}" for ids in scores.swallowed]
    unmasked = [m for m in mentions if not masked[m]]
    unseen = [m for m in unmasked if not scores.flagged[m]]
    lines.append(
        f"  mentions not masked: {len(unmasked)}, of which never proposed: {len(unseen)}"
        + "".join(f"\n    never proposed: {m.kind} in {m.doc} at {m.start}-{m.end}" for m in unseen)
    )
    return "\n".join(lines)


def report_samples(folder: Path, policy: Policy) -> str:
    """Score a samples-format folder (gold files beside their sources) and print the numbers."""
    return report(score(prepare_folder(folder), policy))


# -- TAB -----------------------------------------------------------------------------------


def _tab_mentions(doc: dict[str, Any]) -> list[tuple[Mention, str]]:
    annotator = sorted(doc["annotations"])[0]
    out = []
    for m in doc["annotations"][annotator]["entity_mentions"]:
        if m["identifier_type"] in ("DIRECT", "QUASI"):
            out.append(
                (
                    Mention(
                        doc["doc_id"],
                        m["start_offset"],
                        m["end_offset"],
                        m["entity_type"],
                        m["entity_id"],
                    ),
                    m["identifier_type"],
                )
            )
    return out


def _spacy_spans(texts: Sequence[str]) -> list[list[Span]]:
    from redact.detect import engine

    out = []
    for doc in engine.nlp().pipe(texts, batch_size=4):
        out.append(
            [
                Span(e.start_char, e.end_char, e.text, e.label_, 1.0, "spacy", "", "")
                for e in doc.ents
            ]
        )
    return out


def _tab_scores(
    docs: Sequence[dict[str, Any]], proposals: Sequence[Sequence[Span]], proposed: bool = False
) -> list[str]:
    results: dict[str, dict[tuple[str, str], list[bool]]] = defaultdict(lambda: defaultdict(list))
    masked_chars = gold_chars_hit = 0
    for doc, spans in zip(docs, proposals, strict=True):
        chars = _covered_chars(spans, proposed)
        text = doc["text"]
        gold_chars: set[int] = set()
        for mention, identifier in _tab_mentions(doc):
            hit = _is_masked(text, mention, chars)
            results[identifier][(mention.entity, mention.kind)].append(hit)
            if identifier == "DIRECT" and mention.kind == "PERSON":
                results["PERSON DIRECT"][(mention.entity, mention.kind)].append(hit)
            gold_chars.update(range(mention.start, mention.end))
        masked_chars += len(chars)
        gold_chars_hit += len(chars & gold_chars)
    lines = []
    for group in ("DIRECT", "PERSON DIRECT", "QUASI"):
        ents = [all(v) for v in results[group].values()]
        mentions = [x for v in results[group].values() for x in v]
        lines.append(
            f"    {group:<14} entity recall {_ratio(sum(ents), len(ents)):<20} "
            f"mention recall {_ratio(sum(mentions), len(mentions))}"
        )
    lines.append(
        f"    precision (characters inside DIRECT/QUASI gold mentions) "
        f"{_ratio(gold_chars_hit, masked_chars)}"
    )
    return lines


def report_tab(path: Path, policy: Policy, baseline: bool) -> str:
    docs = json.loads(path.read_text(encoding="utf-8"))
    sources = [Source(d["doc_id"], d["text"]) for d in docs]
    ours = propose(sources, policy, PseudonymTable(style=policy.style))
    lines = [
        f"TAB {path.name}: {len(docs)} documents",
        "  ours, everything proposed to the reviewer (flagged quasi-identifiers included):",
        *_tab_scores(docs, ours, proposed=True),
        "  ours, masked after accept-all under the policy (countries, prices... kept):",
        *_tab_scores(docs, ours),
    ]
    if baseline:
        lines += [
            "  baseline: plain spaCy NER (en_core_web_sm), every entity masked:",
            *_tab_scores(docs, _spacy_spans([d["text"] for d in docs])),
        ]
    return "\n".join(lines)
