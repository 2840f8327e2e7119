"""A title form joins a full name only on evidence the corpus agrees with (``link.aliases``).

Names are invented. A record that names "Deacon Ryu" beside exactly one full name of that
surname votes for it. The record links them when every vote in the corpus names that person,
even though another Ryu is named elsewhere; votes for two people keep "Deacon Ryu" apart in
every record; a record with no full name keeps its "Deacon Ryu" to itself; and no join ever
makes one person of two full names.
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
AGAIN = "Ryu Sang-gil drove the van. Deacon Ryu paid the driver at the border."
ALONE = "The women stayed one week. Deacon Ryu brought rice and said nothing about money."
MI_RAN = "Ryu Mi-ran cooked for everyone in the house by the river."
WITH_MI_RAN = "Ryu Mi-ran cooked for everyone. Deacon Ryu arrived after dark and left before dawn."


def _run(*texts: str) -> tuple[list[list[Span]], PseudonymTable]:
    table = PseudonymTable(style=POLICY.style)
    sources = [Source(f"r{i}", text, ()) for i, text in enumerate(texts)]
    return propose(sources, POLICY, table), table


def _replacements(spans: list[Span], words: str) -> set[str]:
    return {s.replacement for s in spans if s.text == words}


def test_one_records_vote_does_not_link_a_title_form_the_corpus_could_mean_otherwise() -> None:
    (first, _), _ = _run(WITH_SANG_GIL, MI_RAN)
    assert _replacements(first, "Deacon Ryu").isdisjoint(_replacements(first, "Ryu Sang-gil"))


def test_unanimous_votes_link_a_title_form_to_its_records_one_full_name() -> None:
    (first, _, alone, _), _ = _run(WITH_SANG_GIL, MI_RAN, ALONE, AGAIN)
    full = _replacements(first, "Ryu Sang-gil")
    assert len(full) == 1
    assert _replacements(first, "Deacon Ryu") == full  # another Ryu is named elsewhere
    joined = [s for s in first if s.text == "Deacon Ryu"]
    assert all("the same person as 'Ryu Sang-gil'" in s.explanation for s in joined)
    # a record with no full name keeps its "Deacon Ryu" to itself: it may be another deacon
    assert _replacements(alone, "Deacon Ryu").isdisjoint(full)


def test_votes_for_two_people_keep_the_title_form_apart_in_every_record() -> None:
    (first, other), _ = _run(WITH_SANG_GIL, WITH_MI_RAN)
    assert _replacements(first, "Deacon Ryu").isdisjoint(_replacements(first, "Ryu Sang-gil"))
    assert _replacements(other, "Deacon Ryu").isdisjoint(_replacements(other, "Ryu Mi-ran"))
    kept = [s for s in first + other if s.text == "Deacon Ryu"]
    assert kept and all("2 different people" in s.explanation for s in kept)


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
    _, table = _run(WITH_SANG_GIL)
    later = propose([Source("r9", WITH_MI_RAN, ())], POLICY, table)[0]
    # this record alone votes for Ryu Mi-ran; the archive's votes also name Ryu Sang-gil
    assert _replacements(later, "Deacon Ryu").isdisjoint(_replacements(later, "Ryu Mi-ran"))


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


CODED = "Yang Hye-rim (P-58) crossed in the spring. P-58 said the broker kept her papers."
CODE_ONLY = "In the second interview P-58 described the factory and its night shifts."
OTHER_NAME = "Ko Un-sil (P-58) was moved to the city. Her sister stayed behind."


def test_a_code_the_text_ties_to_a_name_has_that_names_pseudonym_in_every_record() -> None:
    (coded, later), _ = _run(CODED, CODE_ONLY)
    name = _replacements(coded, "Yang Hye-rim")
    assert len(name) == 1
    assert _replacements(coded, "P-58") == name
    assert _replacements(later, "P-58") == name


def test_a_code_tied_to_two_names_is_kept_apart() -> None:
    (coded, later, other), _ = _run(CODED, CODE_ONLY, OTHER_NAME)
    names = _replacements(coded, "Yang Hye-rim") | _replacements(other, "Ko Un-sil")
    assert len(names) == 2
    assert _replacements(later, "P-58").isdisjoint(names)
