"""Evaluation over annotated data: the samples' gold files and TAB (Pilán et al. 2022).

A mention counts as masked when every letter and digit of it (a leading "Mr"/"Ms"/... aside)
lies inside spans the system would replace (action other than keep), and as proposed when they
lie inside any span shown to the reviewer. An entity counts only when all its mentions do, as in
TAB's entity-level recall. Numbers are printed, never stored by this module.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redact.analysis import Source, propose
from redact.policy import Policy
from redact.pseudonyms import PseudonymTable
from redact.span import Span
from redact.textsearch import same_phrase


@dataclass(frozen=True)
class Mention:
    doc: str
    start: int
    end: int
    kind: str  # gold type
    entity: str


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


def _load_samples(folder: Path) -> list[tuple[str, str, dict[str, Any]]]:
    from intake.readers import read

    out = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        out.append((gold["file"], read(folder / gold["file"]).text, gold))
    return out


def report_samples(folder: Path, policy: Policy) -> str:
    docs = _load_samples(folder)
    sources = [Source(name, text, tuple(gold["protect"])) for name, text, gold in docs]
    table = PseudonymTable(style=policy.style)
    proposals = propose(sources, policy, table)
    mentions, masked, flagged, keep_hits, keep_total = [], {}, {}, 0, 0
    predicted, predicted_true, pseudonyms = 0, 0, defaultdict(set)
    protected_entities: set[str] = set()
    for (name, text, gold), spans in zip(docs, proposals, strict=True):
        chars = _covered_chars(spans)
        proposed_chars = _covered_chars(spans, proposed=True)
        gold_chars = {i for s in gold["spans"] for i in range(s["start"], s["end"])}
        for span in spans:
            if span.action == "keep":
                continue
            predicted += 1
            predicted_true += any(i in gold_chars for i in range(span.start, span.end))
        for item in gold["keep"]:
            keep_total += 1
            keep_hits += any(i in chars for i in range(item["start"], item["end"]))
        for s in gold["spans"]:
            mention = Mention(name, s["start"], s["end"], s["type"], s["entity"])
            mentions.append(mention)
            masked[mention] = _is_masked(text, mention, chars)
            flagged[mention] = _is_masked(text, mention, proposed_chars)
            if any(same_phrase(s["text"], term) for term in gold["protect"]):
                protected_entities.add(s["entity"])
            for span in spans:
                if (
                    span.action == "pseudonymise"
                    and span.start < s["end"]
                    and s["start"] < span.end
                ):
                    pseudonyms[s["entity"]].add((span.replacement, name))
    must = [m for m in mentions if m.kind in ("PERSON", "LOCATION")]
    protected = [m for m in mentions if m.entity in protected_entities]
    recurring = {
        e: v for e, v in pseudonyms.items() if e.startswith("P-") and len({doc for _, doc in v}) > 1
    }
    consistent = [e for e, v in recurring.items() if len({p for p, _ in v}) == 1]
    lines = [
        f"samples: {len(docs)} transcripts, {len(mentions)} gold mentions",
        *_recall_lines(mentions, masked, flagged),
        f"  protected-term entities: all mentions masked "
        f"{_ratio(sum(masked[m] for m in protected), len(protected))}",
        f"  PERSON + LOCATION mentions masked {_ratio(sum(masked[m] for m in must), len(must))}",
        f"  precision (masked spans touching a gold span) {_ratio(predicted_true, predicted)}",
        f"  over-masking of keep items (countries, public figures) {_ratio(keep_hits, keep_total)}",
        f"  recurring people with exactly one pseudonym across records "
        f"{_ratio(len(consistent), len(recurring))}",
    ]
    unmasked = [m for m in mentions if not masked[m]]
    unseen = [m for m in unmasked if not flagged[m]]
    lines.append(
        f"  mentions not masked: {len(unmasked)}, of which never proposed: {len(unseen)}"
        + "".join(f"\n    never proposed: {m.kind} in {m.doc} at {m.start}-{m.end}" for m in unseen)
    )
    return "\n".join(lines)


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
    from redact import engine

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
