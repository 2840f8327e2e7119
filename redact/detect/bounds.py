"""Where a merged span ends: it never swallows a neighbouring word or mention (issue 11, rule 4).

A cluster of overlapping findings (:mod:`redact.detect.overlaps`) covers whatever its widest
finding covered, and a statistical model's span runs on past a name: over a line break or a list
item, over " / " or " — " into the next name, into a name and its alias in brackets, over a
leading everyday word ("Meets X", "FYI X", "Intake at X"), a relative clause ("X that Y"), a
verb phrase ("X keeps the shop"), a sentence end ("X. Sold") or a Korean particle and an amount
glued to a Hangul name. :func:`split` cuts the cluster's extent at those boundaries into parts;
each part keeps the findings that fit it: those lying wholly inside it, else the wider ones cut
to it (their label the cluster's, their name reading dropped). A part with no letter or digit,
or one a model alone proposed that is only everyday English words ("Names", "Note"), is dropped.

What legitimately spans words is left whole: an address on one line, an organisation ("Sunrise
Counselling Centre", "Committee of the Red Cross"), a date ("3 March 2021", "Aug 2015 to Dec 2016"),
a name with its title ("Pastor Ryu", "Mr. Song"), a gloss in brackets that is not a name
("collection centre (jipkyŏlso)"), and every character of a protected term.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from redact.detect import particles
from redact.detect.recognizers.base import (
    CAMP,
    DATE,
    HANDLE,
    LOCATION,
    ORGANIZATION,
    PERSON,
    Finding,
)
from redact.detect.recognizers.proper_nouns import is_common_word
from redact.detect.recognizers.safe_terms import (
    ACRONYMS,
    CALENDAR,
    FUNCTION_WORDS,
    ROLE_WORDS,
)
from redact.text.variants import KOREAN_SYLLABLE, SURNAMES, TITLES, fold, word_set

PROTECTED = "protected-term"
# Recognizers that only guess where a name ends: a statistical model, the capitalised-word net
# and a text search for a name found elsewhere.
GUESSES = ("presidio:", "proper_nouns", "linking")
NAMED = (PERSON, LOCATION, ORGANIZATION, CAMP)
NAMES = (*NAMED, HANDLE)  # what " / ", " - " and brackets separate
CUT_NOTE = "; cut where the span ran on past it (line break, separator or a word of no name)"

# Words that join the parts of one name, never two names: "Bank of China", "van der Berg".
PARTICLES = word_set(
    "of the de da del della der den van von la le du dos das di bin binti ibn al el"
)
# Words that only ever join two clauses or two mentions, never the parts of any name.
CLAUSE_WORDS = word_set(
    "that who whom whose which when while because but if though although unless until whether "
    "where then than said says told asked"
)
ARTICLES = word_set("the a an")
DETERMINERS = word_set("the a an his her their my our its this that these those your")
# A capitalised everyday word + one of these before a name is no part of it: "Intake at X".
LEAD_PREPOSITIONS = word_set("at in near from with into to via inside outside behind across")
# Closed-class words that never start a name (unlike "All", "Our", "Over", "For", "Of"): a
# preposition, a conjunction, a greeting or a time word before it is no part of it ("Near X").
LEAD_WORDS = LEAD_PREPOSITIONS | word_set(
    "onto toward towards along around beside past through till until since after before "
    "during despite except by about against among per and but or nor yet then when while if "
    "because though although unless once whether than as dear thanks thank tell told ask asked "
    "said says say please oh okay well maybe perhaps also today tonight yesterday tomorrow now "
    "later soon"
)
# Everyday abbreviations of messages and memos, never a name: "FYI X", "BTW X".
ABBREVIATIONS = word_set(
    "fyi btw asap pls plz thx tks nb ps pps re fw fwd cc bcc tbd tbc eta imo imho aka"
)
ABBREVIATED_BEFORE_DOT = word_set("jr sr st mt no nos vs co ltd inc gen col lt sgt capt pol")
COMMON_LEAD = 4.0  # Zipf: "Meets" 4.4, "Saw" 5.3; a given name like "Svetlana" is < 3.5
COMMON_BEFORE_PREPOSITION = 3.0  # "Intake at" (4.0), "Arrived in"
COMMON_PART = 3.5  # a leftover part of everyday words: "Names" 4.9, "Note" 5.0, "Contacts" 4.1

_WORD = re.compile(r"[\w'\u2019]+(?:[-.][\w'\u2019]+)*")
_LINE_BREAK = re.compile(r"[ \t]*(?:\r?\n[ \t]*)+")
_SEPARATOR = re.compile(r"[ \t]+(?:/|\u2014|\u2013|-|\u00b7)[ \t]+")
_PIPE = re.compile(r"[ \t]*\|[ \t]*")
# the full stops, commas and colons of Chinese and Japanese: a sentence or clause ends there
_CJK_STOP = re.compile("[\u3001\u3002\uff01\uff0c\uff1a\uff1b\uff1f]")
# a bracket the span does not close ends at the span's end: "Kim (Interviewer" from a model
_BRACKETS = re.compile(
    r"[ \t]*\((?P<inner>[^()\n]{1,60})(?:\)|$)|[ \t]*\[(?P<square>[^\[\]\n]{1,60})(?:\]|$)"
)
_LIST_MARKER = re.compile(r"(?:[-*•·>]+|#+|\d{1,3}[.)])[ \t]+")
_SENTENCE_END = re.compile(r"(?P<word>[\w'\u2019-]+)\.[ \t]+(?=[A-Z])")


@dataclass(frozen=True)
class Part:
    """One mention of a cluster: where, the findings that decide its label and name (those
    wholly inside it, else the wider ones cut to it), and the wider ones cut to it beside them."""

    start: int
    end: int
    deciding: tuple[Finding, ...]
    also: tuple[Finding, ...] = ()
    cut: bool = False  # False: the cluster whole, as merged


def split(text: str, cluster: Sequence[Finding], label: str) -> list[Part]:
    """The cluster cut at the boundaries of its mentions, its parts in order. ``label`` is the
    cluster's label."""
    start = min(f.start for f in cluster)
    end = max(f.end for f in cluster)
    keep = [True] * (end - start)

    def drop(a: int, b: int) -> None:
        for i in range(max(a, start), min(b, end)):
            keep[i - start] = False

    for pattern in _cuts(label):
        for match in pattern.finditer(text, start, end):
            drop(*match.span())
    if label in NAMES:
        for a, b in _bracket_cuts(text, start, end):
            drop(a, b)
    for a, b in _runs(keep, start):
        for cut in _word_cuts(text, a, b, label, cluster):
            drop(*cut)
    protected = [(f.start, f.end) for f in cluster if f.recognizer == PROTECTED]
    for a, b in protected:  # every character of a protected term stays
        keep[a - start : b - start] = [True] * (b - a)
    parts = []
    for a, b in _runs(keep, start):
        edges = [_edges(text, a, b), *(p for p in protected if a <= p[0] < b)]
        first, last = min(e[0] for e in edges), max(e[1] for e in edges)
        if first < last:
            parts.append((first, last))
    if parts == [(start, end)]:
        return [Part(start, end, tuple(cluster))]
    out = []
    for i, (a, b) in enumerate(parts):
        gaps = [text[parts[i - 1][1] : a]] if i else []
        gaps += [text[b : parts[i + 1][0]]] if i + 1 < len(parts) else []
        part = _fit(text, (a, b), cluster, label, all(map(_apart, gaps)))
        if part:
            out.append(part)
    return out


