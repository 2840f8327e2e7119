"""Entity linking asks rather than merges: tables of partial mentions, scripts and spellings.

All names are invented. Spans are built by hand (no NLP), so each row tests linking alone.
"""

from __future__ import annotations

import pytest

from redact.detect.recognizers.base import CAMP, LOCATION, PERSON
from redact.detect.span import Span
from redact.link import linking
from redact.link.keys import is_full
from redact.link.linking import Entity, entity_key
from redact.link.pseudonyms import PseudonymTable
from redact.plan import policy
from redact.plan.proposal import plan
from redact.text.variants import role_titles


def _spans(text: str, *surfaces: str, label: str = PERSON) -> list[Span]:
    spans, position = [], 0
    for surface in surfaces:
        start = text.index(surface, position)
        end = start + len(surface)
        spans.append(Span(start, end, surface, label, 0.8, "test", "", entity_key(label, surface)))
        position = end
    return spans


def _key_of(linked: list[Span], surface: str) -> str:
    return next(s.entity for s in linked if s.text == surface)


# -- one person across scripts and spellings -----------------------------------------------

SAME_PERSON = [
    ("Kim Bo-ram", "김보람"),  # Hangul
    ("Zhang Guofu", "张国富"),  # Chinese characters, read in pinyin
    ("Viktor Morozov", "Виктор Морозов"),  # Cyrillic
    ("Choe Yong-sil", "Ch'oe Yŏng-sil"),  # McCune-Reischauer breves and apostrophes
    ("Choi Myung-ok", "Choe Myong-ok"),  # popular spelling, the given name agrees
    ("Viktor Morozov", "Viktor Sergeyevich Morozov"),  # patronymic
]


@pytest.mark.parametrize(("one", "other"), SAME_PERSON)
def test_one_person_one_key_across_scripts(one: str, other: str) -> None:
    assert entity_key(PERSON, one) == entity_key(PERSON, other)


DIFFERENT_PEOPLE = [
    ("Pak Sun-ok", "Pak Myong-ho"),  # same surname, different given names
    ("Kim Min-jun", "Kim Min-jin"),  # one letter apart, both real Korean given names
    ("Zhang Wei", "Zhang Guofu"),
]


@pytest.mark.parametrize(("one", "other"), DIFFERENT_PEOPLE)
def test_different_given_names_are_different_people(one: str, other: str) -> None:
    assert entity_key(PERSON, one) != entity_key(PERSON, other)
    text = f"{one} met {other}."
    linked = linking.link(text, _spans(text, one, other))
    assert _key_of(linked, one) != _key_of(linked, other)


# -- partial mentions: exactly one candidate in the record, or their own entity -------------

LINKS = [
    # (text, full name, partial mention)
    ("Pak Sun-ok sold us. Later Ms. Pak called.", "Pak Sun-ok", "Ms. Pak"),
    ("Pak Sun-ok sold us. Later Auntie Pak called.", "Pak Sun-ok", "Auntie Pak"),
    ("Pak Sun-ok sold us. Sun-ok called at night.", "Pak Sun-ok", "Sun-ok"),
    ("Viktor Morozov ran the camp. Foreman Morozov shouted.", "Viktor Morozov", "Foreman Morozov"),
    ("Ri Chol-ho came. Ri said nothing.", "Ri Chol-ho", "Ri"),
    # a surname the romanizer does not know: the given name is the words after it
    ("Kye Chae-ho came. Chae-ho said nothing.", "Kye Chae-ho", "Chae-ho"),
    # Ch'oe and Choe are one spelling in two systems
    ("Ch'oe Yŏng-sil was there. Ms. Choe wept.", "Ch'oe Yŏng-sil", "Ms. Choe"),
]


@pytest.mark.parametrize(("text", "full", "partial"), LINKS)
def test_partial_links_to_the_one_full_name_that_explains_it(
    text: str, full: str, partial: str
) -> None:
    linked = linking.link(text, _spans(text, full, partial))
    assert _key_of(linked, partial) == _key_of(linked, full)
    assert "linked to the person written" in next(
        s.explanation for s in linked if s.text == partial
    )


