"""The text layer: the folds, each named by purpose (redact/text/folding.py), and the one pinyin
table with its two splits (redact/text/pinyin.py). Rows are invented spellings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redact.text import hangul, pinyin, search, variants
from redact.text.folding import latin_fold, mapped_fold, name_fold, search_fold

# Letters the folds must handle: breves, accents, apostrophes of every kind, Cyrillic, Hangul,
# Han, a ligature, a combining mark, a dotted capital I whose lower case is two characters.
DARYA = "\u0414\u0430\u0440\u044c\u044f"
CYRILLIC = "\u041d\u0430\u0442\u043b\u044c\u044f"
SPELLINGS = st.text(
    alphabet="abzXYZ -'\u2019\u2018`\u02bc\u02bb\u00b4ŏŭéÜßİﬁ①김보람崔明\u0301_1." + CYRILLIC,
    max_size=16,
)


@pytest.mark.parametrize(
    ("text", "latin", "search", "name"),
    [
        ("Ch'ŏe Yŏng-sil", "Ch'oe Yong-sil", "ch'oe yong-sil", "choe yong-sil"),
        ("KŬM-HŬI", "KUM-HUI", "kum-hui", "kum-hui"),
        ("Sükhbaatar", "Sukhbaatar", "sukhbaatar", "sukhbaatar"),
        (
            "\u0414\u0430\u0440\u044c\u044f",
            "\u0414\u0430\u0440\u044c\u044f",
            "\u0434\u0430\u0440\u044c\u044f",
            "darya",
        ),
        ("O\u2019Dell", "O\u2019Dell", "o\u2019dell", "odell"),
        ("plain Ascii", "plain Ascii", "plain ascii", "plain ascii"),
    ],
)
def test_each_fold_keeps_what_its_user_needs(text: str, latin: str, search: str, name: str) -> None:
    assert latin_fold(text) == latin
    assert search_fold(text) == search
    assert name_fold(text) == name


def test_mapped_fold_maps_each_letter_back() -> None:
    folded, origin = mapped_fold("Ch'ŏngjin")
    assert folded == "chongjin"
    assert origin[:4] == [0, 1, 3, 4]


@given(SPELLINGS)
def test_same_length_folds_keep_offsets(text: str) -> None:
    assert len(latin_fold(text)) == len(text)
    assert len(search_fold(text)) == len(text)
    assert search.fold(text) == search_fold(text)


@given(SPELLINGS)
def test_mapped_fold_origins_point_into_the_text(text: str) -> None:
    folded, origin = mapped_fold(text)
    assert len(folded) == len(origin)
    assert origin == sorted(origin)
    assert all(0 <= i < len(text) for i in origin)
    assert "'" not in folded and "\u2019" not in folded


@given(SPELLINGS)
def test_name_fold_is_lower_case_without_apostrophes(text: str) -> None:
    folded = name_fold(text)
    assert folded == folded.lower() or not folded.isascii()
    assert not set("'\u2019\u2018`\u02bc_") & set(folded)
    if len(text.split()) < 2:  # one word: a Hangul name read, anything else name_fold's
        assert variants.fold(text) == name_fold(hangul.hangul_name(text))


@pytest.mark.parametrize(
    ("word", "split", "most"),
    [
        ("Guofu", ("guo", "fu"), 3),  # also gu o fu
        ("Xian", ("xian",), 2),  # also xi an
        ("Shenyang", ("shen", "yang"), 2),
        ("Wangqing", ("wang", "qing"), 2),
        ("Lv", ("lv",), 1),
        ("Bei", ("bei",), 1),
        ("Hoeryong", None, 0),
        ("Win", None, 0),  # not a Mandarin syllable, whatever an inventory generator says
        ("", (), 0),
    ],
)
def test_pinyin_splits(word: str, split: tuple[str, ...] | None, most: int) -> None:
    assert pinyin.syllables(word) == split
    assert pinyin.most_syllables(word) == most


def test_one_syllable_place_names() -> None:
    assert pinyin.only_one_syllable("Nan")
    assert not pinyin.only_one_syllable("Xian")
    assert not pinyin.only_one_syllable("Onsong")


@given(st.text(alphabet="aeghinouxz", max_size=10))
def test_the_two_splits_agree_on_what_is_pinyin(word: str) -> None:
    split = pinyin.syllables(word)
    assert (split is not None) == (pinyin.most_syllables(word) > 0 or word == "")
    if split:
        assert "".join(split) == word and len(split) <= pinyin.most_syllables(word)


_LETTERS = st.text(alphabet="aAbk'", min_size=1, max_size=4)


@given(st.lists(_LETTERS, min_size=1, max_size=8), st.text(alphabet="aAbk' \u2019", max_size=30))
def test_word_alternation_matches_as_the_longest_first_alternation(
    words: list[str], text: str
) -> None:
    """The trie finds the same words at the same places, preferring the same (longer) word,
    also when what follows makes the engine fall back to a shorter one."""
    import re

    plain = "|".join(
        re.escape(w).replace("'", "['\u2019]") for w in sorted(set(words), key=len, reverse=True)
    )
    trie = search.word_alternation(words)
    for tail in ("", r"(?= )", r"(?!b)"):
        expected = [m.span() for m in re.finditer(f"(?:{plain}){tail}", text)]
        assert [m.span() for m in re.finditer(f"(?:{trie}){tail}", text)] == expected


def test_word_alternation_shares_prefixes() -> None:
    assert search.word_alternation(["Kim", "Ki", "Ko"]) == "K(?:i(?:m)?|o)"
    assert search.word_alternation(["Ch'oe", "Choe"]) == "Ch(?:['\u2019]oe|oe)"
