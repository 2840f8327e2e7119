"""One name in Chinese characters, two readings: 许美玉 is Xu Meiyu in pinyin and 허미옥
(Hŏ Mi-ok) in Korean. A Korean-Chinese woman, or a North Korean in a Chinese household
register, is written both ways, often in the same record. Where the corpus writes a full name
in characters, and writes both its pinyin reading and its Korean reading as full names in
Hangul or Latin letters, the two are one person: the characters say so.

The Korean-reading entity becomes an alias of the entity the characters belong to (their pinyin
key, :func:`redact.text.variants.han_reading`). Never when two names in characters read alike
in Korean but differ in pinyin: the Korean spelling could then be either.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from redact.detect.recognizers.base import PERSON
from redact.link.keys import Entity, is_full
from redact.text.korean_reading import korean_key
from redact.text.variants import han_reading


def _in_characters(surface: str) -> bool:
    return han_reading(surface) != surface


def reading_aliases(corpus: Mapping[str, Entity]) -> dict[str, tuple[str, str]]:
    """Korean-reading key -> (the key of the name in characters, those characters)."""
    found: dict[str, set[tuple[str, str]]] = {}
    for key, entity in corpus.items():
        if entity.label != PERSON or "#" in key or not is_full(key):
            continue
        if all(_in_characters(s) for s in entity.surfaces):
            continue  # its pinyin reading is written nowhere in letters
        for surface in filter(_in_characters, entity.surfaces):
            body = korean_key(surface)
            read = f"{PERSON}:{body}" if body else ""
            other = corpus.get(read)
            if other is None or read == key or other.label != PERSON or not is_full(read):
                continue
            if any(not _in_characters(s) for s in other.surfaces):
                found.setdefault(read, set()).add((key, surface))
    out: dict[str, tuple[str, str]] = {}
    for read, targets in found.items():
        if len({key for key, _ in targets}) == 1:
            out[read] = min(targets)
    return out


def with_readings(
    aliases: Mapping[str, str], read_as: Mapping[str, tuple[str, str]]
) -> dict[str, str]:
    """The corpus's spelling and typo aliases with the Korean readings joined to their person
    (to where that person's own key leads); a spelling alias wins over a reading."""
    return {**{read: aliases.get(key, key) for read, (key, _) in read_as.items()}, **aliases}


def reading_reason(characters: str, surfaces: Sequence[str]) -> str:
    """Why a Korean spelling was linked to the person its characters name, for the reviewer."""
    written = next((s for s in surfaces if not _in_characters(s)), characters)
    return f"the Korean reading of '{characters}', the person written '{written}': linked, review"
