"""Name recognizers: table-driven rows of (text, expected PERSON spans), positive and negative."""

from __future__ import annotations

import pytest

from redact.detect.recognizers.base import LOCATION, PERSON, Finding
from redact.detect.recognizers.chinese_names import ChineseNameRecognizer
from redact.detect.recognizers.kinship import KinshipRecognizer
from redact.detect.recognizers.korean_names import KoreanNameRecognizer
from redact.detect.recognizers.registry import name_recognizers
from redact.detect.recognizers.russian_names import RussianNameRecognizer
from redact.text.variants import name_key


def person_spans(text: str) -> set[str]:
    """Surface texts of every PERSON finding of every name recognizer."""
    return {text[f.start : f.end] for f in _findings(text) if f.label == PERSON}


def _findings(text: str) -> list[Finding]:
    return [f for r in name_recognizers() for f in r.find(text)]


KOREAN_ROWS = [
    ("My name is Kim Da-som, from Kilju.", {"Kim Da-som"}),
    ("They spelled it KIM Dasom on the papers.", {"KIM Dasom"}),
    ("In Seoul she was written Gim Da Som.", {"Gim Da Som"}),
    ("His passport said PAK CHKHOL HO.", {"PAK CHKHOL HO"}),
    ("Park Tae-soo and Bak Tae-su are one man.", {"Park Tae-soo", "Bak Tae-su"}),
    ("In my notes I wrote Yi Tŏk-chŏl.", {"Yi Tŏk-chŏl"}),
    ("The sign read Ch'oe Sŏn-ok.", {"Ch'oe Sŏn-ok"}),
    ("A card for DA-SOM KIM arrived.", {"DA-SOM KIM"}),
    ("I met Da-som Kim in Tonghua.", {"Da-som Kim"}),
    ("RHEE KYU HWA signed.", {"RHEE KYU HWA"}),
    ("Kim Hak-tae came to power.", {"Kim Hak-tae"}),
    ("Kim Da-som's mother cried.", {"Kim Da-som"}),
    ("Then Da-som-ssi told me.", {"Da-som-ssi"}),
    ("Da-som ssi was quiet.", {"Da-som ssi"}),
    ("We thanked Se-hui-nim.", {"Se-hui-nim"}),
    ("We called her Dasom-i.", {"Dasom-i"}),
    ("Tae-su-oppa held my arm.", {"Tae-su-oppa"}),
    ("Without Se-hui-eonni I would have died.", {"Se-hui-eonni"}),
    ("Se-hui Ajumma shared her corn.", {"Se-hui Ajumma"}),
    ("Ms. Yang left early. Mr. Bae stayed.", {"Ms. Yang", "Mr. Bae"}),
    ("Comrade Ryu counted us. Teacher Hwang shouted.", {"Comrade Ryu", "Teacher Hwang"}),
    ("Auntie Bae waited with a motorbike.", {"Auntie Bae"}),
    ("She was written 김다솜 and 정옥희.", {"김다솜", "정옥희"}),
    ("My friend Ye-rin stayed behind.", {"Ye-rin"}),
]
CHINESE_ROWS = [
    ("I saw the name Zhang Renfu on a paper.", {"Zhang Renfu"}),
    ("The farmer was Wang Dechun.", {"Wang Dechun"}),
    ("In Chinese she is Cui Lingyu.", {"Cui Lingyu"}),
    ("They named me Li Qun.", {"Li Qun"}),
    ("A man called Jin Xiaoheng met us.", {"Jin Xiaoheng"}),
    ("Her husband was Piao Chunling.", {"Piao Chunling"}),
    ("Zhang Kai's uncle drove.", {"Zhang Kai"}),
    ("She called him Old Fang, or Lao Fang.", {"Old Fang", "Lao Fang"}),
    (
        "Xiao Tan and Auntie Feng ran the shop. Mr. Feng paid.",
        {"Xiao Tan", "Auntie Feng", "Mr. Feng"},
    ),
    ("People called me Xiao Juan.", {"Xiao Juan"}),
    ("The owner's wife, Boss Tang, was kind.", {"Boss Tang"}),
    ("Written 张仁富 and 崔玲玉 and 李群.", {"张仁富", "崔玲玉", "李群"}),
    (
        "Deng Jianmin was a farmer. Jianmin got sick. I stayed with Deng.",
        {"Deng Jianmin", "Jianmin", "Deng"},
    ),
]
RUSSIAN_ROWS = [
    ("The foreman was Gennady Pavlovich Shilov.", {"Gennady Pavlovich Shilov"}),
    ("We called him Gennady Pavlovich.", {"Gennady Pavlovich"}),
    ("Larisa Petrovna Zuyeva sold bread.", {"Larisa Petrovna Zuyeva"}),
    ("In Russian letters: Борис Павлович Шилов.", {"Борис Павлович Шилов"}),
    ("Mr. Shilov and boss Kornev argued.", {"Mr. Shilov", "boss Kornev"}),
    ("The foreman was Gennady Shilov. Later Shilov left.", {"Gennady Shilov", "Shilov"}),
    ("We called her Lyuba.", {"Lyuba"}),
    ("Sasha and Volodya carried logs.", {"Sasha", "Volodya"}),
]
KINSHIP_ROWS = [
    ("I married my husband Gao in 2011.", {"Gao"}),
    ("my daughter Ye-rin is in Tonghua.", {"Ye-rin"}),
    ("My brother Tae-bok paid a guard.", {"Tae-bok"}),
    ("My nephew, Bak Tae-su, sent money.", {"Bak Tae-su"}),
    ("The worst was brigade leader Ryu.", {"Ryu"}),
    ("Brigade leader Ryu wrote my number.", {"Ryu"}),
    ("I paid the broker Yang.", {"Yang"}),
    ("Uncle Bae and Comrade Ko came.", {"Uncle Bae", "Comrade Ko"}),
    ("People called him Uncle Yun.", {"Uncle Yun"}),
    ("Her name was Se-hui.", {"Se-hui"}),
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
        (KoreanNameRecognizer(), "Pak Tae-su left. Later Tae-su wrote.", "Tae-su"),
        (KoreanNameRecognizer(), "KIM Dasom, then Dasom alone.", "Dasom"),
        (KoreanNameRecognizer(), "Ryu Tok-chol came. We feared Ryu.", "Ryu"),
        (ChineseNameRecognizer(), "Li Renshu bought me. Li checked my phone.", "Li"),
        (RussianNameRecognizer(), "Gennady Shilov. Shilov was kind.", "Shilov"),
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
    text = "Kim Da-som, KIM Dasom, Gim Da Som and 김다솜 are one person."
    keys = {f.key for f in KoreanNameRecognizer().find(text)}
    assert keys == {name_key("Kim Da-som")}


def test_scores_follow_certainty() -> None:
    text = "Kim Da-som met Ms. Bae and Da-som-ssi."
    scores = {text[f.start : f.end]: f.score for f in KoreanNameRecognizer().find(text)}
    assert scores["Kim Da-som"] >= 0.8
    assert 0.6 <= scores["Ms. Bae"] <= 0.7
    assert scores["Da-som-ssi"] < scores["Ms. Bae"]


def test_registry_lists_every_name_recognizer() -> None:
    names = {r.name for r in name_recognizers()}
    assert names == {
        "korean_names", "chinese_names", "russian_names", "korean_cyrillic", "kinship",
        "other_names", "participants", "initials", "nicknames", "proper_nouns",
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


def test_row_names_are_invented_not_taken_from_the_samples() -> None:
    """Every expected name in these rows is absent from samples/ and samples/blind/ (texts and
    gold files), folded as the recognizers fold; lone surnames and titles are common words."""
    from pathlib import Path

    from intake.readers import read
    from redact.text.folding import name_fold
    from redact.text.variants import SURNAMES, TITLES

    root = Path(__file__).resolve().parents[1] / "samples"
    readable = (".docx", ".odt")  # zipped: read as the intake reads them
    texts = [
        read(p).text if p.suffix in readable else p.read_text("utf-8", "replace")
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.suffix in (*readable, ".txt", ".md", ".srt", ".vtt", ".json")
    ]
    corpus = name_fold("\n".join(texts))
    rows = KOREAN_ROWS + CHINESE_ROWS + RUSSIAN_ROWS + KINSHIP_ROWS
    common = set(SURNAMES) | set(TITLES)
    names = {s for _, expected in rows for s in expected if name_fold(s) not in common}
    assert len(names) > 50
    found = sorted(n for n in names if name_fold(n) in corpus)
    assert found == [], f"names also in the samples: {found}"
