"""Export anonymized quotes from approved records: excerpts, citations, the gate, the file.

``export_quotes`` is the whole job: it loads approved records only (a signed approval as the last
decision, no undecided span, an intact decision chain), applies every accepted, edited and added
replacement (rejected spans and kept spans stay verbatim) with a visible marker
(``redacted``), picks excerpts (each witness turn, or the sentence around a phrase:
``excerpts``), cites each one (``citations``, with the vault's settings), renders the file in
memory (``formats``), runs both looks of the leak gate over the text of the produced file
(``screening``), and only then writes it atomically and appends a signed "export" entry to the
audit log. Records are taken in the order of their interview codes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from intake import settings as vault_settings
from intake.custody import known_signers, require_intact
from intake.record import Record
from intake.storage import atomic_write
from intake.vault import Vault
from keys.errors import ExportError, UsageError
from keys.identity import Identity
from redact.export import citations, refusals, screening
from redact.export import formats as export_formats
from redact.export.citations import DEFAULT_ORGANISATION, Citing, short_id, witness_pseudonym
from redact.export.excerpts import Excerpt, select, units
from redact.export.formats import Quote
from redact.export.gate import GateExcerpt
from redact.export.redacted import DEFAULT_MARKER, Placed, Redacted, check_marker, marked, redact
from redact.link.pseudonyms import PseudonymTable
from redact.plan import redaction_log
from redact.plan.policy import Policy
from redact.plan.redaction_log import RedactionLog
from redact.review import decisions as review

# the exporter's own words in citations (checked like the rest, but a mis-tagged table surface
# such as "Interview" is no leak there)
BOILERPLATE = ("interview by", "an interviewer", DEFAULT_ORGANISATION, "Witness, record")

__all__ = [
    "DEFAULT_MARKER", "Excerpt", "ExportResult", "Options", "Placed", "Redacted", "describe",
    "export_log", "export_quotes", "export_report", "load_approved", "marked", "redact",
    "require_intact", "select", "units", "write_public",
]  # fmt: skip


@dataclass(frozen=True)
class ExportResult:
    path: Path
    quotes: tuple[Quote, ...]
    records: tuple[str, ...]
    codes: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class Options:
    fmt: str = "md"
    phrases: tuple[str, ...] = ()  # empty: every witness turn
    organisation: str | None = None  # None: the vault's setting, else DEFAULT_ORGANISATION
    marker: str = DEFAULT_MARKER
    expand: str = "sentence"  # sentence | turn (for phrases)
    citation: str | None = None  # a template; None: the vault's setting, else the default
    force: bool = False  # overwrite an existing file


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


def _by_code(loaded: Sequence[tuple[Record, RedactionLog]]) -> list[tuple[Record, RedactionLog]]:
    """Records in the order of their interview codes (records without one last, by id)."""
    return sorted(loaded, key=lambda r: (not r[0].metadata.code, r[0].metadata.code or "", r[0].id))


def _citing(vault: Vault, table: PseudonymTable, policy: Policy, options: Options) -> Citing:
    """The citation's words: the command line's, else the vault's settings, else the default."""
    kept = vault_settings.load(vault)
    template = options.citation or kept.citation or citations.DEFAULT_TEMPLATE
    organisation = options.organisation or kept.organisation or DEFAULT_ORGANISATION
    return Citing(table, policy, options.marker, organisation, citations.check_template(template))


def _quotes(excerpts: Sequence[Excerpt], citing: Citing) -> tuple[Quote, ...]:
    return tuple(
        Quote(
            n,
            f"record {short_id(e.redacted.record.id)}",
            witness_pseudonym(e.redacted.record, citing.table, citing.marker),
            e.text,
            citations.citation(e.redacted.record, citing),
            e.start,
            e.end,
            e.redacted.record.metadata.code or "",
        )
        for n, e in enumerate(excerpts, 1)
    )