def _apart(gap: str) -> bool:
    """A line break or a sentence end between two parts (not " / " or a bracket)."""
    return "\n" in gap or gap.lstrip().startswith(".")


def _cuts(label: str) -> list[re.Pattern[str]]:
    """Line breaks, table pipes and the full stops and commas of Chinese cut every span; " / "
    and " - " only a name's or handle's (never "Aug 2015 - Dec 2016", "US$900 / month", a phone
    number's groups)."""
    if label in NAMES:
        return [_LINE_BREAK, _PIPE, _SEPARATOR, _CJK_STOP]
    return [_LINE_BREAK, _PIPE, _CJK_STOP]


def _runs(keep: Sequence[bool], start: int) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    begin = -1
    for i, kept in enumerate([*keep, False]):
        if kept and begin < 0:
            begin = i
        elif not kept and begin >= 0:
            runs.append((start + begin, start + i))
            begin = -1
    return runs


# a handle's shape in brackets ("(quan_shifu_0433)"): one token with an underscore or digits
_HANDLE = re.compile(r"(?=[\w.]*[^\W\d_])[\w.]*(?:_|\d)[\w.]*")


def _bracket_cuts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The brackets around a second mention ("X (Ms. Y)", "X [Y]", "X (x_y_12)", a handle): a
    gloss in lower case stays ("collection centre (jipkyŏlso)")."""
    cuts = []
    for match in _BRACKETS.finditer(text, start, end):
        inner = (match.group("inner") or match.group("square") or "").strip()
        if not inner or not (inner[0].isupper() or inner[0] == "@" or _HANDLE.fullmatch(inner)):
            continue
        if match.start() == start and match.end() == end:
            continue  # the whole span is in brackets: nothing beside it to separate
        inner_start = match.start() + match.group().index(inner)
        cuts.append((match.start(), inner_start))
        cuts.append((inner_start + len(inner), match.end()))
    return cuts


def _edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Without the blanks, pipes and commas at its edges, nor a list or heading marker at the
    start of its line ("- ", "## ", "2. ")."""
    while True:
        while start < end and (text[start].isspace() or text[start] in "|,;"):
            start += 1
        line_start = text.rfind("\n", 0, start) + 1
        marker = _LIST_MARKER.match(text, start, end)
        if not (marker and not text[line_start:start].strip()):
            break
        start = marker.end()
    while end > start and (text[end - 1].isspace() or text[end - 1] in "|,;:"):
        end -= 1
    return start, end


