"""End to end over a gold corpus, as an NGO would: what reaches the published quotes.

For a folder in the samples' gold format (``samples/`` or ``samples/blind/``; schema in
``samples/README.md``) this makes a throwaway identity and vault in a temp folder (on tmpfs when
there is one), takes in every document with its gold protected terms and metadata, analyses all
records in one run, accepts every proposal and approves every record (the DEMO SHORTCUT a careful
NGO would not take: it measures what detection alone delivers), exports each record's witness
turns as Markdown through the real export path and its leak gate, and reads each published file
back. It prints:

- records, exports written, and every refusal (intake, analysis, approval, export) with its
  cause: the library's message, which never holds originals (the redacted words it quotes are
  left out too); for each hit of a gate refusal its shape ("'[a] ": one letter after an
  apostrophe) and, for the measurement only, whether a gold must-mask mention lies at that
  place of the checked output (a true leak) or not (a false alarm, with what the gold says);
- gold must-mask mentions whose surface (case-insensitive, whitespace collapsed, on word
  boundaries for Latin-like letters and digits) still appears in a published file, per type and
  in total, listed as ``doc:start-end TYPE`` (the text only with ``--show-text``); apart, those
  in the text a refused export would have published (kept in memory only);
- quasi-identifiers (gold ``must_mask: false``: dates, ages, prices, camps) still present, per
  type, separately.

The vault, the keys and the exports are deleted at the end. Exit 0 unless the script breaks:
this is a measurement, not a test.

    .venv/bin/python scripts/e2e_corpus.py samples/
    .venv/bin/python scripts/e2e_corpus.py samples/blind/ --json
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
import traceback
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a file: the project's packages sit next to scripts/
    sys.path.insert(0, str(REPO))

from intake.batch import add_files  # noqa: E402
from intake.record import Metadata  # noqa: E402
from intake.vault import Vault  # noqa: E402
from keys import identity as identity_module  # noqa: E402
from keys.errors import TestimonyError  # noqa: E402
from keys.identity import Identity  # noqa: E402
from redact.export import gate as leak_gate  # noqa: E402
from redact.export import quotes as export  # noqa: E402
from redact.pipeline import runner  # noqa: E402
from redact.pipeline.analysis import Failure  # noqa: E402
from redact.plan import policy, redaction_log  # noqa: E402
from redact.review import decisions as review  # noqa: E402
from redact.text.search import compact, find_all  # noqa: E402

RELEASE_REASON = "e2e measurement: planted release to test the leak counter"
META_FIELDS = ("code", "date", "place", "interviewer", "language", "consent")


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


@contextmanager
def checked_text(store: list[str]) -> Iterator[None]:
    """Keep (in memory) the text the leak gate checks: what the refused file would have shown.
    (The exporter calls the gate as ``leak_gate.find_leaks`` or ``leak_gate.check``.)"""
    saved = {name: getattr(leak_gate, name) for name in ("find_leaks", "check")}

    def spy(original: Any) -> Any:
        def gate(text: str, *args: Any, **kwargs: Any) -> Any:
            store.append(text)
            return original(text, *args, **kwargs)

        return gate

    for name, original in saved.items():
        setattr(leak_gate, name, spy(original))
    try:
        yield
    finally:
        for name, original in saved.items():
            setattr(leak_gate, name, original)


# -- the run --------------------------------------------------------------------------------


def _temp_root() -> Path:
    shm = Path("/dev/shm")  # noqa: S108 (tmpfs; mkdtemp makes a fresh 0700 folder in it)
    where = str(shm) if shm.is_dir() and _writable(shm) else None
    return Path(tempfile.mkdtemp(prefix="e2e-corpus-", dir=where))


def _writable(folder: Path) -> bool:
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def _golds(folder: Path, only: Sequence[str]) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(folder.glob("*.gold.json")):
        doc = path.name.removesuffix(".gold.json")
        if only and doc not in only and not any(doc.startswith(o) for o in only):
            continue
        out.append((doc, json.loads(path.read_text(encoding="utf-8"))))
    return out


def _intake(
    vault_dir: Path, folder: Path, golds: Sequence[tuple[str, dict[str, Any]]], summary: Summary
) -> dict[str, tuple[str, dict[str, Any]]]:
    """Record id -> (doc, gold) for every document the intake took."""
    taken = {}
    for doc, gold in golds:
        meta = gold.get("metadata", {})
        metadata = Metadata(**{k: meta.get(k) or None for k in META_FIELDS})
        try:
            (record,) = add_files(
                vault_dir, [folder / gold["file"]], metadata, gold.get("protect", []), [], _now()
            )
        except TestimonyError as error:
            summary.refusals.append(Refusal(doc, "intake", error.message))
            continue
        except Exception as error:  # a bug in the library: reported, the others go on
            summary.refusals.append(Refusal(doc, "intake", crashed(error)))
            continue
        taken[record.id] = (doc, gold)
        summary.offset_mismatches += sum(
            record.text[s["start"] : s["end"]] != s["text"] for s in gold["spans"]
        )
    return taken


def _plant(
    vault: Vault,
    ident: Identity,
    taken: Mapping[str, tuple[str, dict[str, Any]]],
    reject: Sequence[tuple[str, str]],
) -> None:
    """Reject (with a signed reason) every span of the engine entities that cover the mentions
    of gold entity ENTITY in DOC, in every record: a planted leak, to test the counter."""
    chosen = policy.load(None)
    logs = {rid: redaction_log.require(vault, rid, ident) for rid in taken}
    keys: set[str] = set()
    for doc, entity in reject:
        for rid, (d, gold) in taken.items():
            if d != doc:
                continue
            for g in (s for s in gold["spans"] if s["entity"] == entity):
                keys |= {
                    s.entity for s in logs[rid].spans if s.start < g["end"] and g["start"] < s.end
                }
    for rid, log in logs.items():
        ids = tuple(review.span_id(s) for s in log.spans if s.entity in keys)
        if ids:
            decision = review.Decision("reject", ids, reason=RELEASE_REASON)
            review.record_decision(vault, rid, decision, ident, _now(), chosen)


def _accept_and_approve(vault: Vault, ident: Identity, record_id: str) -> None:
    """What ``review accept-all`` then ``review approve`` do."""
    chosen = policy.load(None)
    log = redaction_log.require(vault, record_id, ident)
    ids = tuple(review.span_id(s) for s in review.undecided(log))
    if ids:
        review.record_decision(
            vault, record_id, review.Decision("accept", ids), ident, _now(), chosen
        )
    review.record_decision(vault, record_id, review.Decision("approve"), ident, _now(), chosen)


def _export(
    vault: Vault,
    ident: Identity,
    record_id: str,
    out: Path,
    doc: str,
    gold: Mapping[str, Any],
    summary: Summary,
    show_text: bool,
) -> None:
    """``testimony export quotes --record ID --all --format md``, then what it published."""
    options = export.Options(fmt="md")
    seen: list[str] = []
    try:
        with checked_text(seen):
            export.export_quotes(vault, ident, [record_id], out, options, policy.load(None), _now())
    except leak_gate.LeakError as error:
        output = seen[-1] if seen else None
        hits = [
            Hit(
                leak.where(),
                leak.label,
                getattr(leak, "reason", "known"),
                hit_shape(leak.original, leak.start, leak.end, output),
                verdict(leak.original, leak.start, leak.end, gold, output),
                leak.original if show_text else None,
            )
            for leak in error.leaks
        ]
        summary.refusals.append(Refusal(doc, "export", cause(error.message, show_text), hits))
        if output is not None:
            _count(doc, gold, published_text(output), summary.withheld, [], show_text)
        return
    except TestimonyError as error:
        summary.refusals.append(Refusal(doc, "export", error.message))
        return
    except Exception as error:  # a bug in the library: reported, the others go on
        summary.refusals.append(Refusal(doc, "export", crashed(error)))
        return
    summary.exports_written += 1
    summary.must_mask_published += sum(s["must_mask"] for s in gold["spans"])
    text = published_text(out.read_text(encoding="utf-8"))
    _count(doc, gold, text, summary.leaked, summary.quasi_present, show_text)


_QUOTED = re.compile(r'(\(record \w+\): )".*"(: )', re.DOTALL)  # greedy: to the last


def cause(message: str, show_text: bool) -> str:
    """The gate's message, with the redacted words it quotes around a hit left out unless
    ``--show-text`` (they hold no original, but they are the corpus's text: a blind set's
    author asked that nobody reads it)."""
    return message if show_text else _QUOTED.sub(r'\1"…"\2', message)


def _count(
    doc: str,
    gold: Mapping[str, Any],
    text: str,
    must: list[Mention],
    quasi: list[Mention],
    show: bool,
) -> None:
    """Gold mentions whose surface is in ``text`` (``normal``), must-mask and quasi apart."""
    for span in gold["spans"]:
        if occurs(normal(span["text"]), text):
            found = Mention(doc, span["start"], span["end"], span["type"])
            found.text = span["text"] if show else None
            (must if span["must_mask"] else quasi).append(found)


def crashed(error: Exception) -> str:
    """A library bug, by exception class and where it was raised (never its message: it may
    quote the testimony)."""
    frame = traceback.extract_tb(error.__traceback__)[-1:] if error.__traceback__ else []
    where = f" in {Path(frame[0].filename).name}:{frame[0].lineno}" if frame else ""
    return f"crashed: {type(error).__name__}{where}"


def _now() -> datetime:
    return datetime.now(UTC)


def measure(
    folder: Path,
    *,
    only: Sequence[str] = (),
    reject: Sequence[tuple[str, str]] = (),
    show_text: bool = False,
    jobs: int = 1,
) -> Summary:
    """The whole run over ``folder``; everything it writes lives in a temp folder it removes."""
    began = time.monotonic()
    summary = Summary(str(folder))
    golds = _golds(folder, only)
    summary.must_mask_total = sum(s["must_mask"] for _, g in golds for s in g["spans"])
    root = _temp_root()
    try:
        ident = identity_module.generate("E2E Measurement", _now())  # in memory: no passphrase
        vault = Vault.init(root / "vault", [ident.recipient], _now(), ident)
        taken = _intake(root / "vault", folder, golds, summary)
        summary.records = len(taken)
        try:
            results = runner.run(vault, list(taken), ident, None, jobs, _now())
        except Exception as error:  # the whole run failed: every record is reported
            why = error.message if isinstance(error, TestimonyError) else crashed(error)
            summary.refusals += [Refusal(doc, "analysis", why) for doc, _ in taken.values()]
            results = []
        analysed = []
        for record_id, outcome in results:
            if isinstance(outcome, Failure):
                summary.refusals.append(
                    Refusal(taken[record_id][0], "analysis", outcome.describe())
                )
            else:
                analysed.append(record_id)
        if reject:
            _plant(vault, ident, {r: taken[r] for r in analysed}, reject)
        approved = []
        for record_id in analysed:
            try:
                _accept_and_approve(vault, ident, record_id)
                approved.append(record_id)
            except TestimonyError as error:
                summary.refusals.append(Refusal(taken[record_id][0], "approval", error.message))
            except Exception as error:  # a bug in the library: reported, the others go on
                summary.refusals.append(Refusal(taken[record_id][0], "approval", crashed(error)))
        exports = root / "exports"
        exports.mkdir()
        for record_id in approved:
            doc, gold = taken[record_id]
            _export(vault, ident, record_id, exports / f"{doc}.md", doc, gold, summary, show_text)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    summary.seconds = round(time.monotonic() - began, 1)
    return summary


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


def _reject_arg(value: str) -> tuple[str, str]:
    doc, sep, entity = value.partition(":")
    if not sep or not doc or not entity:
        raise argparse.ArgumentTypeError("give DOC:ENTITY, e.g. 01-bo-ram-crossing:P-kim-boram")
    return doc, entity


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="A folder of *.gold.json and their documents.")
    parser.add_argument("--only", action="append", default=[], help="A document (prefix). Repeat.")
    parser.add_argument(
        "--reject",
        action="append",
        default=[],
        type=_reject_arg,
        help="DOC:ENTITY: reject that gold entity's spans before accepting the rest (a planted "
        "leak, to test the counter). Repeat.",
    )
    parser.add_argument("--show-text", action="store_true", help="Print leaked surfaces too.")
    parser.add_argument("--json", action="store_true", help="The summary as one JSON object.")
    parser.add_argument("--jobs", type=int, default=1, help="Detection processes (default 1).")
    args = parser.parse_args(argv)
    summary = measure(
        args.folder, only=args.only, reject=args.reject, show_text=args.show_text, jobs=args.jobs
    )
    if args.json:
        print(json.dumps(summary.to_json(), ensure_ascii=False, indent=1))
    else:
        print("\n".join(render(summary)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
