"""Merge raw findings into non-overlapping spans, recall first.

Overlapping findings become one span covering all of them (a wider mask never leaks more); its
label comes from the most trusted finding: protected terms, then our domain recognizers, then
Presidio/spaCy; within a tier, the higher score. Every contributing reason is kept.

Before merging, findings that can never be an entity are dropped or trimmed (issue 11, item 4):
a contraction or a pronoun ("I'm", "we'd", "I") is never a name, whatever spelling key it folds
to; a role label ("Interviewer", "INT", "interpreter") is never an entity; and a span from a
statistical model never starts or ends with a closed-class English word
("Without X I would have died" masks X, not "Without X").

After merging, :mod:`redact.detect.bounds` cuts each span at the boundaries of its mentions
(a line break, " / ", an alias in brackets, a leading everyday word, a Hangul particle...):
a span never swallows a neighbouring word (issue 11, rule 4).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from redact.detect import bounds
from redact.detect.recognizers.base import (
    COUNTRY,
    LOCATION,
    ORGANIZATION,
    PERSON,
    Finding,
    Reason,
)
from redact.detect.recognizers.camps import kind_alone
from redact.detect.recognizers.hangul_words import polite_ending
from redact.detect.recognizers.safe_terms import (
    FUNCTION_WORDS,
    KIN_WORDS,
    PLATFORMS,
    ROLE_WORDS,
)
from redact.detect.span import Span, context_of
from redact.text.folding import name_fold
from redact.text.titles import title_after
from redact.text.variants import HONORIFICS, KOREAN_SYLLABLE, SURNAMES, word_set

PROTECTED = "protected-term"
_TIER = {PROTECTED: 3}


def _rank(finding: Finding) -> tuple[int, int, float, int]:
    tier = _TIER.get(finding.recognizer, 1 if finding.recognizer.startswith("presidio:") else 2)
    country = 1 if finding.label == COUNTRY else 0  # a country name is a country, not a place
    return (tier, country, finding.score, finding.end - finding.start)


def _clusters(findings: Sequence[Finding]) -> list[list[Finding]]:
    ordered = sorted(findings, key=lambda f: (f.start, -f.end))
    clusters: list[list[Finding]] = []
    end = -1
    for finding in ordered:
        if finding.end <= finding.start:
            continue
        if clusters and finding.start < end:
            clusters[-1].append(finding)
            end = max(end, finding.end)
        else:
            clusters.append([finding])
            end = finding.end
    return clusters


def _label(cluster: Sequence[Finding], best: Finding, start: int, end: int) -> str:
    others = [f for f in cluster if f.recognizer != PROTECTED]
    if best.recognizer == PROTECTED and others:
        # a protected term says "mask this", not what it is: the recognizers say that
        return max(others, key=_rank).label
    if best.label == COUNTRY and (best.start, best.end) != (start, end):
        # "North Korea" inside a longer place span: the place wins, recall first
        return max((f for f in cluster if f.label != COUNTRY), key=_rank, default=best).label
    return best.label


_CONTRACTION = re.compile(
    r"(?i:i|you|he|she|it|we|they|that|there|here|who|what|where|let|how)"
    r"(?:['\u2019](?:m|ll|d|ve|re|s))?|(?i:[a-z]+n['\u2019]t)"
)
_WORDS = re.compile(r"[\w'\u2019-]+")
# Recognizers whose span edges come from a statistical model or a text search, not from a name
# rule (the proper-noun net never takes a common word, except "the" of an epithet on purpose).
_TRIMMED = ("presidio:", "linking")
_NAMED = (PERSON, LOCATION, ORGANIZATION)
_ARTICLES = frozenset({"the", "a", "an"})
COMMON_AT_START = 4.0  # Zipf frequency: "Sold" 4.5, "Home" 5.9; names like Svetlana are < 3.5


def _never_an_entity(surface: str) -> bool:
    words = _WORDS.findall(surface)
    if not words:
        return True
    if _CONTRACTION.fullmatch(surface.strip()) or polite_ending(surface.strip()):
        return True
    if kind_alone(surface):  # "교화소", "the camp": what kind of place, not which
        return True
    lowered = [w.lower().strip("'\u2019") for w in words]
    if len(lowered) > 1 and lowered[0] in _ARTICLES:
        lowered = lowered[1:]  # "the pastor", "the broker": a role, not who
    if all(w in PLATFORMS for w in lowered) or _plural_surname(surface):
        return True  # "on Telegram"; "many Kims", "the two Wangs"
    return all(w in ROLE_WORDS or (w in KIN_WORDS and w not in SURNAMES) for w in lowered)


_PLURAL_SURNAME = re.compile(r"[A-Z][a-z]+s")


def _plural_surname(surface: str) -> bool:
    """A surname in the plural ("Kims", "Wangs", "Ris"): a family or a crowd of that name, as
    testimony says how common a name is ("there are many Paks here"), never one person."""
    word = surface.strip()
    if not _PLURAL_SURNAME.fullmatch(word):
        return False
    folded = name_fold(word)
    return folded not in SURNAMES and folded[:-1] in SURNAMES


def _model_common_word(text: str, finding: Finding) -> bool:
    """A model's one-word span that is a common English word at a sentence or line start
    ("Sold", "Home", "Intake") and never capitalised inside a sentence of the record:
    capitalisation there says nothing. A known surname ("Song", "Moon") is kept."""
    from redact.detect.recognizers.proper_nouns import _sentence_start, zipf

    surface = text[finding.start : finding.end]
    if not finding.recognizer.startswith("presidio:") or not surface.isalpha():
        return False
    if surface.lower() in SURNAMES or not _sentence_start(text, finding.start):
        return False
    if zipf(surface.lower()) < COMMON_AT_START:
        return False
    # capitalised inside a sentence elsewhere in the record ("... told Grace"): a name after all
    pattern = rf"(?<![\w'\u2019-]){re.escape(surface)}(?![\w'\u2019-])"
    return all(_sentence_start(text, m.start()) for m in re.finditer(pattern, text))


def _model_lower_cyrillic(text: str, finding: Finding) -> bool:
    """A model's span of Cyrillic words in lower case only ("рабочий", "пришли"): the English
    model reads Russian words as names, but Russian writes every name capitalised."""
    surface = text[finding.start : finding.end]
    cyrillic = any("\u0400" <= c <= "\u04ff" for c in surface)
    return finding.recognizer.startswith("presidio:") and cyrillic and surface == surface.lower()


# Closed-class words that also start names ("All Saints", "Our Lady", "For Tomorrow", "Her
# Majesty's"): never cut off the start of a model's span.
NAME_STARTERS = word_set(
    "all our my your his her their every each both some any many much only just even still "
    "ever never always over under out up off round above upon within between beyond for of no"
)


def _name_word(word: str, following: str | None) -> bool:
    """A capitalised word that is a known surname before a given name ("So Yong-ho", "He Wei",
    not "To Kim X") or, at a name's end (``following`` None), a Korean syllable ("Pak Sang
    Do"): a part of the name, whatever English reads in it."""
    low = word.lower()
    if not word[:1].isupper():
        return False
    if following is None:
        return low in SURNAMES or bool(KOREAN_SYLLABLE.fullmatch(low))
    return low in SURNAMES and following.lower() not in SURNAMES


