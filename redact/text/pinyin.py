"""Pinyin: the one table of Mandarin syllables, and the two ways redact splits a word into them.

Toneless, lower case, ü written ``v`` or ``u`` (``lv``, ``lue``). The table lists the syllables
of standard Mandarin (about 400); it is data, not generated, so that shapes Mandarin does not have
("ko", "win", "bv") never read as Chinese.

* :func:`syllables`: how a given name is written: the split taking the longest syllable first
  ("Guofu" -> guo fu, "Xian" -> xian), or None when the word is not pinyin.
* ``SURNAME_READINGS``: how a surname character is read when it is a surname (朴 piao).
* :func:`most_syllables`: how many syllables the word can be cut into at most ("Xian" -> 2:
  xi an); :func:`only_one_syllable`: a place name that can only be one syllable ("Bei") is too
  short to trust.
"""

from __future__ import annotations

import functools

_TABLE = """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu pa pai pan
    pang pao pei pen peng pi pian piao pie pin ping po pou pu ma mai man mang mao me mei men
    meng mi mian miao mie min ming miu mo mou mu fa fan fang fei fen feng fo fou fu da dai dan
    dang dao de dei deng di dian diao die ding diu dong dou du duan dui dun duo ta tai tan tang
    tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo na nai nan nang nao ne nei
    nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nuo nv nve nue la lai lan lang
    lao le lei leng li lia lian liang liao lie lin ling liu long lou lu luan lun luo lv lve lue
    ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ka kai kan
    kang kao ke ken keng kong kou ku kua kuai kuan kuang kui kun kuo ha hai han hang hao he hei
    hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing
    jiong jiu ju juan jue jun qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun xi
    xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun zha zhai zhan zhang zhao zhe zhen
    zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo cha chai chan chang chao che
    chen cheng chi chong chou chu chuai chuan chuang chui chun chuo sha shai shan shang shao she
    shen sheng shi shou shu shua shuai shuan shuang shui shun shuo ran rang rao re ren reng ri
    rong rou ru ruan rui run ruo za zai zan zang zao ze zei zen zeng zi zong zou zu zuan zui zun
    zuo ca cai can cang cao ce cen ceng ci cong cou cu cuan cui cun cuo sa sai san sang sao se
    sen seng si song sou su suan sui sun suo ya yan yang yao ye yi yin ying yo yong you yu yuan
    yue yun wa wai wan wang wei wen weng wo wu e ei en eng er o ou
"""
PINYIN = frozenset(_TABLE.split())


def _words(block: str) -> list[str]:
    return block.split()


# Surname characters read otherwise as a surname than as a word (朴 is Piao, not pu): the reading
# of a surname character standing alone before a title (朴老师, 单老师).
SURNAME_READINGS = dict(
    pair.split("=")
    for pair in _words(
        """朴=piao 单=shan 單=shan 曾=zeng 解=xie 仇=qiu 区=ou 區=ou 查=zha 盖=ge 蓋=ge
    乐=yue 樂=yue 缪=miao 繆=miao 翟=zhai 覃=qin 召=shao 秘=bi 种=chong 種=chong 牟=mu 黑=he
    尉=yu 万=wan 萬=wan"""
    )
)
_LONGEST = max(len(s) for s in PINYIN)


@functools.lru_cache(maxsize=16384)
def syllables(word: str) -> tuple[str, ...] | None:
    """``word`` cut into pinyin syllables, longest syllable first ("guofu" -> guo fu), or None;
    () for the empty word. Case is ignored."""
    word = word.lower()
    if not word:
        return ()
    for end in range(min(len(word), _LONGEST), 0, -1):
        if word[:end] in PINYIN:
            rest = syllables(word[end:])
            if rest is not None:
                return (word[:end], *rest)
    return None


def most_syllables(word: str) -> int:
    """The largest number of pinyin syllables ``word`` can be cut into (0 when it is not pinyin)."""
    word = word.lower()
    best = [0] + [-1] * len(word)
    for end in range(1, len(word) + 1):
        for size in range(1, _LONGEST + 1):
            start = end - size
            if start >= 0 and best[start] >= 0 and word[start:end] in PINYIN:
                best[end] = max(best[end], best[start] + 1)
    return max(best[-1], 0)


def only_one_syllable(word: str) -> bool:
    """True when ``word`` is one pinyin syllable and cannot be cut into more ("Bei", "Nan"; not
    "Xian", which reads xi an too)."""
    word = word.lower()
    return word in PINYIN and most_syllables(word) == 1
