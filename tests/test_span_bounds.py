"""A merged span never swallows a neighbouring word or mention (issue 11, rule 4).

Each row is an invented sentence with the findings recognizers and the statistical model give
such text (built by hand, so the test needs no model): typically the model's one wide span and
the name rules' narrower findings inside it. ``overlaps.merge`` must return one span per
mention, cut at line breaks, list markers, " / " and " - " between names, brackets around an
alias, a leading everyday word, a relative clause, a verb phrase, a sentence end, a Hangul
particle; and must leave whole what legitimately spans words (dates, addresses, organisations,
titles with names, protected terms). All names and places are invented.
"""

from __future__ import annotations

import pytest

from redact.detect import bounds
from redact.detect.overlaps import merge
from redact.detect.recognizers.base import (
    CAMP,
    DATE,
    HANDLE,
    ID_NUMBER,
    LOCATION,
    ORGANIZATION,
    PERSON,
    PHONE,
    PRICE,
    Finding,
)

MODEL = "presidio:SpacyRecognizer"
# (surface, label, recognizer): findings placed at the first occurrence of the surface
Row = tuple[str, list[tuple[str, str, str]], list[tuple[str, str]]]


def _findings(text: str, rows: list[tuple[str, str, str]]) -> list[Finding]:
    out = []
    for surface, label, recognizer in rows:
        start = text.index(surface)
        key = surface.lower() if recognizer != MODEL else None
        out.append(Finding(start, start + len(surface), label, 0.7, recognizer, "rule", key))
    return out


