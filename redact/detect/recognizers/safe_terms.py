"""Words that are never names: the reviewed safe lists of the name nets (Philter's principle).

The nets in :mod:`proper_nouns`, :mod:`initials` and :mod:`participants` propose any capitalised
token that is not a common English word; these lists say what else is safe. They are short, kept
by hand and reviewed: role labels of transcripts, calendar words, acronyms of public institutions
and of everyday things, countries and nationalities, and public institutions of the DPRK and of
the countries the testimonies pass through. A word missing here costs a reviewer one rejection; a
name added here could leak, so a word joins only when it can never be a person or a home town.
"""

from __future__ import annotations

from redact.text.variants import word_set

# Speaker and role labels of transcripts, lower case; never an entity on their own.
ROLE_WORDS = word_set(
    "interviewer interviewee interpreter translator witness respondent participant informant "
    "source survivor victim subject narrator client applicant deponent speaker int iee ivr intv "
    "wit resp q a qn ans question answer note notes transcriber transcript moderator facilitator "
    "researcher staff caseworker volunteer counsellor counselor lawyer officer reviewer editor "
    "unknown unidentified male female man woman voice voices all both others other "
    # roles people are called by in testimony: alone, a role noun names nobody
    "broker brokers smuggler smugglers guard guards driver drivers foreman boss supervisor "
    "landlord landlady buyer buyers trader merchant prisoner prisoners inmate inmates soldier "
    "soldiers policeman policemen police guide guides helper helpers missionary warden "
    "interrogator instructor official officials pastor pastors recruiter recruiters "
    "manager managers doctor doctors nurse teacher teachers "
    # the same labels in Korean and Chinese transcripts (question, answer, interviewer, reporter,
    # interpreter, host, mother, father)
    "문 답 질문 답변 면담자 면접자 진행자 기자 통역 통역사 어머니 아버지 엄마 아빠 "
    "问 答 问题 回答 记者 采访者 受访者 翻译 主持人 妈妈 爸爸 母亲 父亲"
)
# Kinship nouns, lower case: alone ("Mother is not alone", a table's "| Son |") they name
# nobody. Not the ones that are surnames too (Son, Song: redact.detect.overlaps keeps those), nor
# the address terms a testimony uses as a name (Auntie, Halmoni: the kinship recognizer's).
KIN_WORDS = word_set(
    "mother father mom mum mommy mummy dad daddy parents parent husband wife son sons daughter "
    "daughters brother brothers sister sisters sibling siblings grandmother grandfather "
    "grandparents grandson granddaughter grandchild grandchildren aunt cousin nephew niece "
    "child children baby stepmother stepfather stepson stepdaughter mother-in-law father-in-law "
    "son-in-law daughter-in-law sister-in-law brother-in-law"
)
CALENDAR = word_set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday mon tue tues wed thu thur thurs fri sat sun spring summer autumn fall "
    "winter christmas easter chuseok seollal solnal new year lunar"
)
# Acronyms that are institutions, documents or things, never a person's initials.
ACRONYMS = word_set(
    "un unhcr ohchr unicef unodc iom icrc ngo ngos nk dprk rok prc prk kor chn rus usa us uk eu "
    "asean nis nkhr hr id ids tv usb sim gps atm sms mms pdf jpg png mp3 mp4 doc docx txt ok "
    "am pm gmt utc kst cst ad bc km kg cm mm sq no nos vs etc ie eg ps pps rmb krw usd cny "
    "kpw mnt thb lak rub sos ceo cctv kgb fsb mss kpa kwp wpk lo ssd mps mpss "
    "pol sgt lt capt col gen prof rev cpl maj "
    "anjeonbu bowiseong ic id-card dna hiv aids icu er dr mr mrs ms st mt rd ave apt bldg rm "
    "ltd co inc llc gmbh i ii iii iv v vi vii viii ix x xi xii ce bce faq re fw fwd "
    "cc bcc qr url www http https wifi ip vpn it is at as an or to in on of by be do go he me "
    "we my so up if ah eh uh um hm no yes yeah tbd tbc n/a na aka nb ps qq"
)
# Countries, nationalities, regions and their adjectives (lower case).
COUNTRIES = word_set(
    "korea korean koreans china chinese russia russian russians japan japanese mongolia "
    "mongolian mongolians laos lao laotian thailand thai thais vietnam vietnamese cambodia "
    "cambodian myanmar burma burmese poland polish kuwait qatar uae emirates america american "
    "americans britain british england english canada canadian germany german france french "
    "europe european asia asian africa african india indian philippines filipino taiwan "
    "taiwanese hongkong hong kong macau singapore malaysia indonesia nepal belarus ukraine "
    "ukrainian kazakhstan uzbekistan kyrgyzstan tajikistan turkey turkish soviet ussr "
    "manchuria manchu hanguk joseon choson chosun korean-chinese chaoxian chaoxianzu "
    "hoa-kyo hwagyo north south east west northern southern eastern western northeast "
    "hangul hangeul hanja chosongul choson joseon pinyin cyrillic latin mccune reischauer "
    "romanization romanized "
    # border rivers named in nearly every testimony: public geography, never a home town
    "yalu amnok amnokgang mekong amur ussuri imjin taedong"
)
# Public institutions, public places and brands that testimony names without identifying
# anyone (lower case; multiword names are matched word by word, so each word is listed).
INSTITUTIONS = word_set(
    "party workers juche songun ministry security state people's people army police bureau "
    "department committee government republic democratic national assembly council court "
    "supreme central provincial county city municipal office station embassy consulate "
    "nations united unhcr red cross church catholic protestant christian buddhist bible god "
    "jesus christ lord allah hanawon bowibu kyohwaso kwalliso kyoyangso jipkyulso jipkyolso "
    "rodongdanryondae rodong sinmun kctv kcna chongryon mindan samsung lg hyundai kia huawei "
    "xiaomi apple iphone android wechat qq kakaotalk kakao telegram whatsapp signal viber line "
    "douyin tiktok facebook google youtube naver daum weibo baidu alipay taobao koryolink "
    "mts beeline megafon toyota nissan honda volvo mercedes bmw coca-cola marlboro choco pie "
    "chocopie amnesty human rights watch hrw nkdb tjwg liberty link unification yonhap reuters "
    "bbc cnn voa rfa nk daily court courts convention conventions act acts commission council "
    "chamber tribunal code law laws article articles protocol regulation regulations decree "
    "constitution judgment decision prosecutor prosecutors registry registrar parliament "
    "cabinet authorities authority agency administration"
)
# Messaging apps, phone networks and platforms: how people wrote to each other, never who.
PLATFORMS = word_set(
    "wechat weixin qq kakaotalk kakao telegram whatsapp signal viber line douyin tiktok "
    "facebook messenger instagram google youtube naver daum weibo baidu alipay taobao "
    "koryolink skype zoom"
)
# Capitalised words common at the start of transcript lines and headings.
HEADINGS = word_set(
    "interview transcript session record file case summary notes note contacts contact "
    "background family route timeline annex appendix page part section chapter item items "
    "date time place location language consent code present absent recorded translated "
    "redacted confidential draft final version fictional sample follow-up followup register "
    "list index table figure total subtotal name names address phone email remarks comment "
    "comments tel fax mobile cell"
)
# Address and kinship words used as a form of address ("Not now, Auntie."): a name's title,
# not a name; the kinship recognizer proposes them on its own terms.
ADDRESS_WORDS = word_set(
    "auntie aunty aunt uncle granny grandma grandpa grandmother grandfather mum mom mummy "
    "mommy dad daddy papa mama sis bro oppa eonni unni onni ajumma ajumoni ajeossi ajossi "
    "halmoni harabeoji imo samchon gomo noona nuna hyung dongmu comrade madam sir miss"
)


