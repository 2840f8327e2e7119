"""Entity keys: the same person, place or camp gets the same key in every record and run.

A person's key is the romanization-aware reading of the name (:func:`redact.text.variants.name_key`:
``PERSON:kim|boram``), a place's its letters without a leading article or a trailing place word,
a camp's its name, kind and number (``kinds``: "Kyohwaso No. 9" = "Kyohwaso 9", "X IDC" =
"X immigration detention centre"), an organisation's its letters without its legal form. A key
may carry a record scope (``PERSON:park|#a1b2c3``): a partial mention that names nobody outside
its record.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from redact.detect.recognizers.base import (
    CAMP,
    EMAIL,
    ID_NUMBER,
    LOCATION,
    ORGANIZATION,
    PERSON,
    PHONE,
    QQ,
    WECHAT,
    Reason,
)
from redact.detect.recognizers.nicknames import epithet_of
from redact.detect.recognizers.participants import code_of
from redact.detect.recognizers.places import NAME as PLACES
from redact.detect.recognizers.places import WEAK_SCORE as WEAK_PLACE
from redact.detect.recognizers.proper_nouns import is_common_word
from redact.detect.recognizers.settlements import SETTLEMENT_WORDS, settled_stem
from redact.detect.span import Span
from redact.link.camp_names import link_camp_names
from redact.link.kinds import ARTICLE, camp_key_body, org_letters, organisation_word
from redact.link.records import link_in_record
from redact.text.place_names import place_letters
from redact.text.search import compact, fold, strip_possessive
from redact.text.transliteration import initialed_body
from redact.text.variants import (
    KOREAN_SURNAMES,
    SURNAMES,
    WORDLIKE_SURNAMES,
    han_reading,
    korean_given_syllables,
    name_key,
    role_titles,
    word_set,
)

LINKED_LABELS = (PERSON, LOCATION, CAMP, ORGANIZATION, PHONE, WECHAT, QQ, EMAIL, ID_NUMBER)
MIN_LETTERS = 3  # "Ri" or "Yu" alone are not searched for: far too many false hits


@dataclass(frozen=True)
class Entity:
    key: str
    label: str
    surfaces: tuple[str, ...]  # how it was written (in this record or anywhere in the corpus)
    strength: int = 0  # the best evidence for its label (see :func:`evidence`)


_PATRONYMIC = re.compile(r"\s\S+(?:ovich|evich|ovna|evna|ichna|inichna)\b")


# A labour unit or brigade named without a camp kind ("the same 8th brigade", "Unit No. 4"):
# its words without an article or a number sign
_UNIT_NOISE = word_set("the a an this that same no no. number #")
_PLACE_WORDS = re.compile(
    r"(?:\s+(?:county|city|town|township|village|district|province|prefecture|oblast|krai|"
    rf"region|station|railway station|bus station|port|harbou?r|crossing|checkpoint|"
    rf"{'|'.join(SETTLEMENT_WORDS)}))+$",
    re.IGNORECASE,
)


def entity_key(label: str, surface: str, name: str | None = None) -> str:
    """The entity's key: the same person or place gets the same key in every record.
    ``name`` is a recognizer's own reading of the name, preferred to the raw surface.
    A place's key leaves out a trailing place word ("Musan county" is Musan)."""
    surface = strip_possessive(surface)
    if label == PERSON:
        special = code_of(surface) or epithet_of(surface)
        if special:  # a participant code or an article + epithet, whoever found it
            return f"{PERSON}:{special}"
        bare = ARTICLE.sub("", surface)
        if bare != surface and bare:  # "the Pak" is Pak: an article names nobody
            surface, name = bare, None
        named = _without_english_lead(surface)
        if named != surface:
            surface, name = named, None  # the recognizer's reading has the word in it too
        initialed = initialed_body(surface, KOREAN_SURNAMES)
        if initialed:  # "Yu. L. Shestakov" and its Cyrillic: a surname, settled in its record
            return f"{PERSON}:{initialed}"
        if name and han_reading(name) != name:
            name = name_key(name)  # a reading in Chinese characters: read it in pinyin
        if not name and any(c.isdigit() for c in surface):
            return f"{PERSON}:code:{compact(surface)}"  # a participant code ("P-12", "W7")
        initials = "".join(c for c in surface if c.isalpha())
        first = surface.split()[0].lower() if len(surface.split()) > 1 else ""
        if (
            not name
            and _INITIALS.fullmatch(surface)
            and initials.lower() not in SURNAMES
            and (len(first) < 2 or first not in SURNAMES)  # "LI NA": a name in capitals
        ):
            return f"{PERSON}:initials:{initials}"
        key = name if name else name_key(surface)
        key = _PATRONYMIC.sub("", key)  # Viktor Sergeyevich Morozov = Viktor Morozov
        if any(c.isalnum() for c in key):
            return f"{PERSON}:{key}"
        # a name the romanizer cannot read: its own letters are the key
    bare = ARTICLE.sub("", surface) or surface
    if label == LOCATION:
        if name and name.isascii() and han_reading(surface) != surface:
            letters = compact(name)  # 杏花村 read in pinyin, as "Xinghua (village)" is keyed
        else:
            plain = _PLACE_WORDS.sub("", bare) or bare
            letters = place_letters(plain) or compact(plain) or compact(bare)
        return f"{label}:{settled_stem(letters)}"
    if label == CAMP:
        named = camp_key_body(bare) or compact(
            " ".join(w for w in fold(bare).split() if w not in _UNIT_NOISE)
        )
        return f"{label}:{named if named and not named.isdigit() else compact(bare)}"
    if label == ORGANIZATION:
        return f"{label}:{org_letters(bare) or compact(bare) or compact(surface)}"
    return f"{label}:{compact(bare) or compact(surface)}"