def _trim(text: str, finding: Finding) -> Finding | None:
    """Cut closed-class English words off the edges of a model's span (None if nothing left)."""
    start, end = finding.start, finding.end
    matches = list(_WORDS.finditer(text, start, end))
    for match, after in zip(matches, [*matches[1:], None], strict=True):
        word = match.group().lower()
        initial = text[match.end() : match.end() + 1] == "." and len(word) == 1  # "I. Grainger"
        if word not in FUNCTION_WORDS or word in _ARTICLES or initial or after is None:
            break  # an article stays: "the Ankara Bar" is how the body is named
        starter = word in NAME_STARTERS and match.group()[:1].isupper()
        if starter or _name_word(match.group(), after.group()):
            break
        start = match.end()
    words = list(_WORDS.finditer(text, start, end))
    for match in reversed(words[1:]):
        if match.group().lower() not in FUNCTION_WORDS or _name_word(match.group(), None):
            break
        end = match.start()
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".'\u2019"):
        end -= 1
    if end <= start or _never_an_entity(text[start:end]):
        return None
    if (start, end) == (finding.start, finding.end):
        return finding
    why = finding.explanation + "; closed-class words at its edge left out"
    return replace(finding, start=start, end=end, explanation=why)


def clean(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """Drop contractions, pronouns and role labels; trim model spans (protected terms untouched)."""
    out: list[Finding] = []
    for finding in findings:
        if finding.recognizer == PROTECTED:
            if not _CONTRACTION.fullmatch(text[finding.start : finding.end].strip()):
                out.append(finding)
            continue
        if _never_an_entity(text[finding.start : finding.end]):
            continue
        if finding.label in _NAMED and _model_common_word(text, finding):
            continue
        if finding.label in _NAMED and _model_lower_cyrillic(text, finding):
            continue
        trimmable = finding.recognizer.startswith(_TRIMMED) and finding.label in _NAMED
        trimmed = _trim(text, finding) if trimmable else finding
        if trimmed is not None:
            out.append(trimmed)
    return out


def merge(text: str, findings: Sequence[Finding]) -> list[Span]:
    """Non-overlapping spans, each cut at the boundaries of its mentions (:mod:`bounds`)."""
    spans = []
    for cluster in _clusters(clean(text, findings)):
        best = max(cluster, key=_rank)
        start = min(f.start for f in cluster)
        end = max(f.end for f in cluster)
        for part in bounds.split(text, cluster, _label(cluster, best, start, end)):
            spans.append(_span(text, part))
    return _with_titles_after(text, spans)


_WORD_AFTER = re.compile(r"[ -]([^\W\d_][\w'\u2019-]*)")


def _title_word(word: str) -> bool:
    return title_after(word) is not None or name_fold(word) in HONORIFICS


def _with_titles_after(text: str, spans: list[Span]) -> list[Span]:
    """A person's span runs on over a title or an honorific written after the name in lower
    case ("Feng ayi", "Chol-su ajŏssi", "Wu nainai", "Han moksa-nim", "Su-jin ssi"), as it holds
    "Auntie Feng": the title is how the person is called, and part of the mention. A model's
    place or organisation guess that ends with a person's title ("at Feng nainai's house") is
    that person."""
    out = list(spans)
    for i, span in enumerate(out):
        guess = span.recognizer.startswith(bounds.GUESSES) and span.label in bounds.NAMED
        if span.label != PERSON and not guess:
            continue
        end = span.end
        after = _WORD_AFTER.match(text, end)
        if after and _title_word(after.group(1)):
            if i + 1 < len(out) and out[i + 1].start < after.end():
                continue
            end = after.end()
        elif not (span.label != PERSON and _title_word(re.split(r"[ -]", span.text)[-1])):
            continue
        context = context_of(text, span.start, end)
        widened = text[span.start : end]
        out[i] = replace(span, end=end, text=widened, label=PERSON, context=context)
    return out


def _span(text: str, part: bounds.Part) -> Span:
    best = max(part.deciding, key=_rank)
    start, end = part.start, part.end
    if end - start > 2 and text[end - 2 : end] in ("'s", "\u2019s"):
        end -= 2  # "Zhang Wei's uncle": the possessive stays, "[Person 7]'s uncle"
    found = (*part.deciding, *part.also)
    others = sorted({f.reason for f in found if f is not best}, key=_reason_order)
    main = best.explanation
    if part.cut and not main.endswith(bounds.CUT_NOTE):
        main += bounds.CUT_NOTE
    reasons = [main, *sorted({_also(r) for r in others})]
    label = _label(part.deciding, best, start, end)
    # the most trusted recognizer that read the name for this label gives the entity's name
    named = [f for f in part.deciding if f.key and f.label == label]
    name = max(named, key=_rank).key if named else None
    return Span(
        start,
        end,
        text[start:end],
        label,
        max(f.score for f in part.deciding),
        best.recognizer,
        "; also ".join(reasons),
        name or "",
        context_of(text, start, end),
        reasons=(best.reason, *others),
    )


def _reason_order(reason: Reason) -> tuple[str, str, float, str]:
    return (reason.recognizer, reason.label, -reason.score, reason.rule)


def _also(reason: Reason) -> str:
    """A contributing reason after the main one: "presidio:SpacyRecognizer PERSON 0.85"."""
    return f"{reason.recognizer} {reason.label} {reason.score:.2f}"