def _word_cuts(
    text: str, start: int, end: int, label: str, cluster: Sequence[Finding]
) -> list[tuple[int, int]]:
    """What to cut out of one part of a name's span: its leading words of no name, a relative
    clause or sentence end inside it, a trailing verb phrase, a particle after a Hangul name."""
    if label not in NAMED:
        return []
    words = list(_WORD.finditer(text, start, end))
    cuts = _inner_cuts(text, start, end, words, label)
    lead = _lead_end(text, start, words, label, cluster)
    if lead > start:
        cuts.append((start, lead))
    return cuts + particles.cuts(text, start, end, label == PERSON)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1] == "@"


def _inner_cuts(
    text: str, start: int, end: int, words: list[re.Match[str]], label: str
) -> list[tuple[int, int]]:
    cuts: list[tuple[int, int]] = []
    splitters = FUNCTION_WORDS - PARTICLES if label == PERSON else CLAUSE_WORDS
    for i in range(1, len(words) - 1):
        word, following = words[i].group(), words[i + 1].group()
        if not word.islower() or not any(_capitalised(w.group()) for w in words[:i]):
            continue
        if word in splitters and _capitalised(following):
            cuts.append((words[i - 1].end(), words[i + 1].start()))  # "X that Y": two people
        elif word not in FUNCTION_WORDS | PARTICLES and following in DETERMINERS:
            cuts.append((words[i - 1].end(), words[-1].end()))  # "X keeps the shop"
            break
    for match in _SENTENCE_END.finditer(text, start, end):
        after = _WORD.match(text, match.end(), end)
        if after and _sentence_ended(match.group("word"), after.group()):
            cuts.append((match.end("word"), match.end()))  # "X. Sold": a sentence ended
    return cuts


def _sentence_ended(word: str, after: str) -> bool:
    """A full stop after a name ("Ryu Un-a. Sold") and before an everyday word: a sentence
    ended. Never after an initial, a title or an abbreviation ("Ts.", "Mr.", "ul.", "No.")."""
    low = fold(word)
    if len(word) < 3 or not word[0].isupper() or word.isupper():
        return False
    if low in TITLES or low in ABBREVIATED_BEFORE_DOT:
        return False
    return fold(after) in FUNCTION_WORDS or is_common_word(after, COMMON_PART)


def _lead_end(
    text: str, start: int, words: list[re.Match[str]], label: str, cluster: Sequence[Finding]
) -> int:
    """Where the name starts after its leading words of no name (``start`` if none): a
    function word ("In X", "Near X"), an everyday word + preposition ("Intake at X"), an
    everyday abbreviation ("FYI X"), a person's name after an everyday word ("Meets X")."""
    if not words or words[0].start() != start:
        return start  # "@handle", "(x": no leading word
    i = 0
    while i < len(words) - 1:
        step = _lead_step(text, words, i, label, cluster)
        if not step:
            break
        i += step
        start = words[i].start()
    return start


