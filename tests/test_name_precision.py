"""Name precision (issue 11, item 4): contractions and pronouns are never names, role labels are
never entities, and a name span never swallows a neighbouring English word.

Rows run the name recognizers and protected terms through :func:`redact.detect.overlaps.merge`, the
step every finding passes before review; spaCy's spans are stood in for by findings with a
``presidio:`` recognizer, so these tests need no model. All names are invented.
"""

from __future__ import annotations

import pytest

from redact.detect.overlaps import clean, merge
from redact.detect.recognizers.base import DATE, LOCATION, ORGANIZATION, PERSON, Finding
from redact.detect.recognizers.protected import ProtectedTerms
from redact.detect.recognizers.registry import name_recognizers


def merged_surfaces(text: str, protected: tuple[str, ...] = (), extra: tuple = ()) -> set[str]:
    findings = [f for r in name_recognizers() for f in r.find(text)]
    findings += ProtectedTerms(protected).find(text) + list(extra)
    return {span.text for span in merge(text, findings)}


def spacy(text: str, surface: str, label: str = PERSON) -> Finding:
    start = text.index(surface)
    return Finding(start, start + len(surface), label, 0.85, "presidio:SpacyRecognizer", "NER")


CONTRACTIONS = [
    "I'm tired. I'm cold. I'm not going back.",
    "I'll go, you'll see, he'll come, we'll wait, they'll know.",
    "I'd say no. We'd stay. She'd cry. They'd left.",
    "I've seen it. We've heard. You're right. They're gone. It's late. Don't.",
    "I\u2019m here and I\u2019ll stay.",
]


@pytest.mark.parametrize("sentence", CONTRACTIONS)
def test_contractions_are_never_names(sentence: str) -> None:
    # a witness whose surname folds like a contraction: Im (I'm), Ha, Yi
    text = f"Im Ha-na and Yi Dal-lae came. {sentence} Ms. Im said so."
    found = merged_surfaces(text, protected=("Im Ha-na", "Yi Dal-lae"))
    assert {"Im Ha-na", "Yi Dal-lae"} <= found
    rest = found - {"Im Ha-na", "Yi Dal-lae", "Ms. Im"}
    assert not any("'" in s or "\u2019" in s for s in rest), rest


@pytest.mark.parametrize("pronoun", ["I", "He", "She", "We", "They", "It", "You"])
def test_pronouns_are_never_entities(pronoun: str) -> None:
    text = f"{pronoun} said nothing."
    assert clean(text, [spacy(text, pronoun)]) == []


@pytest.mark.parametrize(
    ("text", "label_word", "label"),
    [
        ("INT: Where were you?\nIEE: In Musan.", "INT", ORGANIZATION),
        ("Interviewee: I do not know.", "Interviewee", PERSON),
        ("the interpreter says she is tired", "interpreter", PERSON),
        ("Interpreter: She means the market.", "Interpreter", LOCATION),
        ("WITNESS: Yes.", "WITNESS", ORGANIZATION),
        ("Q: And then?", "Q", PERSON),
    ],
)
def test_role_labels_are_never_entities(text: str, label_word: str, label: str) -> None:
    found = merged_surfaces(text, extra=(spacy(text, label_word, label),))
    assert label_word not in found


@pytest.mark.parametrize(
    ("text", "model_span", "expected"),
    [
        ("Without Tsogbadrakh I would have died.", "Without Tsogbadrakh", "Tsogbadrakh"),
        ("Tell Vongphachan that we are safe.", "Tell Vongphachan", "Vongphachan"),
        ("Thanks to Zhorbek we ate.", "Thanks to Zhorbek", "Zhorbek"),
        ("Then Dolgor Myagmar said no.", "Then Dolgor Myagmar", "Dolgor Myagmar"),
        ("I asked Phetsamone if she", "Phetsamone if", "Phetsamone"),
        ("the judge, Mr I. Vantongeren, said", "I. Vantongeren", "I. Vantongeren"),
    ],
)
def test_a_name_never_swallows_a_neighbouring_word(
    text: str, model_span: str, expected: str
) -> None:
    spans = merge(text, [spacy(text, model_span)])
    assert [s.text for s in spans] == [expected]
    assert ("left out" in spans[0].explanation) is (expected != model_span)


def test_trimming_leaves_dates_and_protected_terms_alone() -> None:
    text = "In May 2019 Kim Song-ae left."
    date = spacy(text, "May 2019", DATE)
    start = text.index("Kim")
    protected = Finding(start, start + 12, PERSON, 1.0, "protected-term", "protected term #1")
    kept = clean(text, [date, protected])
    assert [(f.start, f.end) for f in kept] == [(date.start, date.end), (start, start + 12)]


def test_possessive_and_names_still_merge() -> None:
    text = "Without Tsogbadrakh's help I would have died."
    spans = merge(text, [spacy(text, "Without Tsogbadrakh's")])
    assert [s.text for s in spans] == ["Tsogbadrakh"]


