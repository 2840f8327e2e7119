"""Detection speed: words per second of the redaction pipeline against bare spaCy and Presidio.

Same texts, same run: the samples' transcripts repeated to $BENCH_WORDS words (default 60,000).
Anchors: spaCy `nlp.pipe` with the full pipeline, spaCy NER only, Presidio's AnalyzerEngine with
its default recognizers (on the same small English model: its own default would download
en_core_web_lg). Ours: detect + merge + link + plan, as `redact run` does, with --jobs 1 and 2.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def texts(target_words: int) -> list[str]:
    from intake.readers import read

    base = [
        read(p).text
        for p in sorted((REPO / "samples").iterdir())
        if p.suffix in (".txt", ".md", ".docx", ".odt", ".srt", ".vtt")
    ]
    out, words = [], 0
    while words < target_words:
        for text in base:
            out.append(text)
            words += len(text.split())
    return out


def rate(label: str, words: int, seconds: float, anchor: float | None) -> float:
    per_second = words / seconds
    ratio = f"  {per_second / anchor:5.2f}x spaCy full" if anchor else ""
    print(f"{label:<38} {per_second:9,.0f} words/s  ({seconds:6.2f} s){ratio}")
    return per_second


def main() -> None:
    from redact.detect import engine
    from redact.link.pseudonyms import PseudonymTable
    from redact.pipeline.analysis import Source, propose
    from redact.plan.policy import load

    corpus = texts(int(os.environ.get("BENCH_WORDS", "60000")))
    words = sum(len(t.split()) for t in corpus)
    nlp = engine.nlp()
    analyzer = engine.analyzer()
    engine.domain_recognizers()
    list(nlp.pipe(corpus[:2]))  # warm-up: first calls allocate
    print(f"{len(corpus)} texts, {words:,} words")

    start = time.perf_counter()
    list(nlp.pipe(corpus, batch_size=8))
    anchor = rate("spaCy nlp.pipe, full pipeline", words, time.perf_counter() - start, None)

    start = time.perf_counter()
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        list(nlp.pipe(corpus, batch_size=8))
    rate("spaCy nlp.pipe, NER only", words, time.perf_counter() - start, anchor)

    start = time.perf_counter()
    for text in corpus:
        analyzer.analyze(text, language="en")
    rate("Presidio AnalyzerEngine, defaults", words, time.perf_counter() - start, anchor)

    policy = load(None)
    sources = [Source(str(i), t) for i, t in enumerate(corpus)]
    timings = {}
    for jobs in (1, 2):
        start = time.perf_counter()
        propose(sources, policy, PseudonymTable(), jobs=jobs)
        timings[jobs] = time.perf_counter() - start
        rate(f"testimony pipeline, --jobs {jobs}", words, timings[jobs], anchor)
    print(f"speed-up with --jobs 2: {timings[1] / timings[2]:.2f}x (on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
