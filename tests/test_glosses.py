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
    ("Subject: Kye Yŏng-nam (계영남; in other papers Gye)", "Kye Yŏng-nam", ["계영남"]),
    ("Respondent: Ha Tae-sŏng (하태성, 河泰成); his lines", "Ha Tae-sŏng", ["하태성", "河泰成"]),
    ("| Nickname | Xiao Hua (小花) |", "Xiao Hua", ["小花"]),
    ('"KYE YONG NAM / 계영남", passport', "KYE YONG NAM", ["계영남"]),
    ("they call him Pig Tang, 猪唐, behind his back", "Pig Tang", ["猪唐"]),
    ("Instructor Ri, 리 지도원. He hit us.", "Instructor Ri", ["리 지도원"]),
    ("the foreman Viktor Morozov (Виктор Морозов) paid", "Viktor Morozov", ["Виктор Морозов"]),
    ("| W-52 | Han Sŏng-il / Han Seong-il / Хан Сон Иль / HSI |", "Han Sŏng-il", ["Хан Сон Иль"]),
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
    text = "| village | Heishuigou / 黑水沟村 / 흑수구, Wangqing County |"
    found = glossed(text, [_found(text, "Heishuigou", LOCATION)])
    assert [s.text for s in found] == ["Heishuigou", "黑水沟村", "흑수구"]  # 흑수구 reads 黑水沟


def test_a_gloss_beside_a_place_relabels_a_hangul_name_guess() -> None:
    text = "| home village | Songhwa-ri / 송화리 / 松花里 |"
    guess = _found(text, "송화리").with_(recognizer="korean_names")
    found = glossed(text, [_found(text, "Songhwa-ri", LOCATION), guess])
    assert [(s.text, s.label) for s in found] == [
        ("Songhwa-ri", LOCATION),
        ("송화리", LOCATION),
        ("松花里", LOCATION),
    ]
    assert len({s.entity for s in found}) == 1


def test_a_gloss_already_found_is_not_added_twice() -> None:
    text = "Ha Tae-sŏng (하태성)"
    spans = [_found(text, "Ha Tae-sŏng"), _found(text, "하태성")]
    assert glossed(text, spans) == spans
