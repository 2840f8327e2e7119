"""A title form is one person across records only when the evidence agrees (``link.aliases``).

Names are invented. Each record that names "Deacon Ryu" beside exactly one full name of that
surname votes for it; unanimous votes join the title form to that person everywhere, two
different people named by the votes keep it apart everywhere, and no join ever makes one person
of two full names.
"""

from __future__ import annotations

from redact.detect.span import Span
from redact.link import aliases
from redact.link.pseudonyms import PseudonymTable
from redact.pipeline.analysis import Source, propose
from redact.plan import policy as policy_module

POLICY = policy_module.load(None)

WITH_SANG_GIL = (
    "Deacon Ryu met us at the church. Ryu Sang-gil, the deacon, had driven from the coast. "
    "Later Deacon Ryu took the two women to the station."
)
ALONE = "The women stayed one week. Deacon Ryu brought rice and said nothing about money."
WITH_MI_RAN = "Ryu Mi-ran cooked for everyone. Deacon Ryu arrived after dark and left before dawn."


def _run(*texts: str) -> tuple[list[list[Span]], PseudonymTable]:
    table = PseudonymTable(style=POLICY.style)
    sources = [Source(f"r{i}", text, ()) for i, text in enumerate(texts)]
    return propose(sources, POLICY, table), table


def _replacements(spans: list[Span], words: str) -> set[str]:
    return {s.replacement for s in spans if s.text == words}


def test_unanimous_votes_give_a_title_form_its_full_names_pseudonym_everywhere() -> None:
    (first, alone), _ = _run(WITH_SANG_GIL, ALONE)
    full = _replacements(first, "Ryu Sang-gil")
    assert len(full) == 1
    assert _replacements(first, "Deacon Ryu") == full
    assert _replacements(alone, "Deacon Ryu") == full
    joined = [s for s in alone if s.text == "Deacon Ryu"]
    assert all("the same person as 'Ryu Sang-gil'" in s.explanation for s in joined)


def test_votes_for_two_people_keep_the_title_form_apart_everywhere() -> None:
    (first, alone, other), _ = _run(WITH_SANG_GIL, ALONE, WITH_MI_RAN)
    sang_gil = _replacements(first, "Ryu Sang-gil")
    mi_ran = _replacements(other, "Ryu Mi-ran")
    deacon = _replacements(alone, "Deacon Ryu")
    assert len(deacon) == 1
    assert deacon.isdisjoint(sang_gil | mi_ran)
    kept = [s for s in alone if s.text == "Deacon Ryu"]
    assert all("2 different people" in s.explanation for s in kept)


def test_votes_are_kept_per_record_and_go_with_a_withdrawn_record() -> None:
    _, table = _run(WITH_SANG_GIL, ALONE, WITH_MI_RAN)
    votes = table.votes["title"]
    (key,) = votes
    assert sorted(r for records in votes[key].values() for r in records) == ["r0", "r2"]
    restored = PseudonymTable.from_json(table.to_json())
    assert restored.votes == table.votes
    restored.forget_record("r2")
    assert [r for records in restored.votes["title"][key].values() for r in records] == ["r0"]


def test_a_record_analysed_alone_later_is_decided_with_the_archives_votes() -> None:
    (first,), table = _run(WITH_SANG_GIL)
    later = propose([Source("r9", ALONE, ())], POLICY, table)[0]
    assert _replacements(later, "Deacon Ryu") == _replacements(first, "Ryu Sang-gil")


def test_a_join_never_makes_one_person_of_two_full_names() -> None:
    chosen = aliases.Aliases()
    assert chosen.join("PERSON:deacon ryu|", "PERSON:ryu|sanggil", "one record")
    assert not chosen.join("PERSON:deacon ryu|", "PERSON:ryu|miran", "another record")
    assert chosen.find("PERSON:deacon ryu|") == "PERSON:ryu|sanggil"
    assert chosen.find("PERSON:ryu|miran") == "PERSON:ryu|miran"
    assert "two different full names" in chosen.refused["PERSON:deacon ryu|"]


def test_a_mention_scoped_to_its_record_is_never_joined() -> None:
    votes = {"title": {"PERSON:ryu|#abc123": {"PERSON:ryu|sanggil": ["r0"]}}}
    assert aliases.decide(votes).find("PERSON:ryu|#abc123") == "PERSON:ryu|#abc123"
