"""A Russian name declined by its sentence, or called by its diminutive, is the person the
corpus writes in full; never when two full names fit. All names are invented; none occurs in
samples/.
"""

from __future__ import annotations

from redact.link.declension import declined_aliases
from redact.link.keys import Entity, entity_key
from redact.link.pseudonyms import PseudonymTable
from redact.pipeline.analysis import Source, analyse
from redact.plan import policy


def _corpus(*surfaces: str) -> dict[str, Entity]:
    keys = [entity_key("PERSON", s) for s in surfaces]
    return {k: Entity(k, "PERSON", (s,)) for k, s in zip(keys, surfaces, strict=True)}


def _labels(*texts: str) -> list[dict[str, str]]:
    chosen = policy.load(None)
    sources = [Source(f"r{i}", t) for i, t in enumerate(texts)]
    outcome = analyse(sources, chosen, PseudonymTable(style=chosen.style))
    return [{s.text: s.replacement for s in spans} for spans in outcome.spans]


def test_a_declined_name_and_a_diminutive_link_to_the_name_written_in_full() -> None:
    corpus = _corpus("Гордей Ли", "Гордея Ли", "Ксения Тарасова", "Ксенией Тарасовой")
    aliases = declined_aliases(corpus)
    assert aliases[entity_key("PERSON", "Гордея Ли")] == entity_key("PERSON", "Гордей Ли")
    assert aliases[entity_key("PERSON", "Ксенией Тарасовой")] == entity_key(
        "PERSON", "Ксения Тарасова"
    )
    (labels,) = _labels("Pastor Stanislav Tsoi met us. Slava Tsoi wrote later.")
    assert labels["Slava Tsoi"] == labels["Pastor Stanislav Tsoi"]


def test_a_diminutive_of_two_known_full_names_links_to_neither() -> None:
    # Slava may be Stanislav or Yaroslav: both are Tens of the corpus
    aliases = declined_aliases(_corpus("Stanislav Ten", "Yaroslav Ten", "Slava Ten"))
    assert entity_key("PERSON", "Slava Ten") not in aliases


def test_spellings_of_one_name_are_no_declension() -> None:
    # two transliterations of one name are the spelling aliases' business, not this rule's
    assert declined_aliases(_corpus("Taisia Gromova", "Taisiya Gromova")) == {}


def test_a_koryo_saram_surname_after_a_russian_first_name_is_part_of_the_name() -> None:
    # "Ten" and "Ni" are Koryo-saram surnames (Тен, Ни), not the English word or a syllable
    (labels,) = _labels("Slava Ten wrote later. Olga Ni and Viktor Tsoi came. Misha So we left.")
    assert {"Slava Ten", "Olga Ni", "Viktor Tsoi"} <= set(labels)
    assert "Misha So" not in labels
