"""One person or place in every way a record writes it: a name in characters read both in pinyin
and in Korean, a given name before a kinship word, North Korean ranks after a surname, a name
in capitals that is no initials, and Korean places with and without their unit, in Hangul or
in either romanization.

All names and places are invented unless they are real provinces or cities; none of the people
occurs in samples/.
"""

from __future__ import annotations

import pytest

from redact.link.geography import country_of
from redact.link.keys import entity_key
from redact.link.pseudonyms import PseudonymTable
from redact.pipeline.analysis import Source, analyse
from redact.plan import policy
from redact.plan.proposal import apply
from redact.text.search import compact, find_all, fold


def _analysed(*texts: str) -> list[list]:
    chosen = policy.load(None)
    sources = [Source(f"r{i}", t) for i, t in enumerate(texts)]
    return analyse(sources, chosen, PseudonymTable(style=chosen.style)).spans


def _labels(text: str, spans: list, surface: str) -> set[str]:
    return {s.replacement for s in spans if s.text == surface}


# --- a name in characters, read in pinyin and in Korean ---------------------------------------


def test_both_readings_of_a_name_in_characters_are_one_person() -> None:
    first = "The register wrote 许美玉 as Xu Meiyu. Xu Meiyu kept the house."
    second = "Hŏ Mi-ok, as the Korean neighbours called her, cooked for us. Hŏ Mi-ok was kind."
    one, two = _analysed(first, second)
    labels = _labels(first, one, "Xu Meiyu") | _labels(first, one, "许美玉")
    labels |= _labels(second, two, "Hŏ Mi-ok")
    assert len(labels) == 1, labels
    read = next(s for s in two if s.text == "Hŏ Mi-ok")
    assert "the Korean reading of '许美玉'" in read.explanation


def test_a_korean_name_is_not_joined_to_characters_that_read_otherwise() -> None:
    first = "The register wrote 许美玉 as Xu Meiyu."
    second = "Hŏ Mi-suk came in the spring. Hŏ Mi-suk left in the autumn."
    one, two = _analysed(first, second)
    assert _labels(first, one, "Xu Meiyu").isdisjoint(_labels(second, two, "Hŏ Mi-suk"))


def test_two_names_in_characters_of_one_korean_reading_link_neither() -> None:
    # 许美玉 and 许美沃 both read 허미옥 in Korean: the Korean spelling could be either woman
    first = "The register wrote 许美玉 as Xu Meiyu, and her cousin 许美沃 as Xu Meiwo."
    second = "Hŏ Mi-ok cooked for us. Hŏ Mi-ok was kind."
    one, two = _analysed(first, second)
    korean = _labels(second, two, "Hŏ Mi-ok")
    assert korean.isdisjoint(_labels(first, one, "Xu Meiyu"))
    assert korean.isdisjoint(_labels(first, one, "Xu Meiwo"))


# --- a given name before a kinship word, ranks after a surname --------------------------------


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        ("Won-ok eonni", "PERSON:|wonog"),  # "Won" and "ok" are English words; the name is not
        ("Won-ok imo", "PERSON:|wonog"),
        ("Tok-su hyong", "PERSON:|dogsu"),
        ("Chu kyodowŏn", "PERSON:joo|"),  # a prison guard, by surname and rank
        ("Pak powiwŏn", "PERSON:park|"),
        ("강 교도원", "PERSON:kang|"),
        ("Yuelan-jie", "PERSON:|yueran"),  # a Chinese elder sister, by her given name
        ("LI NA", "PERSON:lee|na"),  # a name in capitals, not the initials L. N.
        ("K. H.", "PERSON:initials:KH"),
    ],
)
def test_the_key_of_a_name_with_its_title_or_in_capitals(surface: str, key: str) -> None:
    assert entity_key("PERSON", surface) == key


def test_a_surname_in_capitals_before_a_given_name_is_no_initials() -> None:
    text = "The card was bought in the name WEI LANFANG. JH and KSM signed."
    spans = {s.text: s for s in _analysed(text)[0]}
    assert spans["WEI LANFANG"].entity == "PERSON:wei|lanfang"
    assert spans["JH"].entity == "PERSON:initials:JH"


def test_a_given_name_before_a_kinship_word_is_the_person_written_in_full() -> None:
    text = "Ryu Won-ok shared the room. I called her Won-ok eonni; Won-ok eonni never complained."
    spans = _analysed(text)[0]
    assert len(_labels(text, spans, "Ryu Won-ok") | _labels(text, spans, "Won-ok eonni")) == 1


# --- places with and without their unit, in Hangul and either romanization ---------------------


@pytest.mark.parametrize(
    ("surfaces", "key"),
    [
        (["Tanch'ŏn-si", "Tanchon", "Tanch'ŏn city"], "LOCATION:tanchon"),
        (["Sŏkchŏn-ri", "Sokchon"], "LOCATION:sokchon"),
        (["남포동", "남포"], "LOCATION:nampo"),
        (["白山市", "Baishan city", "Baishan"], "LOCATION:baishan"),
        (["Sin-do"], "LOCATION:sindo"),  # too short to take the unit off: the island's name
    ],
)
def test_one_key_for_a_place_with_or_without_its_unit(surfaces: list[str], key: str) -> None:
    assert {entity_key("LOCATION", s) for s in surfaces} == {key}


@pytest.mark.parametrize(
    "surface", ["Ch'ŏngjin", "Chongjin", "Cheongjin-si", "청진시", "Hoeryŏng", "회령시"]
)
def test_every_romanization_and_hangul_of_a_city_is_placed_alike(surface: str) -> None:
    assert country_of(entity_key("LOCATION", surface).partition(":")[2]) == "North Korea"


def test_a_place_in_hangul_and_in_letters_is_generalised_alike_across_records() -> None:
    one = "She was born in Musan-gun."
    two = "그는 무산군에서 왔다. Later he lived in Musan."
    first, second = _analysed(one, two)
    places = {s.replacement for s in first + second if s.label == "LOCATION"}
    assert places == {"[a place in North Korea]"}
    assert apply(one, first) == "She was born in [a place in North Korea]."


def test_hangul_syllables_are_letters_of_their_own_in_keys_and_search() -> None:
    # two words of the same leading consonants (ㄱ, ㅎ) are two words
    assert compact("교회") != compact("가희")
    assert entity_key("HANDLE", "경호") != entity_key("HANDLE", "가희")
    text = "우리 교회에 갔다. 가희 씨도."
    assert find_all(text, "가희", fold(text)) == [(11, 13)]


def test_initials_before_a_surname_are_the_one_person_of_that_surname_and_initials() -> None:
    text = "Yang Kŭm-hwa signed the form. Later K.H. Yang and KH came; K.H. Yun did not."
    spans = {s.text: s for s in _analysed(text)[0]}
    person = spans["Yang Kŭm-hwa"].entity
    assert spans["K.H. Yang"].entity == person
    # initials alone stay apart: a record often writes initials for somebody it never names
    assert spans["KH"].entity != person
    assert spans["K.H. Yun"].entity != person  # the initials fit, the surname does not
