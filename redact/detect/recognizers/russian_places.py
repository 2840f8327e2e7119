"""Russian addresses and named bodies written in Cyrillic (LOCATION, ORGANIZATION).

Shapes found:

* a street word written out, in any case, and its name, before or after it, with a house and
  a flat number: "переулок Кленовый, 3", "Садовый переулок", "на улице Ленина, дом 5",
  "проспект Мира, д. 7, кв. 12" (the abbreviations "ул.", "пер." are the address recognizer's);
* a body's head word and its name in guillemets: "церковь «Новая жизнь»", "в конторе
  «Берёзовой рощи»", "СНТ «Ромашка», участок 12", "кафе «Восток»". A garden society, a hostel or
  a hotel is a place (LOCATION); a church, a company, an office or a shop a body (ORGANIZATION).
  Guillemets after any other word are a quotation («Паспорт не ищи»), not a name.
"""

from __future__ import annotations

import re

from redact.detect.recognizers.base import LOCATION, ORGANIZATION, Finding

NAME = "russian_places"
SCORE = 0.7
_CAP = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?"
_STREET = (
    r"(?:улиц[аеуыи]|переул(?:ок|ке|ка|ку)|проспект(?:е|а|у)?|площад(?:ь|и)|шоссе|"
    r"набережн(?:ая|ой|ую)|бульвар(?:е|а|у)?|проезд(?:е|а|у)?|тупик(?:е|а|у)?)"
)
_HOUSE = r"(?:,?\s(?:дом|д\.)\s?\d{1,4}[а-я]?|,\s\d{1,4}[а-я]?(?!\d|[.,]\d))"
_FLAT = r"(?:,\s(?:кв\.|квартира|комната|корпус|корп\.|участок)\s?\d{1,4})"
_STREET_ADDRESS = re.compile(
    rf"(?<![\w-])(?:(?i:{_STREET})\s{_CAP}(?:\s{_CAP})?|{_CAP}\s(?i:{_STREET}))"
    rf"{_HOUSE}?{_FLAT}*(?![\w-])"
)
# head words by their stem, any case ending: a place or a body
_PLACE_HEADS = r"снт|садоводческ\w*|дачн\w*|общежити\w*|гостиниц\w*|посёл\w*|посел\w*"
_BODY_HEADS = (
    r"церк\w*|церков\w*|компани\w*|фирм\w*|контор\w*|ооо|зао|оао|ип|фонд\w*|центр\w*|"
    r"магазин\w*|кафе|ресторан\w*|рын\w*|завод\w*|фабрик\w*|клиник\w*|больниц\w*|"
    r"общин\w*|организаци\w*|агентств\w*|трест\w*|управлени\w*"
)
_QUOTED = re.compile(
    rf"(?<![\w-])(?:(?P<place>(?i:{_PLACE_HEADS}))|(?P<body>(?i:{_BODY_HEADS})))"
    rf"\s«(?P<name>[^»\n]{{2,40}})»{_FLAT}*"
)


class RussianPlaceRecognizer:
    """Russian street addresses written out, and bodies named in guillemets."""

    name: str = NAME
    labels: tuple[str, ...] = (LOCATION, ORGANIZATION)

    def find(self, text: str) -> list[Finding]:
        found = [
            Finding(*m.span(), LOCATION, SCORE, NAME, "Russian street address", None)
            for m in _STREET_ADDRESS.finditer(text)
        ]
        for m in _QUOTED.finditer(text):
            label = LOCATION if m.group("place") else ORGANIZATION
            why = "Russian head word + a name in guillemets"
            found.append(Finding(*m.span(), label, SCORE, NAME, why, None))
        return found
