"""Protected terms given at intake (witness name, relatives, home town): always found, in every
spelling variant the variants module knows (case, hyphen/space/joined, romanization, given name
alone, surname with a title), also across line breaks, and a Korean name's given name alone
written in Hangul."""

from __future__ import annotations

import re
from collections.abc import Sequence

from redact.detect.recognizers.base import PERSON, Finding
from redact.detect.recognizers.hangul_words import known_given_names
from redact.text.search import find_all, fold
from redact.text.variants import (
    SURNAMES,
    TITLES,
    key_parts,
    name_key,
    spelling_variants,
    split_syllables,
)

NAME = "protected-term"
EVERYDAY_BEFORE_NAME = 4.6  # Zipf: "dear" 4.8, "then" 6.1; the surnames Mo 4.4, Yu 3.9


_WORD_BEFORE = re.compile(r"(?<![\w'\u2019-])([A-Z][\w'\u2019]*)[ \t]$")


def _other_surname_before(text: str, start: int, surname: str) -> bool:
    """True when the word right before ``start`` is another name's surname: a known surname
    other than ``surname``, or a capitalised Korean syllable that is no everyday English word
    ("Mo Hye-ran"; not "Teacher Hye-ran", "Dear Hye-ran", "Ryu Hye-ran")."""
    match = _WORD_BEFORE.search(text, max(0, start - 16), start)
    if match is None:
        return False
    word = fold(match.group(1)).replace("'", "").replace("\u2019", "")
    if word in SURNAMES:
        return SURNAMES[word] != surname
    if word in TITLES or len(split_syllables(word) or ()) != 1:
        return False
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") < EVERYDAY_BEFORE_NAME


class ProtectedTerms:
    name = NAME
    labels = (PERSON,)

    def __init__(self, terms: Sequence[str], label_of: dict[str, str] | None = None) -> None:
        self.terms = tuple(terms)
        self._label_of = label_of or {}
        self._variants = {
            term: sorted({term, *spelling_variants(term)}, key=len, reverse=True)
            for term in self.terms
        }
        # a Korean name's given name alone in Hangul (성미 for Kwak Sŏng-mi)
        keys = [name_key(t) for t in self.terms if self._label_of.get(t, PERSON) == PERSON]
        self._givens = {f"|{k.partition('|')[2]}": k for k in keys if k.partition("|")[0]}

    def find(self, text: str) -> list[Finding]:
        folded = fold(text)
        found: dict[tuple[int, int], Finding] = {}
        for number, term in enumerate(self.terms, 1):
            surname = key_parts(name_key(term))[0]
            for variant in self._variants[term]:
                alone = surname and not key_parts(name_key(variant))[0]  # its given name alone
                for start, end in find_all(text, variant, folded):
                    if (start, end) in found:
                        continue
                    if alone and _other_surname_before(text, start, surname):
                        continue  # "Mo Hye-ran" is somebody else than a protected Ryu Hye-ran
                    exact = variant == term
                    found[(start, end)] = Finding(
                        start,
                        end,
                        self._label_of.get(term, PERSON),
                        1.0,
                        NAME,
                        f"protected term #{number} given at intake"
                        + ("" if exact else " (spelling variant)"),
                        key=name_key(term),
                    )
        for start, end, key, why in known_given_names(text, self._givens):
            if not any(a <= start and end <= b for a, b in found):
                found[(start, end)] = Finding(start, end, PERSON, 1.0, NAME, why, key=key)
        return list(found.values())
