"""Review speed on a 10,000-word record with 1,000 spans (issue 13). Not a pass/fail test.

Measured, each as min and median over rounds, and as a ratio to its anchor from the same run:

- one decision through the library (`record_decision`: loaded, decided, signed, saved, audited,
  under the writer lock) — goal 50 ms;
- one decision round trip through the page (its one POST, answered with the record's new state),
  through the real app and guard (Starlette TestClient, no socket) — goal 50 ms;
- rendering the record page — goal 0.5 s;
- a batch of 50 decisions in one `record_decisions` call (what `review decide --file` does after
  its one unlock), per decision;
- from the command line, 50 decisions as 50 `review accept` processes (each unlocks the identity:
  scrypt) against one `review decide` of 50 lines (one unlock), as whole processes;
- one library decision again once the audit log holds 20,000 more entries (as after months of
  use): what a vault's size adds to each write.

Anchors: sealing the record's redaction log once with pyrage (encrypt only, in memory); the same
written durably (atomic write: temp file, fsync, rename, fsync of the folder), the floor under
any save, which moves with the disk's load as the decisions do; opening the record and its log
from the vault (two age decryptions and the JSON), the floor under any fresh read.
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

WORDS = 10_000
EVERY = 10  # one span every 10 words: ~1,000 spans
NOW = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
LABELS = ("PERSON", "LOCATION", "DATE", "ORGANIZATION", "AGE")
ROUNDS = 5
PER_ROUND = 8
BATCH = 50
CLI_BATCH = 50
AUDIT_ENTRIES = 20_000  # a busy archive's audit log: every write re-reads it (issue 13)


def build(folder: Path) -> tuple[Any, Any, str, list[Any]]:
    from intake.batch import add_files
    from intake.record import Metadata
    from intake.vault import Vault
    from keys import identity
    from redact.detect.span import Span, context_of
    from redact.plan import redaction_log

    me = identity.generate("Bench Reviewer", NOW)
    vault = Vault.init(folder / "vault", [me.recipient], NOW, me)
    words = [f"word{i % 997}" for i in range(WORDS)]
    lines = [" ".join(words[i : i + 12]) for i in range(0, WORDS, 12)]
    source = folder / "long.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    metadata = Metadata("BENCH", None, None, None, None, None)
    (record,) = add_files(vault.root, [source], metadata, [], [], NOW)
    text = vault.record(record.id, me).text
    spans = []
    for n, match in enumerate(re.finditer(r"\S+", text)):
        if n % EVERY:
            continue
        label = LABELS[(n // EVERY) % len(LABELS)]
        start, end = match.span()
        spans.append(
            Span(
                start,
                end,
                match.group(),
                label,
                0.85,
                "bench",
                "synthetic span for the bench",
                f"{label}:{match.group()}",
                context_of(text, start, end),
                "mask",
                f"[{label}]",
            )
        )
    log = redaction_log.RedactionLog(record.id, "0" * 64, NOW.isoformat(), spans)
    redaction_log.save(vault, log)
    return vault, me, record.id, spans


def rounds(action: Callable[[], object], per_round: int = PER_ROUND) -> tuple[float, float]:
    """(min, median) over ROUNDS rounds of the median of ``per_round`` runs each."""
    medians = []
    for _ in range(ROUNDS):
        times = []
        for _ in range(per_round):
            started = time.perf_counter()
            action()
            times.append(time.perf_counter() - started)
        medians.append(statistics.median(times))
    return min(medians), statistics.median(medians)


def line(name: str, figures: tuple[float, float], anchor: float, goal: float | None) -> str:
    low, mid = figures
    out = f"{name:<44} min {low * 1000:7.1f} ms  median {mid * 1000:7.1f} ms  {mid / anchor:5.1f}x"
    return out + (f"  ({mid / goal:4.2f}x the {goal * 1000:.0f} ms goal)" if goal else "")


def page(vault: Any, me: Any, record_id: str, ids: Iterator[str]) -> dict[str, tuple[float, float]]:
    """The page's POST round trip and its render, through the real app and guard."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from redact.plan import policy
    from redact.web import Settings, create_app

    settings = Settings(port=8765)
    app = create_app(vault, me, policy.load(None), settings, clock=lambda: NOW)
    client = TestClient(app, base_url="http://127.0.0.1:8765")
    client.get(f"/?token={settings.token}")
    first = client.get(f"/record/{record_id}")  # the first view is audited: not timed
    found = re.search(r'name="csrf-token" content="([0-9a-f]+)"', first.text)
    assert found is not None
    csrf = found.group(1)

    def post() -> None:
        body = {"action": "accept", "spans": [next(ids)]}
        reply = client.post(
            f"/api/record/{record_id}/decide", json=body, headers={"X-CSRF-Token": csrf}
        )
        assert reply.status_code == 200 and "spans" in reply.json()

    return {
        "post": rounds(post),
        "render": rounds(lambda: client.get(f"/record/{record_id}"), 3),
        "size": (len(client.get(f"/record/{record_id}").content), 0.0),
    }


