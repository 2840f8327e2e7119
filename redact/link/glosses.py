"""A name glossed in its own script beside a name already found: the same person or place.

Transcripts and case notes write a name in Latin letters and then, beside it, as the witness or
a document wrote it: "Kye Sŏng-hui (계성희)", "Ha Myŏng-jin (하명진, 河明真)", "Xiao Mei (小梅)",
"KYE SONG HUI / 계성희", "Pig Luo, 猪罗, behind his back". The recognizers may miss the second
form (a rare surname, a pet name in characters), so :func:`glossed` proposes it with the first
form's label and entity: one pseudonym for both, and the reviewer sees why.

A gloss is a run of one script, Hangul, Chinese characters or Cyrillic, right after the name:
in brackets (each item of a list in them), after a slash (each of "A / B / C"), or after a
comma or a dash when it ends the clause. A Hangul run that starts with an everyday word
(그리고) or holds a verb (갔어요, 감사합니다) is never a gloss, nor is anything longer than
a name (five syllables or characters, three Cyrillic words). Hangul and Cyrillic must sound
like the name: read in Latin letters they share a part of it or most of its letters ("Pak
(Москва)" is no gloss); Chinese characters are read in pinyin and, for a Korean name, in
Hangul (河明真, Ha Myŏng-jin).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from redact.detect.recognizers.base import CAMP, LOCATION, ORGANIZATION, PERSON, Reason
from redact.detect.recognizers.hangul_words import everyday_hangul, inflected
from redact.detect.span import Span, context_of
from redact.text.korean_reading import korean_reading, sino_korean
from redact.text.variants import han_reading, name_key

NAME = "glosses"
# recognizers that read a name by its script's shape alone: a gloss beside a place outranks them
_SCRIPT_GUESSES = frozenset({"korean_names", "chinese_names", "russian_names"})
_GLOSSED = (PERSON, LOCATION, ORGANIZATION, CAMP)
_CYRILLIC_WORD = r"[\u0401\u0410-\u042f][\u0400-\u04ff-]*"  # capitalised
_SCRIPTS = {
    "Hangul": r"[가-힣]{2,5}(?: [가-힣]{1,4})?|[가-힣] [가-힣]{1,4}",
    "Chinese characters": r"[\u4e00-\u9fff]{2,5}",
    "Cyrillic": rf"{_CYRILLIC_WORD}(?: {_CYRILLIC_WORD}){{0,2}}",
}
_RUN = re.compile("|".join(f"(?P<s{i}>{p})" for i, p in enumerate(_SCRIPTS.values())))
_NAMES = tuple(_SCRIPTS)
# after the name: an opening bracket, a slash, or a comma / dash (then the gloss ends a clause)
_OPEN = re.compile(
    r"[ \t]*(?:(?P<bracket>[(\uff08])|(?P<slash>/)|(?P<comma>,|;| [\u2014\u2013-]))[ \t]*"
)
_NEXT_ITEM = re.compile(r"[ \t]*[,;\u3001/][ \t]*")
_CLAUSE_END = re.compile(r"[ \t]*(?:[.,;:)\uff09\]\"\u201d]|\n|$)")
_LIST_END = re.compile(r"[\n|;(\uff08]")
_SLASH_END = re.compile(r"[ \t]*(?:[/,.;:|)\"\u201d]|\n|$)")
_BRACKET_END = re.compile(r"[ \t]*[)\uff09,;\u3001/]")


def _run_at(text: str, at: int) -> tuple[int, int, str] | None:
    match = _RUN.match(text, at)
    if match is None or (match.end() < len(text) and text[match.end()].isalpha()):
        return None
    script = _NAMES[int(match.lastgroup[1:])] if match.lastgroup else ""
    words = match.group().split()
    if script == "Hangul" and (
        (len(words[0]) > 1 and everyday_hangul(words[0])) or any(map(inflected, words))
    ):
        return None
    return match.start(), match.end(), script


_HAN = re.compile(r"[\u4e00-\u9fff]+")
_HANGUL = re.compile("[가-힣]+")
# letters' similarity: 회령 ~ Hoeryŏng 0.89, 갈골 ~ Galgol 0.67, 김영수 ~ Pak Chol 0.25
_ALIKE = 0.6


def _parts(name: str) -> set[str]:
    return {p for p in re.split(r"[|\s'-]+", name_key(name)) if p} | set(
        re.findall(r"[a-z]+", name.lower())
    )


def _sounds_alike(gloss: str, name: str) -> bool:
    """The gloss read in Latin letters shares a name part with the name, or most letters.
    Chinese characters are read both in pinyin and, for a Korean name, in Hangul (河明真 is
    하명진)."""
    if _HAN.fullmatch(gloss):  # pinyin first: the Korean table loads only when it is needed
        readings = (r for read in (han_reading, korean_reading) if (r := read(gloss)))
        return any(_sounds_alike(r, name) for r in readings if not _HAN.fullmatch(r))
    if _HAN.fullmatch(name):  # 白石沟村 / 백석구: the characters read in Korean
        if _HANGUL.fullmatch(gloss) and len(gloss) > 1:
            return (sino_korean(name) or "").startswith(gloss)
        readings = (r for read in (han_reading, korean_reading) if (r := read(name)))
        return any(_sounds_alike(gloss, r) for r in readings if not _HAN.fullmatch(r))
    if _parts(gloss) & _parts(name):
        return True
    mine, other = (re.sub(r"[^a-z]", "", name_key(k)) for k in (gloss, name))
    return SequenceMatcher(None, mine, other).ratio() >= _ALIKE


def _gloss(text: str, name: Span, start: int, end: int, script: str, context: str) -> Span:
    why = f"the same name written in {script} beside a {name.label.lower()} found here"
    reason = Reason(NAME, why, name.score, name.label)
    return name.with_(
        start=start,
        end=end,
        text=text[start:end],
        recognizer=NAME,
        explanation=why,
        reasons=(reason,),
        context=context,
    )


def _slash_items(text: str, at: int) -> list[int]:
    """Where each item of "A / B / C" starts, from ``at`` to the end of the list (a line end,
    a table cell's bar, a bracket or a semicolon)."""
    stop = _LIST_END.search(text, at)
    end = stop.start() if stop else len(text)
    starts, position = [], at
    for item in text[at:end].split("/"):
        starts.append(position + len(item) - len(item.lstrip()))
        position += len(item) + 1
    return starts


def _candidates(text: str, span: Span) -> list[tuple[int, int, str]]:
    """The script runs placed as glosses of ``span``: each ending its item or clause."""
    opener = _OPEN.match(text, span.end)
    if opener is None:
        return []
    if opener.group("slash"):
        runs = (_run_at(text, at) for at in _slash_items(text, opener.end()))
        return [r for r in runs if r and _SLASH_END.match(text, r[1])]
    found, at = [], opener.end()
    ends = _BRACKET_END if opener.group("bracket") else _CLAUSE_END
    while (run := _run_at(text, at)) is not None and ends.match(text, run[1]):
        found.append(run)
        item = _NEXT_ITEM.match(text, run[1]) if opener.group("bracket") else None
        if item is None:
            break
        at = item.end()
    return found


def glossed(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` (keyed, in text order) with the glosses of their names added."""
    taken = [(s.start, s.end) for s in spans]
    guessed = {(s.start, s.end): s for s in spans if s.recognizer in _SCRIPT_GUESSES}
    added: list[Span] = []
    relabelled: dict[Span, Span] = {}
    for span in spans:
        if span.label not in _GLOSSED:
            continue
        forms = [span.text]  # the name, then each gloss of it: 白石沟村 explains 백석구
        for start, end, script in _candidates(text, span):
            gloss = text[start:end]
            if not any(_sounds_alike(gloss, form) for form in forms):
                continue
            forms.append(gloss)
            other = guessed.get((start, end))
            if other is not None and other.label != span.label:
                # "Tongnim-ri / 동림리": the list says what the Hangul is, not its shape
                relabelled[other] = _gloss(text, span, start, end, script, other.context)
            elif not any(a < end and start < b for a, b in taken):
                context = context_of(text, start, end)
                added.append(_gloss(text, span, start, end, script, context))
                taken.append((start, end))
    kept = [relabelled.get(s, s) for s in spans]
    return sorted([*kept, *added], key=lambda s: s.start)