# Initials written in capitals ("KH", "K.H.", "K. H."): one key however they are dotted
_INITIALS = re.compile(r"[A-Z](?:[.\s-]{0,2}[A-Z]){1,3}\.?")
_LEAD = re.compile(r"([A-Z][a-z]+(?:-[a-z]+)?)\s+(?=\S)")
COMMON_LEAD = 4.0  # Zipf frequency: "Meets" 4.4, "Saw" 5.3; a name like "Svetlana" is < 3.5


def _without_english_lead(surface: str) -> str:
    """A person's name without a capitalised everyday English word swallowed before it
    ("Meets Kŭm-ok" is Kŭm-ok, "Saw Kim Min-jun" Kim Min-jun), so the key is the one the
    name has elsewhere. Only before a name read as Korean or Chinese with its given name; never
    a known surname ("Song", "Moon") or a title ("Auntie"), which are part of how one is named."""
    match = _LEAD.match(surface)
    if not match:
        return surface
    word = match.group(1)
    if fold(word) in SURNAMES or role_titles(surface) or not is_common_word(word, COMMON_LEAD):
        return surface
    if "-" in word and korean_given_syllables(word):
        return surface  # "Won-ok eonni": a hyphenated Korean given name, no English word
    if fold(word) in WORDLIKE_SURNAMES and "|" in name_key(surface):
        return surface  # "Mo Hye-ran": a rarer surname spelled like a word, before a given name
    rest = surface[match.end() :]
    _, bar, given = name_key(rest).partition("|")
    return rest if bar and given else surface


def key_body(key: str) -> str:
    """The key without its label and its record scope: "PERSON:park|#ab12" -> "park|"."""
    return key.partition(":")[2].partition("#")[0]


def is_full(key: str) -> bool:
    """A surname and a given name (Korean, Chinese), or two words or more (other names)."""
    body = key_body(key)
    if "|" in body:
        surname, _, given = body.partition("|")
        return bool(surname and given)
    return len(body.split()) >= 2


# How much a recognizer's word on a label is worth: a rule for that family of identifier (a
# name, camp or place recognizer) over the statistical model and the capitalised-word net, which
# only guess the label; a protected term or a linked mention says nothing of its own.
_GUESSES = ("presidio:", "proper_nouns")
_SILENT = ("protected-term", "linking")
# A place found only by a weak cue (a name after "in" or "from", a later mention of such a name;
# the capitalised-word net's "in X", "X county") is between the two: more than a guess, less
# than a name rule ("the card from Tanyusha").
RULE, CUE, GUESS = 3, 2, 1


def _worth(recognizer: str) -> int:
    if recognizer.startswith(_SILENT):
        return 0
    return GUESS if recognizer.startswith(_GUESSES) else RULE


# The capitalised-word net's strongest place cues: "in X", "near X", "X county", "X-ri"
_PLACE_CUE = re.compile(r"after '(?:in|near)'|before the place word|with a place suffix")


def _reason_worth(reason: Reason) -> int:
    if reason.label == LOCATION and reason.recognizer == PLACES and reason.score <= WEAK_PLACE:
        return CUE
    if reason.label == LOCATION and reason.recognizer == "proper_nouns":
        return CUE if _PLACE_CUE.search(reason.rule) else GUESS
    return _worth(reason.recognizer)


def evidence(span: Span) -> int:
    """The best evidence among the recognizers that gave the span its label."""
    worth = [_reason_worth(r) for r in span.reasons if r.label == span.label]
    return max(worth) if worth else _worth(span.recognizer)


def collect(spans: Iterable[Span], known: Iterable[Entity] = ()) -> dict[str, Entity]:
    """Entities by key, from this record's spans plus those already known in the corpus."""
    entities: dict[str, Entity] = {e.key: e for e in known}
    for span in spans:
        if span.label not in LINKED_LABELS or not span.entity:
            continue
        old = entities.get(span.entity)
        surfaces = (old.surfaces if old else ()) + (span.text,)
        strength = max(old.strength if old else 0, evidence(span))
        entities[span.entity] = Entity(
            span.entity, span.label, tuple(dict.fromkeys(surfaces)), strength
        )
    return entities


def assign_keys(spans: Sequence[Span]) -> list[Span]:
    """Turn merged spans' name readings (or their surfaces) into entity keys: a name with an
    organisation word in it is an organisation; this record's short names and names in
    characters of its organisations are those organisations (``records``), and the bare
    names of its camps, where it speaks of the camp, the camps (``camp_names``)."""
    keyed = [_as_organisation(s) for s in spans]
    keyed = [s.with_(entity=entity_key(s.label, s.text, s.entity or None)) for s in keyed]
    keyed = link_camp_names(keyed)
    return link_in_record(keyed, [evidence(s) for s in keyed])


def _as_organisation(span: Span) -> Span:
    """A person or place whose name has an organisation word in it ("Bureau", "Co., Ltd.",
    "Seafood") as an organisation, whatever the model guessed: a rule's reading."""
    if span.label not in (PERSON, LOCATION):
        return span
    word = organisation_word(span.text)
    if not word:
        return span
    reason = Reason("keys", "organisation word in the name", span.score, ORGANIZATION)
    why = (
        f"{span.explanation}; read as an organisation: '{word}' names a body, not a place or person"
    )
    return span.with_(
        label=ORGANIZATION, entity="", explanation=why, reasons=(*span.reasons, reason)
    )
