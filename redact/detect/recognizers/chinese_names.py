"""Chinese personal names in pinyin and in Chinese characters.

Shapes found:

* surname + pinyin given name of 1-2 syllables: "Zhang Guofu", "Wang Dehai", "Cui Mingyu",
  "Li Hua", "Piao Chunhua" (given names checked against the one pinyin table, ``text.pinyin``)
* prefixed forms: "Old Zhang", "Lao Zhang", "Xiao Li", "Xiao Mei", "Auntie Wang", "Boss Sun",
  "Mr. Wang" (prefix kept in the span: it is part of how the person is called)
* Chinese characters: 2-4 Han characters starting with a common surname character (张国富, 崔明玉),
  and 2-3 inside a sentence after a word that introduces a name (她现在叫冯丽娟, 户名何春生)
* once a full name is found, its surname or given name alone elsewhere in the text ("Wang",
  "Jianguo"), linked to the full name's key
"""

from __future__ import annotations

import re

from redact.detect.recognizers.base import PERSON, Finding
from redact.detect.recognizers.helpers import cjk_zipf
from redact.detect.recognizers.settlements import SETTLEMENT_CHARACTERS
from redact.text import pinyin
from redact.text.search import word_alternation
from redact.text.variants import (
    CHINESE_SURNAMES,
    find_mentions,
    key_parts,
    name_key,
    overlaps,
    word_set,
)

NAME = "chinese_names"
_EXTRA_SURNAMES = ("li", "yang", "song", "han", "jin", "ma", "hu", "gao", "lin", "huang",
                   "kang", "bai", "yin", "mo", "qi", "nie", "wan", "an", "niu", "ji")  # fmt: skip
SURNAMES = frozenset(CHINESE_SURNAMES) | frozenset(_EXTRA_SURNAMES)
# Single-syllable given names that are far more often English words.
ENGLISH = word_set(
    "he she me we man men can ran tan pan ban fan long hang sang bin pin tin din gang die lie pie "
    "tie bang dang hen den pen ten ben bo go sun run gun fun nun bun shun ring sing king ping "
    "song wing ding zing bong long hung sung hong mao lou"
)
PREFIX = (
    r"(?:Old|Lao|Xiao|Little|Big|Auntie|Aunt|Uncle|Boss|Mr\.?|Mrs\.?|Ms\.?|Miss|Madam|Madame|"
    r"Teacher|Sister|Brother|Grandpa|Grandma|Granny|Dajie|Dage|Ayi|Shushu|Manager|Director)"
)
_SURNAME_ALT = word_alternation(f for s in SURNAMES for f in (s.capitalize(), s.upper()))
_FULL = re.compile(
    rf"(?<![\w-])(?P<sur>{_SURNAME_ALT})"
    r"(?=\s(?P<given>[A-Z][a-z]+|[A-Z]+)(?:['\u2019]s)?(?![\w'\u2019-]))"
)
_PREFIXED = re.compile(rf"(?<![\w-])(?P<prefix>{PREFIX})\s(?P<name>[A-Z][a-z]+)(?![\w-])")
HAN_WORD = re.compile(  # a run of 2-4 Chinese characters standing alone
    r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,4}(?![\u4e00-\u9fff])"
)
HAN_SURNAMES = frozenset(
    "张王李刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐韩崔金朴许邓冯曹彭曾肖田董潘袁蔡蒋余杜叶"
    "程魏苏吕丁任沈姚卢姜钟谭陆汪范石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘"
    "祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟"
    "艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞"
    "姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝鞠玄"
)


# A name inside a sentence of characters, after a word that introduces one (is called, account
# name, addressee, contact): two or three characters up to where the name must end (punctuation,
# the end of the run, a pronoun or particle that follows a name: 叫冯丽娟, 户名何春生), starting
# with a surname or a nickname's 小, 老, 阿 (叫做豆腐 is "is called tofu")
_NAMING = "名叫|叫做|名字叫|名字是|姓名|户名|收款人|收件人|联系人|化名|改名叫|改名|叫"
_AFTER_NAME = "的了是在说和跟也都就还给让她他我你们吧呢啊吗收转"
_NAMED = re.compile(
    rf"(?:{_NAMING})[:\uff1a]?(?P<name>[\u4e00-\u9fff]{{2,3}}?)"
    rf"(?=[^\u4e00-\u9fff]|[{_AFTER_NAME}]|$)"
)


