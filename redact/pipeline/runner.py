"""``redact run`` over a vault: detect outside the lock, then link, plan and save under it.

Long work says what it is doing: :func:`run` reports each phase ("loading the model",
"analysing", "linking and saving") and each finished detection chunk to a ``Report`` callback;
the command line draws it as a bar in a terminal and as plain lines otherwise. Nothing here
prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from intake.vault import Vault
from keys.identity import Identity
from redact.detect import engine
from redact.detect.span import Span
from redact.link.pseudonyms import PseudonymTable
from redact.pipeline.analysis import Failure, Source, finish, prepare
from redact.plan import policy as policy_module
from redact.plan import redaction_log

# (phase, records done, records in all): called at each phase and after each detection chunk.
Report = Callable[[str, int, int], None]
LOADING, ANALYSING, SAVING = "loading the model", "analysing", "linking and saving"


def _quiet(phase: str, done: int, total: int) -> None:
    return None


def run(
    vault: Vault,
    ids: Sequence[str],
    identity: Identity,
    policy_file: Path | None,
    jobs: int,
    now: datetime,
    report: Report = _quiet,
) -> list[tuple[str, list[Span] | Failure]]:
    """Analyse the records; one that fails is marked "analysis failed" and the rest go on."""
    chosen = policy_module.load(policy_file)
    records = [vault.record(record_id, identity) for record_id in ids]
    codes = tuple(r.metadata.code for r in records if r.metadata.code)
    sources = [Source(r.id, r.text, r.protected_terms, codes) for r in records]
    total = len(sources)
    report(LOADING, 0, total)
    engine.warm()
    report(ANALYSING, 0, total)
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        report(ANALYSING, done, total)

    merged = prepare(sources, jobs, advance)
    report(SAVING, total, total)
    with vault.lock():  # other writers wait; the table is re-read so nothing is lost
        table = PseudonymTable.from_json(
            vault.read_document(None, "pseudonyms", identity), chosen.style
        )
        planned = finish(sources, merged, chosen, table)
        vault.write_document(None, "pseudonyms", table.to_json())
        stamp = now.isoformat(timespec="seconds")
        vault.log("analysis", now, identity, None, vault.sealed_files(None), locked_already=True)
        for i, source in enumerate(sources):
            old = redaction_log.load(vault, source.record_id, identity)
            failure = planned.failures.get(i)
            if failure is not None:
                fresh = redaction_log.failed(
                    old, source.record_id, chosen.sha256, stamp, failure.to_json()
                )
            else:
                fresh = redaction_log.refresh(
                    old, planned.spans[i], source.record_id, chosen.sha256, stamp
                )
            redaction_log.save(vault, fresh)
            files = vault.sealed_file(source.record_id, "redaction.age")
            vault.log("analysis", now, identity, source.record_id, files, locked_already=True)
    return [
        (s.record_id, planned.failures.get(i) or planned.spans[i]) for i, s in enumerate(sources)
    ]