@pytest.mark.parametrize(
    ("text", "surface", "kept"),
    [
        ("Sold to a farmer in 2016.", "Sold", False),
        ("## Home\nWe lived by the river.", "Home", False),
        ("Broker took the money.", "Broker", False),
        ("the broker said the Broker was away", "Broker", False),
        ("Moon said nothing at all.", "Moon", True),  # a surname: kept for the reviewer
        ("Then we met Natasha at the station.", "Natasha", True),
        ("Zhorbek drove us.", "Zhorbek", True),
        ("Grace hid us. We owe Grace our lives.", "Grace", True),  # capitalised mid-sentence too
    ],
)
def test_a_model_span_on_a_common_word_or_role_is_dropped(
    text: str, surface: str, kept: bool
) -> None:
    assert bool(clean(text, [spacy(text, surface)])) is kept


@pytest.mark.parametrize(
    "text",
    [
        'Mr Dursun Ekici (hereinafter "the applicant") complained. The applicant said so.',
        'the European Convention on Human Rights ("the Convention"), and the Convention says',
        'under the Housing Act ("the 1996 Act"), the Government ("the Government") replied',
    ],
)
def test_defined_terms_of_a_document_are_not_nicknames(text: str) -> None:
    from redact.detect.recognizers.nicknames import NicknameRecognizer

    assert NicknameRecognizer().find(text) == []


NOT_INITIALS_ROWS = [
    ("# Case-file index, QX series\n| QX-04 | QX-05 |", "QX"),  # a code's letters
    ("| phone (CN) | +86 138 4431 2222 |", "CN"),  # a country tagging a phone
    ("call her on (MN) +976 9908 4411", "MN"),
    ("mobile (TH) 081 774 2290", "TH"),
]


@pytest.mark.parametrize(
    ("text", "letters"), NOT_INITIALS_ROWS, ids=[r[1] for r in NOT_INITIALS_ROWS]
)
def test_code_letters_and_country_tags_are_not_initials(text: str, letters: str) -> None:
    assert letters not in merged_surfaces(text)


def test_initials_beside_codes_and_countries_are_still_initials() -> None:
    found = merged_surfaces("Notes by JH. File JH-2. KH (Cambodia office) met YS.")
    assert {"JH", "KH", "YS"} <= found


# -- Hangul sentences, kinship words alone (issue 11: over-redaction that garbles quotes) ----

HANGUL_WORDS = [
    ("지금 어디예요?", "지금"),  # a common word starting with the surname 지
    ("남편이 없어요.", "남편"),  # a common word before a particle
    ("조심하세요, 마세요.", "마세요"),  # a polite ending
    ("이모 집에 있어요.", "이모"),  # a kinship title alone
    ("오늘 도착했어 빨리", "도착했어"),  # four syllables, no compound surname, no title
    ("어제 오셨다.", "오셨다"),  # a verb in the past tense (a syllable ending in ㅆ)
]


@pytest.mark.parametrize(("text", "word"), HANGUL_WORDS)
def test_everyday_hangul_words_are_not_names(text: str, word: str) -> None:
    assert not any(word in s for s in merged_surfaces(text))


HANGUL_NAMES = [
    ("지은 왔어요.", "지은"),  # a given name that is a word too, rarer than the cut
    ("최철수가 왔다.", "최철수"),  # a full name before a particle is four syllables
    ("김보람 씨가 왔어요.", "김보람 씨"),  # a full name, an honorific, a particle
    ("문씨 아주머니가 왔다.", "문씨 아주머니"),  # a surname with two titles
    ("박목사님께서 말했다.", "박목사님"),  # glued title, then a particle
    ("박아줌마 집에서", "박아줌마"),  # surname + a title glued to it
    ("남궁민수 동무", "남궁민수 동무"),  # a two-syllable surname makes four syllables
    ("천 집사님이 오셨다", "천 집사님"),  # a surname alone + a church title
    ("김 씨 왔다", "김 씨"),
]


@pytest.mark.parametrize(("text", "name"), HANGUL_NAMES)
def test_hangul_names_beside_everyday_words_are_still_found(text: str, name: str) -> None:
    assert name in merged_surfaces(text)


@pytest.mark.parametrize("word", ["감사합니다", "맡기세요", "조금요", "들어가십시오"])
def test_a_model_span_on_a_polite_hangul_ending_is_dropped(word: str) -> None:
    text = f"그래서 {word}."
    assert clean(text, [spacy(text, word)]) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [("Mother is not alone.", "Mother"), ("| Daughter | 2009 |", "Daughter")],
)
def test_a_kinship_word_alone_is_never_a_name(text: str, word: str) -> None:
    assert clean(text, [spacy(text, word)]) == []


def test_a_kinship_word_that_is_a_surname_stays_a_name() -> None:
    text = "Son came at night."  # Son is a Korean surname: the reviewer sees it
    assert [f.recognizer for f in clean(text, [spacy(text, "Son")])] == ["presidio:SpacyRecognizer"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A: Brigade leader Ryu. He beat us.", "Brigade leader Ryu"),
        ("Brigade leader Sŏ hit us.", "Brigade leader Sŏ"),  # a surname that folds to "so"
        ("Chief Ri came at night.", "Chief Ri"),
        ("Deacon Mun prayed.", "Deacon Mun"),
    ],
)
def test_a_work_or_church_title_before_a_surname_is_a_name(text: str, name: str) -> None:
    assert name in merged_surfaces(text)