def _merged(text: str, rows: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    spans = merge(text, _findings(text, rows))
    for span in spans:
        assert text[span.start : span.end] == span.text  # offsets stay exact
    return [(s.text, s.label) for s in spans]


CUT: list[Row] = [
    (  # a line break: a name, then the place on the next line
        "Kim Min-ho\nSorimgol",
        [
            ("Kim Min-ho\nSorimgol", PERSON, MODEL),
            ("Kim Min-ho", PERSON, "korean_names"),
            ("Sorimgol", LOCATION, "places"),
        ],
        [("Kim Min-ho", PERSON), ("Sorimgol", LOCATION)],
    ),
    (  # a list item's heading word after a line break is nobody
        "Pyon Sang-mi\n\n- Names",
        [
            ("Pyon Sang-mi\n\n- Names", ORGANIZATION, MODEL),
            ("Pyon Sang-mi", PERSON, "korean_names"),
        ],
        [("Pyon Sang-mi", PERSON)],
    ),
    (  # a heading, a list marker, a name and its alias in brackets: two mentions
        "## Contacts\n\n- Altangerel (Ms. Gerel)",
        [
            ("## Contacts\n\n- Altangerel", PRICE, MODEL),
            ("Altangerel (Ms. Gerel)", PERSON, "participants"),
            ("Altangerel", PERSON, "other_names"),
            ("Ms. Gerel", PERSON, "kinship"),
        ],
        [("Altangerel", PERSON), ("Ms. Gerel", PERSON)],
    ),
    (  # a handle over three lines of a contact list
        "Narong T.\n- @nar_881 \u2014 Khampheng S.",
        [
            ("Narong T.\n- @nar_881 \u2014 Khampheng S.", PERSON, MODEL),
            ("Narong", PERSON, "proper_nouns"),
            ("@nar_881", HANDLE, "handles"),
            ("Khampheng", PERSON, "proper_nouns"),
        ],
        [("Narong T.", PERSON), ("@nar_881", HANDLE), ("Khampheng S.", PERSON)],
    ),
    (  # a name and a nickname with a slash
        "the guard Tak / Heron came back",
        [("Tak / Heron", ORGANIZATION, MODEL), ("Heron", PERSON, "nicknames")],
        [("Tak", PERSON), ("Heron", PERSON)],
    ),
    (  # a surname that is an everyday word, and a nickname, with a slash
        "then Song / Magpie drove",
        [("Song / Magpie", ORGANIZATION, MODEL), ("Magpie", PERSON, "nicknames")],
        [("Song", PERSON), ("Magpie", PERSON)],
    ),
    (  # an everyday abbreviation before a place
        "FYI Khongor-Ulaan is far",
        [
            ("FYI Khongor-Ulaan", ORGANIZATION, MODEL),
            ("FYI", PERSON, "initials"),
            ("Khongor-Ulaan", PERSON, "proper_nouns"),
        ],
        [("Khongor-Ulaan", PERSON)],
    ),
    (  # an everyday word at the start of a line, before a given name a name rule found
        "2019-04\nMeets Hye-rim at the market.",
        [("Meets Hye-rim", PERSON, MODEL), ("Hye-rim", PERSON, "korean_names")],
        [("Hye-rim", PERSON)],
    ),
    (  # an everyday word + a preposition before an organisation
        "Intake at Maple Grove Counselling Centre, 2020",
        [
            ("Intake at Maple Grove Counselling Centre", ORGANIZATION, MODEL),
            ("Maple Grove Counselling Centre", ORGANIZATION, "addresses"),
        ],
        [("Maple Grove Counselling Centre", ORGANIZATION)],
    ),
    (  # a leading preposition before a place
        "Near Olonbulag soum we slept",
        [("Near Olonbulag soum", LOCATION, "places")],
        [("Olonbulag soum", LOCATION)],
    ),
    (  # a relative clause: two people
        "it was Auntie Ryu that Sok-chu trusted",
        [("Auntie Ryu that Sok-chu", LOCATION, MODEL), ("Auntie Ryu", PERSON, "korean_names")],
        [("Auntie Ryu", PERSON), ("Sok-chu", PERSON)],
    ),
    (  # a verb phrase after a name, read as a place
        "his wife Tsetsegmaa keeps the shop now",
        [
            ("Tsetsegmaa keeps the shop", LOCATION, "addresses"),
            ("Tsetsegmaa", PERSON, "kinship"),
        ],
        [("Tsetsegmaa", PERSON)],
    ),
    (  # a sentence ended inside the model's span
        "Ryu Sang-a. Sold to a farmer in 2004.",
        [("Ryu Sang-a. Sold", PERSON, MODEL), ("Ryu Sang-a", PERSON, "korean_names")],
        [("Ryu Sang-a", PERSON)],
    ),
    (  # two people joined by "and"
        "Wen and Tak left",
        [("Wen and Tak", PERSON, MODEL)],
        [("Wen", PERSON), ("Tak", PERSON)],
    ),
    (  # a Korean particle and an amount glued to a Hangul name: the amount is its own span
        "윤아줌마한테 800만원 보냈다",
        [("윤아줌마한테 800만원", PERSON, MODEL)],
        [("윤아줌마", PERSON), ("800만원", PRICE)],
    ),
    (  # a particle after a three-syllable Hangul name
        "박서은은 왔다",
        [("박서은은", PERSON, MODEL)],
        [("박서은", PERSON)],
    ),
    (  # a handle, then a date on the next line
        "Telegram @lark_77.\nWed 4 Oct.",
        [
            ("Telegram @lark_77.\nWed", PERSON, MODEL),
            ("@lark_77", HANDLE, "handles"),
            ("Wed 4 Oct.", DATE, "quasi"),
        ],
        [("Telegram @lark_77.", HANDLE), ("Wed 4 Oct.", DATE)],
    ),
    (  # a name in Chinese characters and its handle in brackets: two mentions
        "加我 卢师傅 (lu_shifu_2211) 微信",
        [("卢师傅 (lu_shifu_2211)", PERSON, "chinese_names"), ("lu_shifu_2211", HANDLE, "handles")],
        [("卢师傅", PERSON), ("lu_shifu_2211", HANDLE)],
    ),
    (  # the same, when the handle recognizer spanned the name too (a chat line's speaker)
        "[04:30] 卢师傅 (lu_shifu_2211): 楼下",
        [("卢师傅", PERSON, "chinese_names"), ("卢师傅 (lu_shifu_2211)", HANDLE, "handles")],
        [("卢师傅", PERSON), ("lu_shifu_2211", HANDLE)],
    ),
    (  # a model's span over a Chinese full stop: the sentence ended there
        "好的\uff0c过了。谢谢冯丽娟",
        [("过了。谢谢冯丽娟", PERSON, MODEL), ("冯丽娟", PERSON, "chinese_names")],
        [("过了", PERSON), ("谢谢冯丽娟", PERSON)],
    ),
    (  # two case numbers in one table cell pair
        "| NKX/2020/0042 | TR-20-011-A |",
        [("NKX/2020/0042 | TR-20-011-A", ID_NUMBER, "ids")],
        [("NKX/2020/0042", ID_NUMBER), ("TR-20-011-A", ID_NUMBER)],
    ),
]


@pytest.mark.parametrize(("text", "rows", "expected"), CUT, ids=[r[0][:24] for r in CUT])
def test_a_span_is_cut_at_the_boundary_of_its_mentions(
    text: str, rows: list[tuple[str, str, str]], expected: list[tuple[str, str]]
) -> None:
    assert _merged(text, rows) == expected


KEPT: list[tuple[str, str, str]] = [
    ("on 3 March 2021 we left", "3 March 2021", DATE),
    ("from Aug 2015 \u2013 Dec 2016 he worked", "Aug 2015 \u2013 Dec 2016", DATE),
    ("she went to Sunrise Counselling Centre", "Sunrise Counselling Centre", ORGANIZATION),
    ("Pastor Ryu prayed", "Pastor Ryu", PERSON),
    ("then Mr. Song said no", "Mr. Song", PERSON),
    ("Song Ji-a came", "Song Ji-a", PERSON),  # a surname that is an everyday word
    ("Auntie Ryu came", "Auntie Ryu", PERSON),
    (
        "sent to 14 Willow Lane, Flat 3, Riverton by post",
        "14 Willow Lane, Flat 3, Riverton",
        LOCATION,
    ),
    ("at ul. Lipovaya, d. 3, kv. 9 they", "ul. Lipovaya, d. 3, kv. 9", LOCATION),
    ("Ts. Enkhbold signed", "Ts. Enkhbold", PERSON),  # an initial's full stop ends nothing
    ("the Committee of the Red Lantern helped", "the Committee of the Red Lantern", ORGANIZATION),
    ("in Pinetree holding centre (transit) for a week", "Pinetree holding centre (transit)", CAMP),
    ("call (031) 555-0199 now", "(031) 555-0199", PHONE),
    ("paid US$900 / month", "US$900 / month", PRICE),
    ("in 황목도 they", "황목도", LOCATION),  # a province's 도 is no particle
    ("김지은 왔다", "김지은", PERSON),  # nor is a given name's last syllable
    ("Saebit legal clinic opened", "Saebit legal clinic", LOCATION),
]


@pytest.mark.parametrize(("text", "surface", "label"), KEPT, ids=[r[1] for r in KEPT])
def test_what_spans_words_legitimately_stays_whole(text: str, surface: str, label: str) -> None:
    assert _merged(text, [(surface, label, MODEL)]) == [(surface, label)]
    assert _merged(text, [(surface, label, "addresses")]) == [(surface, label)]


@pytest.mark.parametrize("text", ["So Yong-ho came", "An Myong-su came", "Do Hae-jin came"])
def test_a_surname_that_is_a_function_word_stays_in_the_name(text: str) -> None:
    name = text.removesuffix(" came")
    rows = [(name, PERSON, "korean_names"), (name, PERSON, MODEL)]
    assert _merged(text, rows)[0] == (name, PERSON)
    assert _merged(text, rows[:1]) == [(name, PERSON)]
    assert _merged(text, rows[1:]) == [(name, PERSON)]  # the model's span alone, too


@pytest.mark.parametrize(
    ("text", "model", "name"),
    [
        ("To Kim Hye-jin we wrote", "To Kim Hye-jin", "Kim Hye-jin"),  # "To" before a surname
        ("In Pak Tae-ung we trust", "In Pak Tae-ung", "Pak Tae-ung"),
        ("we saw Pak Sang Do there", "Pak Sang Do", "Pak Sang Do"),  # a Korean syllable ends it
        ("ask Wen Tak-su said", "Wen Tak-su said", "Wen Tak-su"),
    ],
)
def test_a_model_span_loses_closed_class_words_but_never_a_name_part(
    text: str, model: str, name: str
) -> None:
    assert _merged(text, [(model, PERSON, MODEL)]) == [(name, PERSON)]


def test_an_english_given_name_used_inside_a_sentence_is_kept_before_a_surname() -> None:
    """ "Rose" starts a line before a Korean name, but is capitalised inside a sentence
    elsewhere: a name after all, never cut off as an everyday word."""
    text = "Rose Kim Hye-jin arrived.\nWe thanked Rose for the tea."
    rows = [("Rose Kim Hye-jin", PERSON, MODEL), ("Kim Hye-jin", PERSON, "korean_names")]
    assert _merged(text, rows)[0] == ("Rose Kim Hye-jin", PERSON)


def test_a_leading_everyday_word_is_kept_when_no_name_rule_starts_after_it() -> None:
    text = "Meets Larkspur at noon"
    assert _merged(text, [("Meets Larkspur", PERSON, MODEL)]) == [("Meets Larkspur", PERSON)]


def test_a_protected_term_is_never_cut() -> None:
    text = "we met Oh / Lark\nthere"
    rows = [("Oh / Lark\nthere", PERSON, MODEL), ("Oh / Lark", PERSON, "protected-term")]
    assert _merged(text, rows) == [("Oh / Lark", PERSON)]


def test_a_cut_part_keeps_the_reasons_that_fit_it() -> None:
    text = "Kim Min-ho\nSorimgol"
    findings = _findings(
        text,
        [
            ("Kim Min-ho\nSorimgol", PERSON, MODEL),
            ("Kim Min-ho", PERSON, "korean_names"),
            ("Sorimgol", LOCATION, "places"),
        ],
    )
    person, place = merge(text, findings)
    assert person.recognizer == "korean_names" and person.entity == "kim min-ho"
    assert place.recognizer == "places" and place.entity == "sorimgol"
    assert bounds.CUT_NOTE in person.explanation
    # the model's wider finding stays beside them, as a contributing reason
    assert MODEL in {r.recognizer for r in person.reasons}


def test_a_model_span_of_one_word_alone_is_unchanged() -> None:
    text = "Narong waited"
    [span] = merge(text, _findings(text, [("Narong", PERSON, MODEL)]))
    assert (span.text, span.explanation) == ("Narong", "rule")


def test_the_invented_names_are_not_taken_from_the_samples() -> None:
    from pathlib import Path

    from redact.text.folding import name_fold
    from redact.text.variants import SURNAMES, TITLES

    root = Path(__file__).resolve().parents[1] / "samples"
    texts = [
        p.read_text("utf-8", "replace")
        for p in sorted(root.glob("*"))
        if p.is_file() and p.suffix in (".txt", ".md", ".json")
    ] + [
        p.read_text("utf-8", "replace")
        for p in sorted((root / "blind").glob("*"))
        if p.is_file() and p.suffix in (".txt", ".md", ".json")
    ]
    corpus = name_fold("\n".join(texts))
    common = set(SURNAMES) | set(TITLES)
    names = {s for _, _, expected in CUT for s, label in expected if label in (PERSON, LOCATION)}
    names = {n for n in names if name_fold(n) not in common}
    assert len(names) > 10
    assert sorted(n for n in names if name_fold(n) in corpus) == []


def test_a_protected_term_at_a_list_marker_keeps_every_character() -> None:
    text = "notes\n2. Wen Tak-su left"
    rows = [("2. Wen Tak-su", PERSON, "protected-term"), ("notes\n2. Wen Tak-su", PERSON, MODEL)]
    assert _merged(text, rows) == [("2. Wen Tak-su", PERSON)]


PARTICLE_ROWS = [
    ("윤아줌마한테", True, "한테"),  # a title, then a two-syllable particle
    ("황보민서에게", True, "에게"),
    ("서울에서", False, "에서"),  # a place's particle too
    ("박서은은", True, "은"),  # a full name of three syllables, then a topic particle
    ("김씨가", True, "가"),  # a surname + title, then a subject particle
    ("김지은", True, ""),  # 은 is the given name's own syllable
    ("이도", True, ""),  # so is 도 of a two-syllable name
    ("황목도", False, ""),  # a province's 도
    ("박서은은", False, ""),  # one-syllable particles are read after a person's name only
]


@pytest.mark.parametrize(("word", "person", "particle"), PARTICLE_ROWS)
def test_a_hangul_particle_is_cut_only_after_what_is_still_a_name(
    word: str, person: bool, particle: str
) -> None:
    from redact.detect.particles import particle_of

    assert particle_of(word, person) == particle


@pytest.mark.parametrize(
    ("surface", "label"),
    [
        ("1200만원", PRICE),
        ("800 yuan", PRICE),
        ("$300", PRICE),
        ("300만", "QUANTITY"),
        ("2019", ""),
    ],
)
def test_an_amount_cut_off_a_name_is_labelled_as_an_amount(surface: str, label: str) -> None:
    from redact.detect.particles import amount_label

    assert amount_label(surface) == label


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Our Lady of Pinebrook Church", "Our Lady of Pinebrook Church"),
        ("All Saints Orchard Mission", "All Saints Orchard Mission"),
        ("For Tomorrow Relief Fund", "For Tomorrow Relief Fund"),
    ],
)
def test_a_name_that_starts_with_a_closed_class_word_stays_whole(text: str, surface: str) -> None:
    assert _merged(text, [(surface, ORGANIZATION, "addresses")]) == [(surface, ORGANIZATION)]
    assert _merged(text, [(surface, ORGANIZATION, MODEL)]) == [(surface, ORGANIZATION)]


def test_beside_another_mention_only_a_role_word_is_dropped() -> None:
    """ "Kim (Interviewer)": the role word names nobody; "Tak / Rose": Rose may be a name."""
    text = "Wen Tak-su (Interviewer) spoke"
    rows = [("Wen Tak-su (Interviewer)", PERSON, MODEL), ("Wen Tak-su", PERSON, "korean_names")]
    assert _merged(text, rows) == [("Wen Tak-su", PERSON)]
    text = "Tak / Rose spoke"
    assert _merged(text, [("Tak / Rose", PERSON, MODEL)]) == [("Tak", PERSON), ("Rose", PERSON)]
