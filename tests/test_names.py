"""Name recognizers: table-driven rows of (text, expected PERSON spans), positive and negative."""

from __future__ import annotations

import pytest

from redact.detect.recognizers.base import LOCATION, PERSON, Finding
from redact.detect.recognizers.chinese_names import ChineseNameRecognizer
from redact.detect.recognizers.kinship import KinshipRecognizer
from redact.detect.recognizers.korean_names import KoreanNameRecognizer
from redact.detect.recognizers.names import name_recognizers
from redact.detect.recognizers.russian_names import RussianNameRecognizer
from redact.text.variants import name_key


def person_spans(text: str) -> set[str]:
    """Surface texts of every PERSON finding of every name recognizer."""
    return {text[f.start : f.end] for f in _findings(text) if f.label == PERSON}


def _findings(text: str) -> list[Finding]:
    return [f for r in name_recognizers() for f in r.find(text)]


KOREAN_ROWS = [
    ("My name is Kim Bo-ram, from Musan.", {"Kim Bo-ram"}),
    ("They spelled it KIM Boram on the papers.", {"KIM Boram"}),
    ("In Seoul she was written Gim Bo Ram.", {"Gim Bo Ram"}),
    ("His passport said PAK CHKHOL SU.", {"PAK CHKHOL SU"}),
    ("Park Chul-soo and Bak Cheol-su are one man.", {"Park Chul-soo", "Bak Cheol-su"}),
    ("In my notes I wrote Yi Yong-chŏl.", {"Yi Yong-chŏl"}),
    ("The sign read Ch'oe Myŏng-ok.", {"Ch'oe Myŏng-ok"}),
    ("A card for BO-RAM KIM arrived.", {"BO-RAM KIM"}),
    ("I met Bo-ram Kim in Yanji.", {"Bo-ram Kim"}),
    ("RHEE MYONG HWA signed.", {"RHEE MYONG HWA"}),
    ("Kim Jong-un came to power.", {"Kim Jong-un"}),
    ("Kim Bo-ram's mother cried.", {"Kim Bo-ram"}),
    ("Then Bo-ram-ssi told me.", {"Bo-ram-ssi"}),
    ("Bo-ram ssi was quiet.", {"Bo-ram ssi"}),
    ("We thanked Sun-hui-nim.", {"Sun-hui-nim"}),
    ("We called her Boram-i.", {"Boram-i"}),
    ("Chol-su-oppa held my arm.", {"Chol-su-oppa"}),
    ("Without Sun-hui-eonni I would have died.", {"Sun-hui-eonni"}),
    ("Sun-hui Ajumma shared her corn.", {"Sun-hui Ajumma"}),
    ("Ms. Kim left early. Mr. Pak stayed.", {"Ms. Kim", "Mr. Pak"}),
    ("Comrade Ri counted us. Teacher Kim shouted.", {"Comrade Ri", "Teacher Kim"}),
    ("Auntie Choe waited with a motorbike.", {"Auntie Choe"}),
    ("She was written 김보람 and 정순희.", {"김보람", "정순희"}),
    ("My friend Ha-eun stayed behind.", {"Ha-eun"}),
]
CHINESE_ROWS = [
    ("I saw the name Zhang Guofu on a paper.", {"Zhang Guofu"}),
    ("The farmer was Wang Dehai.", {"Wang Dehai"}),
    ("In Chinese she is Cui Mingyu.", {"Cui Mingyu"}),
    ("They named me Li Hua.", {"Li Hua"}),
    ("A man called Jin Xiaolong met us.", {"Jin Xiaolong"}),
    ("Her husband was Piao Chunhua.", {"Piao Chunhua"}),
    ("Zhang Wei's uncle drove.", {"Zhang Wei"}),
    ("She called him Old Zhang, or Lao Zhang.", {"Old Zhang", "Lao Zhang"}),
    (
        "Xiao Li and Auntie Wang ran the shop. Mr. Wang paid.",
        {"Xiao Li", "Auntie Wang", "Mr. Wang"},
    ),
    ("People called me Xiao Mei.", {"Xiao Mei"}),
    ("The owner's wife, Boss Sun, was kind.", {"Boss Sun"}),
    ("Written 张国富 and 崔明玉 and 李华.", {"张国富", "崔明玉", "李华"}),
    (
        "Liu Jianguo was a farmer. Jianguo got sick. I stayed with Liu.",
        {"Liu Jianguo", "Jianguo", "Liu"},
    ),
]
RUSSIAN_ROWS = [
    ("The foreman was Viktor Sergeyevich Morozov.", {"Viktor Sergeyevich Morozov"}),
    ("We called him Viktor Sergeyevich.", {"Viktor Sergeyevich"}),
    ("Natalya Ivanovna Belova sold bread.", {"Natalya Ivanovna Belova"}),
    ("In Russian letters: Виктор Сергеевич Морозов.", {"Виктор Сергеевич Морозов"}),
    ("Mr. Morozov and boss Petrov argued.", {"Mr. Morozov", "boss Petrov"}),
    ("The foreman was Viktor Morozov. Later Morozov left.", {"Viktor Morozov", "Morozov"}),
    ("We called her Natasha.", {"Natasha"}),
    ("Sasha and Volodya carried logs.", {"Sasha", "Volodya"}),
]
KINSHIP_ROWS = [
    ("I married my husband Zhang in 2013.", {"Zhang"}),
    ("my daughter Ha-eun is in Seoul.", {"Ha-eun"}),
    ("My brother Yong-bok paid a guard.", {"Yong-bok"}),
    ("My nephew, Bak Cheol-su, sent money.", {"Bak Cheol-su"}),
    ("The worst was brigade leader Ri.", {"Ri"}),
    ("Brigade leader Ri wrote my number.", {"Ri"}),
    ("I paid the broker Choe.", {"Choe"}),
    ("Uncle Pak and Comrade Kim came.", {"Uncle Pak", "Comrade Kim"}),
    ("People called him Uncle Hwang.", {"Uncle Hwang"}),
    ("Her name was Sun-hui.", {"Sun-hui"}),
    ("She said to call her Auntie.", {"Auntie"}),
]
NEGATIVE_ROWS = [
    "We sang a song under the moon.",
    "I had to go.",
    "The Han river was cold.",
    "The Han River was cold, and Han Chinese traders waited.",
    "Kang said nothing. Nam was there. Song was loud.",
    "So I left. Go home now. Do it. Ha, ha! Yu is a letter.",
    "Moon River played. Song Of Joy. Park Avenue is far.",
    "He Said It. Long March. Sun rose over the hill. Ma said no.",
    "Old Town. Old Man River. Little Women.",
    "My mother cried. My husband said nothing. The broker took money.",
    "In Hoeryong we met. To Musan we walked. On Sunday we ate.",
    "We went to Sinjon-ri and Kangan-dong, then to Yanji.",
    "The Workers' Party and the Ministry of State Security.",
    "Re-do the Co-op. Pre-War. Self-Criticism.",
    "We ate naengmyeon and tteok at the jangmadang.",
    "I crossed the Tumen in March. I was held in Onsong.",
]


