"""A title that names a woman is not the man a record calls "he", and the other way round."""

from __future__ import annotations

import pytest

from redact.detect.recognizers.base import PERSON
from redact.detect.span import Span
from redact.link import aliases, gender, linking
from redact.link.keys import entity_key
from redact.link.linking import Entity


def _spans(text: str, *surfaces: str) -> list[Span]:
    spans, at = [], 0
    for surface in surfaces:
        start = text.index(surface, at)
        at = start + len(surface)
        spans.append(Span(start, at, surface, PERSON, 0.9, "test", "", entity_key(PERSON, surface)))
    return spans


def _key_of(linked: list[Span], surface: str) -> str:
    return next(s.entity for s in linked if s.text == surface)


@pytest.mark.parametrize(
    ("surface", "sex"),
    [
        ("Auntie Bae", gender.FEMALE),
        ("裴阿姨", gender.FEMALE),
        ("Bae-ayi", gender.FEMALE),
        ("Mrs. Bae", gender.FEMALE),
        ("배 할머니", gender.FEMALE),
        ("Ok-sun eonni", gender.FEMALE),
        ("Uncle Bae", gender.MALE),
        ("Mr. Bae", gender.MALE),
        ("Bae ajŏssi", gender.MALE),
        ("Chol-su hyung", gender.MALE),
        ("Pastor Bae", None),  # a role says nothing of its holder's sex
        ("Bae Chol-su", None),
    ],
)
def test_a_title_says_a_sex_only_when_it_is_a_woman_s_or_a_man_s(
    surface: str, sex: str | None
) -> None:
    assert gender.title_sex(surface) == sex


TOLD_APART = [
    # (text, the full name, the title form of somebody else)
    ("Bae Wenjun drove. He kept the money. Auntie Bae paid.", "Bae Wenjun",
     "Auntie Bae"),
    ("A pet name made from his given name, Bai Wenjun. Later 白阿姨 phoned.", "Bai Wenjun",
     "白阿姨"),
    ("Yun Ok-hui cooked; she never spoke. Uncle Yun carried the bags.", "Yun Ok-hui",
     "Uncle Yun"),
    ("Yun Ok-hui cooked; she never spoke. Mr. Yun carried the bags.", "Yun Ok-hui", "Mr. Yun"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "full", "titled"), TOLD_APART)
def test_a_title_of_the_other_sex_is_not_linked_to_the_one_full_name(
    text: str, full: str, titled: str
) -> None:
    linked = linking.link(text, _spans(text, full, titled))
    assert _key_of(linked, titled) != _key_of(linked, full)
    why = next(s.explanation for s in linked if s.text == titled)
    assert f"not linked to the person written '{full}'" in why
    assert aliases.title_votes(linked, text) == {}


SAME_SEX_OR_UNSAID = [
    ("Bae Mi-suk drove. She is the one who sold me. Auntie Bae paid.", "Bae Mi-suk", "Auntie Bae"),
    ("Bae Mi-suk drove. Auntie Bae paid.", "Bae Mi-suk", "Auntie Bae"),  # nothing said: as before
    # the pronoun after Han's name is Han's: it says nothing of Bae Mi-suk
    ("Bae Mi-suk told Pastor Han that he must leave. Auntie Bae paid.", "Bae Mi-suk",
     "Auntie Bae"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "full", "titled"), SAME_SEX_OR_UNSAID)
def test_a_title_of_the_same_or_an_unsaid_sex_still_links(
    text: str, full: str, titled: str
) -> None:
    spans = (
        _spans(text, full, titled)
        if "Pastor" not in text
        else _spans(text, full, "Pastor Han", titled)
    )
    linked = linking.link(text, spans)
    assert _key_of(linked, titled) == _key_of(linked, full)


def test_a_record_that_says_both_says_neither() -> None:
    text = "Bae Wenjun came. He laughed. Later Bae Wenjun left; she cried. Auntie Bae paid."
    entity = Entity(entity_key(PERSON, "Bae Wenjun"), PERSON, ("Bae Wenjun",), 0.9)
    assert gender.written_sex(entity, text, ()) is None