AMBIGUOUS = [
    # two brokers sharing a surname
    ("Pak Sun-ok and Pak Myong-ho worked together. Ms. Pak took the money.", "Ms. Pak"),
    ("Pak Sun-ok and Pak Myong-ho worked together. Pak took the money.", "Pak"),
    # the witness and a broker share a surname spelling in the record
    ("I am Choe Un-ji. Choe Myong-ok sold me. Ms. Choe lied.", "Ms. Choe"),
    # a given name two people share
    ("Kim Sun-ok and Pak Sun-ok arrived. Sun-ok cried.", "Sun-ok"),
]


@pytest.mark.parametrize(("text", "partial"), AMBIGUOUS)
def test_ambiguous_partial_is_its_own_entity_naming_the_candidates(text: str, partial: str) -> None:
    fulls = [w for w in ("Pak Sun-ok", "Pak Myong-ho", "Choe Un-ji", "Choe Myong-ok", "Kim Sun-ok")]
    present = sorted((f for f in fulls if f in text), key=text.index)
    linked = linking.link(text, _spans(text, *present, partial))
    key = _key_of(linked, partial)
    assert key not in {_key_of(linked, f) for f in present}
    why = next(s.explanation for s in linked if s.text == partial)
    assert "ambiguous" in why
    assert all(f"'{f}'" in why for f in present)


TITLED_OTHERS = [
    # (text, the full name, the title form of somebody else, the surname alone, in text order;
    # another full name of that surname known elsewhere in the corpus)
    (
        "Bae Sun-ok came. Auntie Bae paid. Bae said no.",
        "Bae Sun-ok",
        "Auntie Bae",
        "Bae",
        "Bae Chol",
    ),
    ("Old Tan left. Tan's son Tan Peng drove.", "Old Tan", "Tan's", "Tan Peng", "Tan Jianguo"),
    (
        "Yun Ok-hui came. Grandpa Yun sat. Mr. Yun waved.",
        "Yun Ok-hui",
        "Grandpa Yun",
        "Mr. Yun",
        "Yun Chol",
    ),
]


@pytest.mark.parametrize(("text", "first", "second", "third", "other"), TITLED_OTHERS)
def test_a_title_form_of_somebody_else_makes_a_surname_alone_ambiguous(
    text: str, first: str, second: str, third: str, other: str
) -> None:
    """A surname alone in a record that names two people of it, one by a full name and one by a
    title the corpus keeps apart from that full name, could be either: it is not linked."""
    corpus = [Entity(entity_key(PERSON, other), PERSON, (other,))]
    linked = linking.link(text, _spans(text, first, second, third), corpus)
    by_shape = {role_titles(s.text) != "": s for s in linked}
    full = next(s for s in linked if is_full(s.entity) and " " in s.text)
    titled = by_shape[True]
    alone = next(s for s in linked if s not in (full, titled))
    assert titled.entity != full.entity
    assert alone.entity not in {full.entity, titled.entity}
    assert "ambiguous" in alone.explanation


def test_a_surname_alone_beside_only_a_title_form_is_not_linked_to_it() -> None:
    text = "Old Mrs. Zhou cooked. Zhou was kind."
    corpus = [Entity(entity_key(PERSON, "Zhou Baolin"), PERSON, ("Zhou Baolin",))]
    linked = linking.link(text, _spans(text, "Old Mrs. Zhou", "Zhou"), corpus)
    assert _key_of(linked, "Zhou") != _key_of(linked, "Old Mrs. Zhou")


def test_names_in_another_script_match_only_their_own_letters() -> None:
    """Two Lao names share no Latin letters: that is no reason to link them."""
    text = "ສຸກສະຫວັນ met ຄຳພອນ ວົງສະຫວາດ."
    linked = linking.link(text, _spans(text, "ສຸກສະຫວັນ", "ຄຳພອນ ວົງສະຫວາດ"))
    assert _key_of(linked, "ສຸກສະຫວັນ") != _key_of(linked, "ຄຳພອນ ວົງສະຫວາດ")