@pytest.mark.parametrize(
    ("text", "expected"), KOREAN_ROWS + CHINESE_ROWS + RUSSIAN_ROWS + KINSHIP_ROWS
)
def test_expected_person_spans_found(text: str, expected: set[str]) -> None:
    found = person_spans(text)
    assert expected <= found, f"missing {expected - found} in {found}"


@pytest.mark.parametrize("text", NEGATIVE_ROWS)
def test_no_person_in_plain_sentences(text: str) -> None:
    assert person_spans(text) == set()


@pytest.mark.parametrize(
    ("recognizer", "text", "surface"),
    [
        (KoreanNameRecognizer(), "Pak Chol-su left. Later Chol-su wrote.", "Chol-su"),
        (KoreanNameRecognizer(), "KIM Boram, then Boram alone.", "Boram"),
        (KoreanNameRecognizer(), "Ri Yong-chol came. We feared Ri.", "Ri"),
        (ChineseNameRecognizer(), "Li Qiang bought me. Li checked my phone.", "Li"),
        (RussianNameRecognizer(), "Viktor Morozov. Morozov was kind.", "Morozov"),
    ],
)
def test_parts_of_a_found_name_are_linked(recognizer: object, text: str, surface: str) -> None:
    findings = recognizer.find(text)  # type: ignore[attr-defined]
    full = findings[0]
    alone = [f for f in findings if text[f.start : f.end] == surface and f.start > full.end]
    assert alone, findings
    assert alone[0].key == full.key
    assert alone[0].score < full.score


def test_kinship_without_a_name_is_not_a_finding() -> None:
    text = "My mother and my husband and the broker and her daughter came."
    assert KinshipRecognizer().find(text) == []


def test_findings_are_well_formed() -> None:
    text = " ".join(t for t, _ in KOREAN_ROWS + CHINESE_ROWS + RUSSIAN_ROWS + KINSHIP_ROWS)
    labels = {r.name: r.labels for r in name_recognizers()}
    for finding in _findings(text):
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.label in labels[finding.recognizer]
        assert 0 < finding.score <= 1
        assert finding.explanation
        assert (
            text[finding.start : finding.end] not in finding.explanation
            or len(text[finding.start : finding.end]) < 8
        )


def test_person_keys_link_spellings() -> None:
    text = "Kim Bo-ram, KIM Boram, Gim Bo Ram and 김보람 are one person."
    keys = {f.key for f in KoreanNameRecognizer().find(text)}
    assert keys == {name_key("Kim Bo-ram")}


def test_scores_follow_certainty() -> None:
    text = "Kim Bo-ram met Ms. Pak and Bo-ram-ssi."
    scores = {text[f.start : f.end]: f.score for f in KoreanNameRecognizer().find(text)}
    assert scores["Kim Bo-ram"] >= 0.8
    assert 0.6 <= scores["Ms. Pak"] <= 0.7
    assert scores["Bo-ram-ssi"] < scores["Ms. Pak"]


def test_registry_lists_every_name_recognizer() -> None:
    names = {r.name for r in name_recognizers()}
    assert names == {
        "korean_names", "chinese_names", "russian_names", "kinship", "other_names",
        "participants", "initials", "nicknames", "proper_nouns",
    }  # fmt: skip
    # every name recognizer proposes people; only the unknown proper-noun net may say "place"
    assert all(r.labels[0] == PERSON for r in name_recognizers())
    assert {label for r in name_recognizers() for label in r.labels} == {PERSON, LOCATION}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("a national, Mr Evrenos Önen (the applicant), said", "Mr Evrenos Önen"),
        ("then Mr Nazım İlter replied", "Mr Nazım İlter"),  # noqa: RUF001 (Turkish dotless i)
        ("by Mr Mehmet Acar Serdar Çakmak (the applicant)", "Mr Mehmet Acar Serdar Çakmak"),
    ],
)
def test_titles_before_names_with_accented_capitals(text: str, name: str) -> None:
    from redact.detect.recognizers.kinship import KinshipRecognizer

    found = [text[f.start : f.end] for f in KinshipRecognizer().find(text)]
    assert name in found
