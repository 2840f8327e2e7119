"""Titles across scripts (redact/text/titles.py), Korean readings of names in Chinese characters
(redact/text/korean_reading.py) and the full Korean surname table (redact/text/surnames.py,
korean_surnames.py). Every name here is invented."""

from __future__ import annotations

import pytest

from redact.text.korean_reading import korean_key, korean_reading
from redact.text.surnames import HANGUL_SURNAMES, SURNAMES
from redact.text.variants import name_key, parse_name, role_titles


def titled_key(text: str) -> str:
    """What linking reads a title form as: its titles and its key."""
    return f"{role_titles(text)} {name_key(text)}".strip()


# One title, one person, in every script and romanization.
SAME_TITLE_FORM = [
    ("Auntie Pyo", ["Pyo-ajumma", "Pyo ajumma", "P'yo Ajumoni", "표 아줌마", "Auntie P'yo"]),
    ("Uncle Ha", ["Ha ajŏssi", "Ha-ajeossi", "하 아저씨"]),
    ("Pastor Tak", ["T'ak moksa", "Tak moksa-nim", "Tak-moksanim", "탁 목사님", "Tak Moksa"]),
    ("Teacher Ri", ["Ri sŏnsaeng", "Ri sonsaeng-nim", "Yi seonsaengnim", "리 선생님"]),
    ("Boss Choe", ["Choe sajang", "Ch'oe sajang-nim", "최 사장"]),
    ("Granny Yun", ["Yun halmŏni", "Yun-halmeoni", "윤 할머니"]),
    ("Old Tian", ["Lao Tian", "老田"]),
    ("Little Zhou", ["Xiao Zhou", "小周"]),
    ("Master Zhao", ["Zhao shifu", "赵师傅", "趙師傅"]),
    ("Teacher Liu", ["Liu laoshi", "刘老师"]),
    ("Boss Deng", ["Deng laoban", "邓老板"]),
    ("Pastor Wu", ["吴牧师", "Wu mushi"]),
    ("Auntie Zhang", ["张阿姨", "Zhang ayi"]),
    ("Leader Kang", ["Kang panjang", "Kang-banjang", "강 반장"]),
    # Chinese kin address after a surname
    ("Granny Feng", ["Feng nainai", "冯奶奶", "Feng laolao", "冯姥姥"]),
    ("Grandpa Feng", ["Feng yeye", "冯爷爷", "Feng daye"]),
    ("Uncle Feng", ["Feng shushu", "冯叔叔", "冯大叔", "Feng bobo"]),
    ("Auntie Feng", ["Feng shenshen", "冯婶婶", "Feng dama", "冯大妈", "冯大娘"]),
]


@pytest.mark.parametrize(("name", "variants"), SAME_TITLE_FORM)
def test_one_title_in_every_script_gives_one_key(name: str, variants: list[str]) -> None:
    for variant in variants:
        assert titled_key(variant) == titled_key(name), variant


@pytest.mark.parametrize(
    ("text", "titles", "key"),
    [
        ("张经理", "manager", "zhang|"),
        ("何书记", "secretary", "he|"),
        ("王队长", "leader", "wang|"),
        ("孙大哥", "elder brother", "sun|"),
        ("周大姐", "elder sister", "zhou|"),
        ("Lin tongzhi", "", "lin|"),  # comrade only says how to address someone
        ("Ri tongmu", "", "lee|"),
        ("탁호림 목사", "pastor", "tak|horim"),  # a Hangul full name + a spaced title
        ("문지호 선생님", "teacher", "moon|jiho"),
        ("Gospozha Orlova", "mrs", "|orlova"),
    ],
)
def test_titles_after_the_name_and_in_other_scripts(text: str, titles: str, key: str) -> None:
    assert role_titles(text) == titles
    assert name_key(text) == key


def test_kinship_vocatives_and_honorifics_stay_no_title() -> None:
    for text in ("Na-rae-ssi", "Hye-rin ŏnni", "Tae-gyu-oppa", "Ho-rim hyung", "Ye-rin nuna"):
        assert role_titles(text) == "", text
        assert name_key(text).startswith("|"), text
    assert name_key("Maeng-nim") == name_key("Maeng")


@pytest.mark.parametrize(
    ("text", "titles", "key"),
    [
        ("Khun Malee", "", "|mari"),  # Khun says how to address: courtesy
        ("Ajarn Wichai", "teacher", "|wijai"),
        ("Ajan Wichai", "teacher", "|wijai"),
        ("Nong Lamai", "younger sibling", "|ramai"),
        ("Phi Daeng", "elder sibling", "|daeng"),
        ("Mae Bualoy", "mother", "|bualoy"),
        ("Oyunaa egch", "elder sister", "|oyunaa"),
        ("Bold akh", "elder brother", "|bold"),
    ],
)
def test_thai_lao_mongolian_titles_address_a_given_name(text: str, titles: str, key: str) -> None:
    assert role_titles(text) == titles
    assert name_key(text) == key  # a given name alone, never a surname
    surname, _ = parse_name(text) or ("?", "")
    assert surname == ""


@pytest.mark.parametrize(
    "text",
    [
        "Zhang Jingli",  # a given name Jingli, not "manager"
        "Li Dajie",
        "Wang Shifu",
        "Kim Dong-ji",  # a given name Dong-ji, not "comrade"
        "Maeng Hye-rin",
    ],
)
def test_given_names_that_look_like_titles_stay_given_names(text: str) -> None:
    assert role_titles(text) == ""
    _, given = name_key(text).split("|")
    assert given, text


