"""No name shape crashes detection (issue 10: "never crash on text").

Generated, not listed: every surname group x 1-3 given syllables x romanization x case x
honorific or title x punctuation, also as protected terms, plus random text. At least 100,000
inputs go through the spelling-variant layer, protected-term search and the domain recognizers;
a few hundred whole texts through the full pipeline (spaCy + Presidio + linking + plan).
Zero exceptions allowed. The seed is fixed, so a failure names a reproducible input.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redact.detect import engine
from redact.detect.recognizers.protected import ProtectedTerms
from redact.link.pseudonyms import PseudonymTable
from redact.pipeline import analysis
from redact.plan.policy import load as load_policy
from redact.text import variants

SYLLABLES = [
    "bo",
    "ram",
    "chol",
    "su",
    "ok",
    "hwa",
    "yong",
    "nam",
    "myong",
    "il",
    "hak",
    "sun",
    "eun",
    "ji",
    "hye",
    "jin",
    "kyong",
    "ho",
    "min",
    "seo",
    "yeon",
    "gwang",
    "hyok",
    "chun",
    "ae",
    "song",
    "mi",
    "ryon",
    "nyo",
    "i",
    "a",
    "u",
    "o",
]
MR_SYLLABLES = ["ch'ol", "yŏng", "kŭm", "hŭi", "sŏng", "ŭn", "p'yo", "t'ae", "k'ang", "ch'un", "ŏk"]
TITLES = ("", "Mr. ", "Ms. ", "Mrs ", "Comrade ", "Auntie ", "Grandpa ", "Dr. ", "Pastor ")
SUFFIXES = ("", "-ssi", "-nim", " ssi", "-a", "-ya", "-oppa", "-eonni")
PUNCT = ("{}", "{}'s", "{},", "({})", '"{}"', "{}.", "{}:", "{}-", "-{}", "{}'", "{}\u2019s")
CASES = (str, str.upper, str.lower, str.title)


def _surnames() -> list[str]:
    groups = [s for group in variants.SURNAME_GROUPS.values() for s in group]
    return sorted({*groups, *variants.CHINESE_SURNAMES, "Ivanov", "Bat", "Chanthavong", "O"})


def _given(rng: random.Random) -> str:
    pool = MR_SYLLABLES if rng.random() < 0.2 else SYLLABLES
    syllables = [rng.choice(pool) for _ in range(rng.randint(1, 3))]
    joiner = rng.choice(("-", "", " ", "\u2010", "'"))
    return joiner.join([syllables[0].capitalize(), *syllables[1:]])


def _groups(items: list[str], size: int) -> list[tuple[str, ...]]:
    return [tuple(items[i : i + size]) for i in range(0, len(items) - size + 1, size)]


def name_shapes(count: int, seed: int = 20261201) -> list[str]:
    rng = random.Random(seed)
    surnames = _surnames()
    out = []
    for _ in range(count):
        surname, given = rng.choice(surnames), _given(rng)
        order = rng.random()
        core = f"{surname} {given}" if order < 0.6 else f"{given} {surname}"
        if order > 0.9:
            core = rng.choice((surname, given))
        core = rng.choice(CASES)(core)
        shaped = rng.choice(TITLES) + core + rng.choice(SUFFIXES)
        out.append(rng.choice(PUNCT).format(shaped))
    return out


def test_100k_name_shapes_through_variants_and_protected_terms() -> None:
    shapes = name_shapes(100_000)
    assert len(set(shapes)) > 50_000, "the generator must really vary"
    for shape in shapes:
        variants.spelling_variants(shape)
        variants.name_key(shape)
    for start in range(0, 2_000, 20):  # protected terms of every shape, searched in text
        terms = shapes[start : start + 20]
        ProtectedTerms(terms).find("A: " + " and ".join(terms) + " went to Musan.\n")


def test_name_shapes_through_every_domain_recognizer() -> None:
    shapes = name_shapes(12_000, seed=7)
    texts = [f"Q: Who?\nA: {' then '.join(group)} came.\n" for group in _groups(shapes, 4)]
    found = engine.detect_many(texts, use_presidio=False)
    assert len(found) == len(texts)
    assert sum(len(f) for f in found) > len(texts), "recognizers must see most of the names"


def test_whole_pipeline_on_generated_texts() -> None:
    policy = load_policy(None)
    shapes = name_shapes(600, seed=11)
    sources = [
        analysis.Source(f"r{i}", f"A: {a} met {b} in Hyesan.\n{c}: yes.\n", (a, c))
        for i, (a, b, c) in enumerate(_groups(shapes, 3))
    ]
    outcome = analysis.analyse(sources, policy, PseudonymTable(style=policy.style))
    assert outcome.failures == {}, [f.describe() for f in outcome.failures.values()]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=0, max_size=300))
def test_random_text_never_crashes_the_recognizers(text: str) -> None:
    engine.detect_many([text], use_presidio=False)
    variants.spelling_variants(text)
    ProtectedTerms([text]).find(text)
