"""Places, camps and organisations: one key, one label, one replacement (issue 11, rule 3).

Invented names of the shapes the archive has; hard negatives keep two camps, a village and its
camp, and two organisations that share a first word apart.
"""

from __future__ import annotations

from redact.detect.recognizers.base import CAMP, LOCATION, ORGANIZATION, PERSON, Reason
from redact.detect.span import Span, context_of
from redact.link import linking
from redact.link.keys import assign_keys, collect, entity_key
from redact.link.kinds import camp_name, organisation_word


def _span(text: str, surface: str, label: str, recognizer: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    end = start + len(surface)
    reason = Reason(recognizer, "test", 0.8, label)
    return Span(
        start, end, surface, label, 0.8, recognizer, "", "", context_of(text, start, end), (reason,)
    )


def _records(*records: tuple[str, list[Span]]) -> list[list[Span]]:
    """Key every record, collect the corpus, link every record against it."""
    keyed = [(text, assign_keys(spans)) for text, spans in records]
    linker = linking.Linker(collect([s for _, spans in keyed for s in spans]).values())
    return [linker.link(text, spans) for text, spans in keyed]


# --- camp keys: name, kind, number ---------------------------------------------------------


def test_one_camp_written_in_several_ways_has_one_key() -> None:
    def key(surface: str) -> str:
        return entity_key(CAMP, surface)

    assert key("Kyohwaso No. 9") == key("Kyohwaso 9") == key("kyohwaso #9")
    assert key("Camp 9") == key("the No. 9 camp") == key("Cross-check Camp 9")
    idc = key("Tavan Bogd IDC")
    assert idc == key("the Tavan Bogd immigration detention centre")
    assert idc == key("Tavan Bogd detention center")
    assert key("Pyolsan county Bowibu holding centre") == key("the Pyolsan Bowibu")
    assert key("Pyolsan collection centre (jipkyulso)") == key("Pyolsan jipkyulso")


def test_two_camps_keep_two_keys() -> None:
    assert entity_key(CAMP, "Kyohwaso No. 9") != entity_key(CAMP, "Kyohwaso No. 10")
    assert entity_key(CAMP, "Kyohwaso No. 9") != entity_key(CAMP, "Kwanliso No. 9")
    assert entity_key(CAMP, "Pyolsan Bowibu") != entity_key(CAMP, "Pyolsan kyohwaso")
    assert entity_key(CAMP, "Tavan Bogd IDC") != entity_key(CAMP, "Chilbo IDC")
    # a camp's name is kept when it has no number: "Hope camp" is not "camp"
    assert camp_name("Saebit camp").name == "saebit"


def test_camp_by_kind_and_number_is_the_one_camp_with_that_number() -> None:
    one = "She was sentenced to Kyohwaso No. 9 in the spring."
    two = "Her cellmate at Camp 9 sold squid."
    first, second = _records(
        (one, [_span(one, "Kyohwaso No. 9", CAMP, "camps")]),
        (two, [_span(two, "Camp 9", CAMP, "camps")]),
    )
    assert second[0].entity == first[0].entity
    assert "numbered 9" in second[0].explanation


def test_camp_9_with_two_camps_numbered_9_is_kept_apart() -> None:
    one = "First Kyohwaso No. 9, then Kwanliso No. 9."
    two = "At Camp 9 the food was worse."
    first, second = _records(
        (
            one,
            [
                _span(one, "Kyohwaso No. 9", CAMP, "camps"),
                _span(one, "Kwanliso No. 9", CAMP, "camps"),
            ],
        ),
        (two, [_span(two, "Camp 9", CAMP, "camps")]),
    )
    assert second[0].entity not in {s.entity for s in first}
    assert "ambiguous" in second[0].explanation


def test_two_camps_with_different_numbers_stay_apart() -> None:
    one = "She was sentenced to Kyohwaso No. 9 in the spring."
    two = "He was in Camp 10 for a year."
    first, second = _records(
        (one, [_span(one, "Kyohwaso No. 9", CAMP, "camps")]),
        (two, [_span(two, "Camp 10", CAMP, "camps")]),
    )
    assert second[0].entity != first[0].entity


# --- the village and the camp named after it -----------------------------------------------


def test_a_village_and_the_camp_named_after_it_are_two_entities() -> None:
    text = "I was born in Pyolsan. In 2009 I was sent to Pyolsan kyohwaso."
    spans = assign_keys(
        [_span(text, "Pyolsan", LOCATION, "places"), _span(text, "Pyolsan kyohwaso", CAMP, "camps")]
    )
    assert spans[0].label == LOCATION and spans[0].entity != spans[1].entity


def test_the_bare_name_is_the_camp_where_the_record_speaks_of_the_camp() -> None:
    text = "I was sent to Pyolsan kyohwaso. At Pyolsan we made bricks."
    spans = assign_keys(
        [
            _span(text, "Pyolsan kyohwaso", CAMP, "camps"),
            _span(text, "Pyolsan", LOCATION, "places", nth=1),
        ]
    )
    assert (spans[1].label, spans[1].entity) == (CAMP, spans[0].entity)


def test_a_bare_name_without_the_camp_in_its_record_stays_a_place() -> None:
    text = "At Pyolsan we made bricks."
    spans = assign_keys([_span(text, "Pyolsan", LOCATION, "places")])
    assert spans[0].label == LOCATION


def test_a_guessed_name_is_the_one_camp_of_that_name_in_the_corpus() -> None:
    one = "She was held at the Tavan Bogd immigration detention centre."
    two = "Seven weeks at Tavan Bogd."
    three = "Receipt (Tavan Bogd), dated October."
    first, second, third = _records(
        (one, [_span(one, "the Tavan Bogd immigration detention centre", CAMP, "camps")]),
        (two, [_span(two, "Tavan Bogd", LOCATION, "proper_nouns")]),
        (three, [_span(three, "Tavan Bogd", PERSON, "presidio:SpacyRecognizer")]),
    )
    assert {(s[0].label, s[0].entity) for s in (first, second, third)} == {(CAMP, first[0].entity)}


def test_a_known_place_stays_a_place_beside_a_camp_of_its_name() -> None:
    one = "She was held at the Tokchon kyohwaso."
    two = "My aunt lives in Tokchon."
    three = "Tokchon is far."
    _, second, third = _records(
        (one, [_span(one, "Tokchon kyohwaso", CAMP, "camps")]),
        (two, [_span(two, "Tokchon", LOCATION, "places")]),
        (three, [_span(three, "Tokchon", LOCATION, "proper_nouns")]),
    )
    assert second[0].label == LOCATION and third[0].label == LOCATION


def test_a_name_read_as_a_place_after_in_is_not_the_camp_of_that_name() -> None:
    net = "unknown proper noun: capitalised, not a common or safe word"
    one = "She was held at the Pyolsan kyohwaso."
    two = "I was born in Pyolsan."
    three = "Pyolsan is far from here."
    born = _span(two, "Pyolsan", LOCATION, "proper_nouns")
    born = born.with_(reasons=(Reason("proper_nouns", f"{net}, after 'in'", 0.35, LOCATION),))
    _, second, third = _records(
        (one, [_span(one, "Pyolsan kyohwaso", CAMP, "camps")]),
        (two, [born]),
        (three, [_span(three, "Pyolsan", PERSON, "proper_nouns")]),
    )
    assert second[0].label == LOCATION and third[0].label != CAMP


# --- organisation words, short names, names in characters -------------------------------------


def test_organisation_words_make_an_organisation_whatever_the_model_guessed() -> None:
    assert organisation_word("Namhae Overseas Construction Bureau") == "Bureau"
    assert organisation_word("Baekdu Seafood") == "Seafood"
    assert organisation_word("Sunrise Resettlement Counselling Centre") == "Centre"
    assert organisation_word("Sunrise legal clinic") == "clinic"
    # a camp, a place, a facility described in lower case, a place's centre: not organisations
    assert organisation_word("Tavan Bogd detention centre") == ""
    assert organisation_word("the Pyolsan copper mine") == ""
    assert organisation_word("Qingdao Centre") == ""
    assert organisation_word("the Bureau") == ""
    text = "The Namhae Overseas Construction Bureau sent us. Baekdu Seafood paid."
    spans = assign_keys(
        [
            _span(text, "The Namhae Overseas Construction Bureau", LOCATION, "places"),
            _span(text, "Baekdu Seafood", PERSON, "proper_nouns"),
        ]
    )
    assert [s.label for s in spans] == [ORGANIZATION, ORGANIZATION]
    assert spans[0].entity == entity_key(ORGANIZATION, "Namhae Overseas Construction Bureau")


def test_a_short_name_is_the_one_organisation_of_its_record_that_starts_with_it() -> None:
    text = "Paid by Qingdao Baekdu Seafood Processing Co., Ltd. We just said Baekdu."
    spans = assign_keys(
        [
            _span(text, "Qingdao Baekdu Seafood Processing Co., Ltd.", ORGANIZATION, "addresses"),
            _span(text, "Baekdu", PERSON, "proper_nouns", nth=1),
        ]
    )
    assert (spans[1].label, spans[1].entity) == (ORGANIZATION, spans[0].entity)


def test_a_short_name_two_organisations_start_with_is_kept_apart() -> None:
    text = (
        "Intake at the Sunrise Resettlement Counselling Centre; referral to Sunrise legal "
        "clinic. Sunrise called back."
    )
    spans = assign_keys(
        [
            _span(text, "the Sunrise Resettlement Counselling Centre", ORGANIZATION, "addresses"),
            _span(text, "Sunrise legal clinic", LOCATION, "addresses"),
            _span(text, "Sunrise", ORGANIZATION, "presidio:SpacyRecognizer", nth=2),
        ]
    )
    centre, clinic, alone = spans
    assert clinic.label == ORGANIZATION and clinic.entity != centre.entity
    assert alone.entity not in {centre.entity, clinic.entity}
    assert "ambiguous" in alone.explanation


def test_a_name_in_characters_is_the_organisation_written_beside_it() -> None:
    text = "I delivered ice to Baekdu Seafood (白头水产) that year. 白头水产 paid late."
    spans = assign_keys(
        [
            _span(text, "Baekdu Seafood", ORGANIZATION, "addresses"),
            _span(text, "白头水产", ORGANIZATION, "addresses"),
            _span(text, "白头水产", ORGANIZATION, "addresses", nth=1),
        ]
    )
    assert spans[0].entity == spans[1].entity == spans[2].entity
    alone = "I delivered ice to 白头水产. Later Baekdu Seafood hired me."
    apart = assign_keys(
        [
            _span(alone, "白头水产", ORGANIZATION, "addresses"),
            _span(alone, "Baekdu Seafood", ORGANIZATION, "addresses"),
        ]
    )
    assert apart[0].entity != apart[1].entity


def test_an_organisations_opening_or_closing_words_in_another_record() -> None:
    one = (
        "Qingdao Baekdu Seafood Processing Co., Ltd. hired us; the Namhae Overseas Construction "
        "Bureau sent us."
    )
    two = "Baekdu Seafood paid late. He is with the Overseas Construction Bureau now."
    first, second = _records(
        (
            one,
            [
                _span(
                    one, "Qingdao Baekdu Seafood Processing Co., Ltd.", ORGANIZATION, "addresses"
                ),
                _span(one, "the Namhae Overseas Construction Bureau", ORGANIZATION, "addresses"),
            ],
        ),
        (
            two,
            [
                _span(two, "Baekdu Seafood", PERSON, "proper_nouns"),
                _span(two, "the Overseas Construction Bureau", ORGANIZATION, "addresses"),
            ],
        ),
    )
    assert [s.entity for s in second] == [s.entity for s in first]
    assert all(s.label == ORGANIZATION for s in second)


def test_closing_words_two_organisations_share_stay_apart() -> None:
    one = "The Namhae Overseas Construction Bureau and the Chilbo Overseas Construction Bureau."
    two = "He is with the Overseas Construction Bureau now."
    first, second = _records(
        (
            one,
            [
                _span(one, "The Namhae Overseas Construction Bureau", ORGANIZATION, "addresses"),
                _span(one, "the Chilbo Overseas Construction Bureau", ORGANIZATION, "addresses"),
            ],
        ),
        (two, [_span(two, "the Overseas Construction Bureau", ORGANIZATION, "addresses")]),
    )
    assert second[0].entity not in {s.entity for s in first}


def test_a_place_an_organisation_is_named_after_stays_a_place() -> None:
    one = "The Dorim County Public Security Bureau held her for a week."
    two = "She grew up in Dorim County, near the river."
    first, second = _records(
        (one, [_span(one, "Dorim County Public Security Bureau", ORGANIZATION, "addresses")]),
        (two, [_span(two, "Dorim County", LOCATION, "presidio:SpacyRecognizer")]),
    )
    assert second[0].label == LOCATION
    assert second[0].entity != first[0].entity
