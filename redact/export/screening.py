"""The leak gate's two looks run over one export, with what the vault knows.

``screen`` gathers the first look's needles (the pseudonym table's surfaces, every record's
protected terms and interviewers), the entities no record masks (released everywhere), the
surfaces a signed decision released (for the second look), and runs both looks over the text a
reader of the produced file sees. It returns the leaks, placed in that text.

One rule of its own: a known original that is an abbreviation (one to three capital letters)
and names no person (an organisation, a place, a thing the model tagged in one sentence) is
too short to be the same entity by its letters alone: "SH" is a safe house in one field note and
a person's initials in another. Where such a hit falls outside every span, detection run again
over the record's own text at that place decides, as the second look decides unknown text: the
initials recognizer flags capitals standing for a person unless the record defines them as an
abbreviation of ordinary words, the safe list holds them, or they stand in a heading. A person's
surface, a protected term, or a hit that cannot be placed in its record stays refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from intake.vault import Vault
from keys.identity import Identity
from redact.export import gate as leak_gate
from redact.export import second_look
from redact.export.excerpts import Excerpt
from redact.export.gate import GateExcerpt, Leak
from redact.link.pseudonyms import PseudonymTable
from redact.plan import redaction_log
from redact.plan.redaction_log import RedactionLog

ABBREVIATION_LETTERS = 3  # "SH", "MSS": at most this many capitals
PERSON_LABELS = frozenset({"PERSON", leak_gate.PROTECTED_LABEL})


@dataclass(frozen=True)
class Known:
    """What the vault knows, for the gate: every log and every record's terms."""

    needles: list[leak_gate.Needle]
    released: set[str]  # entities no record masks
    surfaces: frozenset[str]  # readings a signed decision released somewhere


def known(vault: Vault, identity: Identity, table: PseudonymTable) -> Known:
    logs: list[RedactionLog] = []
    terms: list[str] = []
    interviewers: set[str] = set()
    for record_id in vault.record_ids():
        record = vault.record(record_id, identity)
        terms += record.protected_terms
        if record.metadata.interviewer:
            interviewers.add(record.metadata.interviewer)
        log = redaction_log.load(vault, record_id, identity)
        if log is not None:
            logs.append(log)
    needles = leak_gate.known_originals(table, terms, sorted(interviewers))
    spans = [s for log in logs for s in log.spans]
    masked = {s.entity for s in spans if s.status != "rejected" and s.action != "keep"}
    released = {s.entity for s in spans} - masked
    surfaces = second_look.released_surfaces((s.text, s.status, s.action) for s in spans)
    return Known(needles, released, surfaces)


def originals(excerpts: Sequence[Excerpt]) -> second_look.Originals:
    """Excerpt offsets -> (the record's text, offsets there), for the second look."""

    def where(number: int, start: int, end: int) -> tuple[str, int, int] | None:
        excerpt = excerpts[number - 1]
        a = excerpt.redacted.to_record(excerpt.start + start)
        b = excerpt.redacted.to_record(excerpt.start + end)
        return None if a is None or b is None else (excerpt.redacted.record.text, a, b)

    return where


def is_abbreviation(leak: Leak) -> bool:
    """A first-look hit of one to three capital letters, of no person and no protected term."""
    word = leak.original
    return (
        not leak.protected
        and leak.label not in PERSON_LABELS
        and leak.window is None
        and leak.at is not None
        and 0 < len(word) <= ABBREVIATION_LETTERS
        and word.isascii()
        and word.isalpha()
        and word.isupper()
    )


def screen(
    shown: str,
    excerpts: Sequence[Excerpt],
    gated: Sequence[GateExcerpt],
    vault_knows: Known,
    protected_terms: Sequence[str],
    frame: Sequence[str],
) -> list[Leak]:
    """Both looks over ``shown`` (the produced file as read); the leaks, placed there."""
    found = leak_gate.find_leaks(shown, vault_knows.needles, gated, vault_knows.released, frame)
    short = [leak for leak in found if is_abbreviation(leak)]
    if short:
        where = originals(excerpts)
        confirmed = second_look.detected_in_record(short, protected_terms, where)
        found = [leak for leak in found if leak not in short or leak in confirmed]
    if found:
        return found
    looked = second_look.look(gated, protected_terms, vault_knows.surfaces, originals(excerpts))
    return leak_gate.placed(shown, gated, looked)