def _check(options: Options, record_ids: Sequence[str], out: Path) -> None:
    check_marker(options.marker)
    if options.fmt not in export_formats.FORMATS:
        raise UsageError(f"unknown format '{options.fmt}'", "use md, docx, csv or json")
    if not record_ids:
        raise UsageError("no record given", "give --record ID")
    check_out(out, options.force)


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
    _check(options, record_ids, out)
    require_intact(vault)  # every file read below is the one the audit log last names
    chosen = [load_approved(vault, record_id, identity) for record_id in dict.fromkeys(record_ids)]
    loaded = _by_code(chosen)
    table = PseudonymTable.from_json(vault.read_document(None, "pseudonyms", identity))
    citing = _citing(vault, table, policy, options)
    redacted = [redact(record, log, options.marker) for record, log in loaded]
    excerpts = select(redacted, options.phrases, options.expand)
    if not excerpts:
        raise ExportError("the chosen records have no excerpt to export", "use --quote TEXT")
    quotes = _quotes(excerpts, citing)
    about = export_formats.About(citing.organisation, now)
    data = export_formats.render(options.fmt, quotes, options.marker, about)
    ours = frozenset(marked(e["pseudonym"], options.marker) for e in table.entries.values())
    gated = [
        GateExcerpt(q.number, q.text, e.windows(ours))
        for q, e in zip(quotes, excerpts, strict=True)
    ]
    frame = (
        *export_formats.boilerplate(options.marker),
        *BOILERPLATE,
        *citations.literals(citing.template),
        *{citations.public_place(r, citing) for r, _ in loaded},
    )
    terms = [t for record, _ in loaded for t in record.protected_terms]
    shown = export_formats.visible_text(options.fmt, data)
    known = screening.known(vault, identity, table)
    leaks = screening.screen(shown, excerpts, gated, known, terms, frame)
    if leaks:
        raise refusals.refusal(leaks, excerpts, vault.root)
    write_public(out, data, force=options.force)
    for record, _ in loaded:
        vault.log("export", now, identity, record.id, {})
    codes = tuple(r.metadata.code for r, _ in loaded)
    return ExportResult(out, quotes, tuple(r.id for r, _ in loaded), codes)


def check_out(out: Path, force: bool) -> None:
    """Refuse a folder, a missing folder, or (without ``force``) an existing file."""
    if out.is_dir():
        raise UsageError(f"{out} is a folder", "give --out FILE")
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent} does not exist", "create the folder first")
    if out.exists() and not force:
        raise UsageError(
            f"{out} exists; nothing was written",
            "give another --out FILE, or add --force to replace it",
        )


def write_public(out: Path, data: bytes, mode: int = 0o644, force: bool = False) -> None:
    check_out(out, force)
    atomic_write(out, data, mode)


def describe(result: ExportResult) -> dict[str, Any]:
    """The JSON a script reads after ``export quotes --json``."""
    return {
        "out": str(result.path),
        "quotes": len(result.quotes),
        "records": [
            {"id": record_id, "code": code}
            for record_id, code in zip(result.records, result.codes, strict=True)
        ],
    }


@dataclass(frozen=True)
class Report:
    """What ``export report`` wrote, for a script (``--json``): no original text."""

    path: Path
    record: str
    code: str | None
    text: str
    summary: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"out": str(self.path), "record": self.record, "code": self.code, **self.summary}


def export_report(
    vault: Vault,
    identity: Identity,
    record_id: str,
    out: Path,
    now: dt.datetime,
    force: bool = False,
) -> Report:
    """Write the public redaction report of an approved record. It is built from fixed words
    (entity types, actions, statuses), counts, hashes, fingerprints and dates: no span text."""
    from redact.export.report import public_report, report_summary

    check_out(out, force)
    require_intact(vault)  # custody: every file is the one the audit log last names
    record, log = load_approved(vault, record_id, identity)
    code = record.metadata.code
    text = public_report(log, short_id(record_id), code)  # counts, hashes, fingerprints, dates
    write_public(out, text.encode("utf-8"), force=force)
    vault.log("export", now, identity, record_id, {})
    return Report(out, record_id, code, text, report_summary(log))


def export_log(
    vault: Vault,
    identity: Identity,
    record_id: str,
    out: Path,
    fmt: str,
    now: dt.datetime,
    force: bool = False,
) -> str:
    """Write the full log with originals (0600) for authorised reviewers, and audit it."""
    from redact.export.report import full_log

    vault.record_dir(record_id)
    check_out(out, force)
    require_intact(vault)  # custody: every file is the one the audit log last names
    log = redaction_log.require(vault, record_id, identity)
    text = full_log(log, fmt)
    write_public(out, text.encode("utf-8"), mode=0o600, force=force)
    vault.log("export", now, identity, record_id, {})
    return text
