"""Titles in every script a testimony writes them in, each read as one canonical English title.

"Auntie Pyo", "Pyo-ajumma", "표 아줌마" and "表阿姨" are one way of naming one person: each
title below maps to the English title it is read as (auntie), so that a name's title reads the
same in every script. :func:`split_titles` takes a name apart into the titles before it, the
name itself and the titles after it, and says whether the titles go with a given name: Thai, Lao
and Mongolian people are addressed by the GIVEN name with a title ("Khun Wichai", "Oyunaa egch"),
Koreans and Chinese by the surname.

Tables (data, one canonical English title each):

* before the name: English titles (the word itself), Chinese 老/小 (old, little), Thai and Lao
  (Khun, Ajan, Nong, Phi, Ai, Mae, Pho: with a given name), Russian gospodin/gospozha;
* after the name: Chinese characters (阿姨 auntie, 师傅 master, 老师 teacher, ...) and their
  pinyin, Korean Hangul (아줌마 auntie, 목사님 pastor, ...) and its romanizations
  (McCune-Reischauer, Revised, with or without a hyphen or -nim), Mongolian egch/akh (with a
  given name).

Kinship vocatives and plain honorifics (-ssi, -nim alone, ŏnni, oppa, hyŏng, nuna) are no title
of a person in their own right: they stay honorifics (``surnames.HONORIFICS``), read elsewhere.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from redact.text import pinyin
from redact.text.folding import name_fold


def _table(block: str) -> dict[str, str]:
    """'canonical: form form | canonical: form' -> {form: canonical}."""
    out: dict[str, str] = {}
    for entry in block.split("|"):
        canon, _, forms = entry.partition(":")
        for form in forms.split():
            out.setdefault(form, canon.strip())
    return out


# Titles written before the name, folded (English ones are in surnames.TITLES and read as
# themselves; these are the other languages' and the English synonyms).
_SYNONYMS_BEFORE = _table(
    "old: lao | little: xiao | auntie: aunt ajumma ajumoni | uncle: ajeossi | "
    "granny: halmoni grandma grandmother | reverend: rev | professor: prof | mr: gospodin | "
    "mrs: gospozha"
)
# Thai and Lao titles, which go with a given name: "Khun Wichai" names Wichai.
_GIVEN_BEFORE = _table(
    "khun: khun | teacher: ajan ajarn achan acharn kru | younger sibling: nong | "
    "elder sibling: phi pi | ai: ai | mother: mae | father: pho por | nang: nang | thao: thao"
)
BEFORE = {**_SYNONYMS_BEFORE, **_GIVEN_BEFORE}
GIVEN_NAME_TITLES = frozenset(_GIVEN_BEFORE)
# Titles written after the name, folded and without separators ("moksa-nim" -> "moksanim").
AFTER = _table(
    "auntie: ayi ajumma ajumoni ajummoni ajoomma | uncle: ajossi ajeossi ajusshi ajussi | "
    "pastor: moksa moksanim mogsa mushi | teacher: sonsaeng sonsaengnim seonsaeng seonsaengnim "
    "laoshi | comrade: tongmu dongmu tongji dongji tongzhi | boss: sajang sajangnim laoban | "
    "leader: panjang banjang duizhang | granny: halmoni halmeoni halmoeni | "
    "grandpa: harabeoji haraboji halabeoji harabochi | master: shifu | manager: jingli | "
    "elder brother: dage gege akh | elder sister: dajie jiejie jie egch | secretary: shuji | "
    # North Korean prison, camp and police ranks after a surname ("Kang kyodowŏn")
    "guard: kyodowon gyodowon kyehowon gyehowon | instructor: chidowon jidowon | "
    "security officer: powiwon bowiwon | police officer: anjonwon anjeonwon | "
    # Chinese kin address after a surname (what a child or a stranger calls an older person)
    "granny: nainai laolao | grandpa: yeye daye laoye | uncle: shushu dashu bobo | "
    "auntie: shenshen dashen dama daniang"
)
# After-titles that go with a given name (Mongolian): "Oyunaa egch" names Oyunaa.
GIVEN_NAME_AFTER = frozenset({"egch", "akh"})
# Titles that read as pinyin are pinyin given names too ("Zhang Jingli", "Li Dajie", "Wang
# Dongji"): a title only in lower case or joined by a hyphen ("Zhang jingli", "Wang-laoban").
_GIVEN_TOO = frozenset(form for form in AFTER if len(pinyin.syllables(form) or "abcd") <= 3)
HAN_BEFORE = {"老": "old", "小": "little"}
HAN_AFTER = _table(
    "auntie: 阿姨 婶婶 大婶 大妈 大娘 | master: 师傅 師傅 | teacher: 老师 老師 | "
    "pastor: 牧师 牧師 | comrade: 同志 | manager: 经理 經理 | boss: 老板 老闆 | "
    "elder brother: 大哥 | elder sister: 大姐 | secretary: 书记 書記 | leader: 队长 隊長 | "
    "granny: 奶奶 姥姥 | grandpa: 爷爷 大爷 | uncle: 叔叔 大叔 伯伯"
)
HANGUL_AFTER = _table(
    "auntie: 아줌마 아주머니 | uncle: 아저씨 | pastor: 목사 목사님 | teacher: 선생 선생님 | "
    "comrade: 동무 동지 | boss: 사장 사장님 | leader: 반장 반장님 | granny: 할머니 | "
    "guard: 교도원 계호원 | instructor: 지도원 | security officer: 보위원 | "
    "police officer: 안전원 | "
    "grandpa: 할아버지"
)
_NIM = re.compile(r"-nim$")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_HANGUL = re.compile(r"[가-힣]+")


class Titled(NamedTuple):
    """A name taken apart: titles before it, the name as written, titles after it (canonical
    English titles), and whether the titles address a given name."""

    before: tuple[str, ...]
    name: str
    after: tuple[str, ...]
    given_name: bool


def _han(text: str) -> Titled | None:
    """'表阿姨' -> auntie + 表; '老田' -> old + 田 (a surname character and at most two more)."""
    if not _HAN.fullmatch(text):
        return None
    for form in sorted(HAN_AFTER, key=len, reverse=True):
        if text.endswith(form) and 1 <= len(text) - len(form) <= 3:
            return Titled((), text[: -len(form)], (HAN_AFTER[form],), False)
    if len(text) == 2 and text[0] in HAN_BEFORE:
        return Titled((HAN_BEFORE[text[0]],), text[1], (), False)
    return None


def _title_word(word: str) -> str | None:
    """The title a whole word is ('moksa-nim' -> pastor, 'ajumma' -> auntie), or None."""
    folded = _NIM.sub("nim", name_fold(word))
    if folded in AFTER and (folded not in _GIVEN_TOO or word.islower()):
        return AFTER[folded]
    return None


def title_after(word: str) -> str | None:
    """The title a word written after a name is, in Latin letters or Hangul ('ayi', 'ajŏssi',
    'moksa-nim', '목사님' -> auntie, uncle, pastor, pastor), else None."""
    return HANGUL_AFTER.get(word) or _title_word(word)


def _after(word: str) -> tuple[str, str] | None:
    """(title, what is left of the word) for a title word or a hyphen-joined one, else None:
    'ajumma' -> ('auntie', ''), 'Pyo-ajumma' -> ('auntie', 'Pyo'), '목사님' -> ('pastor', '')."""
    if word in HANGUL_AFTER:
        return HANGUL_AFTER[word], ""
    title = _title_word(word)
    if title:
        return title, ""
    parts = word.split("-")
    for cut in range(1, len(parts)):
        rest = "-".join(parts[cut:])
        title = _title_word(rest.lower())
        if title and any(c.isalpha() for c in parts[0]):
            return title, "-".join(parts[:cut])
    return None


@functools.lru_cache(maxsize=65536)
def split_titles(text: str, english: frozenset[str] = frozenset()) -> Titled:
    """``text`` taken apart into titles and the name (see :class:`Titled`). ``english`` are the
    English titles read before a name as themselves ("Auntie", "Pastor", "Ms.")."""
    stripped = text.strip()
    han = _han(stripped)
    if han is not None:
        return han
    words = stripped.replace(".", " ").split()
    before: list[str] = []
    given = False
    while len(words) > 1:
        word = name_fold(words[0])
        if word in english or word in BEFORE:
            before.append(BEFORE.get(word, word))
            given = word in GIVEN_NAME_TITLES
            words = words[1:]
        else:
            break
    after: list[str] = []
    while words:
        found = _after(words[-1])
        if found is None or (len(words) == 1 and not found[1]):
            break
        after.insert(0, found[0])
        given = given or name_fold(words[-1]) in GIVEN_NAME_AFTER
        words = [*words[:-1], found[1]] if found[1] else words[:-1]
    return Titled(tuple(before), " ".join(words), tuple(after), given)
