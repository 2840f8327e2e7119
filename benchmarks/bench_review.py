"""Review page speed: server time to render a 10,000-word record with ~1,000 spans, and one
decision's round trip (the page's one POST, saved, signed, audited, answered with the record's
new state), through the real app and its
guard (Starlette TestClient, no socket). Goals: render < 0.5 s, round trip < 50 ms.

Anchor, measured in the same run: opening the record and its redaction log from the vault
(two age decryptions and the JSON), the floor under both numbers. Not a pass/fail test.
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

WORDS = 10_000
EVERY = 10  # one span every 10 words: ~1,000 spans
NOW = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
LABELS = ("PERSON", "LOCATION", "DATE", "ORGANIZATION", "AGE")


def build(folder: Path):  # type: ignore[no-untyped-def]
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


def median_of(runs: int, action) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from redact.plan import policy, redaction_log
    from redact.review.decisions import span_id
    from redact.web import Settings, create_app

    with tempfile.TemporaryDirectory() as temp:
        vault, me, record_id, spans = build(Path(temp))
        settings = Settings(port=8765)
        app = create_app(vault, me, policy.load(None), settings, clock=lambda: NOW)
        client = TestClient(app, base_url="http://127.0.0.1:8765")
        client.get(f"/?token={settings.token}")
        page = client.get(f"/record/{record_id}")  # the first view is audited: not timed
        csrf = re.search(r'name="csrf-token" content="([0-9a-f]+)"', page.text).group(1)  # type: ignore[union-attr]

        anchor = median_of(
            9, lambda: (vault.record(record_id, me), redaction_log.load(vault, record_id, me))
        )
        render = median_of(9, lambda: client.get(f"/record/{record_id}"))
        ids = iter(span_id(s) for s in spans)

        def round_trip() -> None:
            # what the page does per decision: one POST, whose reply is the record's new state
            body = {"action": "accept", "spans": [next(ids)]}
            reply = client.post(
                f"/api/record/{record_id}/decide", json=body, headers={"X-CSRF-Token": csrf}
            )
            assert reply.status_code == 200 and "spans" in reply.json()

        trip = median_of(25, round_trip)
        size = len(client.get(f"/record/{record_id}").content)
        print(f"record: {WORDS:,} words, {len(spans):,} spans; page {size / 1024:,.0f} KiB")
        print(f"{'anchor: open record + log':<34} {anchor * 1000:8.1f} ms")
        print(
            f"{'render the record page':<34} {render * 1000:8.1f} ms  "
            f"{render / 0.5:5.2f}x the 0.5 s goal  {render / anchor:5.1f}x anchor"
        )
        print(
            f"{'decision round trip (one POST)':<34} {trip * 1000:8.1f} ms  "
            f"{trip / 0.05:5.2f}x the 50 ms goal  {trip / anchor:5.1f}x anchor"
        )


if __name__ == "__main__":
    main()
