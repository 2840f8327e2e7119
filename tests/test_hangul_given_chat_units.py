"""Families the fifth blind corpus showed, as invented rows: a Korean given name alone in
Hangul, the display name that writes a pasted chat's lines, the numbered unit of a village, a
Chinese address inside a sentence, and speaker labels in scripts without capitals.

All names, ids and places are invented; none occurs in samples/.
"""

from __future__ import annotations

import pytest

from redact.detect.recognizers.addresses import AddressRecognizer, local_units
from redact.detect.recognizers.base import LOCATION, PERSON
from redact.detect.recognizers.korean_names import KoreanNameRecognizer
from redact.detect.recognizers.participants import ParticipantRecognizer
from redact.detect.recognizers.protected import ProtectedTerms
from redact.export.gate import hits
from redact.link.pseudonyms import PseudonymTable
from redact.pipeline.analysis import Source, analyse
from redact.plan import policy
from redact.plan.proposal import apply


def _redacted(*texts: str) -> list[str]:
    chosen = policy.load(None)
    sources = [Source(f"r{i}", t) for i, t in enumerate(texts)]
    outcome = analyse(sources, chosen, PseudonymTable(style=chosen.style))
    return [apply(t, spans) for t, spans in zip(texts, outcome.spans, strict=True)]


def _found(text: str) -> dict[str, str]:
    return {text[f.start : f.end]: f.key or "" for f in KoreanNameRecognizer().find(text)}


# --- a Hangul given name alone, of a full name the same text writes ---------------------------


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("My aunt is Kwak Sŏng-mi (곽성미). 성미야, 밥 먹었어?", "성미야"),  # vocative
        ("곽성미 came first. Later 성미 씨가 전화했어요.", "성미 씨"),  # title
        ("Her son Yang Min-hyŏk wrote: 민혁이가 보고 싶어.", "민혁"),  # -이 and a particle
        ("양민혁 is the brother. 민혁🙂 : 잘 지내?", "민혁"),  # an emoji after
        ("Yang Min-hyok stayed. 민혁 오빠 left on Monday.", "민혁 오빠"),  # a kin title
    ],
)
def test_hangul_given_name_alone_takes_the_full_names_key(text: str, mention: str) -> None:
    found = _found(text)
    assert mention in found, found
    full = next(k for s, k in found.items() if s != mention and "|" in k and k.split("|")[0])
    assert found[mention] == full


def test_hangul_given_name_of_nobody_known_is_not_linked() -> None:
    text = "Yang Min-hyok stayed. 성미야, 밥 먹었어?"
    assert _found(text).get("성미야") != _found(text)["Yang Min-hyok"]


def test_two_syllables_inside_a_longer_word_are_not_the_given_name() -> None:
    text = "곽성미 studied at 성미대학교 later."
    assert not any(s.startswith("성미대") or s == "성미" for s in _found(text))


def test_one_pseudonym_for_the_full_name_and_its_hangul_given_name() -> None:
    (out,) = _redacted("My aunt Kwak Sŏng-mi (곽성미) called. 성미야, 어디야? 성미 씨가 왔어요.")
    assert "성미" not in out and "곽" not in out
    labels = {part.split("]")[0] for part in out.split("[")[1:]}
    assert len(labels) == 1, out


def test_a_protected_terms_hangul_given_name_is_found_without_its_full_name() -> None:
    terms = ProtectedTerms(["Kwak Sŏng-mi"])
    text = "2021. 4. 9. 오후 9:03, Dmitri : 성미야, 도착했어?"
    found = {text[f.start : f.end]: f for f in terms.find(text)}
    assert "성미야" in found and found["성미야"].score == 1.0
    assert found["성미야"].key == "kwak|songmi"


def test_the_gate_reads_a_hangul_given_name_as_the_latin_name() -> None:
    assert hits("그날 성미가 울었다.", "Sŏng-mi") == [(3, 5)]


# --- the display name that writes a pasted chat line -------------------------------------------


def _people(text: str) -> set[str]:
    return {text[f.start : f.end] for f in ParticipantRecognizer().find(text) if f.label == PERSON}


