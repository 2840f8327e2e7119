"""The summary of ``scripts/e2e_corpus.py`` and how it matches gold surfaces in published text.

Kept apart from the run so each file reads on its own: the dataclasses the run fills in (and
prints as JSON), and the measurement's own matching (case-insensitive, word-bounded for
Latin-like letters, variant-tolerant at a hit's place) with which a gate hit is judged a true
leak or a false alarm. Nothing here reads a vault; no text is printed without ``--show-text``.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from redact.text.search import compact, find_all

# -- the summary ----------------------------------------------------------------------------


@dataclass
class Hit:
    """One refused hit of the gate: where (output offsets), the gate's label, and what the gold
    says of the refused words (measurement only; no text)."""

    where: str
    label: str
    reason: str  # the gate's: "known" (a known original) or "detected" (its second look)
    shape: str  # the refused words as a shape, a character around: A/a letters, 9 digits
    verdict: str  # "true leak (gold TYPE)" | "false alarm (...)"
    text: str | None = None  # only with --show-text


@dataclass
class Refusal:
    doc: str
    step: str  # intake | analysis | approval | export
    cause: str  # the library's message: never originals
    hits: list[Hit] = field(default_factory=list)


@dataclass
class Mention:
    doc: str
    start: int
    end: int
    type: str
    text: str | None = None  # only with --show-text

    def __str__(self) -> str:
        shown = f"  {self.text!r}" if self.text is not None else ""
        return f"{self.doc}:{self.start}-{self.end} {self.type}{shown}"


@dataclass
class Summary:
    folder: str
    records: int = 0
    exports_written: int = 0
    refusals: list[Refusal] = field(default_factory=list)
    must_mask_total: int = 0  # gold must-mask mentions in the documents
    must_mask_published: int = 0  # ... in documents whose export was written
    leaked: list[Mention] = field(default_factory=list)
    withheld: list[Mention] = field(default_factory=list)  # in the output of a refused export
    quasi_present: list[Mention] = field(default_factory=list)
    offset_mismatches: int = 0  # gold spans whose text is not at their offsets in the record
    seconds: float = 0.0

    def leaked_by_type(self) -> dict[str, int]:
        return dict(sorted(Counter(m.type for m in self.leaked).items()))

    def withheld_by_type(self) -> dict[str, int]:
        return dict(sorted(Counter(m.type for m in self.withheld).items()))

    def quasi_by_type(self) -> dict[str, int]:
        return dict(sorted(Counter(m.type for m in self.quasi_present).items()))

    def gate_refusals(self) -> list[Refusal]:
        return [r for r in self.refusals if r.step == "export" and r.hits]

    def verdicts(self, kind: str) -> int:
        return sum(h.verdict.startswith(kind) for r in self.refusals for h in r.hits)

    def refused_for_nothing(self) -> int:
        """Gate refusals none of whose hits is a true leak."""
        return sum(
            not any(h.verdict.startswith("true leak") for h in r.hits) for r in self.gate_refusals()
        )

    def false_alarms(self) -> int:
        return self.verdicts("false alarm")

    def to_json(self) -> dict[str, Any]:
        body = asdict(self)
        body["leaked_by_type"] = self.leaked_by_type()
        body["leaked_total"] = len(self.leaked)
        body["withheld_by_type"] = self.withheld_by_type()
        body["withheld"] = [str(m) for m in self.withheld]
        body["quasi_by_type"] = self.quasi_by_type()
        body["false_alarms"] = self.false_alarms()
        body["true_leaks"] = self.verdicts("true leak")
        body["unclear"] = self.verdicts("unclear")
        body["refused_for_no_true_leak"] = self.refused_for_nothing()
        body["leaked"] = [str(m) for m in self.leaked]
        body["quasi_present"] = [str(m) for m in self.quasi_present]
        return body


# -- matching surfaces ----------------------------------------------------------------------


def normal(text: str) -> str:
    """Case-insensitive, whitespace collapsed."""
    return " ".join(text.casefold().split())


def _wordish(ch: str) -> bool:
    """A letter or digit of a script that separates words with spaces (not CJK or Hangul)."""
    return ch.isalnum() and ord(ch) < 0x2E80


def occurs(surface: str, text: str) -> bool:
    """``surface`` in ``text`` (both ``normal``), not glued to a neighbouring Latin-like word:
    "Bo" is not in "Bold"; Chinese or Hangul characters have no such boundary."""
    if not surface:
        return False
    at = text.find(surface)
    while at >= 0:
        end = at + len(surface)
        before = at > 0 and _wordish(surface[0]) and _wordish(text[at - 1])
        after = end < len(text) and _wordish(surface[-1]) and _wordish(text[end])
        if not (before or after):
            return True
        at = text.find(surface, at + 1)
    return False


def published_text(data: str) -> str:
    """The Markdown file as a reader sees it: blockquote marks dropped, then ``normal``."""
    lines = [line[1:].lstrip(" ") if line.startswith(">") else line for line in data.split("\n")]
    return normal("\n".join(lines))


def _tokens(text: str) -> list[str]:
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    )
    words, word = [], []
    for c in plain:
        if c.isalnum():
            word.append(c)
            if not _wordish(c):  # one CJK or Hangul character per token
                words.append("".join(word))
                word = []
        elif word:
            words.append("".join(word))
            word = []
    if word:
        words.append("".join(word))
    return words


def _slices(tokens: list[str]) -> set[str]:
    return {"".join(tokens[i:j]) for i in range(len(tokens)) for j in range(i + 1, len(tokens) + 1)}


def same_words(a: str, b: str) -> bool:
    """``a`` and ``b`` share a whole run of words (case, accents, hyphens and spaces aside):
    "Bo ram" and "Kim Bo-ram" do, "Im" and "Kim" do not."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    whole_a, whole_b = "".join(ta), "".join(tb)
    return whole_a in _slices(tb) or whole_b in _slices(ta)