def test_popular_spellings_of_other_surnames_are_not_folded_together() -> None:
    """Jun is not Jeon, Choi is not Choe, when only the surname is written."""
    for text, full, partial in [
        ("Jeon Min-ho paid. Mr. Jun drove.", "Jeon Min-ho", "Mr. Jun"),
        ("Choe Myong-ok paid. Ms. Choi drove.", "Choe Myong-ok", "Ms. Choi"),
    ]:
        linked = linking.link(text, _spans(text, full, partial))
        assert _key_of(linked, partial) != _key_of(linked, full)


def test_a_protected_terms_title_variant_is_read_as_written() -> None:
    """'Auntie Choe' matches the witness's protected name as a variant, but two people in the
    record are Choe: it must not take the witness's key (and her pseudonym)."""
    text = "I am Choe Un-ji. Auntie Choe, that is Choe Myong-ok, sold me."
    spans = _spans(text, "Choe Un-ji", "Auntie Choe", "Choe Myong-ok")
    witness = entity_key(PERSON, "Choe Un-ji")
    spans[1] = spans[1].with_(entity=witness, recognizer="protected-term")
    linked = linking.link(text, spans)
    assert _key_of(linked, "Auntie Choe") not in {witness, entity_key(PERSON, "Choe Myong-ok")}


def test_a_surname_alone_with_no_full_name_stays_in_its_record() -> None:
    first = "Kim drove the van."
    second = "Kim sold the rice."
    one = linking.link(first, _spans(first, "Kim"))
    other = linking.link(second, _spans(second, "Kim"))
    assert _key_of(one, "Kim") != _key_of(other, "Kim")
    again = linking.link(first, _spans(first, "Kim"))
    assert _key_of(again, "Kim") == _key_of(one, "Kim")  # stable across runs


def test_a_given_name_no_full_name_explains_is_kept_to_its_record() -> None:
    # two records' "Chae-won" may be two women: an archive holds many of each given name
    first = "Chae-won washed the floors."
    second = "Later Chae-won left for Seoul."
    one = linking.link(first, _spans(first, "Chae-won"))
    other = linking.link(second, _spans(second, "Chae-won"))
    assert _key_of(one, "Chae-won") != _key_of(other, "Chae-won")
    assert all("#" in _key_of(x, "Chae-won") for x in (one, other))


def test_a_role_title_is_kept_to_its_record_unless_one_name_explains_it() -> None:
    corpus = [
        Entity(entity_key(PERSON, "Han Sung-jun"), PERSON, ("Han Sung-jun",)),
        Entity(entity_key(PERSON, "Han Yong-ae"), PERSON, ("Han Yong-ae",)),
    ]
    linker = linking.Linker(corpus)
    first = "Han Yong-ae cooked. Pastor Han prayed."
    second = "Pastor Han hid us."
    one = linker.link(first, _spans(first, "Han Yong-ae", "Pastor Han"))
    other = linker.link(second, _spans(second, "Pastor Han"))
    assert _key_of(one, "Pastor Han") != entity_key(PERSON, "Han Yong-ae")
    # "Pastor Han" of two records may be two pastors: each record's is its own
    assert _key_of(one, "Pastor Han") != _key_of(other, "Pastor Han")
    titled = "Pastor Han Sung-jun came. Pastor Han prayed."
    linked = linker.link(titled, _spans(titled, "Han Sung-jun", "Pastor Han"))
    assert _key_of(linked, "Pastor Han") == entity_key(PERSON, "Han Sung-jun")