COMMON_HAN = 4.0  # Zipf: 安全 5.6, 高中 4.8, 黄金 4.7 are words; a name of two characters ~0
COMMON_HAN_START = 4.75  # 明天见, 马上走: a sentence that starts with "tomorrow", "at once"


def _everyday_han(word: str) -> bool:
    """Characters that start with a surname but read as Chinese: a common word (安全, 黄金), or
    a very common word and one more character (明天见); 王国富 (王国 4.6) stays a name."""
    if cjk_zipf(word, "zh") >= COMMON_HAN:
        return True
    return len(word) >= 3 and cjk_zipf(word[:2], "zh") >= COMMON_HAN_START


def pinyin_given(word: str) -> bool:
    """True if ``word`` reads as a pinyin given name of 1-2 syllables (not an English word)."""
    syllables = pinyin.syllables(word)
    if not syllables or len(syllables) > 2:
        return False
    return not (len(syllables) == 1 and word.lower() in ENGLISH)


def _finding(start: int, end: int, score: float, why: str, key: str | None) -> Finding:
    return Finding(start, end, PERSON, score, NAME, why, key)


class ChineseNameRecognizer:
    """Chinese names: pinyin surname + given name, prefixed nicknames, Han-character names."""

    name: str = NAME
    labels: tuple[str, ...] = (PERSON,)

    def find(self, text: str) -> list[Finding]:
        full = self._full_names(text)
        spans = [(f.start, f.end) for f in full]
        others: list[Finding] = []
        for f in self._prefixed(text) + self._han(text) + self._named(text):
            if not overlaps(f.start, f.end, spans):
                others.append(f)
                spans.append((f.start, f.end))
        linked = [f for f in self._linked(text, full) if not overlaps(f.start, f.end, spans)]
        return sorted(full + others + linked, key=lambda f: f.start)

    def _full_names(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for match in _FULL.finditer(text):
            surname, given = match.group("sur"), match.group("given")
            if not pinyin_given(given) or given.upper() == given != surname.upper():
                continue
            if found and found[-1].end > match.start():
                continue
            score = 0.8 if len(pinyin.syllables(given) or ()) == 2 else 0.65
            why = f"Chinese surname '{surname}' + pinyin given name"
            key = name_key(f"{surname} {given}")
            found.append(_finding(match.start(), match.end("given"), score, why, key))
        return found

    def _prefixed(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for match in _PREFIXED.finditer(text):
            prefix, name = match.group("prefix"), match.group("name")
            if name.lower() in SURNAMES:
                why = f"'{prefix}' + Chinese surname"
                found.append(_finding(match.start(), match.end(), 0.65, why, name_key(name)))
            elif prefix in ("Xiao", "Lao", "Ah") and name.lower() in pinyin.PINYIN:
                why = f"Chinese nickname '{prefix}' + pinyin syllable"
                found.append(
                    _finding(match.start(), match.end(), 0.55, why, name_key(match.group()))
                )
        return found

    def _han(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for match in HAN_WORD.finditer(text):
            word = match.group()
            if word[-1] in SETTLEMENT_CHARACTERS:
                continue  # 杏花村, 黑松屯: a village, read by the place recognizer
            if word[0] in HAN_SURNAMES and not _everyday_han(word):
                score = 0.8 if len(word) == 3 else 0.6
                why = f"{len(word)} Chinese characters starting with surname '{word[0]}'"
                found.append(_finding(match.start(), match.end(), score, why, word))
        return found

    def _named(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for match in _NAMED.finditer(text):
            name = match.group("name")
            if name[0] not in HAN_SURNAMES and name[0] not in "小老阿":
                continue
            why = "Chinese characters after a word that introduces a name (叫, 户名, 收件人)"
            found.append(_finding(*match.span("name"), 0.6, why, name_key(name)))
        return found

    def _linked(self, text: str, full: list[Finding]) -> list[Finding]:
        wanted: dict[str, str] = {}
        for finding in full:
            key = finding.key or ""
            surname, given = key_parts(key)
            if len(given) > 3:  # "Wei" or "Hua" alone is too common a word
                wanted.setdefault(f"|{given}", key)
            if wanted.setdefault(f"{surname}|", key) != key:
                wanted[f"{surname}|"] = f"{surname}|"
        found: list[Finding] = []
        for start, end, key in find_mentions(text, wanted):
            surname_only = key_parts(name_key(text[start:end]))[1] == ""
            part = "surname" if surname_only else "given name"
            why = f"{part} alone of a Chinese name found in the same text"
            found.append(_finding(start, end, 0.4 if surname_only else 0.55, why, key))
        return found
