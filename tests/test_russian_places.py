"""Russian street addresses written out, and bodies named in guillemets (invented names)."""

from __future__ import annotations

import pytest

from redact.detect.recognizers.base import LOCATION, ORGANIZATION
from redact.detect.recognizers.russian_places import RussianPlaceRecognizer


def _found(text: str) -> set[tuple[str, str]]:
    return {(text[f.start : f.end], f.label) for f in RussianPlaceRecognizer().find(text)}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Общежитие: переулок Кленовый, 3. Сорок человек.", ("переулок Кленовый, 3", LOCATION)),
        ("Жил на улице Ленина, дом 5.", ("улице Ленина, дом 5", LOCATION)),
        ("Адрес: Садовый переулок, 7, кв. 3", ("Садовый переулок, 7, кв. 3", LOCATION)),
        ("у калитки, СНТ «Ромашка», участок 12. Жди.", ("СНТ «Ромашка», участок 12", LOCATION)),
        (
            "Пастор служит в церкви «Новая жизнь» в Уссурийске.",
            ("церкви «Новая жизнь»", ORGANIZATION),
        ),
        ("в конторе «Берёзовой рощи» в понедельник", ("конторе «Берёзовой рощи»", ORGANIZATION)),
    ],
)
def test_addresses_and_named_bodies(text: str, found: tuple[str, str]) -> None:
    assert found in _found(text)


@pytest.mark.parametrize(
    "text", ["Она сказала: «Паспорт не ищи».", "по улице шли люди", "улица Мира, 2,5 км отсюда"]
)
def test_quotations_and_numbers_are_not_addresses(text: str) -> None:
    assert all("«" not in s and "2,5" not in s for s, _ in _found(text))
    if "«" in text or "по улице" in text:
        assert _found(text) == set()
