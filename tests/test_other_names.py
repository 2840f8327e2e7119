"""Russian, Mongolian, Thai and Lao names: one entity per person however written (issue 11).

All names are invented. Linking rows build their spans by hand (no NLP) and link the records
as the pipeline does: every record's entities known to every other record.
"""

from __future__ import annotations

import pytest

from redact.detect.recognizers.base import PERSON
from redact.detect.recognizers.russian_names import RussianNameRecognizer
from redact.detect.span import Span
from redact.link import linking
from redact.link.corpus import explains, spelling_aliases
from redact.link.keys import Entity, entity_key
from redact.text.transliteration import initials_form, same_spelled_name, skeleton
from redact.text.variants import name_key


def _spans(text: str, *surfaces: str) -> list[Span]:
    spans, position = [], 0
    for surface in surfaces:
        start = text.index(surface, position)
        end = start + len(surface)
        spans.append(
            Span(start, end, surface, PERSON, 0.8, "test", "", entity_key(PERSON, surface))
        )
        position = end
    return spans


def _link(*records: tuple[str, tuple[str, ...]]) -> list[dict[str, str]]:
    """Link records as the pipeline does; per record, each surface -> its entity key."""
    spans = [_spans(text, *surfaces) for text, surfaces in records]
    known = linking.collect([s for one in spans for s in one])
    linker = linking.Linker(known.values())
    out = []
    for (text, _), record in zip(records, spans, strict=True):
        out.append({s.text: s.entity for s in linker.link(text, record) if s.label == PERSON})
    return out


def _why(text: str, surfaces: tuple[str, ...], surface: str) -> str:
    linked = linking.link(text, _spans(text, *surfaces))
    return next(s.explanation for s in linked if s.text == surface)


# -- one skeleton for the spellings of the transliteration systems ---------------------------

SPELLINGS = [
    ("Lyudmila", "Ludmila", "Людмила"),
    ("Yuri", "Yury", "Yuriy", "Iurii", "Юрий"),
    ("Andrei", "Andrey", "Andrej", "Андрей"),
    ("Fyodor", "Fedor", "Фёдор"),
    ("Aleksandr", "Alexander", "Александр"),
    ("Yevgeny", "Evgeny", "Evgeniy", "Евгений"),
    ("Yuliya", "Yulia", "Iulia", "Юлия"),
    ("Mikhail", "Mihail", "Михаил"),
    ("Shestakova", "Шестакова"),
    ("Narantuya", "Narantuyaa", "Нарантуяа"),
    ("Altangerelyn", "Altangereliin", "Алтангэрэлийн"),
]


@pytest.mark.parametrize("spellings", SPELLINGS)
def test_the_spellings_of_one_name_have_one_skeleton(spellings: tuple[str, ...]) -> None:
    assert len({skeleton(s) for s in spellings}) == 1


# a diminutive or another name is not a spelling
DIFFERENT_NAMES = [("Aleksandr", "Aleksei"), ("Aleksandr", "Aleksandra"), ("Aleksandr", "Sasha")]
DIFFERENT_NAMES += [("Ivan", "Ivana"), ("Yuri", "Yulia"), ("Shestakov", "Shestakova")]


@pytest.mark.parametrize(("one", "other"), DIFFERENT_NAMES)
def test_different_names_keep_different_skeletons(one: str, other: str) -> None:
    assert skeleton(one) != skeleton(other)


def test_same_spelled_name_in_any_order_never_across_given_names() -> None:
    assert same_spelled_name("shestakov, andrei", "andrey shestakov")
    assert same_spelled_name("liudmila shestakova", "lyudmila shestakova")
    assert not same_spelled_name("andrei shestakov", "pavel shestakov")
    assert not same_spelled_name("shestakov", "shestakov")  # one word is no full name


# -- full names: one person across spellings, scripts and the inverted official form ----------

