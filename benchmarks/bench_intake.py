"""What intake's new checks cost, in a vault of 500 records (issue 14, items 2 and 7). Not a
pass/fail test: min and median over rounds, each as a ratio to the anchor of the same run.

- anchor: sealing one 5,000-word record into the vault (`Vault.add`: two age files, fsync,
  audit entry, rename), the work every `intake add` does anyway;
- the warnings `intake add` computes before it (`batch._mistakes`: 5 protected terms searched
  without case or accents, and the file's keyed MAC compared with the 500 records' MACs);
- naming a record by interview code (`Vault.resolve(code, identity)`: every record's small
  index file decrypted) and by id prefix (no decryption).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from intake.vault import NewRecord

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

NOW = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
RECORDS = 500
ROUNDS = 5
TERMS = ("Invented Name", "Another Person", "Some Village", "Riverside Unit", "Fake Town")


def _new(number: int, words: int) -> NewRecord:
    from intake.record import Document, Metadata, Segment
    from intake.vault import NewRecord

    text = " ".join(f"word{(number * 7 + i) % 997}" for i in range(words)) + "\n"
    document = Document(text, (Segment(0, len(text), "A"),), "txt")
    code = f"NK-2026-{number:03d}"
    return NewRecord("t.txt", text.encode(), document, Metadata(code=code), TERMS)


def _time(work: Callable[[], object]) -> tuple[float, float]:
    seconds = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return min(seconds), statistics.median(seconds)


def main() -> None:
    from intake import batch
    from intake.vault import Vault
    from keys import identity

    me = identity.generate("Bench Admin", NOW)
    with tempfile.TemporaryDirectory() as folder:
        vault = Vault.init(Path(folder) / "vault", [me.recipient], NOW, me)
        for number in range(RECORDS):
            vault.add(_new(number, 20), NOW)
        new = _new(RECORDS, 5000)
        data, text = new.source_bytes, new.document.text
        some_id = vault.record_ids()[RECORDS // 2]
        rows = {
            "anchor: seal one 5,000-word record": _time(lambda: vault.add(new, NOW)),
            "intake warnings (terms + MACs of 500)": _time(
                lambda: batch._mistakes(vault, "t.txt", data, text, TERMS)
            ),
            "resolve by code (500 index files)": _time(lambda: vault.resolve("NK-2026-250", me)),
            "resolve by id prefix": _time(lambda: vault.resolve(some_id[:6])),
        }
    anchor = rows["anchor: seal one 5,000-word record"][0]
    print(f"{RECORDS} records, {ROUNDS} rounds (min / median, ratio of min to the anchor's min)")
    for name, (low, mid) in rows.items():
        print(f"{name:<40} {low * 1000:9.2f} ms {mid * 1000:9.2f} ms  x{low / anchor:6.2f}")


if __name__ == "__main__":
    main()
