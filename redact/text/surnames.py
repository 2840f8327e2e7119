"""The tables names are read with: surname romanizations, titles, honorifics, vocatives.

Korean surnames map every usual romanization to one canonical form (Pak, Bak, Park -> park);
Chinese pinyin surnames map to themselves, so that "Zhang Wei" parses as surname + given name.
The frequent Korean surnames are written out here; every other one comes from
:mod:`redact.text.korean_surnames` (``HANGUL_SURNAMES``: each Hangul surname's canonical form).
English titles are read before a name; titles in other scripts and after a name are in
:mod:`redact.text.titles`. Pure data and two helpers to write long word lists;
:mod:`redact.text.variants` reads with them.
"""

from __future__ import annotations

from redact.text import korean_surnames


def word_set(block: str) -> frozenset[str]:
    """The whitespace-separated words of ``block`` as a set (for long word lists)."""
    return frozenset(block.split())


def word_list(block: str) -> list[str]:
    """The whitespace-separated words of ``block``, in order."""
    return block.split()


# Surname romanizations -> canonical surname. Korean first; Chinese pinyin surnames map to
# themselves so that "Zhang Wei" parses as surname + given name too.
SURNAME_GROUPS: dict[str, tuple[str, ...]] = {
    "kim": ("kim", "gim", "ghim"),
    "lee": ("lee", "yi", "rhee", "ri", "rhie", "i", "li", "rhi", "yee", "ree", "lie"),
    "park": ("park", "pak", "bak", "bahk", "pack", "parc"),
    "choi": ("choi", "choe", "chwe", "choy", "chey"),
    "jung": ("jung", "jeong", "chung", "joung", "chong", "jong", "cheong"),
    "yoon": ("yoon", "yun", "youn"),
    "lim": ("lim", "im", "rim", "yim"),
    "shin": ("shin", "sin", "shinn", "sheen"),
    "kang": ("kang", "gang"),
    "cho": ("cho", "jo", "joe", "jho"),
    "han": ("han",),
    "oh": ("oh", "o"),
    "seo": ("seo", "suh", "so", "sur", "seoh"),
    "hwang": ("hwang", "whang"),
    "song": ("song",),
    "ryu": ("ryu", "yu", "yoo", "ryoo", "rhyu", "you", "lyu"),
    "jang": ("jang", "chang"),
    "moon": ("moon", "mun"),
    "baek": ("baek", "paek", "paik", "baik", "back"),
    "nam": ("nam",),
    "ko": ("ko", "go", "koh"),
    "kwon": ("kwon", "gwon", "kweon"),
    "hong": ("hong",),
    "heo": ("heo", "hur", "ho", "huh", "hu"),
    "yang": ("yang",),
    "jeon": ("jeon", "chon", "jun", "jeun", "chun", "jon"),  # Cheon is 천, another surname
    "son": ("son", "sohn"),
    "bae": ("bae", "pae"),
    "ahn": ("ahn", "an"),
    "noh": ("noh", "no", "roh", "ro"),
    "ha": ("ha",),
    "kwak": ("kwak", "gwak"),
    "sung": ("sung", "seong"),
    "cha": ("cha",),
    "joo": ("joo", "ju", "chu"),
    "woo": ("woo",),
    "koo": ("koo", "gu", "ku"),
    "min": ("min",),
    "na": ("na", "ra"),
    "jin": ("jin", "chin"),
    "ji": ("ji", "chi"),
    "eom": ("eom", "um", "uhm", "om"),
    "chae": ("chae",),
    "won": ("won",),
    "bang": ("bang", "pang"),
    "kong": ("kong", "gong"),
    "hyun": ("hyun", "hyeon", "hyon"),
    "ham": ("ham",),
    "byun": ("byun", "byeon", "pyon", "pyun"),
    "yeom": ("yeom", "yom"),
    "yeo": ("yeo", "yo"),
    "do": ("do", "doh", "to"),
    "seok": ("seok", "suk", "sok"),
    "ma": ("ma",),
    "gil": ("gil", "kil"),
    "yeon": ("yeon", "yon"),
    "wi": ("wi",),
    "pyo": ("pyo", "pyoh"),
    "myung": ("myung", "myeong", "myong"),
    "ki": ("ki", "gi"),
    "ban": ("ban", "pan"),
    "geum": ("geum", "keum", "kum"),
    "ok": ("ok",),
    "yook": ("yook", "yuk"),
    "tak": ("tak",),
    "kook": ("kook", "guk", "kuk"),
    "maeng": ("maeng",),
    "bong": ("bong", "pong"),
    "namgung": ("namgung", "namkung"),
    "hwangbo": ("hwangbo",),
    "jegal": ("jegal", "chegal"),
    "sunwoo": ("sunwoo", "seonu", "sonu"),
    "dokgo": ("dokgo", "tokko"),
}
CHINESE_SURNAMES: tuple[str, ...] = (
    "zhang", "wang", "liu", "chen", "zhao", "wu", "zhou", "xu", "sun", "zhu", "guo", "he",
    "lin", "luo", "gao", "zheng", "liang", "xie", "tang", "cui", "piao", "huang", "feng",
    "deng", "cao", "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang", "du",
    "ye", "cheng", "wei", "su", "lu", "ding", "ren", "shen", "yao", "fan", "fang", "shi",
    "qian", "qin", "bai", "meng", "long", "duan", "lei", "hou", "tan", "mao", "hao", "qiu",
    "xue", "wen", "gu", "lai", "jia", "xia", "kong", "lv", "lu", "fu", "zou",
)  # fmt: skip
SURNAMES: dict[str, str] = {
    form: canon for canon, forms in SURNAME_GROUPS.items() for form in forms
}
for _canon, _forms in korean_surnames.EXTRA_FORMS.items():
    SURNAMES.update(dict.fromkeys(_forms, _canon))
