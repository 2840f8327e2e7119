"""Protected terms given at intake (witness name, relatives, home town): always found, in every
spelling variant the variants module knows (case, hyphen/space/joined, romanization, given name
alone, surname with a title), also across line breaks, and a Korean name's given name alone
written in Hangul."""

from __future__ import annotations

from collections.abc import Sequence

from redact.detect.recognizers.base import PERSON, Finding
from redact.detect.recognizers.hangul_words import known_given_names
from redact.text.search import find_all, fold
from redact.text.variants import name_key, spelling_variants

NAME = "protected-term"


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
            for variant in self._variants[term]:
                for start, end in find_all(text, variant, folded):
                    if (start, end) in found:
                        continue
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
