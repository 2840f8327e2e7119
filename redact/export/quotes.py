"""Export anonymized quotes from approved records: excerpts, citations, the gate, the file.

``export_quotes`` is the whole job: it loads approved records only (a signed approval as the last
decision, no undecided span, an intact decision chain), applies every accepted, edited and added
replacement (rejected spans and kept spans stay verbatim) with a visible marker, picks excerpts
(each witness turn, or the sentence around a phrase), cites each one, renders the file in memory,
runs the leak gate over the text of the produced file, and only then writes it atomically and
appends a signed "export" entry to the audit log.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from intake.custody import known_signers, require_intact
from intake.readers.plain import SPEAKER
from intake.record import Record
from intake.storage import atomic_write
from intake.vault import Vault
from keys.errors import ExportError, UsageError
from keys.identity import Identity
from redact.detect.span import Span
from redact.export import formats as export_formats
from redact.export import gate as leak_gate
from redact.export import refusals, second_look
from redact.export.formats import Quote
from redact.export.gate import GateExcerpt, Window
from redact.link import linking
from redact.link.pseudonyms import PseudonymTable
from redact.plan import redaction_log
from redact.plan.policy import Policy, generalise_date
from redact.plan.redaction_log import RedactionLog
from redact.review import decisions as review
from redact.text.search import find_all

DEFAULT_MARKER = "[{}]"
DEFAULT_ORGANISATION = "the interviewing organisation"
QUESTION_LABELS = frozenset({"q", "question", "interviewer", "int", "i"})
# the exporter's own words in citations (checked like the rest, but a mis-tagged table surface
# such as "Interview" is no leak there)
BOILERPLATE = ("interview by", "an interviewer", DEFAULT_ORGANISATION, "Witness, record")
_SENTENCE_END = re.compile(r"[.!?…][\"'\u201d\u2019)\]]*\s+")


@dataclass(frozen=True)
class Placed:
    """Where a span landed in the redacted text, and whether it was replaced."""

    span: Span
    start: int
    end: int
    replaced: bool


@dataclass(frozen=True)
class Redacted:
    record: Record
    log: RedactionLog
    text: str
    placed: tuple[Placed, ...]

    def to_output(self, position: int) -> int:
        """An offset into the original text, moved into the redacted text."""
        shift = 0
        for p in self.placed:
            if not p.replaced or p.span.start >= position:
                continue
            if p.span.end > position:  # inside a replaced span: its replacement's start
                return p.start
            shift += (p.end - p.start) - (p.span.end - p.span.start)
        return position + shift

    def to_record(self, position: int) -> int | None:
        """An offset into the redacted text, moved back into the record's text (None inside
        a replacement)."""
        shift = 0
        for p in self.placed:
            if not p.replaced or p.start >= position:
                continue
            if p.end > position:
                return None
            shift += (p.span.end - p.span.start) - (p.end - p.start)
        return position + shift


@dataclass(frozen=True)
class Excerpt:
    redacted: Redacted
    start: int  # offsets in the redacted text
    end: int

    @property
    def text(self) -> str:
        return self.redacted.text[self.start : self.end]

    def windows(self, ours: frozenset[str] = frozenset()) -> tuple[Window, ...]:
        """The spans' windows; a reviewer's replacement that is one of ``ours`` (the table's
        pseudonyms, as marked) is machine-made text again."""
        out = []
        for p in self.redacted.placed:
            if self.start <= p.start and p.end <= self.end:
                kind, trusted = _kind(p)
                trusted = trusted or (kind == leak_gate.REPLACED and self._at(p) in ours)
                span = review.span_id(p.span)
                out.append(Window(p.start - self.start, p.end - self.start, kind, trusted, span))
        return tuple(out)

    def _at(self, p: Placed) -> str:
        return self.redacted.text[p.start : p.end]


def _kind(p: Placed) -> tuple[str, bool]:
    if p.replaced:  # a reviewer's own words are checked like any other text
        return leak_gate.REPLACED, p.span.status == "accepted"
    if p.span.status == "rejected" or p.span.status == "edited":
        return leak_gate.REJECTED, False
    return leak_gate.KEPT, True


@dataclass(frozen=True)
class ExportResult:
    path: Path
    quotes: tuple[Quote, ...]
    records: tuple[str, ...]


def marked(replacement: str, marker: str) -> str:
    core = replacement[1:-1] if replacement.startswith("[") and replacement.endswith("]") else None
    return marker.replace("{}", core if core is not None else replacement)


def check_marker(marker: str) -> str:
    if marker.count("{}") != 1 or not marker.replace("{}", "").strip():
        raise UsageError(
            f"--marker '{marker}' must hold {{}} once, with visible marks around it",
            "e.g. --marker '[{}]' or --marker '«{}»'",
        )
    return marker


def redact(record: Record, log: RedactionLog, marker: str = DEFAULT_MARKER) -> Redacted:
    """The record's text with the log applied, like ``plan.apply``, keeping where each span
    landed. With the default marker the text equals ``plan.apply`` for bracketed replacements;
    a reviewer's unbracketed replacement gets the marker too, so every replacement shows."""
    text = record.text
    out: list[str] = []
    placed: list[Placed] = []
    position = length = 0
    applied = [
        s
        for s in sorted(log.spans, key=lambda s: s.start)
        if s.action != "keep" and s.status != "rejected"
    ]
    kept_verbatim = [s for s in log.spans if s not in applied]
    for span in applied:
        if span.start < position:
            continue
        out.append(text[position : span.start])
        length += span.start - position
        replacement = marked(span.replacement, marker)
        placed.append(Placed(span, length, length + len(replacement), True))
        out.append(replacement)
        length += len(replacement)
        position = span.end
    out.append(text[position:])
    partial = Redacted(record, log, "".join(out), tuple(placed))
    for span in kept_verbatim:
        if any(p.span.start < span.end and span.start < p.span.end for p in placed):
            continue  # overlapped by a replacement: not verbatim
        start = partial.to_output(span.start)
        placed.append(Placed(span, start, start + (span.end - span.start), False))
    return Redacted(record, log, partial.text, tuple(sorted(placed, key=lambda p: p.start)))