_FREQUENT = frozenset(SURNAMES)
# Hangul surname -> canonical form, for every Korean surname (the rarer ones' spellings join
# SURNAMES unless a more frequent surname or a Chinese pinyin surname has them already).
HANGUL_SURNAMES: dict[str, str] = dict(korean_surnames.HANGUL_GROUPS)
for _hangul, (_canon, _forms) in korean_surnames.rare_groups().items():
    if _canon in SURNAMES or (_canon in CHINESE_SURNAMES and _canon != "wang"):
        continue  # its canonical spelling names another surname: left out, never folded
    HANGUL_SURNAMES[_hangul] = _canon
    for _form in _forms:
        if _form not in SURNAMES and (_form not in CHINESE_SURNAMES or _form == _canon):
            SURNAMES[_form] = _canon
# Every Korean surname's spellings, by canonical form (SURNAME_GROUPS' order first).
SPELLINGS_OF: dict[str, tuple[str, ...]] = {}
for _form, _canon in SURNAMES.items():
    SPELLINGS_OF[_canon] = (*SPELLINGS_OF.get(_canon, ()), _form)
# The Korean recognizer's surnames: a rarer surname only in spellings of three letters or more
# (two-letter spellings such as Ae or Eo are read in keys, never sought in running text).
KOREAN_SURNAMES = _FREQUENT | frozenset(f for f in SURNAMES if len(f) > 2)
FREQUENT_SURNAMES = _FREQUENT
# Rarer surnames spelled like a given-name syllable: a given name when written alone.
GIVEN_WHEN_ALONE = korean_surnames.GIVEN_LIKE - _FREQUENT
for _cn in CHINESE_SURNAMES:
    SURNAMES.setdefault(_cn, _cn)
# Surname readings of characters read otherwise as words (单 Shan, 查 Zha): surnames in keys
# only (the Chinese recognizer's list stays as it is).
for _cn in word_list("shan zha yue miao zhai shao chong wan"):
    SURNAMES.setdefault(_cn, _cn)

TITLES = word_set(
    "ms mrs mr miss dr comrade auntie aunt uncle teacher boss foreman old lao granny grandma "
    "grandpa grandmother grandfather xiao little big halmoni ajumma ajumoni ajeossi manager "
    "director officer "
    "captain sergeant brigade team squad unit leader chairman secretary sister brother "
    "pastor reverend rev elder deacon missionary instructor professor prof doctor inspector "
    "chief head madam mister lieutenant major colonel commander guard master"
)
# Titles that only say how to address someone; every other title is a role or a familiar form
# ("Pastor Han", "Auntie Pak", "Old Zhang"): a way of naming one person in its own right.
COURTESY_TITLES = word_set("ms mr miss dr mister comrade khun")
# A married title names the wife or mother of the man of that surname as often as anyone:
# "Mrs. Zhao" is never linked to a full name by its surname alone.
MARRIED_TITLES = word_set("mrs madam")
HONORIFICS = ("ssi", "nim", "oppa", "eonni", "unni", "onni", "ajumma", "ajumoni", "ajeossi",
              "dongmu", "dongji", "hyung", "hyeong", "hyong", "noona", "nuna", "seonsaengnim",
              "imo", "gomo", "komo", "samchon", "samchun")  # fmt: skip
VOCATIVES = ("a", "ya", "i")  # Boram-i, Ha-eun-a: stripped only after a 2+ syllable name
