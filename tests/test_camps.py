"""Camps recognizer: named camps, numbered camps and units, bare names of known camps."""

from __future__ import annotations

import pytest

from redact.detect.recognizers.base import CAMP
from redact.detect.recognizers.camps import CampRecognizer

ROWS: list[tuple[str, list[str]]] = [
    ("I was sent to Chongori kyohwaso.", ["Chongori kyohwaso"]),
    ("To Yodok, to the Yodok kwanliso.", ["Yodok", "Yodok kwanliso"]),
    ("Then the Nongpo jipkyulso in Chongjin.", ["Nongpo jipkyulso"]),
    ("Hwasong kwalliso and Kaechon kyohwaso.", ["Hwasong kwalliso", "Kaechon kyohwaso"]),
    ("He was held at Musan rodong danryondae.", ["Musan rodong danryondae"]),
    ("The Onsong labour training camp.", ["Onsong labour training camp"]),
    ("Yodok political prison camp.", ["Yodok political prison camp"]),
    ("How did your family come to be sent to Camp 15?", ["Camp 15"]),
    ("Camp No. 22 and camp 16.", ["Camp No. 22", "camp 16"]),
    ("Sent to Chongori, Kyohwaso No. 12.", ["Chongori", "Kyohwaso No. 12"]),
    ("Near Hoeryong camp 22 and Kaechon camp 14.", ["Hoeryong camp 22", "Kaechon camp 14"]),
    ("Unit 8 of the 3rd construction brigade.", ["Unit 8 of the 3rd construction brigade"]),
    ("Where did Unit 8 work?", ["Unit 8"]),
    (
        "I was in the 3rd construction brigade, then Brigade 5.",
        ["the 3rd construction brigade", "Brigade 5"],
    ),
    # bare names of well-known camps, spellings folded
    ("At Chongori we made wigs.", ["Chongori"]),
    ("Jongori, Chŏngŏri and Jongo-ri are the same place.", ["Jongori", "Chŏngŏri", "Jongo-ri"]),
    ("Three times at Chongori.", ["Chongori"]),
    # an everyday word before kind + number is no part of the camp; number before the kind
    ("1. Cross-check Camp 9 guard names.", ["Camp 9"]),
    ("Visited Kyohwaso No. 4 twice.", ["Kyohwaso No. 4"]),
    ("Pyolsan camp 7 and Camp 8.", ["Pyolsan camp 7", "Camp 8"]),
    ("She was in the No. 9 camp then.", ["No. 9 camp"]),
    # a second camp word belongs to the camp's name
    (
        "Held by the Pyolsan county Bowibu holding centre, then",
        ["Pyolsan county Bowibu holding centre"],
    ),
    # Korean forms: number + 호 + kind in Hangul, the romanized "21-ho", a Hangul name + kind
    ("sent to Kyohwaso No. 31 (제31호 교화소), which", ["Kyohwaso No. 31", "제31호 교화소"]),
    ("그는 제15호관리소로 갔다", ["제15호관리소"]),
    ("교화소 31호에서 나왔다", ["교화소 31호"]),
    ("at 14-ho kyohwaso in the north", ["14-ho kyohwaso"]),
    ("전거리교화소에서 일했다", ["전거리교화소"]),
    ("그는 정치범수용소에 있었다", []),  # "a political prison camp": no name, no number
    # negatives: generic camp words, lower case, ordinary English
    ("Why were you sent to a kyohwaso?", []),
    ("The camp was cold.", []),
    ("The police came.", []),
    ("I sang a song.", []),
    ("He paid the bill.", []),
    ("chongori is written here in lower case", []),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_camps(text: str, expected: list[str]) -> None:
    found = CampRecognizer().find(text)
    assert [text[f.start : f.end] for f in found] == expected
    assert all(f.label == CAMP and 0.5 <= f.score <= 0.9 and f.explanation for f in found)


@pytest.mark.parametrize(
    ("text", "alone", "expected"),
    [
        ("Sent to Khao Daeng IDC. Later, at Khao Daeng, we waited.", "Khao Daeng", True),
        ("Held at the Onsong detention centre. Then Onsong again.", "Onsong", False),
        ("Two days in Pakbeng district police cells. Pakbeng is small.", "Pakbeng", False),
    ],
)
def test_a_camp_name_alone_later_in_the_record(text: str, alone: str, expected: bool) -> None:
    start = text.rindex(alone)
    found = CampRecognizer().find(text)
    assert any(f.start <= start and start + len(alone) <= f.end for f in found) is expected


@pytest.mark.parametrize(
    "written", ["제31호 교화소", "교화소 31호", "31-ho kyohwaso", "31호 교화소"]
)
def test_a_camp_in_korean_keys_as_in_latin_letters(written: str) -> None:
    from redact.link.kinds import camp_key_body

    assert camp_key_body(written) == camp_key_body("Kyohwaso No. 31") == "kyohwaso31"


def test_a_camps_number_alone_is_the_camp_where_the_text_names_it() -> None:
    text = "She was held in Kyohwaso No. 17. Q: Then No. 17? A: Yes, 17호에서. Room No. 12 too."
    found = {text[f.start : f.end] for f in CampRecognizer().find(text)}
    assert {"Kyohwaso No. 17", "No. 17", "17호"} <= found
    assert "No. 12" not in found  # a number no camp of this text has


def test_a_number_alone_is_no_camp_without_the_camp() -> None:
    text = "Q: And No. 17? A: That was the bus."
    assert CampRecognizer().find(text) == []


@pytest.mark.parametrize("surface", ["교화소", "kyohwaso", "the prison", "관리소", "camp"])
def test_a_camp_word_alone_names_no_camp(surface: str) -> None:
    from redact.detect.recognizers.camps import kind_alone

    assert kind_alone(surface)
    assert not kind_alone("Kyohwaso No. 17") and not kind_alone("Sinhung kyohwaso")