ONE_PERSON = [
    ("Lyudmila Shestakova", "Людмила Борисовна Шестакова"),
    ("Yuri Tikhonov", "Iurii Tikhonov"),
    ("Andrei Leonidovich Shestakov", "Shestakov, Andrey Leonidovich"),
    ("Altangerelyn Narantuya", "Алтангэрэлийн Нарантуяа"),
    ("Sukhiin Narantuya", "Сүхийн Нарантуяа"),  # the Mongolian letters of Cyrillic
]


@pytest.mark.parametrize(("one", "other"), ONE_PERSON)
def test_one_person_however_written_across_records(one: str, other: str) -> None:
    first, second = _link((f"{one} paid us.", (one,)), (f"Later {other} came.", (other,)))
    assert first[one] == second[other]


def test_other_names_reads_a_mongolian_name_alike_in_both_scripts() -> None:
    from redact.detect.recognizers.other_names import OtherNameRecognizer

    text = "We met Sukhiin Narantuya, then Сүхийн Нарантуяа again."
    found = {text[f.start : f.end]: f.key for f in OtherNameRecognizer().find(text)}
    assert found["Sukhiin Narantuya"] == found["Сүхийн Нарантуяа"]


def test_two_spellings_in_one_record_leave_the_surname_alone_unambiguous() -> None:
    text = "Lyudmila Shestakova drove. Людмила Шестакова paid. Shestakova left."
    surfaces = ("Lyudmila Shestakova", "Людмила Шестакова", "Shestakova")
    (keys,) = _link((text, surfaces))
    assert keys["Shestakova"] == keys["Lyudmila Shestakova"] == keys["Людмила Шестакова"]


DIFFERENT_PEOPLE = [
    ("Andrei Shestakov", "Pavel Shestakov"),  # two Russians sharing a surname
    ("Altangerelyn Narantuya", "Altangerelyn Tsetsegmaa"),  # sisters: one patronymic
    ("Kittisak Boonyarat", "Kittisak Sombat"),  # two Thai men sharing a given name
]


@pytest.mark.parametrize(("one", "other"), DIFFERENT_PEOPLE)
def test_different_people_stay_apart(one: str, other: str) -> None:
    (keys,) = _link((f"{one} and {other} came.", (one, other)))
    assert keys[one] != keys[other]
    assert not spelling_aliases(
        {
            keys[one]: Entity(keys[one], PERSON, (one,)),
            keys[other]: Entity(keys[other], PERSON, (other,)),
        }
    )


# -- partial mentions: exactly one candidate in the record, or their own entity ---------------

LINKS = [
    # (text, full name, partial mention)
    # a first name and patronymic: the formal address of one person
    (
        "Andrei Leonidovich Shestakov hired us. Andrei Leonidovich was strict.",
        "Andrei Leonidovich Shestakov",
        "Andrei Leonidovich",
    ),
    # a surname alone, in another spelling of the full name
    ("Людмила Шестакова met us. Shestakova said nothing.", "Людмила Шестакова", "Shestakova"),
    # a Mongolian given name, with a title or alone, after a genitive patronymic
    (
        "Altangerelyn Narantuya hid us. Ms. Narantuya cooked.",
        "Altangerelyn Narantuya",
        "Ms. Narantuya",
    ),
    ("Altangerelyn Narantuya hid us. Narantuyaa cooked.", "Altangerelyn Narantuya", "Narantuyaa"),
    # a Russian diminutive alone: the everyday form of the first name
    ("Anatoly Tikhonov drove. Tolya waited.", "Anatoly Tikhonov", "Tolya"),
    ("Людмила Шестакова drove. Lyuda waited.", "Людмила Шестакова", "Lyuda"),
    # a Mongolian short form: the first element with a short ending, or one element
    ("Sukhiin Batbold hid us. Bataa cooked.", "Sukhiin Batbold", "Bataa"),
    ("Altangerelyn Narantuya hid us. Naran cooked.", "Altangerelyn Narantuya", "Naran"),
    # a Thai given name, with a title or alone
    ("Kittisak Boonyarat drove. Mr. Kittisak waited.", "Kittisak Boonyarat", "Mr. Kittisak"),
    ("Kittisak Boonyarat drove. Kittisak waited.", "Kittisak Boonyarat", "Kittisak"),
]


