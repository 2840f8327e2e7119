"""One label per entity across the corpus: a rule's label beats a guessed one (issue 11)."""

from __future__ import annotations

from redact.detect.recognizers.base import LOCATION, ORGANIZATION, PERSON, Reason
from redact.detect.span import Span
from redact.link import linking
from redact.link.keys import collect, entity_key


def _span(text: str, surface: str, label: str, recognizer: str, key: str = "") -> Span:
    start = text.index(surface)
    reason = Reason(recognizer, "test", 0.8, label)
    entity = key or entity_key(label, surface)
    return Span(
        start, start + len(surface), surface, label, 0.8, recognizer, "", entity, reasons=(reason,)
    )


def test_a_guessed_label_gives_way_to_a_place_rule_elsewhere() -> None:
    first, second = "We walked to Tabaksol at night.", "Tabaksol was quiet."
    ruled = _span(first, "Tabaksol", LOCATION, "places")
    guessed = _span(second, "Tabaksol", PERSON, "proper_nouns")
    linker = linking.Linker(collect([ruled, guessed]).values())
    one = linker.link(first, [ruled])
    other = linker.link(second, [guessed])
    assert (one[0].label, one[0].entity) == (other[0].label, other[0].entity)
    assert other[0].label == LOCATION and "review" in other[0].explanation


def test_initials_a_model_called_an_organisation_take_the_persons_key() -> None:
    first, second = "Notes by TR.", "TR called."
    ruled = _span(first, "TR", PERSON, "initials", key="PERSON:initials:TR")
    guessed = _span(second, "TR", ORGANIZATION, "presidio:SpacyRecognizer")
    linker = linking.Linker(collect([ruled, guessed]).values())
    linked = linker.link(second, [guessed])
    assert (linked[0].label, linked[0].entity) == (PERSON, "PERSON:initials:TR")


def test_two_rules_that_disagree_or_two_guesses_change_nothing() -> None:
    first, second = "Ogapi was there.", "Ogapi again."
    place = _span(first, "Ogapi", LOCATION, "places")
    name = _span(second, "Ogapi", PERSON, "korean_names")
    linker = linking.Linker(collect([place, name]).values())
    assert linker.link(second, [name])[0].label == PERSON
    assert linker.link(first, [place])[0].label == LOCATION
    guess_place = _span(first, "Ogapi", LOCATION, "proper_nouns")
    guess_name = _span(second, "Ogapi", PERSON, "presidio:SpacyRecognizer")
    guesses = linking.Linker(collect([guess_place, guess_name]).values())
    assert guesses.link(second, [guess_name])[0].label == PERSON


def test_an_organisation_is_one_key_without_its_legal_form_or_script() -> None:
    from redact.link.keys import entity_key as key

    one = key(ORGANIZATION, "Pyoldal Fisheries Co., Ltd.")
    assert one == key(ORGANIZATION, "the Pyoldal Fisheries")
    assert one == key(ORGANIZATION, "Pyoldal Fisheries")
    cyrillic = "\u041e\u041e\u041e «Заря-Лес»"  # the Russian legal form, in Cyrillic
    assert key(ORGANIZATION, "OOO Zarya-Les") == key(ORGANIZATION, cyrillic)
    assert key(ORGANIZATION, "Pyoldal Fisheries") != key(ORGANIZATION, "Pyoldal Foods")


def test_a_guessed_place_is_the_organisation_a_rule_named_with_its_legal_form() -> None:
    first, second = "Paid by Pyoldal Fisheries Co., Ltd. monthly.", "Pyoldal Fisheries hired us."
    ruled = _span(first, "Pyoldal Fisheries Co., Ltd.", ORGANIZATION, "addresses")
    guessed = _span(second, "Pyoldal Fisheries", LOCATION, "proper_nouns")
    linker = linking.Linker(collect([ruled, guessed]).values())
    linked = linker.link(second, [guessed])
    assert (linked[0].label, linked[0].entity) == (ORGANIZATION, ruled.entity)


def _weak(text: str, surface: str) -> Span:
    start = text.index(surface)
    reason = Reason("places", "romanised Chinese name after a place preposition", 0.5, LOCATION)
    entity = entity_key(LOCATION, surface)
    return Span(
        start, start + len(surface), surface, LOCATION, 0.5, "places", "", entity, reasons=(reason,)
    )


def test_a_place_only_a_weak_cue_found_gives_way_to_a_name_rule() -> None:
    first, second = "Do you have the card from Tanyusha?", "Tanyusha sold phones."
    weak = _weak(first, "Tanyusha")
    name = _span(second, "Tanyusha", PERSON, "russian_names")
    linker = linking.Linker(collect([weak, name]).values())
    assert linker.link(first, [weak])[0].label == PERSON


def test_a_place_a_weak_cue_found_still_beats_a_guessed_person() -> None:
    first, second = "She lived in Shuigoutun.", "Sold to a man of Shuigoutun."
    weak = _weak(first, "Shuigoutun")
    guess = _span(second, "Shuigoutun", PERSON, "proper_nouns")
    linker = linking.Linker(collect([weak, guess]).values())
    linked = linker.link(second, [guess])[0]
    assert (linked.label, linked.entity) == (LOCATION, weak.entity)


def _net(text: str, surface: str, label: str, rule: str) -> Span:
    start = text.index(surface)
    reason = Reason("proper_nouns", rule, 0.35, label)
    return Span(
        start,
        start + len(surface),
        surface,
        label,
        0.35,
        "proper_nouns",
        "",
        entity_key(label, surface),
        reasons=(reason,),
    )


def test_the_nets_place_cue_beats_its_bare_guess_but_from_does_not() -> None:
    net = "unknown proper noun: capitalised, not a common or safe word"
    first, second = "At the church in Tabaksol.", "Meets her again, Tabaksol."
    cued = _net(first, "Tabaksol", LOCATION, f"{net}, after 'in'")
    bare = _net(second, "Tabaksol", PERSON, net)
    linker = linking.Linker(collect([cued, bare]).values())
    assert linker.link(second, [bare])[0].label == LOCATION
    third = "The card from Tabaksol."
    weak = _net(third, "Tabaksol", LOCATION, f"{net}, after 'from'")
    tie = linking.Linker(collect([weak, bare]).values())
    assert tie.link(second, [bare])[0].label == PERSON
