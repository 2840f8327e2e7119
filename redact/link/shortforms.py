"""Camps and organisations across the corpus: a shorter way of writing one that only one explains.

* A camp named by kind and number only ("Camp 9", "Kyohwaso 9") is the one camp of the corpus
  with that number and a kind that fits ("Camp" fits every kind; "Kyohwaso" and "Kwanliso" are
  two kinds); with two such camps it is kept apart and marked for the reviewer.
* A name that only a model or the capitalised-word net read ("Tavan Bogd", "the Tavan Bogd
  centre") is the camp of that name when exactly one camp of the corpus has it and no rule or
  place cue read those letters as anything else (a known town, a name read as a place after
  "in", stays a place: the village is not the camp).
* An organisation's opening words ("Baekdu Seafood" for "Qingdao Baekdu Seafood Processing Co.,
  Ltd.", a leading place name aside), or its closing words without a name ("the Overseas
  Construction Bureau"), are the one organisation of the corpus written that way in full;
  never a name that ends in a place word ("X County" is the county the bureau is named after).
"""

from __future__ import annotations

from collections.abc import Iterable

from redact.detect.recognizers.base import CAMP, LOCATION, ORGANIZATION, PERSON
from redact.detect.recognizers.gazetteer import fold_key, gazetteer
from redact.detect.span import Span
from redact.link.keys import GUESS, RULE, Entity, evidence
from redact.link.kinds import GENERIC, CampName, camp_name, org_words
from redact.link.records import name_words, named
from redact.text.search import compact
from redact.text.variants import word_set

_MIN_NAME = 4  # letters a camp's name needs before its bare name is searched for
_TRAILING = ("centre", "center", "camp", "facility")
# A name that ends in a place word is that place, not the start of an organisation named after
# it ("X County" is the county; "X County Public Security Bureau" the bureau). Words as
# ``org_words`` spells them (a final y read as i).
_PLACE_HEADS = word_set(
    "counti county city province district village town township prefecture oblast krai "
    "region ri dong gu gun si"
)


def _fits(one: CampName, other: CampName) -> bool:
    kinds = one.kind == other.kind or GENERIC in (one.kind, other.kind)
    return kinds and (not one.name or not other.name or one.name == other.name)


class ShortForms:
    """Keys of shorter ways of writing a camp or an organisation -> the one they name."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        entities = list(entities)
        self.camps: dict[str, CampName] = {}
        self.orgs: dict[str, list[str]] = {}
        self.first: dict[str, str] = {}
        for e in entities:
            if "#" in e.key or e.strength < RULE:
                continue
            if e.label == CAMP and (camp := camp_name(e.surfaces[0])).kind:
                self.camps[e.key] = camp
            elif e.label == ORGANIZATION and len(words := org_words(e.surfaces[0])) >= 2:
                self.orgs[e.key] = words
            self.first.setdefault(e.key, e.surfaces[0])
        self.by_key: dict[str, list[str]] = {}  # an organisation's key -> what it is short for
        for e in entities:
            if e.label == ORGANIZATION and "#" not in e.key:
                found = {k for s in e.surfaces for k in self._organisations(s, e.label, e.key)}
                if found:
                    self.by_key[e.key] = sorted(found)

    def numbered(self, span: Span) -> tuple[list[str], str]:
        """Camps a kind + number ("Camp 9") could be, and their number."""
        camp = camp_name(span.text)
        if span.label != CAMP or camp.name or not camp.kind or not camp.number:
            return [], ""
        found = [
            k
            for k, c in self.camps.items()
            if k != span.entity
            and c.number == camp.number
            and _fits(camp, c)
            and c != camp
            and not _under(c, camp)
        ]
        # "Camp 9" and "Kyohwaso 9" both fit "Hwasong kyohwaso 9": the most specific one
        found = [k for k in found if not any(_under(self.camps[k], self.camps[o]) for o in found)]
        return found, camp.number

    def named_camps(self, span: Span) -> list[str]:
        """Camps of the corpus whose name is all a guessed name says ("the X centre")."""
        words = [w for w in fold_key(span.text) if w not in ("the", "a", "an", "this", "that")]
        if words and words[-1] in _TRAILING:
            words = words[:-1]
        letters = compact(" ".join(words))
        if len(letters) < _MIN_NAME or tuple(words) in gazetteer():
            return []
        return [k for k, c in self.camps.items() if c.name == letters]

    def organisations(self, span: Span) -> list[str]:
        """Organisations of the corpus that the span's words open (or close, without a name);
        for an organisation, those that one of its Latin spellings in the corpus opens."""
        if span.label == ORGANIZATION and span.entity in self.by_key:
            return self.by_key[span.entity]
        return self._organisations(span.text, span.label, span.entity)

    def _organisations(self, text: str, label: str, entity: str) -> list[str]:
        words = org_words(text)
        if not words or fold_key(text) in gazetteer() or words[-1] in _PLACE_HEADS:
            return []
        several = len(words) >= 2
        if label != ORGANIZATION and not several:
            return []
        found = []
        for key, full in self.orgs.items():
            if key == entity or len(full) <= len(words):
                continue
            opens = full[: len(words)] == words or name_words(full)[: len(words)] == words
            closes = several and not named(words) and full[-len(words) :] == words
            if (opens and (several or named(words))) or closes:
                found.append(key)
        return [k for k in found if not any(_longer(self.orgs[k], self.orgs[o]) for o in found)]


def _under(one: CampName, other: CampName) -> bool:
    """``one`` is a less specific way of writing ``other`` (no name, or the generic kind)."""
    if one == other or not _fits(one, other):
        return False
    return (not one.name and bool(other.name)) or (one.kind == GENERIC != other.kind)


def _longer(short: list[str], full: list[str]) -> bool:
    n = len(short)
    return len(full) > n and (full[:n] == short or name_words(full)[:n] == short)


def resolve(span: Span, aliases: ShortForms, rivals: dict[str, tuple[int, set[str]]]) -> Span:
    """The span as the one camp or organisation of the corpus it is a shorter form of, else
    unchanged (an ambiguous kind + number says so). ``rivals``: the label vote for its letters."""
    if span.label == CAMP:
        found, number = aliases.numbered(span)
        if len(found) == 1:
            why = f"the one camp numbered {number} in the corpus ('{aliases.first[found[0]]}')"
            return span.with_(entity=found[0], explanation=f"{span.explanation}; {why}")
        if found:
            names = ", ".join(f"'{aliases.first[k]}'" for k in sorted(found))
            why = (
                f"ambiguous: {len(found)} camps are numbered {number} ({names}); kept apart, review"
            )
            return span.with_(explanation=f"{span.explanation}; {why}")
    guessed = evidence(span) <= GUESS and span.label in (PERSON, LOCATION, CAMP, ORGANIZATION)
    ruled_other = any(s > GUESS for label, (s, _) in rivals.items() if label != CAMP)
    if guessed and not ruled_other and len(found := aliases.named_camps(span)) == 1:
        why = f"the name of the camp written '{aliases.first[found[0]]}' elsewhere: review"
        return span.with_(label=CAMP, entity=found[0], explanation=f"{span.explanation}; {why}")
    if span.label in (PERSON, LOCATION, ORGANIZATION):
        found = aliases.organisations(span)
        if len(found) == 1:
            why = f"a shorter form of the organisation written '{aliases.first[found[0]]}': review"
            return span.with_(
                label=ORGANIZATION, entity=found[0], explanation=f"{span.explanation}; {why}"
            )
    return span