@pytest.mark.parametrize(("text", "full", "partial"), LINKS)
def test_a_partial_mention_links_to_the_one_full_name(text: str, full: str, partial: str) -> None:
    (keys,) = _link((text, (full, partial)))
    assert keys[partial] == keys[full]
    assert "linked to the person written" in _why(text, (full, partial), partial)


AMBIGUOUS = [
    # a short form two sisters' given names share
    (
        "Sukhiin Batbold and Sukhiin Battsetseg came. Bataa paid.",
        ("Sukhiin Batbold", "Sukhiin Battsetseg"),
        "Bataa",
    ),
    # a diminutive of two names (Aleksandr, Aleksandra), both in the record
    (
        "Aleksandr Tikhonov and Aleksandra Zhukova came. Sasha paid.",
        ("Aleksandr Tikhonov", "Aleksandra Zhukova"),
        "Sasha",
    ),
    (
        "Andrei Shestakov and Pavel Shestakov came. Shestakov paid.",
        ("Andrei Shestakov", "Pavel Shestakov"),
        "Shestakov",
    ),
    (
        "Kittisak Boonyarat and Kittisak Sombat came. Kittisak paid.",
        ("Kittisak Boonyarat", "Kittisak Sombat"),
        "Kittisak",
    ),
    (
        "Altangerelyn Narantuya and Altangerelyn Tsetsegmaa came. Altangerelyn paid.",
        ("Altangerelyn Narantuya", "Altangerelyn Tsetsegmaa"),
        "Altangerelyn",
    ),
]


@pytest.mark.parametrize(("text", "fulls", "partial"), AMBIGUOUS)
def test_a_partial_two_people_could_be_is_its_own_entity(
    text: str, fulls: tuple[str, ...], partial: str
) -> None:
    (keys,) = _link((text, (*fulls, partial)))
    assert keys[partial] not in {keys[f] for f in fulls}
    why = _why(text, (*fulls, partial), partial)
    assert "ambiguous" in why
    assert all(f"'{f}'" in why for f in fulls)


def test_a_diminutive_of_another_first_name_is_nobody_here() -> None:
    text = "Pavel Tikhonov drove. Tolya waited."
    (keys,) = _link((text, ("Pavel Tikhonov", "Tolya")))
    assert keys["Tolya"] != keys["Pavel Tikhonov"]


def test_a_mongolian_short_form_only_of_a_mongolian_name() -> None:
    """Bata- starts a Mongolian given name and a Russian surname alike: only a name of the
    Mongolian shape (genitive patronymic + given name) is called by a short form."""
    text = "Ivan Bataev drove. Bataa waited."
    (keys,) = _link((text, ("Ivan Bataev", "Bataa")))
    assert keys["Bataa"] != keys["Ivan Bataev"]


def test_a_short_name_alone_is_not_linked_by_its_spelling() -> None:
    """Loy and Loi may be one name, but three letters are too few to tell a spelling from
    another person: a given name alone this short links only as written."""
    text = "Loy Sombat came. Loi waited."
    (keys,) = _link((text, ("Loy Sombat", "Loi")))
    assert keys["Loi"] != keys["Loy Sombat"]


# -- initials: they must be the full name's, and the initials form is nobody's full name ------


