"""The redaction core without the NLP: search, merge, linking, policy, pseudonyms, plan, log."""

from __future__ import annotations

import pytest

from keys.errors import RedactionError
from redact.detect import overlaps as merge
from redact.detect.recognizers.base import COUNTRY, DATE, LOCATION, PERSON, Finding
from redact.detect.recognizers.protected import ProtectedTerms
from redact.detect.span import Span
from redact.link import linking
from redact.link.pseudonyms import PseudonymTable
from redact.plan import policy
from redact.plan.proposal import apply, plan
from redact.plan.redaction_log import RedactionLog, refresh
from redact.text.search import find_all, fold


@pytest.mark.parametrize(
    ("text", "phrase", "found"),
    [
        ("from Ch'ŏng-jin to CHONGJIN", "Chongjin", ["Ch'ŏng-jin", "CHONGJIN"]),
        ("Bo-ram, BORAM, Bo ram and Boramx", "Bo-ram", ["Bo-ram", "BORAM", "Bo ram"]),
        ("Hoeryŏng\nHoeryong", "Hoeryong", ["Hoeryŏng", "Hoeryong"]),
        ("Kim Bo-\nram came", "Kim Bo-ram", ["Kim Bo-\nram"]),
        ("Kimberley", "Kim", []),
    ],
)
def test_find_all_variants(text: str, phrase: str, found: list[str]) -> None:
    assert len(fold(text)) == len(text)
    assert [text[a:b] for a, b in find_all(text, phrase)] == found


def _f(
    start: int, end: int, label: str, recognizer: str = "korean-names", score: float = 0.8
) -> Finding:
    return Finding(start, end, label, score, recognizer, f"{recognizer} said so")


def test_merge_unions_overlaps_and_prefers_domain_over_presidio() -> None:
    text = "Kim Bo-ram's sister"
    spans = merge.merge(
        text, [_f(0, 12, LOCATION, "presidio:SpacyRecognizer", 0.85), _f(0, 10, PERSON)]
    )
    assert [(s.start, s.end, s.label) for s in spans] == [(0, 10, PERSON)]  # 's stays visible
    assert "presidio:SpacyRecognizer" in spans[0].explanation


def test_protected_term_takes_its_type_from_the_recognizers() -> None:
    text = "I lived in Sinjon-ri."
    found = [*ProtectedTerms(["Sinjon-ri"]).find(text), _f(11, 20, LOCATION, "places")]
    (span,) = merge.merge(text, found)
    assert span.label == LOCATION and span.recognizer == "protected-term"


def test_country_inside_a_longer_place_is_a_place() -> None:
    text = "North Hamgyong Province"
    spans = merge.merge(
        text, [_f(0, 23, LOCATION, "places", 0.7), _f(0, 5, COUNTRY, "places", 0.9)]
    )
    assert spans[0].label == LOCATION


def _spans(text: str, *parts: tuple[str, str]) -> list[Span]:
    spans, position = [], 0
    for surface, label in parts:
        start = text.index(surface, position)
        spans.append(
            Span(
                start,
                start + len(surface),
                surface,
                label,
                0.8,
                "korean-names",
                "",
                linking.entity_key(label, surface),
            )
        )
        position = start + len(surface)
    return spans


def test_linking_propagates_every_variant_and_links_partials() -> None:
    text = "Kim Bo-ram came. Later BORAM-ssi said Ms. Kim was tired. Kim Bo-ram left."
    spans = _spans(text, ("Kim Bo-ram", PERSON))
    linked = linking.link(text, spans)
    surfaces = [s.text for s in linked]
    assert surfaces == ["Kim Bo-ram", "BORAM-ssi", "Ms. Kim", "Kim Bo-ram"]
    assert len({s.entity for s in linked}) == 1


def test_ambiguous_partial_is_proposed_but_not_linked() -> None:
    text = "Kim Bo-ram and Kim Chol-su met Mr. Kim."
    linked = linking.link(text, _spans(text, ("Kim Bo-ram", PERSON), ("Kim Chol-su", PERSON)))
    partial = [s for s in linked if "Mr. Kim" in s.text or s.text == "Kim"]
    assert partial and all("ambiguous" in s.explanation for s in partial)


def test_known_corpus_entities_are_found_in_a_new_record() -> None:
    known = [linking.Entity("PERSON:kim|boram", PERSON, ("Kim Bo-ram",))]
    linked = linking.link("Then Gim Bo Ram arrived.", [], known)
    assert [(s.text, s.entity) for s in linked] == [("Gim Bo Ram", "PERSON:kim|boram")]


