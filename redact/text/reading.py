"""What a reader reads: a text reduced to the letters a person sees, each tied to its source.

The leak gate compares readings, not code points, so a disguised name is still the name. ``read``
turns a text into a :class:`Reading`: its letters and digits only, in order, each with the range
of the source it came from, the word it belongs to and whether it came from Hangul or Chinese
characters. On the way:

- Markdown as rendered: a backslash escape shows its character, ``*``, ``~`` and `````` marks are
  not seen, an HTML entity (``&#45;``, ``&shy;``) is its character;
- NFKC per character (full-width and mathematical letters, ligatures, circled letters);
- default-ignorable code points dropped (zero-width characters, soft hyphen, BOM, bidi controls,
  variation selectors, Hangul fillers; Python has no property for them, so the ranges of
  DerivedCoreProperties.txt are written out below) and combining marks dropped (diacritics
  folded, NFD input included);
- look-alike letters mapped to their Latin prototype with the confusables data of Unicode TS #39
  as the ``confusable-homoglyphs`` package ships it (Cyrillic, Greek and other letters it lacks a
  Latin prototype for are transliterated with ``cyrtranslit``); no homoglyph table of our own;
- every dash, dot, underscore, space and other punctuation a word separator; an apostrophe joins
  (Ch'ongjin), except an English contraction or possessive (I'm, Kim's), which ends the word;
- Hangul syllables romanized per syllable (``korean-romanizer``), decomposed jamo (conjoining or
  compatibility) per letter; Chinese characters read in pinyin (``pypinyin``). Each syllable is a
  word of its own whose edges are *soft*: Korean attaches particles without a space.

``find`` looks for one reading inside another, word-aware: a hit starts where a word starts and
ends where a word ends (so "I'm" never holds "Im" and "Okay" never holds "Ok"); inside a hit a
word break is allowed where the needle has one, next to a single letter (s p a c e d letters) or
at a soft edge. ``korean`` folds both sides the same way (eo/o, eu/u, g/k, d/t, b/p, j/ch, r/l)
so that Hangul and romanized forms meet.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# Default_Ignorable_Code_Point (Unicode 15, DerivedCoreProperties.txt); category Cf is dropped too.
_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)  # fmt: skip
_APOSTROPHES = "'\u2019\u2018`\u02bc\u02bb\u2032"
_CONTRACTION = re.compile(r"(?:s|m|t|d|ll|re|ve)(?![^\W\d_])", re.IGNORECASE)
_UNSEEN = "*~`"  # Markdown emphasis, strike-through and code marks
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MD_ESCAPABLE = frozenset("\\`*_{}[]()#+-.!|~<>\"'$%&,/:;=?@^")


@dataclass(frozen=True)
class Reading:
    """Letters (folded, lower case) with, per letter, its source range, word and softness."""

    letters: str
    origin: tuple[tuple[int, int], ...]
    word: tuple[int, ...]
    soft: tuple[bool, ...]
    word_length: tuple[int, ...]  # per word id

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        """The source range of letters [start, end)."""
        return self.origin[start][0], self.origin[end - 1][1]

    @property
    def has_soft(self) -> bool:
        return any(self.soft)

    def bounds(self) -> frozenset[int]:
        """Letter positions where a new word starts (the needle's own breaks)."""
        return frozenset(i for i in range(1, len(self.word)) if self.word[i] != self.word[i - 1])


def _ignorable(char: str) -> bool:
    code = ord(char)
    if unicodedata.category(char) == "Cf":
        return True
    return any(a <= code <= b for a, b in _IGNORABLE)


@functools.lru_cache(maxsize=8192)
def _prototype(char: str) -> str:
    """The Latin prototype of a look-alike letter (TS #39 data), or a transliteration, or ''."""
    from confusable_homoglyphs import confusables

    for entry in confusables.confusables_data.get(char) or ():
        target = str(entry["c"])
        if target.isascii() and target.isalnum() and len(target) == 1:
            return target
    if "CYRILLIC" in unicodedata.name(char, ""):
        import cyrtranslit

        latin = cyrtranslit.to_latin(char, "ru")
        return "".join(c for c in latin if c.isascii() and c.isalnum())
    return ""


def _script(char: str) -> str:
    code = ord(char)
    if 0xAC00 <= code <= 0xD7A3:
        return "syllable"
    if 0x1100 <= code <= 0x11FF or 0x3131 <= code <= 0x318E or 0xA960 <= code <= 0xD7FF:
        return "jamo"
    if 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF:
        return "han"
    return "other"


@functools.lru_cache(maxsize=8192)
def _romanized(char: str) -> str:
    """A Hangul syllable (korean-romanizer), a Chinese character (pypinyin), one jamo."""
    kind = _script(char)
    if kind == "han":
        from pypinyin import lazy_pinyin

        return "".join(c for c in lazy_pinyin(char)[0] if c.isascii() and c.isalpha())
    if kind == "jamo":
        name = unicodedata.name(char, "")
        for part in ("CHOSEONG ", "JUNGSEONG ", "JONGSEONG "):
            name = name.replace(part, "LETTER ")
        try:
            char = unicodedata.lookup(name)  # the compatibility jamo, which the romanizer reads
        except KeyError:
            return ""
    from korean_romanizer.romanizer import Romanizer

    return "".join(c for c in Romanizer(char).romanize() if c.isascii() and c.isalpha())


def _units(text: str) -> Iterator[tuple[str, int, int]]:
    """(visible character, source start, source end): Markdown rendered, NFKC per character."""
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in _MD_ESCAPABLE:
            yield text[i + 1], i, i + 2
            i += 2
            continue
        if char == "&":
            entity = _ENTITY.match(text, i)
            if entity:
                for c in html.unescape(entity.group()):
                    for n in unicodedata.normalize("NFKC", c):
                        yield n, i, entity.end()
                i = entity.end()
                continue
        if char not in _UNSEEN:
            for n in unicodedata.normalize("NFKC", char):
                yield n, i, i + 1
        i += 1


def _letters(char: str) -> str:
    """A visible character as folded Latin letters; '' for a separator or an unseen mark."""
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    out = ""
    for c in base:
        if not c.isalnum():
            continue
        if not c.isascii():
            c = _prototype(c) or _prototype(c.upper()).lower() or c
        out += c.lower()
    return out


@functools.lru_cache(maxsize=16384)
def read(text: str) -> Reading:
    """The reading of ``text`` (see the module docstring)."""
    units = list(_units(text))
    letters: list[str] = []
    origin: list[tuple[int, int]] = []
    word: list[int] = []
    soft: list[bool] = []
    current, in_word = 0, False
    n = 0
    while n < len(units):
        char, start, end = units[n]
        n += 1
        if _ignorable(char) or unicodedata.combining(char):
            continue
        kind = _script(char)
        if kind != "other":
            romanized = _romanized(char)
            if kind == "jamo" and char in "\u3147\u110b\u11bc" and not _vowel_next(units, n):
                romanized = "ng"  # a final ieung (the romanizer reads it as a silent initial)
            current += 1
            for c in romanized:
                letters.append(c)
                origin.append((start, end))
                word.append(current)
                soft.append(True)
            current += 1
            in_word = False
            continue
        if char in _APOSTROPHES:
            rest = "".join(u[0] for u in units[n : n + 3])
            after_word = in_word or (n > 1 and not units[n - 2][0].isspace())  # "[Person 2]'s"
            contraction = _CONTRACTION.match(rest) if after_word else None
            if contraction:  # I'm, Kim's: the word ends; the ending is not part of a name
                n += len(contraction.group())
                current += 1
                in_word = False
            continue
        folded = _letters(char)
        if not folded:
            if in_word:
                current += 1
            in_word = False
            continue
        if not in_word:
            current += 1
            in_word = True
        for c in folded:
            letters.append(c)
            origin.append((start, end))
            word.append(current)
            soft.append(False)
    return _reading("".join(letters), origin, word, soft)


def _vowel_next(units: list[tuple[str, int, int]], n: int) -> bool:
    if n >= len(units) or _script(units[n][0]) != "jamo":
        return False
    return "JUNGSEONG" in unicodedata.name(units[n][0], "") or 0x314F <= ord(units[n][0]) <= 0x3163


def _reading(
    letters: str, origin: list[tuple[int, int]], word: list[int], soft: list[bool]
) -> Reading:
    lengths: dict[int, int] = {}
    for w in word:
        lengths[w] = lengths.get(w, 0) + 1
    table = [0] * ((max(word) + 1) if word else 0)
    for w, count in lengths.items():
        table[w] = count
    return Reading(letters, tuple(origin), tuple(word), tuple(soft), tuple(table))


# Korean romanizations meet: McCune-Reischauer and Revised, voiced and unvoiced, r and l.
_KOREAN = (("woo", "u"), ("eo", "o"), ("eu", "u"), ("oo", "u"), ("ee", "i"), ("ck", "k"),
           ("sh", "s"), ("ch", "ch"), ("j", "ch"), ("g", "k"), ("d", "t"), ("b", "p"),
           ("r", "l"))  # fmt: skip


@functools.lru_cache(maxsize=16384)
def korean(reading: Reading) -> Reading:
    """The reading with Korean romanization differences folded, within each word."""
    letters: list[str] = []
    origin: list[tuple[int, int]] = []
    word: list[int] = []
    soft: list[bool] = []
    i, text = 0, reading.letters
    while i < len(text):
        new, j = next(
            (
                (to, i + len(of))
                for of, to in _KOREAN
                if text.startswith(of, i) and len(set(reading.word[i : i + len(of)])) == 1
            ),
            (text[i], i + 1),
        )
        span = (reading.origin[i][0], reading.origin[j - 1][1])
        for c in new:
            letters.append(c)
            origin.append(span)
            word.append(reading.word[i])
            soft.append(any(reading.soft[i:j]))
        i = j
    return _reading("".join(letters), origin, word, soft)


def find(haystack: Reading, needle: Reading) -> list[tuple[int, int]]:
    """Word-aware hits of ``needle`` in ``haystack``, as letter ranges of the haystack."""
    wanted = needle.letters
    if not wanted:
        return []
    breaks = needle.bounds()
    hits = []
    at = haystack.letters.find(wanted)
    while at >= 0:
        end = at + len(wanted)
        if _whole(haystack, at, end, breaks):
            hits.append((at, end))
        at = haystack.letters.find(wanted, at + 1)
    return hits


def _whole(h: Reading, start: int, end: int, breaks: frozenset[int]) -> bool:
    w = h.word
    if start > 0 and (w[start - 1] == w[start] or _spaced(h, start - 1, start)):
        return False  # inside a word, or inside a run of s p a c e d letters
    if end < len(w) and (w[end] == w[end - 1] or _spaced(h, end - 1, end)):
        return False
    for k in range(start + 1, end):
        if w[k] == w[k - 1] or (k - start) in breaks or h.soft[k] or h.soft[k - 1]:
            continue
        if h.word_length[w[k - 1]] == 1 or h.word_length[w[k]] == 1:
            continue  # s p a c e d letters
        return False
    return True


def _spaced(h: Reading, left: int, right: int) -> bool:
    """Letters ``left`` and ``right`` are single-letter words side by side (not Hangul)."""
    one = h.word_length
    return (
        one[h.word[left]] == 1 and one[h.word[right]] == 1 and not (h.soft[left] or h.soft[right])
    )