def shape(text: str) -> str:
    """Letters as A/a, digits as 9, the rest as it is: what a hit looks like, without its text."""
    return "".join(
        "A" if c.isupper() else "a" if c.isalpha() else "9" if c.isdigit() else c for c in text
    )


def _at(output: str, start: int, end: int, surface: str) -> bool:
    return any(a < end and start < b for a, b in find_all(output, surface))


def verdict(
    original: str, start: int, end: int, gold: Mapping[str, Any], output: str | None
) -> str:
    """What the gold says of a refused hit: a must-mask mention (true leak) or something else.

    With the checked output at hand, the gold surfaces found at the hit's place decide (with the
    gate's own variant-tolerant search); a hit of two letters or more whose words are those of
    a gold must-mask mention elsewhere is unclear (a partly replaced name, or a common word).
    Without the output, the words alone decide."""
    spans, kept = gold["spans"], gold.get("keep", [])
    if output is None:
        return _by_words(original, spans, kept)
    for span in (s for s in spans if s["must_mask"]):
        if _at(output, start, end, span["text"]):
            return f"true leak (gold {span['type']})"
    if len(compact(original)) >= 2:
        for span in (s for s in spans if s["must_mask"]):
            if same_words(original, span["text"]):
                return f"unclear (words of a gold {span['type']} mention, not whole there)"
    for span in spans:
        if _at(output, start, end, span["text"]):
            return f"false alarm (a gold quasi-identifier, {span['type']})"
    for item in kept:
        if _at(output, start, end, item["text"]):
            return f"false alarm (gold keeps it visible, {item['type']})"
    return "false alarm (no gold mention there)"


def _by_words(original: str, spans: Sequence[Any], kept: Sequence[Any]) -> str:
    for span in spans:
        if span["must_mask"] and same_words(original, span["text"]):
            return f"true leak (gold {span['type']})"
    for span in spans:
        if same_words(original, span["text"]):
            return f"false alarm (a gold quasi-identifier, {span['type']})"
    for item in kept:
        if same_words(original, item["text"]):
            return f"false alarm (gold keeps it visible, {item['type']})"
    return "false alarm (not a gold mention)"


def hit_shape(original: str, start: int, end: int, output: str | None) -> str:
    """The hit's shape with one character of context each side when the output is at hand:
    "'[a] " is a single letter right after an apostrophe."""
    if output is None:
        return shape(original)
    before, after = output[max(0, start - 1) : start], output[end : end + 1]
    return f"{shape(before)}[{shape(original)}]{shape(after)}"


# -- printing -------------------------------------------------------------------------------


def render(summary: Summary) -> list[str]:
    s = summary
    lines = [
        f"e2e over {s.folder}: {s.records} records, {s.exports_written} exports written, "
        f"{len([r for r in s.refusals if r.step == 'export'])} exports refused "
        f"({len(s.gate_refusals())} by the leak gate), {s.seconds} s",
    ]
    if s.offset_mismatches:
        lines.append(f"warning: {s.offset_mismatches} gold spans are not at their offsets")
    for r in s.refusals:
        lines.append(f"refused: {r.doc} at {r.step}: {r.cause}")
        for h in r.hits:
            shown = f"  {h.text!r}" if h.text is not None else ""
            lines.append(f"  - {h.where} ({h.reason}), shaped {h.shape!r} [{h.verdict}]{shown}")
    hits = [h for r in s.refusals for h in r.hits]
    lines.append(
        f"gate hits: {len(hits)} ({s.verdicts('true leak')} true leaks, "
        f"{s.false_alarms()} false alarms, {s.verdicts('unclear')} unclear); exports refused "
        f"for no true leak: {s.refused_for_nothing()}"
    )
    by_type = ", ".join(f"{t} {n}" for t, n in s.leaked_by_type().items()) or "none"
    lines.append(
        f"must-mask mentions leaked into published files: {len(s.leaked)} of "
        f"{s.must_mask_published} published ({s.must_mask_total} in all documents): {by_type}"
    )
    lines += [f"  leaked: {m}" for m in s.leaked]
    held = ", ".join(f"{t} {n}" for t, n in s.withheld_by_type().items()) or "none"
    lines.append(
        f"must-mask mentions in the refused exports (not published; they would be if the gate "
        f"let them pass): {len(s.withheld)}: {held}"
    )
    lines += [f"  withheld: {m}" for m in s.withheld]
    quasi = ", ".join(f"{t} {n}" for t, n in s.quasi_by_type().items()) or "none"
    lines.append(
        f"quasi-identifiers still present (not must-mask): {len(s.quasi_present)}: {quasi}"
    )
    return lines
