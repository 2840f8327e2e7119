"""A name glossed in its own script beside a found name is the same entity (issue 11: one label
per person; recall on other scripts). Spans are built by hand: no model. All names invented."""

from __future__ import annotations

import pytest

from redact.detect.recognizers.base import LOCATION, PERSON
from redact.detect.span import Span
from redact.link.glosses import glossed


def _found(text: str, surface: str, label: str = PERSON) -> Span:
    start = text.index(surface)
    key = f"{label}:{surface.lower()}"
    return Span(start, start + len(surface), surface, label, 0.8, "test", "a name", key)


GLOSSES = [
    ("Subject: Kye Sŏng-hui (계성희; in other papers Gye)", "Kye Sŏng-hui", ["계성희"]),
    ("Respondent: Ha Myŏng-jin (하명진, 河明真); his lines", "Ha Myŏng-jin", ["하명진", "河明真"]),
    ("| Nickname | Xiao Mei (小梅) |", "Xiao Mei", ["小梅"]),
    ('"KYE SONG HUI / 계성희", passport', "KYE SONG HUI", ["계성희"]),
    ("they call him Pig Luo, 猪罗, behind his back", "Pig Luo", ["猪罗"]),
    ("Instructor Ri, 리 지도원. He hit us.", "Instructor Ri", ["리 지도원"]),
    ("the foreman Viktor Morozov (Виктор Морозов) paid", "Viktor Morozov", ["Виктор Морозов"]),
    ("| W-52 | Pak Yŏng-il / Pak Yeong-il / Пак Ен Иль / HSI |", "Pak Yŏng-il", ["Пак Ен Иль"]),
]


@pytest.mark.parametrize(("text", "name", "glosses"), GLOSSES)
def test_a_gloss_is_the_same_entity(text: str, name: str, glosses: list[str]) -> None:
    found = glossed(text, [_found(text, name)])
    added = [s for s in found if s.recognizer == "glosses"]
    assert [s.text for s in added] == glosses
    assert {s.entity for s in found} == {f"{PERSON}:{name.lower()}"}
    assert all("beside a person found here" in s.explanation for s in added)
    assert all(g not in s.explanation for s in added for g in glosses)  # no text in reasons


def test_a_place_gloss_keeps_the_places_label() -> None:
    text = "born in Hoeryŏng (회령), near the river"
    (_, gloss) = glossed(text, [_found(text, "Hoeryŏng", LOCATION)])
    assert (gloss.text, gloss.label) == ("회령", LOCATION)


NOT_GLOSSES = [
    ("said Pak, 그리고 갔어요", "Pak"),  # a Korean sentence after a comma
    ("Pak, 감사합니다.", "Pak"),  # a polite verb
    ("Kim (김영수 씨와 함께 갔다)", "Kim"),  # a description in brackets, not the name alone
    ("Pak (Москва, 2019)", "Pak"),  # Cyrillic that does not sound like the name
    ("Pak Chol (김영수)", "Pak Chol"),  # Hangul of another person
    ("Kim Ok-sun, 这是她的家", "Kim Ok-sun"),  # a Chinese sentence, not a name
]


@pytest.mark.parametrize(("text", "name"), NOT_GLOSSES)
def test_what_does_not_gloss_the_name_is_left_alone(text: str, name: str) -> None:
    assert [s.text for s in glossed(text, [_found(text, name)])] == [name]


def test_each_item_of_a_slash_list_may_gloss_the_name_or_an_earlier_gloss() -> None:
    text = "| village | Baishigou / 白石沟村 / 백석구, Wangqing County |"
    found = glossed(text, [_found(text, "Baishigou", LOCATION)])
    assert [s.text for s in found] == ["Baishigou", "白石沟村", "백석구"]  # 백석구 reads 白石沟


def test_a_gloss_beside_a_place_relabels_a_hangul_name_guess() -> None:
    text = "| home village | Tongnim-ri / 동림리 / 东林里 |"
    guess = _found(text, "동림리").with_(recognizer="korean_names")
    found = glossed(text, [_found(text, "Tongnim-ri", LOCATION), guess])
    assert [(s.text, s.label) for s in found] == [
        ("Tongnim-ri", LOCATION),
        ("동림리", LOCATION),
        ("东林里", LOCATION),
    ]
    assert len({s.entity for s in found}) == 1


def test_a_gloss_already_found_is_not_added_twice() -> None:
    text = "Ha Myŏng-jin (하명진)"
    spans = [_found(text, "Ha Myŏng-jin"), _found(text, "하명진")]
    assert glossed(text, spans) == spans