def _lead_step(
    text: str, words: list[re.Match[str]], i: int, label: str, cluster: Sequence[Finding]
) -> int:
    """How many leading words from ``words[i]`` are no part of the name (0, 1 or 2)."""
    word, low = words[i].group(), fold(words[i].group())
    following = words[i + 1].group()
    # a surname stays ("So Yong-ho", "An Myong-su") unless a surname follows it ("To Kim X")
    before_surname = fold(following) in SURNAMES
    if (low in SURNAMES and not before_surname) or low in TITLES or low in ARTICLES:
        return 0  # "Auntie Pak", "Pastor Ryu", "the Hana Centre" stay named too
    if len(word) <= 2 and text[words[i].end() : words[i].end() + 1] == ".":
        return 0  # an initial: "N. I. Surname"
    if not _capitalised(following):
        name_after = i + 2 < len(words) and _capitalised(words[i + 2].group())
        preposition = following in LEAD_PREPOSITIONS and word.istitle() and name_after
        return 2 if preposition and is_common_word(word, COMMON_BEFORE_PREPOSITION) else 0
    if low in LEAD_WORDS:
        # a person's "Soon Ja", "Him Chol": a Korean syllable may be the name's first word
        syllable = label == PERSON and KOREAN_SYLLABLE.fullmatch(low) and not before_surname
        return 0 if syllable else 1
    if low in SURNAMES:
        return 0
    if word.isupper() and low in ABBREVIATIONS:
        return 1
    everyday = label == PERSON and _everyday_before_name(text, words[i], words[i + 1], cluster)
    return 1 if everyday else 0


def _everyday_before_name(
    text: str, word: re.Match[str], name: re.Match[str], cluster: Sequence[Finding]
) -> bool:
    """An everyday word before a name ("Meets Ok-hui" at the start of a line): never
    capitalised inside a sentence of the record, taken by a guess only, before a name that a
    name rule found."""
    surface = word.group()
    if len(surface) < 3 or not surface.istitle() or not is_common_word(surface, COMMON_LEAD):
        return False
    ruled = [f for f in cluster if not f.recognizer.startswith(GUESSES)]
    if any(f.start <= word.start() < f.end for f in ruled):
        return False
    if not any(f.start == name.start() and f.label == PERSON for f in ruled):
        return False
    return _capitalised_only_at_starts(text, surface)


def _line_or_sentence_start(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].rstrip()
    return not before.strip("-*•#>0123456789.) \t") or before[-1] in ".!?:;|\u2014\u2013\"'\u201c(["


def _fit(
    text: str, edges: tuple[int, int], cluster: Sequence[Finding], label: str, apart: bool
) -> Part | None:
    """One part and its findings: those wholly inside it decide, the wider ones cut to it come
    beside them; with none inside, the wider ones decide (the cluster's label, no name reading,
    an amount's label for an amount, a handle's for a handle's shape). None when the part names
    nothing: no letter or digit, or a model's everyday words (``apart``: on a line or in a
    sentence of its own) or role words."""
    start, end = edges
    surface = text[start:end]
    if not any(c.isalnum() for c in surface):
        return None
    inside = tuple(f for f in cluster if start <= f.start and f.end <= end)
    wider = [f for f in cluster if f.start < end and start < f.end and f not in inside]
    cut = tuple(
        replace(f, start=start, end=end, key=None, explanation=f.explanation + CUT_NOTE)
        for f in wider
    )
    if inside:
        return Part(start, end, inside, cut, cut=True)
    amount = particles.amount_label(surface)
    if amount:
        label = amount
    elif _HANDLE.fullmatch(surface) and any(f.label == HANDLE for f in wider):
        label = HANDLE  # "X (x_y_12)": the bracket is the handle, whoever spanned both
    elif (
        label != DATE
        and all(f.recognizer.startswith(GUESSES) for f in wider)
        and _only_everyday(text, surface, closed=not apart)
    ):
        return None
    return Part(start, end, tuple(replace(f, label=label) for f in cut), cut=True)


def _only_everyday(text: str, surface: str, closed: bool) -> bool:
    """Everyday English words only ("Names", "Note", "Contacts"): no surname, title or digit,
    none capitalised inside a sentence elsewhere in the record ("... told Rose": a name). With
    ``closed`` (beside another mention, not on a line of its own), closed-class and role words
    only ("Kim (Interviewer)"): "Kim / Rose" keeps Rose."""
    if any(c.isdigit() for c in surface):
        return False
    words = _WORD.findall(surface)
    for word in words:
        low = fold(word)
        if low in SURNAMES or low in TITLES:
            return False
        known = low in FUNCTION_WORDS or low in ROLE_WORDS or low in CALENDAR or low in ACRONYMS
        if not known and (closed or not is_common_word(word, COMMON_PART, inflected=True)):
            return False
        if word[:1].isupper() and not _capitalised_only_at_starts(text, word):
            return False
    return bool(words)


def _capitalised_only_at_starts(text: str, word: str) -> bool:
    pattern = rf"(?<![\w'\u2019-]){re.escape(word)}(?![\w'\u2019-])"
    return all(_line_or_sentence_start(text, m.start()) for m in re.finditer(pattern, text))
