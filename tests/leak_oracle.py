"""A leak oracle for tests, written apart from the export gate so that a bug in the gate's own
reading cannot hide a leak from the tests that check it (issue 9).

It never imports ``redact``: its normalisation is its own, from the standard library only.
Output and original are both read as: NFKC (full-width and compatibility forms), format
characters dropped (zero-width spaces and joiners, soft hyphens, direction marks), case folded,
diacritics stripped (Hoeryŏng = Hoeryong). The original's letters may then be split by any run
of separators (spaces, hyphens and dashes, dots, underscores, Markdown emphasis, backslashes,
middle dots): "Bo-ram", "Boram", "B o r a m" and "**Bo**ram" are one name. Matches are
word-aware: a name is not found inside a longer word ("Kim" in "Kimchi"), and an apostrophe
is not a separator ("Im" is not in "I'm").

Korean surnames are also tried in their usual romanizations (Kim/Gim, Lee/Yi/Rhee/Ri,
Park/Pak/Bak, Choi/Choe, Jung/Jeong/Chung/Jong) and after the given name ("Bo-ram Kim"). It
does not attempt what the gate does beyond that (look-alike letters, other scripts, Markdown
links): those disguises have their own tests against the gate.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Characters a reader skips over between the letters of one word.
_SEPARATOR = r"[\s\-\u2010-\u2015\u2212._*~`\\/|\u00b7\u30fb+=]*"
_SURNAMES = (
    ("kim", "gim"),
    ("lee", "yi", "rhee", "ri", "rhie"),
    ("park", "pak", "bak"),
    ("choi", "choe"),
    ("jung", "jeong", "chung", "jong"),
)
_GROUP = {name: group for group in _SURNAMES for name in group}


def normalise(text: str) -> str:
    """The text as compared: NFKC, no format characters, case folded, no diacritics."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    decomposed = unicodedata.normalize("NFD", text.casefold())
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", kept)


def _letters(word: str) -> str:
    return _SEPARATOR.join(re.escape(c) for c in word)


def _spellings(original: str) -> list[list[str]]:
    """The original's words, and the same with its Korean surname respelled or moved last."""
    words = [w for w in re.split(r"[^\w]+|_", normalise(original)) if w]
    if not words:
        return []
    orders = [words]
    if len(words) > 1 and words[0] in _GROUP:
        orders.append([*words[1:], words[0]])
    found = []
    for order in orders:
        index = 0 if order is words else len(order) - 1
        for surname in _GROUP.get(order[index], (order[index],)):
            found.append([*order[:index], surname, *order[index + 1 :]])
    return found


def pattern(original: str) -> re.Pattern[str] | None:
    """The regular expression that finds ``original`` in a normalised text (None if it has
    no letter or digit)."""
    spellings = _spellings(original)
    if not spellings:
        return None
    body = "|".join(_SEPARATOR.join(_letters(w) for w in words) for words in spellings)
    return re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])")


def occurrences(text: str, original: str) -> int:
    """How many times ``original`` can be read in ``text``."""
    found = pattern(original)
    return 0 if found is None else sum(1 for _ in found.finditer(normalise(text)))


def leaks(text: str, originals: Iterable[str]) -> list[str]:
    """The originals that can be read in ``text``, sorted (empty: nothing leaked)."""
    plain = normalise(text)
    hits = set()
    for original in originals:
        found = pattern(original)
        if found is not None and found.search(plain):
            hits.add(original)
    return sorted(hits)
