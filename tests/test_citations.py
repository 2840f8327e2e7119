"""Citations: a template filled in per record, the place as the policy treats places.

Invented records and an invented table; the geography is the real gazetteer's.
"""

from __future__ import annotations

import pytest

from intake.record import Metadata, Record, Segment
from keys.errors import UsageError
from redact.export import citations
from redact.export.citations import Citing
from redact.link import linking
from redact.link.pseudonyms import PseudonymTable
from redact.plan import policy as policy_module

WITNESS, INTERVIEWER, PLACE = "Yun Sol-mi", "Baek Ha-ram", "Yanji"


def _record(protected: tuple[str, ...] = (WITNESS,), **metadata: str | None) -> Record:
    text = "I crossed at night."
    fields = {"code": "NK-2099-017", "date": "2099-03-14", "place": PLACE,
              "interviewer": INTERVIEWER, **metadata}  # fmt: skip
    return Record("abcdefgh" + "x" * 12, "", "t.txt", "txt", "", "", text,
                  (Segment(0, len(text)),), Metadata(**fields), protected)  # fmt: skip


def _table() -> PseudonymTable:
    def entry(label: str, pseudonym: str, surface: str) -> dict[str, object]:
        return {"label": label, "pseudonym": pseudonym, "surfaces": [surface], "records": ["r"]}

    return PseudonymTable(
        entries={
            linking.entity_key("PERSON", WITNESS): entry("PERSON", "[Person 4]", WITNESS),
            linking.entity_key("PERSON", INTERVIEWER): entry("PERSON", "[Person 9]", INTERVIEWER),
            linking.entity_key("LOCATION", PLACE): entry("LOCATION", "[Place 2]", PLACE),
        }
    )


def _citing(location: str = "generalise", template: str = citations.DEFAULT_TEMPLATE) -> Citing:
    text = f'[actions]\nPERSON = "pseudonymise"\nLOCATION = "{location}"\n'
    return Citing(_table(), policy_module.parse(text, "test"), "[{}]", "Invented NGO", template)


def test_the_default_citation_names_code_place_and_month() -> None:
    assert citations.citation(_record(), _citing()) == (
        "\u2014 [Person 4], interview NK-2099-017 by [Person 9] (Invented NGO), "
        "a place in China, March 2099"
    )


@pytest.mark.parametrize(
    ("location", "record", "place"),
    [
        ("generalise", _record(), "a place in China"),
        ("keep", _record(), "Yanji"),
        ("pseudonymise", _record(), "[Place 2]"),
        ("mask", _record(), "a place"),
        ("generalise", _record(place="Nowhere-on-the-map"), "a place"),  # not in the gazetteer
        ("keep", _record(protected=(WITNESS, "Yanji")), "a place"),  # never a protected term
        ("keep", _record(place=None), "a place"),
    ],
)  # fmt: skip
def test_the_place_follows_the_policy(location: str, record: Record, place: str) -> None:
    assert citations.citation(record, _citing(location, "{place}")) == place


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        ({}, "NK-2099-017, March 2099, 2099"),
        ({"code": None}, "record abcdefgh, March 2099, 2099"),
        ({"date": None}, "NK-2099-017, undated, undated"),
        ({"date": "spring 2099"}, "NK-2099-017, 2099, 2099"),  # no month: the year
    ],
)
def test_code_and_dates_have_fallbacks(metadata: dict[str, str | None], expected: str) -> None:
    assert citations.citation(_record(**metadata), _citing(template="{code}, {month}, {year}")) == (
        expected
    )


def test_a_witness_without_a_pseudonym_is_named_by_record() -> None:
    cite = citations.citation(_record(protected=()), _citing(template="{witness}: {interviewer}"))
    assert cite == "[Witness, record abcdefgh]: [Person 9]"


@pytest.mark.parametrize(
    "template",
    ["no field at all", "{name}", "{code!r}", "{month:>20}", "{code", "{}", "{0}"],
)
def test_a_bad_template_is_refused(template: str) -> None:
    with pytest.raises(UsageError) as refused:
        citations.check_template(template)
    assert "{witness}" in refused.value.hint


def test_the_template_words_frame_the_gate() -> None:
    assert citations.literals("\u2014 {witness}, interview {code} by {organisation}") == (
        "\u2014",
        ", interview",
        "by",
    )