def test_a_chat_author_after_a_date_and_time_is_a_person_also_elsewhere() -> None:
    text = (
        'Members: "Lucky", "Dmitri"\n'
        "2021. 4. 9. 오후 9:03, Lucky : 도착했어?\n"
        "2021. 4. 9. 오후 9:05, Dmitri : 네.\n"
        "오후 9:07, Lucky : 잘했어\n"
    )
    found = [text[f.start : f.end] for f in ParticipantRecognizer().find(text)]
    assert found.count("Lucky") == 3  # twice as author, once in the member list
    assert found.count("Dmitri") == 2


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("03/06/2021, 20:12 - Dmitri Volkov: we left at dawn\n", "Dmitri Volkov"),  # WhatsApp
        ("[21:04] Dmitri: ok\n", "Dmitri"),  # Telegram
        ("2021-06-03 20:12 Dmitri: ok\n", "Dmitri"),
    ],
)
def test_chat_line_shapes(line: str, name: str) -> None:
    assert _people(line) == {name}


def test_a_common_word_that_writes_one_line_or_a_role_is_not_a_person() -> None:
    text = "20:12 Note: the call dropped\n20:15 Interviewer: go on\n20:16 Q: and then?\n"
    assert _people(text) == set()


# --- the numbered unit of a village -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Home: Work-team 7, Sinhung-ri", "Work-team 7"),
        ("we were moved to work team No. 2 that spring", "work team No. 2"),
        ("she lived in inminban 14 of the district", "inminban 14"),
        ("our house was in 6-ban", "6-ban"),
        ("우리는 2작업반에서 일했다", "2작업반"),
        ("제3인민반 반장이 왔다", "제3인민반"),
        ("我家在柳河村三队。", "三队"),
    ],
)
def test_numbered_units_of_a_village_are_places(text: str, unit: str) -> None:
    assert unit in {text[f.start : f.end] for f in local_units(text)}


@pytest.mark.parametrize(
    "text", ["Our team 2 won the match.", "I was banned 5 years.", "1시 반에 만났다", "一队人走了"]
)
def test_other_numbers_and_teams_are_not_units(text: str) -> None:
    assert local_units(text) == []


# --- a Chinese address written inside a sentence -------------------------------------------------


def _admin(text: str) -> list[str]:
    return [text[f.start : f.end] for f in AddressRecognizer().find(text) if f.label == LOCATION]


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("我住在吉林省东岭县石桥村。", ["吉林省", "东岭县", "石桥村"]),
        ("他们在柳河乡附近等我。", ["柳河乡"]),
        ("寄: 吉林省东岭县柳河乡 收", ["吉林省", "东岭县", "柳河乡"]),
        ("那年我们搬到了和平市西岭镇。", ["和平市", "西岭镇"]),
    ],
)
def test_units_of_a_chinese_address_in_a_sentence(text: str, units: list[str]) -> None:
    assert [u for u in _admin(text) if u in units] == units


@pytest.mark.parametrize(
    "text",
    [
        "我在农村长大。后来去超市工作。",
        "他回家乡了。本县的人都知道。",
        "别告诉村里人。",
        "她在县城里住。",
    ],
)
def test_common_words_ending_in_a_unit_word_are_not_places(text: str) -> None:
    assert _admin(text) == []


# --- speaker labels in scripts without capitals -------------------------------------------------


def test_a_han_or_hangul_label_that_speaks_twice_is_a_person() -> None:
    text = "小芳: 你在哪里\n民수: 여기.\n小芳: 好的。\n"
    assert "小芳" in _people(text)


def test_field_labels_and_words_are_not_speakers() -> None:
    text = "昵称: 大山\n地区: 吉林\n나: 네\n나: 알겠어요\n问: 你好\n答: 好\n问: 再见\n"
    assert _people(text) == set()


def test_a_pronoun_after_a_role_word_is_no_participant_code() -> None:
    assert _people("For years the only person I could speak to was her.") == set()
    assert _people("Respondent A said no.") == {"Respondent A"}


def test_a_protected_given_name_inside_another_full_name_is_not_the_protected_person() -> None:
    text = "Mo Hye-ran came, then Hye-ran. Teacher Hye-ran and Pak Hye-ran left."
    found = {f.start for f in ProtectedTerms(["Ryu Hye-ran"]).find(text)}
    starts = [i for i in range(len(text)) if text.startswith("Hye-ran", i)]
    assert starts[0] not in found and starts[3] not in found  # after Mo and after Pak
    assert starts[1] in found and starts[2] in found  # alone, and after a title
