"""Russian personal names in Latin transliteration and in Cyrillic.

Shapes found:

* first name (list of common names) + optional patronymic + optional surname:
  "Viktor Sergeyevich Morozov", "Viktor Sergeyevich", "Viktor Morozov", "Natalya Ivanovna Belova"
* a first name alone (0.5) and diminutives alone ("Sasha", "Lyuda", "Volodya": 0.45)
* title + surname: "Mr. Morozov", "Foreman Morozov", "boss Morozov" (title kept in the span)
* a capitalised word with a Russian surname ending alone (-ov, -eva, -enko, -sky, ...; 0.35)
* the inverted official form "Shestakov, Pavel Olegovich" (0.85; without a patronymic only
  where nothing follows, so that "Shestakov, Ivan, and Olga" stays a list)
* a surname with initials: "Yu. S. Shestakov", "Shestakov Yu. S.", "Шестаков Ю. Л." (0.7)
* once a full name is found, its surname alone elsewhere in the text, linked to its key
* the same in Cyrillic ("Виктор Сергеевич Морозов"): Cyrillic words are transliterated with
  :func:`redact.text.variants.fold` and then go through the same rules

A full name's reading is its words up to transliteration (``redact.text.transliteration``), the
patronymic left out, so that "Lyudmila Shestakova" and "Людмила Борисовна Шестакова" in one text
are one entity from the start.
"""

from __future__ import annotations

import re

from redact.detect.recognizers.base import PERSON, Finding
from redact.text.kontsevich import KORYO_LATIN
from redact.text.transliteration import INITIALED, initials_form, skeleton
from redact.text.variants import SURNAMES, find_mentions, fold, name_key, overlaps, word_set

NAME = "russian_names"
FIRST_NAMES = word_set(
    "aleksandr alexander aleksei alexei alexey anatoly anatoliy anatoli andrei andrey anton "
    "arkady artem artyom boris konstantin daniil denis dmitri dmitry dmitriy eduard evgeny "
    "evgeniy yevgeny fyodor fedor gennady gennadiy georgy grigory igor ilya ivan kirill leonid "
    "maksim maxim mikhail nikita nikolai nikolay oleg pavel pyotr petr roman ruslan semyon sergei "
    "sergey stanislav stepan timur vadim valentin valery vasily vasiliy viktor victor vitaly "
    "vladimir vladislav vyacheslav yaroslav yegor yuri yury yuriy alla anastasia anna alina alyona "
    "daria darya ekaterina yekaterina elena yelena galina irina kristina larisa lidia lyudmila "
    "lyubov margarita maria mariya marina nadezhda natalya natalia nataliya nina oksana olga "
    "polina raisa svetlana sofia tamara tatiana tatyana valentina valeria vera veronika yulia "
    "yuliya zoya zinaida inna lilia ksenia elizaveta antonina nadia"
)
DIMINUTIVES = word_set(
    "sasha sashka shura volodya vova kolya misha dima natasha masha dasha katya lena sveta tanya "
    "olya galya ira lyuba nadya vitya seryozha serezha petya vanya zhenya kostya lyosha alyosha "
    "tolya borya grisha pasha slava styopa yura lyuda valya zina tolik sanya nastya yulya"
)
PATRONYMIC = re.compile(r"[a-z]+(?:ovich|evich|ich|ovna|evna|ichna)")
SURNAME = re.compile(
    r"[a-z]{2,}(?:ov|ev|in|yn|sky|skiy|skii|skij|enko|ova|eva|ina|yna|skaya|uk|yuk)"
)
_LETTER = r"(?:[A-Z][a-z]+|[\u0410-\u042f\u0401][\u0430-\u044f\u0451]+)"
_SEQUENCE = re.compile(rf"(?<![\w-]){_LETTER}(?:\s{_LETTER}){{0,5}}(?![\w-])")
_TITLED = re.compile(
    r"(?<![\w-])(?:(?:Mr|Mrs|Ms|Dr)\.?|[Ff]oreman|[Bb]oss|[Cc]omrade|[Mm]anager|[Dd]irector|"
    r"[Cc]aptain|[Oo]fficer|[Ss]upervisor)\s(?P<sur>[A-Z][a-z]+)(?![\w-])"
)
# a Russian title or kin address before a capitalised Cyrillic word: any surname, Russian or
# Korean written in Cyrillic ("пастор Ким", "тётя Пак", "бригадир Пак", "господин Шестаков")
_CYRILLIC_TITLED = re.compile(
    r"(?<![\w-])(?i:пастор|тётя|тетя|дядя|бабушка|дедушка|господин|госпожа|товарищ|мастер|"
    r"бригадир|начальник|прораб|сестра|брат)\s(?P<sur>[\u0410-\u042f\u0401][\u0430-\u044f\u0451]+)"
    r"(?![\w-])"
)
_LONE = re.compile(
    r"(?<![\w-])[A-Z][a-z]{2,}(?:ov|ev|sky|skiy|enko|ova|eva|skaya|ovich|evich|ovna|evna)(?![\w-])"
)
_INVERTED = re.compile(
    rf"(?<![\w-])(?P<sur>{_LETTER}),\s(?P<first>{_LETTER})(?:\s(?P<pat>{_LETTER}))?"
)
# what may follow an inverted name without a patronymic: a closing quote or bracket, the end
_CLOSED = re.compile(r"\s*(?:[)\]\"'\u00bb\u201d\u2019;:]|\.?\s*$|\.\s*\n)")
# Two-letter surnames that are no English word, after a Russian first name ("Olga Li")
_SHORT_SURNAMES = word_set("li ni ri yu")
# Places and writers with a surname ending that are not people of the testimony.
NOT_SURNAMES = word_set(
    "rostov saratov kirov pskov azov tambov kasimov korolev kovrov chekhov pushkin lermontov"
)


