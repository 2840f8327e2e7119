"""The corpus-wide pseudonym table: one replacement per entity, stable across runs and records.

Kept encrypted in the vault (document "pseudonyms"). Two styles: role labels ("[Person 3]",
"[Place 2]") or invented, realistic names ("[Seo Ha-yun]"). An invented name is never one that
occurs in the corpus, in any spelling.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from redact.link.aliases import Votes, forget_votes, record_votes
from redact.link.linking import Entity
from redact.text.search import compact
from redact.text.variants import name_key

LABEL_WORDS = {
    "PERSON": "Person",
    "LOCATION": "Place",
    "CAMP": "Camp",
    "ORGANIZATION": "Organisation",
    "PHONE": "Phone",
    "WECHAT": "WeChat ID",
    "QQ": "QQ ID",
    "EMAIL": "E-mail",
    "ID_NUMBER": "ID number",
}
_SURNAMES = ("Seo", "Moon", "Yoon", "Hwang", "Nam", "Bae", "Ha", "Min", "Do", "Ahn", "Tak", "Pyo")
_SYLLABLES = (
    "Ha",
    "Yun",
    "Seul",
    "Ga",
    "On",
    "Dam",
    "Bit",
    "Sol",
    "Rin",
    "Na",
    "Eun",
    "Ye",
    "Gyeol",
    "Chan",
    "Dong",
    "Hyun",
    "Ju",
    "Mi",
    "Ro",
    "San",
)


def _invented_names() -> Iterator[str]:
    """A fixed sequence of invented names that varies both surname and given name."""
    givens = list(itertools.permutations(_SYLLABLES, 2))
    for i in range(math.lcm(len(_SURNAMES), len(givens))):
        first, second = givens[i % len(givens)]
        yield f"{_SURNAMES[i % len(_SURNAMES)]} {first}-{second.lower()}"


@dataclass
class PseudonymTable:
    style: str = "labels"
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)  # entity key -> entry
    # evidence that two keys are one person, by kind ("title", "stated"), kept per record
    votes: dict[str, Votes] = field(default_factory=dict)

    def vote(self, record_id: str, kind: str, found: dict[str, str]) -> None:
        """Replace a record's evidence of one kind (alias key -> the key it names)."""
        record_votes(self.votes.setdefault(kind, {}), record_id, found)

    def pseudonym(self, key: str) -> str | None:
        entry = self.entries.get(key)
        return entry["pseudonym"] if entry else None

    def assign(
        self, key: str, label: str, surface: str, record_id: str, corpus_names: Iterable[str] = ()
    ) -> str:
        """The entity's pseudonym, made on first sight; remembers surfaces and records."""
        entry = self.entries.get(key)
        if entry is None:
            entry = {
                "label": label,
                "pseudonym": self._new(label, corpus_names),
                "surfaces": [],
                "records": [],
            }
            self.entries[key] = entry
        if surface not in entry["surfaces"]:
            entry["surfaces"].append(surface)
        if record_id and record_id not in entry["records"]:
            entry["records"].append(record_id)
        return str(entry["pseudonym"])

    def _new(self, label: str, corpus_names: Iterable[str]) -> str:
        taken = {e["pseudonym"] for e in self.entries.values()}
        if self.style == "names" and label == "PERSON":
            forbidden = {compact(n) for n in corpus_names} | {name_key(n) for n in corpus_names}
            for surfaces in (e["surfaces"] for e in self.entries.values()):
                forbidden |= {compact(s) for s in surfaces} | {name_key(s) for s in surfaces}
            for name in _invented_names():
                marked = f"[{name}]"
                if (
                    marked not in taken
                    and compact(name) not in forbidden
                    and name_key(name) not in forbidden
                ):
                    return marked
        word = LABEL_WORDS.get(label, label.title())
        number = 1 + sum(1 for e in self.entries.values() if e["label"] == label)
        while f"[{word} {number}]" in taken:
            number += 1
        return f"[{word} {number}]"

    def entities(self) -> list[Entity]:
        return [Entity(key, e["label"], tuple(e["surfaces"])) for key, e in self.entries.items()]

    def forget_record(self, record_id: str) -> None:
        """Drop a record; entries used by no other record go (consent withdrawal)."""
        for key in list(self.entries):
            records = self.entries[key]["records"]
            if record_id in records:
                records.remove(record_id)
                if not records:
                    del self.entries[key]
        for votes in self.votes.values():
            forget_votes(votes, record_id)

    def to_json(self) -> dict[str, Any]:
        return {"format": 1, "style": self.style, "entries": self.entries, "votes": self.votes}

    @classmethod
    def from_json(cls, body: dict[str, Any] | None, style: str = "labels") -> PseudonymTable:
        if not body:
            return cls(style=style)
        return cls(
            style=body.get("style", style),
            entries=dict(body.get("entries", {})),
            votes=dict(body.get("votes", {})),
        )