def test_titles_of_two_people_stay_apart() -> None:
    assert titled_key("Auntie Pyo") != titled_key("Uncle Pyo")
    assert titled_key("Pyo-ajumma") != titled_key("Pyo-ajŏssi")
    assert titled_key("Tak moksa") != titled_key("Tak sŏnsaeng")
    assert titled_key("表阿姨") != titled_key("表老师")
    assert titled_key("Auntie Pyo") != titled_key("Auntie Ha")


# Korean names in Chinese characters (simplified and traditional) read in Korean.
KOREAN_IN_HANJA = [
    ("朴泰勋", "박태훈", "Pak T'ae-hun"),
    ("韩顺美", "한순미", "Han Sun-mi"),
    ("韓順美", "한순미", "Han Sun-mi"),
    ("郑成哲", "정성철", "Chŏng Sŏng-ch'ŏl"),
    ("刘英男", "류영남", "Ryu Yŏng-nam"),
    ("赵美兰", "조미란", "Jo Mi-ran"),
    ("闵荣浩", "민영호", "Min Yŏng-ho"),  # 荣 read as 榮, not as the old character of 荣
    ("金正浩", "김정호", "Kim Jeong-ho"),  # 金 as a surname is 김
    ("张明", "장명", "Chang Myŏng"),
    ("南宫明秀", "남궁명수", "Namgung Myŏng-su"),
    ("桂浩林", "계호림", "Kye Ho-rim"),  # a rarer surname
]


@pytest.mark.parametrize(("hanja", "hangul", "romanized"), KOREAN_IN_HANJA)
def test_korean_key_of_a_name_in_chinese_characters(
    hanja: str, hangul: str, romanized: str
) -> None:
    assert korean_reading(hanja) == hangul
    assert korean_key(hanja) == name_key(hangul) == name_key(romanized)


def test_pinyin_stays_the_default_reading() -> None:
    assert name_key("朴泰勋") == "pu taixun"
    assert name_key("崔立平") == "cui|ribing"  # pinyin, read as Korean-shaped letters
    assert korean_key("朴泰勋") != korean_key("朴泰哲")  # two given names: two people
    assert korean_key("朴泰勋") != korean_key("金泰勋")


def test_korean_reading_refuses_what_is_no_korean_name() -> None:
    assert korean_reading("Kim") is None
    assert korean_reading("김보람") is None
    assert korean_reading("德华") is None  # 德 is no Korean surname
    assert korean_reading("朴泰勋先生们") is None  # too long for a name
    assert korean_key("表阿姨") == name_key("P'yo") == "pyo|"  # title left out


# Korean surnames: the rarer ones parse, and distinct surnames never share a key.
@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Kye Ho-rim", "kye|horim"),
        ("계호림", "kye|horim"),
        ("Gye Ho-rim", "kye|horim"),
        ("Shim Eun-ju", "shim|unju"),
        ("심은주", "shim|unju"),
        ("Seol Ha-na", "seol|hana"),
        ("Cheon Sang-u", "cheon|sangu"),
        ("천상우", "cheon|sangu"),
        ("Pyeon Ji-won", "pyeon|jiwon"),
        ("Tae Jun-ho", "tae|junho"),
        ("Ryang Chol-min", name_key("Yang Chol-min")),
        ("Sagong Hye-rin", "sagong|hyerin"),
        ("사공혜린", "sagong|hyerin"),
    ],
)
def test_rarer_korean_surnames_parse(name: str, key: str) -> None:
    assert name_key(name) == key


def test_distinct_hangul_surnames_are_never_one_key() -> None:
    assert name_key("천상우") != name_key("전상우")  # Cheon is not Jeon
    assert name_key("심은주") != name_key("신은주")  # Shim is not Shin
    assert name_key("소민재") != name_key("서민재")  # So (소) is not Seo (서)
    assert name_key("Jun Sang-u") == name_key("Jeon Sang-u")  # one surname, two spellings
    canons = list(HANGUL_SURNAMES.items())
    for i, (hangul, canon) in enumerate(canons):
        for other, other_canon in canons[i + 1 :]:
            same = {hangul, other} in ({"이", "리"}, {"류", "유"}, {"임", "림"}, {"노", "로"})
            if canon == other_canon and not same:
                assert hangul in "리이류유임림노로나라양량염렴여려연련육륙", (hangul, other)


def test_english_words_do_not_become_surnames() -> None:
    for word in ("man", "don", "bin", "young", "soon", "sam", "mo", "pi", "ran", "dan"):
        assert word not in SURNAMES, word
    assert parse_name("Young") == ("", "young")


def test_a_given_name_syllable_alone_is_a_given_name() -> None:
    assert name_key("Yong") == "|yong"  # 용 is a surname, but "Yong" alone is a given name
    assert name_key("Yong Ho-jin") == "yong|hojin"
    assert name_key("Kyung Kim") == name_key("Kim Kyung")  # the frequent surname wins
    assert name_key("Kye") == "kye|"


def test_a_thai_title_before_a_korean_surname_names_the_surname() -> None:
    assert titled_key("Ajan Maeng") == titled_key("Teacher Maeng") == "teacher maeng|"
    assert titled_key("Khun Tian") == "tian|"
    assert name_key("Khun Wichai") == "|wijai"


def test_two_syllable_surnames_in_hangul() -> None:
    assert name_key("독고민") == name_key("Tokko Min") == "dokgo|min"  # rarer as 독 alone
    assert name_key("사공진") == "sagong|jin"
    assert name_key("남궁혜린") == name_key("Namgung Hye-rin")
    assert name_key("남궁민") == "nam|gongmin"  # three syllables: 남 is the surname