def test_two_titles_of_one_surname_in_a_record_are_not_both_its_one_full_name() -> None:
    """ "Guard Yang" and "Foreman Yang" beside one Yang Chol-ung may be two men: neither links
    (nor votes) unless the record writes that title before the full name."""
    from redact.link import aliases

    text = "Yang Chol-ung beat us. Guard Yang laughed. Foreman Yang counted the sacks."
    linked = linking.link(text, _spans(text, "Yang Chol-ung", "Guard Yang", "Foreman Yang"))
    full = _key_of(linked, "Yang Chol-ung")
    assert _key_of(linked, "Guard Yang") != full
    assert _key_of(linked, "Foreman Yang") != full
    assert "another title of this surname" in next(
        s.explanation for s in linked if s.text == "Guard Yang"
    )
    assert aliases.title_votes(linked, text) == {}
    titled = "Guard Yang Chol-ung beat us. Guard Yang laughed. Foreman Yang counted the sacks."
    spans = _spans(titled, "Yang Chol-ung", "Guard Yang", "Foreman Yang")
    linked = linking.link(titled, spans)
    assert _key_of(linked, "Guard Yang") == _key_of(linked, "Yang Chol-ung")
    assert _key_of(linked, "Foreman Yang") != _key_of(linked, "Yang Chol-ung")


def test_a_married_title_is_not_the_man_of_that_surname() -> None:
    text = "Sun Baoguo bought me. Old Mrs. Sun locked the door."
    linked = linking.link(text, _spans(text, "Sun Baoguo", "Old Mrs. Sun"))
    assert _key_of(linked, "Old Mrs. Sun") != entity_key(PERSON, "Sun Baoguo")


def test_a_typo_in_a_long_name_links_only_when_one_name_explains_it() -> None:
    right = "Bounthavy Sisouphanh"
    corpus = [Entity(entity_key(PERSON, right), PERSON, (right, right.upper()))]
    text = "Then Bounthavy Sisouphan came back."
    linked = linking.link(text, _spans(text, "Bounthavy Sisouphan"), corpus)
    assert linked[0].entity == entity_key(PERSON, right)
    assert "typo" in linked[0].explanation
    korean = [Entity(entity_key(PERSON, "Kim Min-jun"), PERSON, ("Kim Min-jun", "Min-jun"))]
    text = "Kim Min-jin came."
    linked = linking.link(text, _spans(text, "Kim Min-jin"), korean)
    assert linked[0].entity == entity_key(PERSON, "Kim Min-jin")


def test_a_lower_case_everyday_word_is_not_another_mention() -> None:
    text = "Memo from Line: the line was long. Later Pak said no; pak also came."
    spans = _spans(text, "Line", "Pak")
    linked = linking.link(text, spans)
    assert [s.text for s in linked] == ["Line", "Pak", "pak"]  # "the line" stays


@pytest.mark.parametrize(("surname", "word"), [("Son", "son"), ("Park", "park"), ("Song", "song")])
def test_a_surname_that_is_a_common_word_is_the_word_in_lower_case(surname: str, word: str) -> None:
    text = f"Mr. {surname} drove. Her {word} stayed; {surname} came back."
    linked = linking.link(text, _spans(text, f"Mr. {surname}", surname))
    assert [s.text for s in linked] == [f"Mr. {surname}", surname]


def test_a_common_word_is_the_word_also_when_the_name_is_written_in_hangul_too() -> None:
    corpus = [Entity(entity_key(PERSON, "Son Tae-ho"), PERSON, ("Son Tae-ho", "손태호", "Son"))]
    text = "Her son is fifteen."
    assert linking.link(text, [], corpus) == []


@pytest.mark.parametrize("surname", ["Kim", "Lee", "Moon", "Hong"])
def test_a_surname_rarer_as_a_word_is_still_found_in_lower_case(surname: str) -> None:
    text = f"{surname} drove. later {surname.lower()} came back."
    linked = linking.link(text, _spans(text, surname))
    assert [s.text for s in linked] == [surname, surname.lower()]


def test_a_place_of_this_record_is_found_as_the_corpus_writes_it_elsewhere() -> None:
    corpus = [Entity("LOCATION:tongnimri", LOCATION, ("Tongnim-ri", "东林里"))]
    text = "Tongnim-ri, in Chinese you would write 东林里."
    spans = _spans(text, "Tongnim-ri", label=LOCATION)
    spans = [s.with_(entity="LOCATION:tongnimri") for s in spans]
    linked = linking.link(text, spans, corpus)
    assert [(s.text, s.entity) for s in linked] == [
        ("Tongnim-ri", "LOCATION:tongnimri"),
        ("东林里", "LOCATION:tongnimri"),
    ]


