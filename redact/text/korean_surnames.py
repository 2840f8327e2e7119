"""Every Korean surname, by its Hangul spelling: the rarer ones' romanizations, and one canonical
form per Hangul surname (data only; :mod:`redact.text.surnames` merges it into its tables).

The frequent surnames (Kim, Lee, Park, ...) are written out with their spellings in
``surnames.SURNAME_GROUPS``; the rest of the standard list (about 280 surnames in all, census
order) are below as ``Hangul canonical [other spellings]``: Revised Romanization, McCune-Reischauer
and the usual spellings in passports. Rules kept:

* two Hangul surnames are never one key (천 Cheon is not 전 Jeon, 심 Shim is not 신 Shin, 소 is
  not 서): a spelling already claimed by a more frequent surname is not given to a rarer one, and
  the rarer one keeps a canonical form of its own, which its Hangul spelling reads as;
* a spelling that is a Chinese pinyin surname (Sun, Dong, Tan, Su, Shi) or an everyday English
  word or first name (Man, Don, Bin, Young, Soon, Sam, Ye, Mo, Pi) is not a surname here: a
  capitalised English word must not become a name;
* a Hangul surname that has an initial-sound-law twin (리/이, 류/유, 량/양, 려/여) is one surname.
"""

from __future__ import annotations


def _words(block: str) -> list[str]:
    return block.split()


# Hangul surname -> canonical form of a group in surnames.SURNAME_GROUPS (the frequent ones).
HANGUL_GROUPS: dict[str, str] = dict(
    pair.split("=")
    for pair in _words(
        """
    김=kim 이=lee 리=lee 박=park 최=choi 정=jung 윤=yoon 임=lim 림=lim 신=shin 강=kang 조=cho
    한=han 오=oh 서=seo 황=hwang 송=song 류=ryu 유=ryu 장=jang 문=moon 백=baek 남=nam 고=ko
    권=kwon 홍=hong 허=heo 양=yang 량=yang 전=jeon 손=son 배=bae 안=ahn 노=noh 로=noh 하=ha
    곽=kwak 성=sung 차=cha 주=joo 우=woo 구=koo 민=min 나=na 라=na 진=jin 지=ji 엄=eom 채=chae
    원=won 방=bang 공=kong 현=hyun 함=ham 변=byun 염=yeom 렴=yeom 여=yeo 려=yeo 도=do 석=seok
    마=ma 길=gil 연=yeon 련=yeon 위=wi 표=pyo 명=myung 기=ki 반=ban 금=geum 옥=ok 육=yook
    륙=yook 탁=tak 국=kook 맹=maeng 봉=bong 남궁=namgung 황보=hwangbo 제갈=jegal 선우=sunwoo
    독고=dokgo
    """
    )
)
# Initial-sound-law and North Korean spellings of the frequent surnames (Ryang, Ryo, Ryom, Ryuk).
EXTRA_FORMS: dict[str, tuple[str, ...]] = {
    "yang": ("ryang",),
    "yeo": ("ryeo", "ryo"),
    "yeom": ("ryeom", "ryom"),
    "yook": ("ryuk", "ryook"),
    "yeon": ("ryeon", "ryon"),
}
# The rarer surnames: Hangul, canonical form, other spellings.
RARE = """
심 shim sim | 천 cheon | 설 seol sul | 추 choo | 소 soh | 모 moh | 경 kyung kyeong gyeong kyong
| 선 seon | 용 yong ryong | 예 yeh | 태 tae | 편 pyeon | 계 kye gye | 형 hyung hyeong hyong
| 승 seung | 엽 yeop yop | 피 phi | 간 kahn | 갈 kal | 감 kam gam | 견 kyeon gyeon kyon
| 곡 kok gok | 궁 gung | 궉 kwok gwok | 근 keun geun | 낭 nang | 내 nae | 뇌 noe | 담 tam
| 당 dhang | 대 dae | 동 tong | 두 doo | 등 deung | 란 rhan | 랑 rhang | 뢰 rhoe | 매 mae
| 목 mok mog | 묘 myo | 묵 muk mook | 미 mee | 범 beom pom | 복 bok pok | 부 bue | 비 bee
| 빈 binn | 빙 bhing | 사 sah | 사공 sagong sakong | 삼 sahm | 상 sahng | 서문 seomun somun
| 섭 seop sop | 수 sooh | 순 shoon | 시 sie | 애 ae | 야 yah | 어 eo | 영 yeong | 옹 ong
| 왕 wang | 운 woon | 은 eun | 음 eum | 인 inn | 자 jah | 저 jeo | 점 jeom chom | 제 jeh
| 좌 jwa chwa | 증 jeung | 초 choh | 탄 thahn | 판 phan | 팽 paeng | 평 pyeong pyong | 포 poh
| 풍 poong pung | 필 pil | 학 hak | 해 hae | 호 hoh | 화 hwa | 환 hwan | 흥 heung
| 후 hoo | 가 kah | 개 gae kae | 견 kyeon | 동방 dongbang tongbang | 강전 kangjeon | 소봉 sobong
| 어금 eogeum | 망절 mangjeol | 즙 jeup | 준 joon | 종 jhong | 창 chhang | 탕 thang | 돈 dhon
| 교 kyo gyo | 군 kun | 독 dok tok | 혁 hyeok hyok | 십 shib | 황목 hwangmok | 장곡 janggok
| 등정 deungjeong | 누 nu | 난 nahn | 만 mahn | 온 ohn | 요 yoh | 아 ah | 춘 choon
"""


# Two-syllable surnames far more common than their first syllable as a surname of its own: a
# compound surname in a three-syllable name too (제갈민 is Jegal Min; 남궁민 stays Nam Gung-min).
COMPOUND_FIRST = frozenset(_words("제갈 독고 사공 망절 어금 소봉"))
# Rarer surnames spelled like a frequent given-name syllable ("Yong", "Eun", "Tae"): a surname
# before a given name ("Yong Ho-jin"), a given name when written alone.
GIVEN_LIKE = frozenset(
    _words(
        """kyung kyeong gyeong kyong yong ryong seung yeong eun tae hyung hyeong hyong hwa hwan
    heung
    seon woon pil hak bok pok shoon sooh mee beom pom keun geun pyeong pyong sim shim seol sul
    joon choon jhong ok ae eo"""
    )
)


def rare_groups() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Hangul -> (canonical form, every spelling) of the rarer surnames, first entry kept."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for entry in RARE.split("|"):
        hangul, canon, *forms = entry.split()
        if hangul not in out and hangul not in HANGUL_GROUPS:
            out[hangul] = (canon, (canon, *forms))
    return out