def is_safe_word(word: str) -> bool:
    """True if ``word`` (any case) is on one of the safe lists."""
    lowered = word.lower().strip(".'\u2019")
    return (
        lowered in ROLE_WORDS
        or lowered in CALENDAR
        or lowered in ACRONYMS
        or lowered in COUNTRIES
        or lowered in INSTITUTIONS
        or lowered in HEADINGS
        or lowered in ADDRESS_WORDS
    )


# Closed-class English words: never the first or last word of a name ("Without X I would have
# died" gives X). Lower case.
FUNCTION_WORDS = word_set(
    "without with after before then when while if because and but or nor so yet though although "
    "unless until since once whether than as at by for from in into of off on onto out over "
    "through to toward towards under up upon via about above across against along among around "
    "behind below beside besides between beyond despite during except inside near outside past "
    "per round till within i me my you your yours he him his she her hers it its we us our "
    "they them their this that these those who whom whose which what there here where how why "
    "a an the is am are was were be been being do does did have has had would shall should "
    "could might must not no yes also only just even still ever never always sometimes "
    "often now later soon today tonight yesterday tomorrow thanks thank dear tell told ask asked "
    "said says say please oh ok okay well maybe perhaps every each all both some any many much "
    "let lets "
    # Russian conjunctions and prepositions: "Цой Ен Чер и Ким Ольга" is two people
    "и или а но что как в во на с со у к о об от до из за по для при без через"  # noqa: RUF001
)