def test_corpus_names_are_found_in_a_new_record_in_another_script() -> None:
    corpus = [Entity(entity_key(PERSON, "Kim Bo-ram"), PERSON, ("Kim Bo-ram",))]
    linked = linking.Linker(corpus).link("Then Gim Bo Ram arrived.", [])
    assert [(s.text, s.entity) for s in linked] == [
        ("Gim Bo Ram", entity_key(PERSON, "Kim Bo-ram"))
    ]


# -- places: one entity, one generalisation ------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Musan county", "Musan"),
        ("Tumen city", "Tumen"),
        ("Hoeryŏng", "Hoeryong"),
        ("the Yanji", "Yanji"),  # an article is no part of the name
        ("Hyesan station", "Hyesan"),  # a station, a port, a crossing: the place they are in
        ("the Manzhouli crossing", "Manzhouli"),
        ("Nakhodka port", "Nakhodka"),
    ],
)
def test_a_place_gets_one_key_and_one_generalisation(one: str, other: str) -> None:
    assert entity_key(LOCATION, one) == entity_key(LOCATION, other)
    text = f"From {one} to {other}."
    spans = _spans(text, one, other, label=LOCATION)
    chosen = policy.load(None)
    planned = plan("r1", spans, chosen, PseudonymTable(), country_of=_country_by_letters)
    assert len({s.replacement for s in planned}) == 1
    assert planned[0].replacement.startswith("[a place in ")


CAMPS = [
    # one camp, written with and without where or whose it is, its article, "No."
    ("the Hamgyong county Bowibu", "Hamgyong Bowibu"),
    ("Sariwon border detention centre", "Sariwon detention centre"),
    ("Kyohwaso No. 44", "Kyohwaso 44"),
    ("the same 6th brigade", "6th brigade"),
]
OTHER_CAMPS = [("Kyohwaso 44", "Kyohwaso 45"), ("Kyohwaso 44", "Kwalliso 44"), ("No. 3", "No. 4")]


@pytest.mark.parametrize(("one", "other"), CAMPS)
def test_a_camp_gets_one_key_in_every_wording(one: str, other: str) -> None:
    assert entity_key(CAMP, one) == entity_key(CAMP, other)


@pytest.mark.parametrize(("one", "other"), OTHER_CAMPS)
def test_camps_of_another_number_or_kind_are_other_camps(one: str, other: str) -> None:
    assert entity_key(CAMP, one) != entity_key(CAMP, other)


def _country_by_letters(surface: str) -> str | None:
    from redact.link.geography import country_of

    return country_of(surface)


def test_a_border_town_is_placed_in_its_neighbourhood_not_abroad() -> None:
    from redact.link.geography import country_of

    assert country_of("Hyesan") == "North Korea"
    assert country_of("Namyang") == "North Korea"
    assert country_of("Yanji") == "China"
    assert country_of("Chongori") is None  # not in the gazetteer: no guess


WRITTEN_APART = [
    ("Kim Seo-yun", "Later KIM\nSEO-YUN came."),  # a line break, capitals
    ("Kim Seo-yun", "Later Kim Seo\u2010yun came."),  # a Unicode hyphen
    ("Kim Seo-yun", "Later Kim Seoyun's sister came."),  # joined, a possessive
    ("Ch'oe Yŏng-sil", "Later Choe Yong-sil came."),  # breves and apostrophe dropped
    ("Tor Velmar", "Later TOR VELMAR came."),  # a name of no known origin
]


