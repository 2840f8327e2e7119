"""One label per entity across the corpus: the strongest evidence decides.

The same written name may be read as a person in one record and as a place in another, because
the statistical model or the capitalised-word net only guess a label. Where a rule for one
family of identifier (a name, camp or place recognizer; see ``keys.evidence``) found the same
letters anywhere in the corpus with one label, and nothing as strong found them with another, a
guessed label gives way to it, so the entity gets one key and one replacement everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from redact.detect.recognizers.base import CAMP, LOCATION, ORGANIZATION, PERSON
from redact.detect.span import Span
from redact.link.keys import MIN_LETTERS, Entity, entity_key, evidence
from redact.link.kinds import org_letters
from redact.link.shortforms import ShortForms, resolve
from redact.text.search import compact, strip_possessive

VOTED_LABELS = (PERSON, LOCATION, CAMP, ORGANIZATION)
_INITIALS = 2  # "SM", "KH": initials written in capitals are letters enough
_WORDS = {PERSON: "a person", LOCATION: "a place", CAMP: "a camp", ORGANIZATION: "an organisation"}


def _letters(surface: str) -> str:
    """What two written names must share to be one: letters in Latin, an organisation's
    legal form and a leading article aside (``kinds.org_letters``)."""
    return org_letters(surface) or compact(strip_possessive(surface))


class LabelVote:
    """Letters of a written name -> label -> (best evidence, entity keys), over the corpus."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        entities = list(entities)
        self.short = ShortForms(entities)
        self.votes: dict[str, dict[str, tuple[int, set[str]]]] = {}
        for entity in entities:
            if entity.label not in VOTED_LABELS or "#" in entity.key or not entity.strength:
                continue
            for surface in entity.surfaces:
                letters = _letters(surface)
                if len(letters) < (_INITIALS if surface.isupper() else MIN_LETTERS):
                    continue
                by_label = self.votes.setdefault(letters, {})
                strength, keys = by_label.get(entity.label, (0, set()))
                by_label[entity.label] = (max(strength, entity.strength), keys | {entity.key})

    def relabel(self, span: Span) -> Span:
        """The span under the label the corpus's strongest evidence gives its letters, with
        that entity's key when one entity has it; then, a shorter form of a camp or an
        organisation as that one (``shortforms``); else the span unchanged."""
        if span.label not in VOTED_LABELS:
            return span
        voted = self._vote(span)
        return resolve(voted, self.short, self.votes.get(_letters(span.text), {}))

    def _vote(self, span: Span) -> Span:
        by_label = self.votes.get(_letters(span.text))
        if not by_label or (len(by_label) < 2 and span.label in by_label):
            return span
        best = max(strength for strength, _ in by_label.values())
        winners = [label for label, (strength, _) in by_label.items() if strength == best]
        if len(winners) != 1 or winners[0] == span.label or evidence(span) >= best:
            return span
        label = winners[0]
        keys = by_label[label][1]
        key = next(iter(keys)) if len(keys) == 1 else entity_key(label, span.text)
        why = (
            f"{span.explanation}; read as {_WORDS[label]}, as a stronger recognizer read the same "
            "name elsewhere in the corpus: review"
        )
        return span.with_(label=label, entity=key, explanation=why)