def _body(record: Record, start: int, end: int, speaker: str | None) -> tuple[int, int]:
    """A turn without its speaker label and surrounding blanks (offsets in the original)."""
    label = SPEAKER.match(record.text, start) if speaker else None
    if label and label.end() <= end:
        start = label.end()
    while start < end and record.text[start].isspace():
        start += 1
    while end > start and record.text[end - 1].isspace():
        end -= 1
    return start, end


def units(redacted: Redacted, witness_only: bool) -> list[tuple[int, int]]:
    """Speaker turns (the witness's, or all) in redacted offsets; lines when there are none."""
    record = redacted.record
    turns = [
        _body(record, s.start, s.end, s.speaker)
        for s in record.segments
        if s.speaker and (not witness_only or s.speaker.strip().lower() not in QUESTION_LABELS)
    ]
    found = [(redacted.to_output(a), redacted.to_output(b)) for a, b in turns if a < b]
    if found:
        return found
    lines, position = [], 0
    for line in redacted.text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            lines.append((position + lead, position + len(line.rstrip())))
        position += len(line) + 1
    return lines


def _sentence(text: str, start: int, end: int, unit: tuple[int, int]) -> tuple[int, int]:
    begin, finish = unit
    for m in _SENTENCE_END.finditer(text, unit[0], unit[1]):
        if m.end() <= start:
            begin = m.end()
        elif m.start() >= end - 1:
            finish = m.start() + len(m.group().rstrip())
            break
    return begin, finish


def find_quote(redacted: Sequence[Redacted], phrase: str, number: int, expand: str) -> Excerpt:
    """The excerpt around ``phrase`` (in the redacted text): it must occur in one place."""
    found: dict[tuple[str, int, int], Excerpt] = {}
    elsewhere = 0  # in a question, a heading: not the witness's words
    for r in redacted:
        witness = units(r, witness_only=True)
        for start, end in find_all(r.text, " ".join(phrase.split())):
            unit = next(((a, b) for a, b in witness if a <= start and end <= b), None)
            if unit is None:
                elsewhere += 1
                continue
            a, b = unit if expand == "turn" else _sentence(r.text, start, end, unit)
            found[(r.record.id, a, b)] = Excerpt(r, a, b)
    if not found and elsewhere:
        raise ExportError(
            f"quote {number} is not in the witness's words (a question or a heading)",
            "quote what the witness said; see the turns with: testimony redact show ID",
        )
    if not found:
        raise ExportError(
            f"quote {number} was not found in the redacted text of the chosen records",
            "give a few words exactly as `testimony redact show ID` prints them: the redacted "
            "text, with pseudonyms instead of names",
        )
    if len(found) > 1:
        raise ExportError(
            f"quote {number} occurs in {len(found)} places of the redacted text",
            "give a longer phrase, so that it occurs only once",
        )
    return next(iter(found.values()))