@pytest.mark.parametrize(("known", "text"), WRITTEN_APART)
def test_the_index_finds_a_known_name_however_it_is_written(known: str, text: str) -> None:
    """The corpus index looks up runs of letters; a spelling split by a line break, a Unicode
    hyphen or an apostrophe is still found, and takes the known person's key."""
    corpus = [Entity(entity_key(PERSON, known), PERSON, (known,))]
    linked = linking.Linker(corpus).link(text, [])
    assert [s.entity for s in linked] == [entity_key(PERSON, known)]
    assert "Later" not in linked[0].text and "came" not in linked[0].text


@pytest.mark.parametrize(
    ("swallowed", "name"),
    [
        ("Meets Da-som", "Da-som"),  # a sentence-initial verb in a chronology line
        ("Told Seo Da-som", "Seo Da-som"),
        ("Asked Jin Xiaoming", "Jin Xiaoming"),
    ],
)
def test_a_swallowed_english_word_is_no_part_of_the_key(swallowed: str, name: str) -> None:
    assert entity_key(PERSON, swallowed) == entity_key(PERSON, name)


@pytest.mark.parametrize(
    "name",
    ["Song Ye-rin", "Moon Da-som", "Grace Lee"],
)
def test_a_surname_or_an_english_given_name_stays_in_the_key(name: str) -> None:
    rest = name.partition(" ")[2]
    assert entity_key(PERSON, name) != entity_key(PERSON, rest)


@pytest.mark.parametrize("written", ["TR", "T.R.", "T. R.", "T.-R."])
def test_initials_get_one_key_however_they_are_dotted(written: str) -> None:
    assert entity_key(PERSON, written) == "PERSON:initials:TR"


@pytest.mark.parametrize("surname", ["KIM", "RI", "OH"])
def test_a_surname_in_capitals_is_not_initials(surname: str) -> None:
    assert "initials" not in entity_key(PERSON, surname)


def test_each_ambiguous_partial_mention_is_its_own_entity() -> None:
    # two Paks in the record: each "Pak" alone could be either, and one label for both would
    # say they are one man
    text = "Pak Tu-ho and Pak Il-nam ran the house. Pak said nothing. Later Pak laughed."
    spans = _spans(text, "Pak Tu-ho", "Pak Il-nam", "Pak", "Pak")
    linked = linking.link(text, spans)
    alone = [s for s in linked if s.text == "Pak"]
    assert len(alone) == 2
    assert alone[0].entity != alone[1].entity
    full = {entity_key(PERSON, "Pak Tu-ho"), entity_key(PERSON, "Pak Il-nam")}
    assert not {s.entity for s in alone} & full
    assert all("could be any of 2 people" in s.explanation for s in alone)
    again = linking.link(text, spans)
    assert [s.entity for s in again] == [s.entity for s in linked]  # stable across runs


def test_an_article_is_no_part_of_a_persons_name() -> None:
    # "the Pak" is the surname Pak, never a full name with the given name "the"
    assert entity_key(PERSON, "the Pak") == entity_key(PERSON, "Pak")
    assert entity_key(PERSON, "that Ryu") == entity_key(PERSON, "Ryu")
    assert entity_key(PERSON, "The Owl") == entity_key(PERSON, "the owl")  # an epithet stays


def test_a_korean_name_in_chinese_characters_is_read_in_korean_when_the_corpus_knows_it() -> None:
    corpus = [Entity(entity_key(PERSON, "Pak T'ae-hun"), PERSON, ("Pak T'ae-hun", "박태훈"))]
    text = "The police notice names 朴泰勋 and 王立新."
    linked = linking.link(text, _spans(text, "朴泰勋", "王立新"), corpus)
    assert _key_of(linked, "朴泰勋") == entity_key(PERSON, "Pak T'ae-hun")
    assert "read in Korean" in next(s for s in linked if s.text == "朴泰勋").explanation
    # a Chinese name stays read in pinyin; so does a Korean reading nobody is known by
    assert _key_of(linked, "王立新") == entity_key(PERSON, "王立新")
    alone = linking.link(text, _spans(text, "朴泰勋"))
    assert _key_of(alone, "朴泰勋") == entity_key(PERSON, "朴泰勋")


