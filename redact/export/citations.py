"""Citations: who said it, to whom, where and when, in the words an editor chose.

A citation is a template filled in per record (``str.format`` fields, nothing else):

- ``{witness}``: the witness's pseudonym (the record's first protected term, as the table has it)
- ``{interviewer}``: the interviewer's pseudonym, or "an interviewer"
- ``{organisation}``: who conducted the interviews (the vault's setting, or ``--organisation``)
- ``{code}``: the interview code given at intake (else "record <short id>")
- ``{month}``: the month of the interview ("March 2026"); ``{year}``: its year
- ``{place}``: the place of the interview as the policy treats places: generalised to its
  country ("a place in China"), kept, pseudonymised, or masked ("a place")

The template and the organisation are kept in the vault (``intake.settings``), so an export
need not repeat them; the command line still overrides both.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass

from intake.record import Record
from keys.errors import UsageError
from redact.detect.recognizers.base import LOCATION
from redact.export.redacted import marked
from redact.link import linking
from redact.link.geography import country_of
from redact.link.pseudonyms import PseudonymTable
from redact.plan.policy import Policy, generalise_date

DEFAULT_ORGANISATION = "the interviewing organisation"
DEFAULT_TEMPLATE = (
    "\u2014 {witness}, interview {code} by {interviewer} ({organisation}), {place}, {month}"
)
FIELDS = ("witness", "interviewer", "organisation", "code", "month", "year", "place")
UNDATED = "undated"
SOMEWHERE = "a place"


@dataclass(frozen=True)
class Citing:
    """What every citation of one export shares."""

    table: PseudonymTable
    policy: Policy
    marker: str
    organisation: str = DEFAULT_ORGANISATION
    template: str = DEFAULT_TEMPLATE


def check_template(template: str) -> str:
    """A template that names only known fields, each once at most, with no format spec."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError:
        parts = [("", "{", None, None)]
    names = [name for _, name, spec, conv in parts if name is not None]
    bad = [n for n in names if n not in FIELDS]
    specs = [p for p in parts if p[1] is not None and (p[2] or p[3])]
    if bad or specs or not names:
        raise UsageError(
            "the citation template holds no field, an unknown field or a format spec",
            "use only " + ", ".join(f"{{{f}}}" for f in FIELDS) + ", e.g. --citation "
            "'{witness}, interview {code}, {month}'",
        )
    return template


def literals(template: str) -> tuple[str, ...]:
    """The template's own words, between its fields (for the gate's frame)."""
    return tuple(text.strip() for text, *_ in string.Formatter().parse(template) if text.strip())


def short_id(record_id: str) -> str:
    return record_id[:8]


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
    """The interview date as generalised at ``level``: "2026" (year) or "March 2026" (month)."""
    if not surface:
        return None
    try:
        day = dt.date.fromisoformat(surface.strip())
        surface = day.strftime("%d %B %Y")
    except ValueError:
        pass
    general = generalise_date(surface, level).strip("[]")
    return None if general == "date" else general


def public_place(record: Record, citing: Citing) -> str:
    """The interview's place as the policy treats a LOCATION; never a protected term."""
    place = (record.metadata.place or "").strip()
    protected = {linking.entity_key(LOCATION, t) for t in record.protected_terms}
    key = linking.entity_key(LOCATION, place) if place else ""
    if not place or key in protected or place in record.protected_terms:
        return SOMEWHERE
    action = citing.policy.action_for(LOCATION)
    if action == "keep" or citing.policy.allowed(LOCATION, place):
        return place
    if action == "pseudonymise":
        pseudonym = citing.table.pseudonym(key)
        return marked(pseudonym, citing.marker) if pseudonym else SOMEWHERE
    if action == "generalise":  # as the plan decides it: once per entity, from its key
        by_country = citing.policy.generalise.get(LOCATION, "country") == "country"
        country = country_of(key.partition(":")[2] or place) if by_country else None
        return f"a place in {country}" if country else SOMEWHERE
    return SOMEWHERE


def fields(record: Record, citing: Citing) -> dict[str, str]:
    date = record.metadata.date
    return {
        "witness": witness_pseudonym(record, citing.table, citing.marker),
        "interviewer": interviewer_pseudonym(record, citing.table, citing.marker),
        "organisation": citing.organisation,
        "code": (record.metadata.code or "").strip() or f"record {short_id(record.id)}",
        "month": public_date(date, "month") or public_date(date, "year") or UNDATED,
        "year": public_date(date, "year") or UNDATED,
        "place": public_place(record, citing),
    }


def citation(record: Record, citing: Citing) -> str:
    """The record's citation: the template filled in."""
    return citing.template.format(**fields(record, citing))