def load_approved(vault: Vault, record_id: str, identity: Identity) -> tuple[Record, RedactionLog]:
    """The record and its log, refused unless approved with every decision intact."""
    vault.record_dir(record_id)
    log = redaction_log.require(vault, record_id, identity)
    open_spans = review.undecided(log)
    if open_spans:
        raise ExportError(
            f"record {record_id} has {len(open_spans)} undecided spans; only approved records "
            "are exported",
            f"decide them, then approve: testimony review show {record_id} --vault {vault.root}",
        )
    if not review.is_approved(log):
        raise ExportError(
            f"record {record_id} is not approved (a decision came after the last approval, "
            "or there was none)",
            f"approve it: testimony review approve {record_id} --vault {vault.root}",
        )
    problems = review.verify_events(log, known_signers(vault))  # removed reviewers too
    if problems:
        raise ExportError(
            f"record {record_id}: the review cannot be trusted ({problems[0]})",
            f"run: testimony audit verify --vault {vault.root}",
        )
    return vault.record(record_id, identity), log


def witness_pseudonym(record: Record, table: PseudonymTable, marker: str) -> str:
    """The pseudonym of the record's witness: its first protected term, when the table has it."""
    if record.protected_terms:
        entry = table.entries.get(linking.entity_key("PERSON", record.protected_terms[0]))
        if entry and entry["label"] == "PERSON":
            return marked(entry["pseudonym"], marker)
    return marker.replace("{}", f"Witness, record {short_id(record.id)}")


def interviewer_pseudonym(record: Record, table: PseudonymTable, marker: str) -> str:
    name = record.metadata.interviewer
    entry = table.entries.get(linking.entity_key("PERSON", name)) if name else None
    return marked(entry["pseudonym"], marker) if entry else "an interviewer"


def public_date(surface: str | None, level: str) -> str | None:
    """The interview date as the policy generalises dates: "2026" or "March 2026"."""
    if not surface:
        return None
    try:
        day = dt.date.fromisoformat(surface.strip())
        surface = day.strftime("%d %B %Y")
    except ValueError:
        pass
    general = generalise_date(surface, level).strip("[]")
    return None if general == "date" else general


def citation(
    record: Record, table: PseudonymTable, organisation: str, policy: Policy, marker: str
) -> str:
    cite = (
        f"\u2014 {witness_pseudonym(record, table, marker)}, interview by "
        f"{interviewer_pseudonym(record, table, marker)} ({organisation})"
    )
    date = public_date(record.metadata.date, policy.generalise.get("DATE", "year"))
    return f"{cite}, {date}" if date else cite


def short_id(record_id: str) -> str:
    return record_id[:8]


def _released(vault: Vault, identity: Identity) -> set[str]:
    """Entities that no record masks: every span of theirs, in every log, rejected or kept."""
    masked: set[str] = set()
    seen: set[str] = set()
    for record_id in vault.record_ids():
        log = redaction_log.load(vault, record_id, identity)
        for span in log.spans if log else []:
            seen.add(span.entity)
            if span.status != "rejected" and span.action != "keep":
                masked.add(span.entity)
    return seen - masked


def _originals(excerpts: Sequence[Excerpt]) -> second_look.Originals:
    """Excerpt offsets -> (the record's text, offsets there), for the second look."""

    def where(number: int, start: int, end: int) -> tuple[str, int, int] | None:
        excerpt = excerpts[number - 1]
        a = excerpt.redacted.to_record(excerpt.start + start)
        b = excerpt.redacted.to_record(excerpt.start + end)
        return None if a is None or b is None else (excerpt.redacted.record.text, a, b)

    return where


def _decided_surfaces(vault: Vault, identity: Identity) -> frozenset[str]:
    """Surfaces a signed decision released anywhere in the vault (for the second look)."""
    spans = []
    for record_id in vault.record_ids():
        log = redaction_log.load(vault, record_id, identity)
        spans += [(s.text, s.status, s.action) for s in (log.spans if log else [])]
    return second_look.released_surfaces(spans)


def gate_needles(vault: Vault, identity: Identity, table: PseudonymTable) -> list[leak_gate.Needle]:
    records = [vault.record(record_id, identity) for record_id in vault.record_ids()]
    terms = [t for r in records for t in r.protected_terms]
    interviewers = {r.metadata.interviewer for r in records if r.metadata.interviewer}
    return leak_gate.known_originals(table, terms, sorted(interviewers))


@dataclass(frozen=True)
class Options:
    fmt: str = "md"
    phrases: tuple[str, ...] = ()  # empty: every witness turn
    organisation: str = DEFAULT_ORGANISATION
    marker: str = DEFAULT_MARKER
    expand: str = "sentence"  # sentence | turn (for phrases)


