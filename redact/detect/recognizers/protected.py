"""Protected terms given at intake (witness name, relatives, home town): always found, in every
spelling variant the variants module knows (case, hyphen/space/joined, romanization, given name
alone, surname with a title), also across line breaks."""

from __future__ import annotations

from collections.abc import Sequence

from redact.detect.recognizers.base import PERSON, Finding
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
        return list(found.values())
