"""Linking at archive scale: per-record time at 100 and at 1,000 records, and one new record.

Goal (issue 13): per-record linking time at 1,000 records <= 1.3x the per-record time at 100,
and linking one new record against a 1,000-record corpus about as costly as linking one record
alone. Linking only: spans are built directly (no spaCy), over synthetic records of invented
names (surname + two invented syllables, invented places, fake phone numbers). Each figure is
the min and median over rounds, in one process, as a ratio against its anchor measured in the
same run. Caches (name readings, variants) stay warm between rounds, as in a long `redact run`;
the new record is also measured as a fresh `redact run` of it would meet it: each round in a new
process, after imports and first use, with nothing of the vault's entities worked out yet.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from redact.detect.recognizers.base import LOCATION, PERSON, PHONE
from redact.detect.span import Span
from redact.link import linking
from redact.text.variants import word_list

ROUNDS = 3
SURNAMES = ("Kim", "Pak", "Ri", "Choe", "Jong", "Kang", "Han", "Yun", "Jang", "Im", "Song", "O")
SYLLABLES = word_list(
    "ha yun seul ga on dam bit sol rin na eun ye gyeol chan dong hyun ju mi ro san tae "
    "bom gu nae ri do sa hwi"
)
PLACE_PARTS = ("Tor", "Vel", "Mar", "Quen", "Sab", "Lir", "Dov", "Kes", "Pran", "Zul")
Record = tuple[str, list[Span]]


def _people(rng: random.Random, count: int) -> list[str]:
    out: set[str] = set()
    while len(out) < count:
        first, second = rng.sample(SYLLABLES, 2)
        out.add(f"{rng.choice(SURNAMES)} {first.capitalize()}-{second}")
    return sorted(out)


def _record(rng: random.Random, pool: Sequence[str], places: Sequence[str]) -> Record:
    """About 15 sentences: four full names (one from the recurring pool), partial mentions of
    them, a place and a phone; the spans as detection would have merged them."""
    people = [rng.choice(pool[:40]), *rng.sample(pool, 3)]
    place = rng.choice(places)
    phone = f"010-{rng.randrange(1000, 9999)}-0192"
    parts: list[tuple[str, list[tuple[str, str]]]] = []  # sentence, (label, surface) in order
    for person in people:
        given = person.split(" ", 1)[1]
        parts += [
            (f"{person} came to us in the winter.", [(PERSON, person)]),
            (f"Later {given} said it was cold near {place}.", [(PERSON, given), (LOCATION, place)]),
            ("We waited for two days and nobody spoke.", []),
        ]
    parts.append((f"Call {phone} when you arrive.", [(PHONE, phone)]))
    text, spans = "", []
    for sentence, found in parts:
        for label, surface in found:
            spans.append(_span(len(text) + sentence.index(surface), surface, label))
        text += sentence + " "
    return text, spans


def _span(start: int, surface: str, label: str) -> Span:
    return Span(start, start + len(surface), surface, label, 0.9, "bench", "", "")


def _corpus(count: int, seed: int) -> list[Record]:
    rng = random.Random(seed)
    pool = _people(rng, max(60, count))
    places = [f"{a}{b.lower()}" for a in PLACE_PARTS for b in PLACE_PARTS if a != b]
    records = [_record(rng, pool, places) for _ in range(count)]
    return [(text, linking.assign_keys(spans)) for text, spans in records]


def link_all(records: Sequence[Record]) -> None:
    """What `redact run --all` does after detection: collect, index once, link each record."""
    known = linking.collect([s for _, spans in records for s in spans])
    linker = linking.Linker(known.values())
    for text, spans in records:
        linker.link(text, spans)


def link_one(table: Sequence[linking.Entity], new: Record) -> None:
    """One new record against the entities the vault's pseudonym table already knows."""
    known = linking.collect(new[1], table)
    linking.Linker(known.values()).link(*new)


def _table(records: Sequence[Record]) -> list[linking.Entity]:
    return list(linking.collect(s for _, spans in records for s in spans).values())


def _times(run: Callable[[], None], rounds: int = ROUNDS) -> list[float]:
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        out.append(time.perf_counter() - start)
    return out


def _line(name: str, seconds: Sequence[float], per: int) -> str:
    low, mid = min(seconds) / per * 1000, statistics.median(seconds) / per * 1000
    return f"  {name:<38} min {low:8.2f} ms   median {mid:8.2f} ms"


def _fresh(mode: str) -> float:
    """Seconds to link the new record in this (new) process: alone, or into the 1,000."""
    table = _table(_corpus(1000, 2)) if mode == "into" else []
    new = _corpus(1, 3)[0]
    link_all(_corpus(3, 9))  # imports and first use, as detection leaves them
    start = time.perf_counter()
    link_one(table, new)
    return time.perf_counter() - start


def _fresh_times(mode: str) -> list[float]:
    run = [sys.executable, __file__, "--fresh", mode]
    return [
        float(subprocess.run(run, check=True, capture_output=True, text=True).stdout)
        for _ in range(ROUNDS)
    ]


def _ratio(name: str, top: Sequence[float], bottom: Sequence[float]) -> str:
    mid = statistics.median(top) / statistics.median(bottom)
    return f"  {name:<38} median {mid:.2f}x   min {min(top) / min(bottom):.2f}x"


def main() -> None:
    if sys.argv[1:2] == ["--fresh"]:
        print(_fresh(sys.argv[2]))
        return
    small, large = _corpus(100, 1), _corpus(1000, 2)
    new = _corpus(1, 3)[0]
    link_all(_corpus(20, 9))  # imports and first-use costs, on records of their own
    at_100 = _times(lambda: link_all(small))
    at_1000 = _times(lambda: link_all(large))
    table = _table(large)
    alone = _times(lambda: link_one([], new))
    into = _times(lambda: link_one(table, new))
    fresh_alone, fresh_into = _fresh_times("alone"), _fresh_times("into")
    print("linking only (synthetic invented records; taken under whatever load the machine has)")
    print(_line("per record, 100 records", at_100, 100))
    print(_line("per record, 1,000 records", at_1000, 1000))
    ratio = [statistics.median(at_1000) / 1000 / (statistics.median(at_100) / 100)]
    ratio.append(min(at_1000) / 1000 / (min(at_100) / 100))
    print(f"  ratio 1,000 / 100 per record        median {ratio[0]:.2f}x   min {ratio[1]:.2f}x")
    print(_line("one record alone", alone, 1))
    print(_line("one new record, 1,000 in the vault", into, 1))
    print(_ratio("ratio new-into-1,000 / alone", into, alone))
    print(_line("a fresh run: one record alone", fresh_alone, 1))
    print(_line("a fresh run: one new, 1,000 in vault", fresh_into, 1))
    print(_ratio("ratio fresh new-into-1,000 / alone", fresh_into, fresh_alone))
    print(_ratio("fresh new-into-1,000 / re-link all", fresh_into, at_1000))


if __name__ == "__main__":
    main()