def select(redacted: Sequence[Redacted], options: Options) -> list[Excerpt]:
    if options.phrases:
        return [
            find_quote(redacted, phrase, n, options.expand)
            for n, phrase in enumerate(options.phrases, 1)
        ]
    return [Excerpt(r, a, b) for r in redacted for a, b in units(r, witness_only=True)]


def export_quotes(
    vault: Vault,
    identity: Identity,
    record_ids: Sequence[str],
    out: Path,
    options: Options,
    policy: Policy,
    now: dt.datetime,
) -> ExportResult:
    """Render, gate, then write ``out`` atomically and audit; nothing is written on refusal."""
    check_marker(options.marker)
    if options.fmt not in export_formats.FORMATS:
        raise UsageError(f"unknown format '{options.fmt}'", "use md, docx, csv or json")
    if not record_ids:
        raise UsageError("no record given", "give --record ID")
    require_intact(vault)  # every file read below is the one the audit log last names
    loaded = [load_approved(vault, record_id, identity) for record_id in dict.fromkeys(record_ids)]
    table = PseudonymTable.from_json(vault.read_document(None, "pseudonyms", identity))
    redacted = [redact(record, log, options.marker) for record, log in loaded]
    excerpts = select(redacted, options)
    if not excerpts:
        raise ExportError("the chosen records have no excerpt to export", "use --quote TEXT")
    quotes = tuple(
        Quote(
            n,
            f"record {short_id(e.redacted.record.id)}",
            witness_pseudonym(e.redacted.record, table, options.marker),
            e.text,
            citation(e.redacted.record, table, options.organisation, policy, options.marker),
            e.start,
            e.end,
        )
        for n, e in enumerate(excerpts, 1)
    )
    data = export_formats.render(options.fmt, quotes, options.marker)
    ours = frozenset(marked(e["pseudonym"], options.marker) for e in table.entries.values())
    gate_excerpts = [
        GateExcerpt(q.number, q.text, e.windows(ours))
        for q, e in zip(quotes, excerpts, strict=True)
    ]
    shown = export_formats.visible_text(options.fmt, data)
    leaks = leak_gate.find_leaks(
        shown,
        gate_needles(vault, identity, table),
        gate_excerpts,
        _released(vault, identity),
        export_formats.boilerplate(options.marker) + BOILERPLATE,
    )
    if not leaks:  # the second look: what nobody detected
        terms = [t for record, _ in loaded for t in record.protected_terms]
        found = second_look.look(
            gate_excerpts, terms, _decided_surfaces(vault, identity), _originals(excerpts)
        )
        leaks = leak_gate.placed(shown, gate_excerpts, found)
    if leaks:
        raise refusals.refusal(leaks, excerpts, vault.root)
    write_public(out, data)
    for record, _ in loaded:
        vault.log("export", now, identity, record.id, {})
    return ExportResult(out, quotes, tuple(r.id for r, _ in loaded))


def write_public(out: Path, data: bytes, mode: int = 0o644) -> None:
    if out.is_dir():
        raise UsageError(f"{out} is a folder", "give --out FILE")
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent} does not exist", "create the folder first")
    atomic_write(out, data, mode)


def describe(result: ExportResult) -> dict[str, Any]:
    return {"out": str(result.path), "quotes": len(result.quotes), "records": list(result.records)}


def export_report(
    vault: Vault, identity: Identity, record_id: str, out: Path, now: dt.datetime
) -> str:
    """Write the public redaction report of an approved record. It is built from fixed words
    (entity types, actions, statuses), counts, hashes, fingerprints and dates: no span text."""
    from redact.export.report import public_report

    require_intact(vault)  # custody: every file is the one the audit log last names
    _, log = load_approved(vault, record_id, identity)
    text = public_report(log, short_id(record_id))  # counts, hashes, fingerprints, dates only
    write_public(out, text.encode("utf-8"))
    vault.log("export", now, identity, record_id, {})
    return text


def export_log(
    vault: Vault, identity: Identity, record_id: str, out: Path, fmt: str, now: dt.datetime
) -> str:
    """Write the full log with originals (0600) for authorised reviewers, and audit it."""
    from redact.export.report import full_log

    vault.record_dir(record_id)
    require_intact(vault)  # custody: every file is the one the audit log last names
    log = redaction_log.require(vault, record_id, identity)
    text = full_log(log, fmt)
    write_public(out, text.encode("utf-8"), mode=0o600)
    vault.log("export", now, identity, record_id, {})
    return text
