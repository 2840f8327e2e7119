"""One code, one key; one nickname, one key (issue 11: aliases split one person in several).

Participant codes: "P-58", "P58", "p 58" and "P\u201158" (a non-breaking hyphen) are one code,
whichever recognizer read it, and the participant recognizer's reading is the entity keys' own
reading of a code. Nicknames: "the Heron", "The Heron" (a sentence start), "the heron" and a
bare "Heron" once "the Heron" is known are one nickname. Invented codes and names throughout.
"""

from __future__ import annotations

import pytest

from redact.detect.recognizers.base import PERSON
from redact.detect.recognizers.nicknames import NicknameRecognizer, epithet_of, nickname_key
from redact.detect.recognizers.participants import ParticipantRecognizer, code_key, code_of
from redact.link.keys import entity_key


def _readings(recognizer: ParticipantRecognizer | NicknameRecognizer, text: str) -> dict[str, str]:
    return {text[f.start : f.end]: f.key or "" for f in recognizer.find(text)}


@pytest.mark.parametrize("written", ["P-58", "P58", "p 58", "P\u201158", "p-58", "P\u00a058"])
def test_a_code_has_one_key_however_it_is_written(written: str) -> None:
    assert code_of(written) == "code:p58"
    assert code_key(written) == "code:p58"


@pytest.mark.parametrize("written", ["P-58", "P58", "P\u201158"])
def test_the_recognizer_reads_a_code_as_the_entity_keys_do(written: str) -> None:
    text = f"Later {written} said the boat was late."
    reading = _readings(ParticipantRecognizer(), text)[written]
    assert f"{PERSON}:{reading}" == entity_key(PERSON, written)  # the key with no reading at all
    assert entity_key(PERSON, written, reading) == "PERSON:code:p58"


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Witness 9", "code:witness9"),
        ("Witness No. 9", "code:witness9"),
        ("Witness #9", "code:witness9"),
        ("Respondent D", "code:respondentd"),
        ("Interviewee 14", "code:interviewee14"),
        ("Participant 3", "code:participant3"),
        ("Respondent K-61", "code:k61"),  # a distinctive code is the code alone
        ("K-61", "code:k61"),
    ],
)
def test_role_word_codes(written: str, key: str) -> None:
    assert code_of(written) == key
    text = f"Notes: {written} arrived on Monday."
    assert _readings(ParticipantRecognizer(), text)[written] == key


@pytest.mark.parametrize(
    "surface",
    ["Kim 12", "Ye Tu-son", "Witness", "the Heron", "Respondent", "Room 12B", "Mo", "12"],
)
def test_what_is_not_a_code(surface: str) -> None:
    assert code_of(surface) is None


def test_two_codes_stay_two_keys() -> None:
    assert code_of("P-58") != code_of("P-59")
    assert code_of("Witness 9") != code_of("Respondent 9")
    assert code_of("Respondent D") != code_of("Respondent E")


@pytest.mark.parametrize(
    "written", ["the Heron", "The Heron", "the heron", "Heron", "THE HERON", "the  Heron"]
)
def test_a_nickname_has_one_key_whatever_its_article_or_case(written: str) -> None:
    assert nickname_key(written) == "nickname:heron"


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        ("The Heron", "nickname:heron"),  # at a sentence start, not a Korean given name
        ("the Heron", "nickname:heron"),
        ("the thin one", "nickname:thin one"),
        ("The Grey Kestrel", "nickname:grey kestrel"),
    ],
)
def test_an_article_and_an_epithet_is_a_nickname(surface: str, key: str) -> None:
    assert epithet_of(surface) == key


@pytest.mark.parametrize(
    "surface",
    [
        "Heron",  # no article: a bare word may be a name
        "the Kim brothers",  # a surname
        "the Applicant",  # a document's defined term
        "the Government",
        "the 3rd",
        "the He",
        "Ye Tu-son",
        "the",
    ],
)
def test_what_is_not_an_epithet(surface: str) -> None:
    assert epithet_of(surface) is None


def test_two_nicknames_stay_two_keys() -> None:
    assert epithet_of("the Heron") != epithet_of("the Kestrel")


def test_every_echo_of_a_nickname_has_its_key() -> None:
    text = (
        'The guards called him "the Heron". The Heron came at night. '
        "Later Heron left, and the heron was not seen again."
    )
    found = [(text[f.start : f.end], f.key) for f in NicknameRecognizer().find(text)]
    assert [k for _, k in found] == ["nickname:heron"] * len(found)
    assert {s for s, _ in found} >= {"the Heron", "The Heron", "Heron"}


@pytest.mark.parametrize(
    ("text", "nickname", "key"),
    [
        ('A girl called "Hae-na" sat with us.', "Hae-na", "|haena"),
        ("under the pseudonym Su-bin, she wrote", "Su-bin", "|subin"),
        ("we called him Tall Kestrel", "Tall Kestrel", "nickname:tall kestrel"),
        ('people knew him as "the Heron"', "the Heron", "nickname:heron"),
    ],
)
def test_a_nickname_shaped_like_a_given_name_is_read_as_that_name(
    text: str, nickname: str, key: str
) -> None:
    assert _readings(NicknameRecognizer(), text)[nickname] == key


@pytest.mark.parametrize(
    ("text", "nickname", "key"),
    [
        ("a man called Ye Tu-sŏn drove", "Ye Tu-sŏn", "ye|duson"),
        ("we called him Tall Tak-su", "Tall Tak-su", "nickname:tall tak-su"),  # no surname
        ("to a farmer called Gong, she said", "Gong", "nickname:gong"),  # kept apart
        ("we called him Big Tak", "Big Tak", "tak|"),  # a title form: linking reads its title
        ("we called her Little Kestrel", "Little Kestrel", "nickname:little kestrel"),
    ],
)
def test_a_full_name_after_a_naming_verb_keeps_its_name_key(
    text: str, nickname: str, key: str
) -> None:
    assert _readings(NicknameRecognizer(), text).get(nickname) == key