def russian_name_length(words: list[str]) -> tuple[int, str] | None:
    """How many of the folded ``words`` form a Russian name starting at the first, and how.

    "viktor sergeevich morozov" -> (3, "first name + patronymic + surname").
    """
    if not words or words[0] not in FIRST_NAMES | DIMINUTIVES:
        return None
    parts = ["first name"]
    rest = words[1:]
    if rest and PATRONYMIC.fullmatch(rest[0]):
        parts.append("patronymic")
        rest = rest[1:]
    if rest and SURNAME.fullmatch(rest[0]) and rest[0] not in NOT_SURNAMES:
        parts.append("surname")
    elif (
        rest
        and (rest[0] in SURNAMES or rest[0] in KORYO_LATIN)
        and (len(rest[0]) > 2 or rest[0] in _SHORT_SURNAMES)
    ):
        parts.append("surname")  # a Koryo-saram or Chinese surname: "Slava Ten", "Olga Pak"
    return len(parts), " + ".join(parts)


def _finding(start: int, end: int, score: float, why: str, key: str | None) -> Finding:
    return Finding(start, end, PERSON, score, NAME, why, key)


def reading(surface: str) -> str:
    """A Russian name's reading: a name the romanizer parses (a Korean or Chinese surname in
    it) as it reads it, any other as its words up to transliteration, the patronymic left out
    ("Людмила Борисовна Шестакова" and "Ludmila Shestakova" -> "ludmila shestakova")."""
    key = name_key(surface)
    if "|" in key:
        return key
    words = [w for w in re.split(r"[\s,]+", fold(surface)) if w]
    kept = [w for w in words if not PATRONYMIC.fullmatch(w)] if len(words) > 2 else words
    return " ".join(skeleton(w) for w in kept) or key


def _surname(word: str) -> bool:
    folded = fold(word)
    return bool(SURNAME.fullmatch(folded)) and folded not in NOT_SURNAMES


