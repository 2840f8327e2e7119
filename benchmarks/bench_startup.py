"""`testimony --help` start-up time (goal <= 0.3 s), against a bare `python -c pass`.

Heavy libraries (spaCy, Presidio, python-docx) must be imported lazily for this to hold.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 15


def timed(args: list[str]) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    bare = timed([sys.executable, "-c", "pass"])
    helped = timed([sys.executable, "-m", "redact", "--help"])
    modules = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, redact.cli.main; print(sorted(m for m in "
            "('spacy', 'presidio_analyzer', 'docx', 'odf') if m in sys.modules))",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(f"python -c pass      median {bare * 1000:7.1f} ms (anchor)")
    print(
        f"testimony --help    median {helped * 1000:7.1f} ms  = {helped / bare:.1f}x the anchor"
        f"  (goal <= 300 ms: {'met' if helped <= 0.3 else 'NOT met'})"
    )
    print(f"heavy modules imported by the CLI at start-up: {modules}")


if __name__ == "__main__":
    main()
