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

Planted leaks test the counter: ``--reject DOC:ENTITY`` releases an entity with a signed
reason (the gate lets it through in its place), ``--slip DOC:ENTITY`` rejects one mention
without a reason (the gate must refuse it). The summary's types and matching live in
``scripts/e2e_summary.py``.

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
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
for _folder in (REPO, REPO / "scripts"):  # the project's packages, and this script's summary
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

from e2e_summary import (  # noqa: E402, F401 (occurs, same_words, shape: for callers)
    Hit,
    Mention,
    Refusal,
    Summary,
    hit_shape,
    normal,
    occurs,
    published_text,
    render,
    same_words,
    shape,
    verdict,
)

from intake.batch import add_files  # noqa: E402
from intake.record import Metadata  # noqa: E402
from intake.vault import Vault  # noqa: E402
from keys import identity as identity_module  # noqa: E402
from keys.errors import TestimonyError  # noqa: E402
from keys.identity import Identity  # noqa: E402
from redact.detect.span import Span  # noqa: E402
from redact.export import gate as leak_gate  # noqa: E402
from redact.export import quotes as export  # noqa: E402
from redact.pipeline import runner  # noqa: E402
from redact.pipeline.analysis import Failure  # noqa: E402
from redact.plan import policy, redaction_log  # noqa: E402
from redact.review import decisions as review  # noqa: E402

RELEASE_REASON = "e2e measurement: planted release to test the leak counter"
META_FIELDS = ("code", "date", "place", "interviewer", "language", "consent")


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
    slip: Sequence[tuple[str, str]] = (),
) -> None:
    """Planted leaks, to test the counter and the verdicts. ``reject``: reject with a signed
    reason (a signed release) every span of the engine entities that cover the mentions of gold
    entity ENTITY in DOC, in every record. ``slip``: reject without a reason only the spans
    covering the first mention of ENTITY in DOC, its other mentions masked: a reviewer's slip
    that the gate must refuse."""
    chosen = policy.load(None)
    logs = {rid: redaction_log.require(vault, rid, ident) for rid in taken}
    keys: set[str] = set()
    slipped: dict[str, tuple[str, ...]] = {}
    for rid, (doc, gold) in taken.items():
        for entity in (e for d, e in reject if d == doc):
            for g in (s for s in gold["spans"] if s["entity"] == entity):
                keys |= {s.entity for s in _covering(logs[rid], g)}
        for entity in (e for d, e in slip if d == doc):
            first = next((s for s in gold["spans"] if s["entity"] == entity), None)
            if first is not None:
                slipped[rid] = tuple(review.span_id(s) for s in _covering(logs[rid], first))
    for rid, log in logs.items():
        ids = tuple(review.span_id(s) for s in log.spans if s.entity in keys)
        if ids:
            decision = review.Decision("reject", ids, reason=RELEASE_REASON)
            review.record_decision(vault, rid, decision, ident, _now(), chosen)
        if slipped.get(rid):
            decision = review.Decision("reject", slipped[rid])
            review.record_decision(vault, rid, decision, ident, _now(), chosen)


def _covering(log: redaction_log.RedactionLog, mention: Mapping[str, Any]) -> list[Span]:
    return [s for s in log.spans if s.start < mention["end"] and mention["start"] < s.end]


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
    slip: Sequence[tuple[str, str]] = (),
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
        if reject or slip:
            _plant(vault, ident, {r: taken[r] for r in analysed}, reject, slip)
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
    parser.add_argument(
        "--slip",
        action="append",
        default=[],
        type=_reject_arg,
        help="DOC:ENTITY: reject, without a reason, only that gold entity's first mention in DOC "
        "(a reviewer's slip the gate must refuse). Repeat.",
    )
    parser.add_argument("--show-text", action="store_true", help="Print leaked surfaces too.")
    parser.add_argument("--json", action="store_true", help="The summary as one JSON object.")
    parser.add_argument("--jobs", type=int, default=1, help="Detection processes (default 1).")
    args = parser.parse_args(argv)
    summary = measure(
        args.folder,
        only=args.only,
        reject=args.reject,
        show_text=args.show_text,
        jobs=args.jobs,
        slip=args.slip,
    )
    if args.json:
        print(json.dumps(summary.to_json(), ensure_ascii=False, indent=1))
    else:
        print("\n".join(render(summary)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
