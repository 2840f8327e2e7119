"""Romanization-aware name keys and spelling variants (redact/text/variants.py)."""

from __future__ import annotations

import pytest

from redact.text.variants import matches_key, name_key, spelling_variants

SAME_PERSON = [
    (
        "Kim Bo-ram",
        [
            "KIM Boram",
            "Gim Bo Ram",
            "Kim Boram",
            "kim bo-ram",
            "BO-RAM KIM",
            "Bo-ram Kim",
            "Kim Bo-Ram",
            "김보람",
            "GIM BORAM",
        ],
    ),
    (
        "Pak Chol-su",
        [
            "PAK CHKHOL SU",
            "Park Chul-soo",
            "Bak Cheol-su",
            "Park Cheol-soo",
            "Pak Ch'ŏl-su",
            "Chol-su Pak",
            "Bahk Chulsoo",
            "박철수",
        ],
    ),
    (
        "Jeong Sun-hui",
        [
            "JUNG Sun-hee",
            "Chung Soon-hee",
            "Jung Sunhui",
            "Joung Sun-hi",
            "Chŏng Sun-hŭi",
            "정순희",
            "Sun-hee Jeong",
        ],
    ),
    (
        "Choe Myong-ok",
        [
            "Choi Myung-ok",
            "Chwe Myeong-ok",
            "CHOE MYONG OK",
            "Ch'oe Myŏng-ok",
            "Choi Myongok",
            "최명옥",
        ],
    ),
    ("Ri Yong-chol", ["Lee Yong-chul", "Yi Yong-chŏl", "Rhee Young-cheol", "I Yong-chol"]),
    ("Ri Myong-hwa", ["RHEE MYONG HWA", "Yi Myŏng-hwa", "리명화", "Lee Myung-hwa"]),
    ("Jung Ha-eun", ["Jeong Ha-un", "JEONG HAEUN", "Chong Ha-ŭn"]),
    ("Choi Eun-ji", ["Choe Un-ji", "Choi Eunji"]),
    ("Yang Myong-jin", ["Yang Myung-jin", "Yang Myeong-jin"]),
    ("Seo Min-jae", ["Suh Min-jae", "So Min-jae"]),
    ("Yoon Chae-won", ["Yun Chae-won", "Yun Ch'ae-wŏn"]),
    ("Jeon Hyun-seok", ["Chon Hyon-sok", "Jun Hyeon-suk"]),
]
DIFFERENT_PEOPLE = [
    ("Kim Bo-ram", "Kim Bo-ra"),
    ("Kim Bo-ram", "Park Bo-ram"),
    ("Pak Chol-su", "Pak Chol-ho"),
    ("Jeong Sun-hui", "Jeong Sun-ok"),
    ("Choe Myong-ok", "Choe Myong-hwa"),
    ("Zhang Wei", "Zhang Guofu"),
    ("Ri Yong-chol", "Kim Yong-chol"),
]


@pytest.mark.parametrize(("name", "variants"), SAME_PERSON)
def test_variants_share_a_key(name: str, variants: list[str]) -> None:
    key = name_key(name)
    for variant in variants:
        assert name_key(variant) == key, variant


@pytest.mark.parametrize(("one", "other"), DIFFERENT_PEOPLE)
def test_different_people_different_keys(one: str, other: str) -> None:
    assert name_key(one) != name_key(other)


@pytest.mark.parametrize(
    ("alone", "full"),
    [
        ("Bo-ram", "Kim Bo-ram"),
        ("Boram", "Kim Bo-ram"),
        ("Boram-i", "Kim Bo-ram"),
        ("Bo-ram-ssi", "Kim Bo-ram"),
        ("Ms. Kim", "Kim Bo-ram"),
        ("Comrade Pak", "Pak Chol-su"),
        ("Chol-su-oppa", "Park Chul-soo"),
        ("Sun-hui Ajumma", "Jeong Sun-hui"),
        ("Sun-hee", "Jeong Sun-hui"),
        ("brigade leader Ri", "Ri Yong-chol"),
        ("Auntie Choe", "Choi Myung-ok"),
    ],
)
def test_partial_mentions_match_the_full_key(alone: str, full: str) -> None:
    assert matches_key(alone, name_key(full))


@pytest.mark.parametrize(("alone", "full"), [("Bo-ra", "Kim Bo-ram"), ("Ms. Pak", "Kim Bo-ram")])
def test_partial_mentions_of_someone_else_do_not_match(alone: str, full: str) -> None:
    assert not matches_key(alone, name_key(full))


@pytest.mark.parametrize("term", ["Kim Bo-ram", "Pak Chol-su", "Jeong Sun-hui", "Choe Myong-ok"])
def test_every_spelling_variant_maps_back(term: str) -> None:
    variants = spelling_variants(term)
    assert 10 < len(variants) < 200
    key = name_key(term)
    for variant in variants:
        assert matches_key(variant, key), variant


def test_spelling_variants_cover_the_usual_forms() -> None:
    variants = spelling_variants("Kim Bo-ram")
    expected = {
        "Kim Bo-ram", "KIM Boram", "KIM BO-RAM", "Kim Boram", "Kim Bo Ram", "Gim Bo-ram",
        "Bo-ram", "Boram", "Bo-ram-ssi", "Bo-ram ssi", "Boram-nim", "Ms. Kim", "Mrs. Kim",
        "Mr. Kim", "Comrade Kim", "Bo-ram Kim",
    }  # fmt: skip
    assert expected <= variants
    assert {"Park Chul-soo", "Bak Chol-su", "PAK CHOLSU"} <= spelling_variants("Pak Chol-su")
    assert {"Lee Yong-chol", "Yi Yong-chol", "Rhee Yong-chol"} <= spelling_variants("Ri Yong-chol")


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("Sinjon-ri", {"Sinjon-ri", "SINJON-RI", "Sinjon ri", "Sinjonri", "sinjon-ri"}),
        ("Ch'ŏngjin", {"Chongjin", "CHONGJIN"}),
        ("Zhang Guofu", {"Zhang Guofu", "ZHANG GUOFU", "Zhang-Guofu", "ZhangGuofu"}),
    ],
)
def test_non_korean_terms_get_case_and_separator_variants(term: str, expected: set[str]) -> None:
    variants = spelling_variants(term)
    assert expected <= variants
    assert len(variants) < 200


def test_keys_fold_diacritics_apostrophes_and_case() -> None:
    assert name_key("Ch'ŏl-su") == name_key("Chol-su") == name_key("CHOL-SU")
    assert name_key("Yi Yong-chŏl") == name_key("Yi Yong-ch'ol")
    assert name_key("Виктор Сергеевич Морозов") == "viktor sergeevich morozov"