def test_policy_parsing_and_refusals() -> None:
    default = policy.load(None)
    assert default.action_for(COUNTRY) == "keep" and default.action_for(PERSON) == "pseudonymise"
    assert default.allowed(PERSON, "KIM JONG-UN")
    with pytest.raises(RedactionError, match="is not an action"):
        policy.parse('[actions]\nPERSON = "shred"\n', "p.toml")
    with pytest.raises(RedactionError, match="not valid TOML"):
        policy.parse("[actions\n", "p.toml")


@pytest.mark.parametrize(
    ("surface", "level", "expected"),
    [
        ("9 July 2014", "year", "[2014]"),
        ("9 July 2014", "month", "[July 2014]"),
        ("the winter of 2013", "year", "[2013]"),
        ("last spring", "year", "[date]"),
    ],
)
def test_generalise_dates(surface: str, level: str, expected: str) -> None:
    assert policy.generalise_date(surface, level) == expected


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("23", "[20s]"),
        ("twenty-four", "[20s]"),
        ("Forty-eight", "[40s]"),
        ("nineteen", "[teens]"),
        ("twelve years older", "[age]"),
        ("I was 8", "[child]"),
    ],
)
def test_generalise_ages(surface: str, expected: str) -> None:
    assert policy.generalise_age(surface) == expected


def test_pseudonyms_are_stable_and_never_a_corpus_name() -> None:
    table = PseudonymTable(style="names")
    corpus = ["Seo Ha-yun", "Kim Bo-ram"]  # the first invented candidate is taken by a real name
    first = table.assign("PERSON:kim|boram", PERSON, "Kim Bo-ram", "r1", corpus)
    assert first == table.assign("PERSON:kim|boram", PERSON, "KIM Boram", "r2", corpus)
    assert first.strip("[]") not in corpus
    again = PseudonymTable.from_json(table.to_json())
    assert again.pseudonym("PERSON:kim|boram") == first
    labels = PseudonymTable()
    assert labels.assign("PERSON:a", PERSON, "A", "r") == "[Person 1]"
    assert labels.assign("LOCATION:x", LOCATION, "X", "r") == "[Place 1]"
    assert labels.assign("PERSON:b", PERSON, "B", "r") == "[Person 2]"


def test_forget_record_keeps_entries_other_records_use() -> None:
    table = PseudonymTable()
    table.assign("PERSON:a", PERSON, "A", "r1")
    table.assign("PERSON:a", PERSON, "A", "r2")
    table.assign("PERSON:b", PERSON, "B", "r1")
    table.forget_record("r1")
    assert list(table.entries) == ["PERSON:a"]


def test_plan_never_keeps_protected_and_keeps_public_figures() -> None:
    text = "Kim Jong-un and Kim Bo-ram in China, 9 July 2014."
    spans = _spans(
        text,
        ("Kim Jong-un", PERSON),
        ("Kim Bo-ram", PERSON),
        ("China", COUNTRY),
        ("9 July 2014", DATE),
    )
    spans[2] = spans[2].with_(recognizer="protected-term")  # China given as a protected term
    planned = plan("r1", spans, policy.load(None), PseudonymTable())
    assert [(s.action, s.replacement) for s in planned] == [
        ("keep", "Kim Jong-un"),
        ("pseudonymise", "[Person 1]"),
        ("mask", "[country]"),
        ("generalise", "[2014]"),
    ]
    assert apply(text, planned) == "Kim Jong-un and [Person 1] in [country], [2014]."


def test_refresh_keeps_decided_spans() -> None:
    decided = Span(0, 3, "Kim", PERSON, 0.5, "x", "", "k", status="rejected")
    old = RedactionLog("r1", "p", "t0", [decided, Span(5, 8, "Bob", PERSON, 0.5, "x", "", "b")])
    new = [
        Span(0, 10, "Kim Bo-ram", PERSON, 0.9, "x", "", "k"),
        Span(12, 15, "Lee", PERSON, 0.9, "x", "", "l"),
    ]
    fresh = refresh(old, new, "r1", "p2", "t1")
    assert [(s.text, s.status) for s in fresh.spans] == [("Kim", "rejected"), ("Lee", "proposed")]


def test_sample_policy_parses_and_differs_from_the_default() -> None:
    from tests.conftest import SAMPLES

    sample = policy.load(SAMPLES / "policy.toml")
    assert sample.style == "names" and sample.generalise["DATE"] == "month"
    assert sample.sha256 != policy.load(None).sha256