class RussianNameRecognizer:
    """Russian first names, patronymics and surnames, Latin and Cyrillic."""

    name: str = NAME
    labels: tuple[str, ...] = (PERSON,)

    def find(self, text: str) -> list[Finding]:
        found = self._inverted(text)
        spans = [(f.start, f.end) for f in found]
        found += [f for f in self._names(text) if not overlaps(f.start, f.end, spans)]
        found += [f for f in self._initialed(text) if not overlaps(f.start, f.end, spans)]
        spans = [(f.start, f.end) for f in found]
        extra = [f for f in self._titled(text) if not overlaps(f.start, f.end, spans)]
        spans += [(f.start, f.end) for f in extra]
        linked = [f for f in self._linked(text, found) if not overlaps(f.start, f.end, spans)]
        spans += [(f.start, f.end) for f in linked]
        lone = [f for f in self._lone(text) if not overlaps(f.start, f.end, spans)]
        return sorted(found + extra + linked + lone, key=lambda f: f.start)

    def _names(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for match in _SEQUENCE.finditer(text):
            words = match.group().split()
            for index in range(len(words)):
                result = russian_name_length([fold(w) for w in words[index:]])
                if result is None:
                    continue
                count, why = result
                start = match.start() + len(" ".join(words[:index])) + (1 if index else 0)
                surface = " ".join(words[index : index + count])
                if count > 1:
                    score = 0.9 if count == 3 else 0.85
                else:
                    diminutive = fold(surface) in DIMINUTIVES
                    score, why = (0.45, "Russian diminutive") if diminutive else (0.5, why)
                end = start + len(surface)
                key = reading(surface) if count > 1 else name_key(surface)
                found.append(_finding(start, end, score, f"Russian {why}", key))
                break
        return found

    def _inverted(self, text: str) -> list[Finding]:
        """ "Shestakov, Pavel Olegovich": surname, comma, first name (and patronymic)."""
        found: list[Finding] = []
        for match in _INVERTED.finditer(text):
            if not _surname(match.group("sur")) or fold(match.group("first")) not in FIRST_NAMES:
                continue
            pat = match.group("pat")
            end = match.end() if pat and PATRONYMIC.fullmatch(fold(pat)) else match.end("first")
            if end == match.end("first") and not _CLOSED.match(text, end):
                continue  # "Shestakov, Ivan, and Olga": a list of people, not one name
            surface = text[match.start() : end]
            named = surface.partition(",")  # read in the order of "Pavel Shestakov"
            why = "Russian surname, comma, first name (the inverted official form)"
            found.append(_finding(match.start(), end, 0.85, why, reading(f"{named[2]} {named[0]}")))
        return found

    def _initialed(self, text: str) -> list[Finding]:
        """ "Yu. S. Shestakov", "Шестаков Ю. Л.": a Russian surname with initials."""
        found: list[Finding] = []
        for match in (m for pattern in INITIALED for m in pattern.finditer(text)):
            form = initials_form(match.group())
            if form and SURNAME.fullmatch(form[0]) and form[0] not in NOT_SURNAMES:
                why = "Russian surname with initials"
                found.append(_finding(match.start(), match.end(), 0.7, why, None))
        return found

    def _titled(self, text: str) -> list[Finding]:
        found = [
            _finding(m.start(), m.end(), 0.65, "title + Russian surname", name_key(m.group("sur")))
            for m in _TITLED.finditer(text)
            if SURNAME.fullmatch(fold(m.group("sur"))) and fold(m.group("sur")) not in NOT_SURNAMES
        ]
        why = "Russian title or kin word + a capitalised word"
        return found + [
            _finding(m.start(), m.end(), 0.6, why, name_key(m.group("sur")))
            for m in _CYRILLIC_TITLED.finditer(text)
        ]

    def _linked(self, text: str, found: list[Finding]) -> list[Finding]:
        wanted: dict[str, str] = {}
        for finding in found:
            words = text[finding.start : finding.end].split()
            key = name_key(words[-1]) if len(words) > 1 else ""
            if key.startswith("|"):  # last word of a multi-word name: surname or patronymic
                wanted.setdefault(key, finding.key or "")
        why = "surname alone of a Russian name found in the same text"
        return [_finding(s, e, 0.55, why, key) for s, e, key in find_mentions(text, wanted)]

    def _lone(self, text: str) -> list[Finding]:
        why = "capitalised word with a Russian surname ending"
        return [
            _finding(m.start(), m.end(), 0.35, why, None)
            for m in _LONE.finditer(text)
            if fold(m.group()) not in NOT_SURNAMES
        ]