def test_initials_agree_with_the_full_name() -> None:
    yuri = Entity("PERSON:yuri shestakov", PERSON, ("Yuri Leonidovich Shestakov",))
    assert initials_form("Шестаков Ю. Л.") == ("shestakov", ("i", "l"))
    assert explains("Yu. L. Shestakov", "shestakov|", yuri)
    assert explains("Шестаков Ю. Л.", "shestakov|", yuri)
    assert not explains("P. L. Shestakov", "shestakov|", yuri)  # another first name
    assert not explains("Yu. S. Shestakov", "shestakov|", yuri)  # another father
    daughter = Entity("PERSON:altangerelyn narantuya", PERSON, ("Altangerelyn Narantuya",))
    assert explains("A. Narantuya", "|narantuya", daughter)
    assert not explains("B. Narantuya", "|narantuya", daughter)


def test_a_surname_alone_is_not_linked_to_an_initials_form() -> None:
    text = "Andrei Shestakov paid. A. L. Shestakov signed. Shestakov left."
    surfaces = ("Andrei Shestakov", "A. L. Shestakov", "Shestakov")
    (keys,) = _link((text, surfaces))
    assert keys["Shestakov"] == keys["Andrei Shestakov"]


# -- the Russian recognizer: the inverted official form and surnames with initials -----------


def test_russian_recognizer_reads_inverted_and_initialed_forms() -> None:
    text = 'The file: "Shestakov, Andrei Leonidovich". Signed A. L. Shestakov, then Шестаков Ю. Л.'
    found = {text[f.start : f.end]: f for f in RussianNameRecognizer().find(text)}
    assert found["Shestakov, Andrei Leonidovich"].key == "andrei shestakov"
    assert "A. L. Shestakov" in found
    assert "Шестаков Ю. Л." in found


def test_row_names_are_invented_not_taken_from_the_samples() -> None:
    """The names of these rows are absent from samples/ and samples/blind/, folded."""
    from pathlib import Path

    from intake.readers import read
    from redact.text.folding import name_fold

    root = Path(__file__).resolve().parents[1] / "samples"
    readable = (".docx", ".odt")
    texts = [
        read(p).text if p.suffix in readable else p.read_text("utf-8", "replace")
        for p in sorted(root.rglob("*"))
        if p.is_file()
        and p.suffix in (*readable, ".txt", ".md", ".srt", ".vtt", ".json")
        and "blind2" not in p.parts  # the held-out set stays unread
    ]
    corpus = name_fold("\n".join(texts))
    rows = [*ONE_PERSON, *DIFFERENT_PEOPLE, *((full, partial) for _, full, partial in LINKS)]
    rows += [fulls for _, fulls, _ in AMBIGUOUS]
    words = {w for row in rows for name in row for w in name.replace(".", " ").split()}
    names = {w for w in words if len(w) > 3 and w[0].isupper() and w not in ("Mr", "Ms")}
    assert len(names) > 20
    assert sorted(n for n in names if name_fold(n) in corpus) == []


def test_a_list_of_people_is_not_read_as_one_inverted_name() -> None:
    text = "We met Tikhonov, Pavel, and Olga. Then Tikhonov, Pavel and Olga left."
    found = [text[f.start : f.end] for f in RussianNameRecognizer().find(text)]
    assert "Tikhonov, Pavel" not in found
    assert "Pavel" in found


@pytest.mark.parametrize(
    ("text", "name", "latin"),
    [
        ('"пастор Ким 8613943372816"', "пастор Ким", "Kim"),  # a Korean surname in Cyrillic
        ("Тётя Пак звонила.", "Тётя Пак", "Pak"),
        ("бригадир Пак сказал", "бригадир Пак", "Pak"),
    ],
)
def test_a_russian_title_before_a_cyrillic_surname_is_a_name(
    text: str, name: str, latin: str
) -> None:
    found = [(text[f.start : f.end], f.key) for f in RussianNameRecognizer().find(text)]
    assert found == [(name, name_key(latin))]  # keyed as the surname in Latin letters


def test_a_russian_title_before_a_lower_case_word_is_no_name() -> None:
    assert RussianNameRecognizer().find("пастор сказал, что тётя ушла") == []
