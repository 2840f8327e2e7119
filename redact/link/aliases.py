"""One person however named across records: aliases decided from evidence, never guessed.

A role or familiar title + surname ("Pastor Han", "Auntie Pak", "Old Wang") is kept to its
record unless that record names it beside exactly one full name it could be (same surname, the
spelling rules of ``corpus.explains``): then the record votes for that full name. The record
links them when two records or more vote and every vote in the corpus names that person, even
if other people of that surname are named elsewhere (one record's vote is not enough: its "Lao
Zhang" may be another Zhang the corpus knows); when two records vote for two different people
(one "Auntie Kim" is a broker here and a cook there), it stays apart in every record, and its
reason says so. A record with two full names of that surname does not vote; a record with none
keeps its title form to itself, since the archive may hold several people called by it.

Evidence the text states itself (``stated``: "Ri Sang-mi, now P-07", "nicknamed 'the Fox'
(Song Chŏl-min)") is decided the same way: an alias is joined to the one name all its
statements give, never to two. No group ever holds two full names: a join that would make one
person of two full names (whose given names differ) is refused.

Votes are kept per record in the vault's pseudonym table, so a record analysed alone later is
decided with the evidence of the whole archive, and a withdrawn record's votes go with it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from redact.detect.recognizers.base import PERSON
from redact.detect.span import Span
from redact.link import gender
from redact.link.keys import collect, is_full
from redact.link.partial import candidates, other_title, partial_body
from redact.text.search import strip_possessive
from redact.text.variants import MARRIED_TITLES, role_titles

Votes = dict[str, dict[str, list[str]]]  # alias key -> named key -> record ids
TITLE_VOTERS = 2  # records that must agree before a title form joins a full name


def record_votes(votes: Votes, record_id: str, found: Mapping[str, str]) -> None:
    """Replace ``record_id``'s votes (alias key -> the one key it names in that record)."""
    forget_votes(votes, record_id)
    for alias, named in found.items():
        records = votes.setdefault(alias, {}).setdefault(named, [])
        if record_id not in records:
            records.append(record_id)


def forget_votes(votes: Votes, record_id: str) -> None:
    """Drop a record's votes (consent withdrawal, or before it votes again)."""
    for alias in list(votes):
        for named in list(votes[alias]):
            records = votes[alias][named]
            if record_id in records:
                records.remove(record_id)
            if not records:
                del votes[alias][named]
        if not votes[alias]:
            del votes[alias]


def title_votes(linked: Sequence[Span], text: str = "") -> dict[str, str]:
    """A record's votes (``link.aliases``): each role or familiar title + surname ("Pastor
    Han") that this record names beside exactly one full name it could be -> that full name.
    Married titles ("Mrs. Pak", a woman known by her husband's name) never vote, nor does a
    title for a person the record ``text`` writes as the other sex (``link.gender``), nor two
    titles of one surname in one record."""
    local = collect(linked)
    found: dict[str, set[str]] = {}
    for span in linked:
        if span.label != PERSON:
            continue
        surface = strip_possessive(span.text)
        titles = role_titles(surface)
        body = partial_body(span)
        if not titles or body is None or not body.rpartition("|")[0]:
            continue
        if any(t in MARRIED_TITLES for t in titles.split()):
            continue
        # two titles of one surname ("Guard Yang", "Foreman Yang") may be two people: no vote
        if other_title(titles, body, local):
            continue
        key = f"{PERSON}:{titles} {body}"
        named = candidates(surface, body, local)
        apart = gender.unlike(surface, named, local, text)
        found.setdefault(key, set()).update(k for k in named if k not in apart)
    return {key: next(iter(names)) for key, names in found.items() if len(names) == 1}


@dataclass
class Aliases:
    """Keys joined into groups (union-find); each group's key is its one full name."""

    parent: dict[str, str] = field(default_factory=dict)
    why: dict[str, str] = field(default_factory=dict)  # alias key -> reason, for the reviewer
    refused: dict[str, str] = field(default_factory=dict)  # alias key -> why it stays apart

    def find(self, key: str) -> str:
        while key in self.parent:
            key = self.parent[key]
        return key

    def join(self, alias: str, named: str, reason: str) -> bool:
        """Join ``alias`` into ``named``'s group, unless that would hold two full names."""
        one, other = self.find(alias), self.find(named)
        if one == other:
            return True
        if is_full(one) and is_full(other):
            self.refused[alias] = "its evidence names two different full names"
            return False
        root, child = (one, other) if is_full(one) else (other, one)
        self.parent[child] = root
        self.why.setdefault(alias, reason)
        return True


def decide(votes: Mapping[str, Votes]) -> Aliases:
    """Aliases from the votes of every kind (``{"title": votes, "stated": votes}``): an alias
    whose votes name one key only is joined to it; stated evidence is joined first. A title
    form's join takes effect in the records that voted for it (see :func:`apply`)."""
    aliases = Aliases()
    for kind in ("stated", "title"):
        for alias in sorted(votes.get(kind, {})):
            named = votes[kind][alias]
            if "#" in alias and kind != "stated":
                continue  # kept to its record: only its record's own words join it
            if len(named) != 1:
                aliases.refused[alias] = (
                    f"records name {len(named)} different people for it; kept apart, review"
                )
                continue
            ((target, records),) = named.items()
            count = len(records)
            if kind == "title" and count < TITLE_VOTERS:
                continue  # one record's word against a corpus that knows other people so named
            what = "meets only this name" if kind == "title" else "is said to be this person"
            aliases.join(alias, target, f"{count} record(s) where it {what}")
    return aliases


def apply(
    spans: Sequence[Span],
    aliases: Aliases,
    names: Mapping[str, str],
    voted: Mapping[str, str] | None = None,
) -> list[Span]:
    """Spans under their group's key, each change explained (``names``: key -> how written).
    A title form kept to its record joins the full name its record voted for (``voted``: this
    record's votes) when the corpus's votes name that person only."""
    voted = voted or {}
    out = []
    for span in spans:
        if span.label != PERSON or not span.entity:
            out.append(span)
            continue
        key = span.entity
        unscoped = key.rpartition("#")[0] if "#" in key else key
        if "#" in key and unscoped in voted and aliases.find(unscoped) == voted[unscoped]:
            key = unscoped
        root = aliases.find(key)
        if root != span.entity:
            written = names.get(root, root.partition(":")[2])
            why = aliases.why.get(key, "the same person")
            span = span.with_(
                entity=root,
                explanation=f"{span.explanation}; the same person as '{written}' ({why}): review",
            )
        elif unscoped in aliases.refused:
            why = aliases.refused[unscoped]
            span = span.with_(explanation=f"{span.explanation}; {why}")
        out.append(span)
    return out