def test_a_given_name_two_people_of_the_record_share_is_kept_apart() -> None:
    text = "Kim Su-jin sewed. The other Su-jin, from the coast, cooked. Su-jin cried at night."
    linked = linking.link(text, _spans(text, "Kim Su-jin", "Su-jin", "Su-jin"))
    full = entity_key(PERSON, "Kim Su-jin")
    alone = [s for s in linked if s.text == "Su-jin"]
    assert len(alone) == 2 and all(s.entity != full for s in alone)
    assert "tells two people of this given name apart" in alone[0].explanation
    plain = "Kim Su-jin sewed. Su-jin cried at night."
    linked = linking.link(plain, _spans(plain, "Kim Su-jin", "Su-jin"))
    assert _key_of(linked, "Su-jin") == full


def test_indexes_sharing_worked_out_variants_only_find_their_own_entities() -> None:
    """Indexes share each entity's variants across a process; one never answers with an
    entity it was not built from, and keeps its own entities' order."""
    from redact.link.corpus import Index

    def person(name: str) -> Entity:
        return Entity(entity_key(PERSON, name), PERSON, (name,))

    one, other = person("Ryu Dal-nim"), person("Ryu Dal-nim Ok")
    first, second = Index([one]), Index([other, one])
    letters = "ryudalnim"
    assert first.owners(letters) == [one.key]
    assert Index([other]).owners(letters) == []
    assert second.owners(letters) == [one.key]
    assert second.owners("ryudalnimok") == [other.key]
    assert first.owners("ryudalnimok") == []


def test_a_given_name_alone_may_be_the_records_protected_person() -> None:
    # the record writes one Su-ok in full, but the witness (a protected term) is a Su-ok too
    text = "Thank you, Su-ok-ssi. You said Pae Su-ok helped you at the border."
    spans = _spans(text, "Su-ok-ssi", "Pae Su-ok")
    linker = linking.Linker(linking.collect(spans).values())
    alone = _key_of(linker.link(text, spans), "Su-ok-ssi")
    assert alone == entity_key(PERSON, "Pae Su-ok")  # without the protected terms: linked
    asked = linker.link(text, spans, protected=("Ryu Su-ok",))
    assert _key_of(asked, "Su-ok-ssi") not in (entity_key(PERSON, "Pae Su-ok"), alone)
    assert "ambiguous" in next(s for s in asked if s.text == "Su-ok-ssi").explanation


def test_a_given_name_alone_links_to_the_one_protected_full_name() -> None:
    text = "Thank you, Su-ok-ssi, that is all for today."
    spans = _spans(text, "Su-ok-ssi")
    linked = linking.Linker(linking.collect(spans).values()).link(text, spans, ("Ryu Su-ok",))
    assert _key_of(linked, "Su-ok-ssi") == entity_key(PERSON, "Ryu Su-ok")


def test_a_name_in_characters_stays_chinese_when_both_readings_are_known() -> None:
    known = [Entity(entity_key(PERSON, n), PERSON, (n,)) for n in ("Jin Ming", "Kim Myong")]
    text = "He wrote it 金明."
    spans = _spans(text, "金明")
    assert _key_of(linking.link(text, spans, known), "金明") == entity_key(PERSON, "Jin Ming")
    korean = linking.link(text, spans, known[1:])  # only the Korean reading is known
    assert _key_of(korean, "金明") == entity_key(PERSON, "Kim Myong")


def test_a_rarer_surname_spelled_like_a_word_is_a_surname_before_a_hyphenated_name() -> None:
    # Mo (모) is kept out of the surname tables as an English word; before a hyphenated Korean
    # given name it is a surname, and "Mo Hye-ran" is not the Ryu Hye-ran of the record
    assert entity_key(PERSON, "Mo Hye-ran") == entity_key(PERSON, "모혜란")
    assert entity_key(PERSON, "Mo Hye-ran") != entity_key(PERSON, "Ryu Hye-ran")
    assert entity_key(PERSON, "In Hye-ran") != entity_key(PERSON, "인혜란")  # "In" stays a word
    assert not is_full(entity_key(PERSON, "Mo"))