def command_line(folder: Path, vault: Any, me: Any, record_id: str, ids: Iterator[str]) -> Any:
    """From the command line: one `review accept` (its unlock included: the scrypt of the
    identity file) against `review decide` of CLI_BATCH lines in one unlock."""
    import json
    import os
    import subprocess

    from keys import keyfile

    key = folder / "bench.key"
    if not key.exists():
        keyfile.save(key, me, "bench passphrase, not a secret")
    env = {**os.environ, "TESTIMONY_PASSPHRASE": "bench passphrase, not a secret"}
    base = [sys.executable, "-m", "redact", "review"]
    where = ["--vault", str(vault.root), "--identity", str(key)]

    def single() -> None:
        command = [*base, "accept", record_id, next(ids), *where]
        subprocess.run(command, env=env, check=True, capture_output=True)

    def batch() -> None:
        lines = "".join(
            json.dumps({"action": "accept", "spans": [next(ids)]}) + "\n" for _ in range(CLI_BATCH)
        )
        command = [*base, "decide", record_id, "--file", "-", *where]
        subprocess.run(command, env=env, check=True, capture_output=True, input=lines.encode())

    return min_median(single, 3), min_median(batch, 3)


def grow_audit_log(vault: Any, me: Any, record_id: str, entries: int) -> None:
    """Append ``entries`` signed "view" entries to the vault's audit log in one write (what a
    busy archive's log holds after months), chained as `audit verify` expects."""
    from intake import audit, chain

    path = vault.root / audit.LOG_NAME
    seq, prev = audit._last_line(path)
    lines = []
    for n in range(seq + 1, seq + entries + 1):
        entry: dict[str, Any] = {
            "seq": n,
            "time": NOW.isoformat(timespec="seconds"),
            "action": "view",
            "actor": me.recipient.fingerprint,
            "record": record_id,
            "files": {},
            "prev": prev,
        }
        entry["sig"] = chain.sign(entry, me)
        stored = chain.line(entry)
        prev = chain.line_hash(stored[:-1])
        lines.append(stored)
    with path.open("ab") as handle:
        handle.write(b"".join(lines))


def min_median(action: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def main() -> None:
    import pyrage

    from intake.storage import atomic_write
    from redact.plan import policy, redaction_log
    from redact.review import decisions as review

    with tempfile.TemporaryDirectory() as temp:
        vault, me, record_id, spans = build(Path(temp))
        rules = policy.load(None)
        ids = iter(review.span_id(s) for s in spans)

        plain = (vault.record_dir(record_id) / "redaction.age").read_bytes()
        plain = pyrage.decrypt(plain, [pyrage.x25519.Identity.from_str(me.age_secret)])
        recipient = pyrage.x25519.Recipient.from_str(me.recipient.age)
        seal = rounds(lambda: pyrage.encrypt(plain, [recipient]))
        target = Path(temp) / "anchor.age"
        durable = rounds(lambda: atomic_write(target, pyrage.encrypt(plain, [recipient])))
        opened = rounds(
            lambda: (vault.record(record_id, me), redaction_log.load(vault, record_id, me))
        )

        def library() -> None:
            decision = review.Decision("accept", (next(ids),))
            review.record_decision(vault, record_id, decision, me, NOW, rules)

        def batch() -> None:
            chosen = [review.Decision("accept", (next(ids),)) for _ in range(BATCH)]
            review.record_decisions(vault, record_id, chosen, me, NOW, rules)

        one = rounds(library)
        web = page(vault, me, record_id, ids)
        low, mid = rounds(batch, 1)
        single, many = command_line(Path(temp), vault, me, record_id, ids)
        grow_audit_log(vault, me, record_id, AUDIT_ENTRIES)
        busy = rounds(library, 3)

    print(f"record: {WORDS:,} words, {len(spans):,} spans; log {len(plain) / 1024:,.0f} KiB")
    print(
        f"page {web['size'][0] / 1024:,.0f} KiB; {ROUNDS} rounds (median of {PER_ROUND} runs each)"
    )
    print(line("anchor: seal the log once (pyrage)", seal, seal[1], None))
    print(line("anchor: seal + atomic write (fsync)", durable, durable[1], None))
    print(line("anchor: open record + log", opened, opened[1], None))
    print(line("decision (library), x seal", one, seal[1], 0.05))
    print(line("decision (library), x durable", one, durable[1], None))
    print(line("decision round trip (POST), x durable", web["post"], durable[1], 0.05))
    print(line("render the record page, x open", web["render"], opened[1], 0.5))
    per = (low / BATCH, mid / BATCH)
    print(line(f"batch of {BATCH}, per decision, x durable", per, durable[1], None))
    busy_name = f"decision, audit log +{AUDIT_ENTRIES:,}, x durable"
    print(line(busy_name, busy, durable[1], 0.05))
    singles = (single[0] * CLI_BATCH, single[1] * CLI_BATCH)
    print(f"command line, {CLI_BATCH} decisions (whole processes, unlock included; min / median):")
    print(f"  {CLI_BATCH} x review accept   {singles[0]:7.1f} s / {singles[1]:7.1f} s")
    speedup = singles[1] / many[1]
    print(f"  one review decide    {many[0]:7.1f} s / {many[1]:7.1f} s  ({speedup:.0f}x faster)")


if __name__ == "__main__":
    main()
