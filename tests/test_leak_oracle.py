"""The test suite's own leak oracle (tests/leak_oracle.py) finds disguised names and only names.

Every row is invented; none is a name from samples/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.leak_oracle import leaks, normalise, occurrences

FOUND = [
    ("Yun Sol-mi", "she said Yun Sol-mi came"),
    ("Yun Sol-mi", "YUN SOLMI"),
    ("Yun Sol-mi", "yun sol mi"),
    ("Yun Sol-mi", "\uff39\uff55\uff4e \uff33\uff4f\uff4c\uff0d\uff4d\uff49"),  # full-width
    ("Yun Sol-mi", "Yun So\u200bl\u00admi"),  # zero-width space, soft hyphen
    ("Yun Sol-mi", "**Yun** _Sol_-mi"),  # Markdown emphasis
    ("Yun Sol-mi", "Y u n  S o l - m i"),  # spaced letters
    ("Yun Sol-mi", "Yun\nSol\u2013mi"),  # line break, en dash
    ("Kim Dal-hui", "Gim Dal-hui"),
    ("Kim Dal-hui", "Dal-hui Kim"),
    ("Pak Tu-sik", "PARK TUSIK"),
    ("Lee Ok-nyo", "Rhee Ok Nyo"),
    ("Choe Gang", "Choi Gang's"),  # a possessive is still the name
    ("Chŏngsŏng-ri", "Chongsong-ri"),  # McCune-Reischauer breves
    ("Chongsong-ri", "CHŎNGSŎNG RI"),
    ("Tŭmbang", "tumbang."),
    ("강솔미", "강 솔 미"),  # Hangul, spaced
    ("강솔미", "그녀는 강솔미"),
]
NOT_FOUND = [
    ("Im", "I'm here"),  # an apostrophe is no separator
    ("Kim", "kimchi and rice"),  # not inside a longer word
    ("Park", "Parker and Bakery"),
    ("Yun Sol-mi", "Yun Sol-min"),
    ("Yun Sol-mi", "Yun went to Sol-mi"),  # other words between the two
    ("Tumbang", "Tumbangi"),
    ("Dal-hui", "[Person 2]"),
]


@pytest.mark.parametrize(("original", "text"), FOUND)
def test_a_disguised_name_is_found(original: str, text: str) -> None:
    assert leaks(text, [original, "Nobody Here"]) == [original]


@pytest.mark.parametrize(("original", "text"), NOT_FOUND)
def test_another_word_is_not_the_name(original: str, text: str) -> None:
    assert leaks(text, [original]) == []


def test_occurrences_are_counted() -> None:
    text = "Yun Sol-mi met YUN SOLMI; Yun Sol-mina is someone else. yun sol-mi."
    assert occurrences(text, "Yun Sol-mi") == 3
    assert occurrences(text, "---") == 0


def test_normalise() -> None:
    assert normalise("\uff28\uff4f\uff45\u200bRYŎNG") == "hoeryong"


def test_the_oracle_imports_nothing_of_the_project() -> None:
    """Independent of the gate: it must not share the gate's folds, search or variants."""
    source = Path(__file__).with_name("leak_oracle.py").read_text(encoding="utf-8")
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported <= {"__future__", "re", "unicodedata", "collections"}, imported
