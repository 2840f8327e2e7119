"""Addresses, coordinates and road markers (LOCATION), and facilities and employers by head word.

A street address or a GPS point is a door someone can knock on. Shapes:

* street addresses: ``ul. Lesnaya, d. 12, kv. 5`` (Russian and Polish abbreviations), a name
  before a street word (``Heping Road 27``, ``No. 9 Xinglong West Road``, ``Harbour Avenue 6``),
  ``Soi Chaloem 8``, with the parts around them (``Building 4, Room 1103``, ``apt. 9``, a postal
  code and town, one trailing district), and chains of two or more such parts on their own;
* Chinese addresses and venues written in characters (``…路18号``, ``…宾馆``, ``…站``), and
  the administrative units of one written in a sentence (``住在柳河省东岭县石桥村``);
* the numbered units of a village: ``Work-team 7``, ``inminban 12``, ``6-ban``, ``3작업반``,
  ``…村三队``;
* coordinates in decimal (``41.2031 N, 128.7702 E``, ``45.1020, 109.8801``) and degree forms;
* road kilometre markers (``km 112``, ``M5 km 112``, ``kilometre 40 on Route 9``);
* facilities whose last word is generic, the head word inside the span (``Kapsong copper mine``,
  ``Helan North station``, ``Taepung Middle School``);
* employers by legal form or head word: Cyrillic ``OOO «…»``, ``… sp. z o.o.``, ``… LLC``,
  ``… Co., Ltd.``, ``… Overseas Forestry Bureau``, ``… Shoe Factory``.
"""

from __future__ import annotations

import re

from wordfreq import zipf_frequency

from redact.detect.recognizers.base import LOCATION, ORGANIZATION, Finding
from redact.detect.recognizers.gazetteer import fold_key, gazetteer
from redact.detect.recognizers.hangul_words import AFTER_PARTICLE
from redact.detect.recognizers.helpers import cjk_zipf, resolve, words

NAME = "addresses"
ADDRESS_SCORE = 0.75
POINT_SCORE = 0.8
FACILITY_SCORE = 0.65
EMPLOYER_SCORE = 0.7
COMMON_ZIPF = 3.5  # words at or above this frequency are common English words

# a capitalised word in any Latin or Cyrillic letters
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-\u017f\u0410-ЯЁ][\w'\u2019\u02bc-]*"
_NUM = r"\d{1,5}[A-Za-z]?(?:/\d{1,4})?"
_PART = (
    r"(?:(?i:building|bldg\.?|block|blk\.?|unit|room|rm\.?|apt\.?|apartment|flat|floor|fl\.|"
    r"house|entrance|gate|row|stall|exit|group|korpus|korp\.|kv\.|kv|d\.|dom|str\.|m\.|No\.|#|"
    "\u0434\\.|\u043a\u0432\\.|\u043e\u0444\\.|\u043a\u043e\u0440\u043f\\.|\u0441\u0442\u0440\\.)\\s?"
    + _NUM
    + r"|\d{1,2}(?:st|nd|rd|th)\s(?i:floor))"
)
_STREET_WORD = (
    r"(?:Street|St\.|Road|Rd\.?|Avenue|Ave\.?|Lane|Boulevard|Blvd\.?|Highway|Drive|Square|"
    r"Alley|Way|Prospekt|Prospect|Embankment|Naberezhnaya)"
)
_RU_STREET = r"(?:(?i:ul|pr|prosp|pr-t|per|pl|al|ulica|ulitsa|bul|sh|nab|ул|пр|пер|просп)\.\s?)"
_AFTER = rf"(?:,?\s(?:{_NUM}(?=[,.;)\s]|$)|{_PART})|,\s{_PART}|,\s\d{{2}}-\d{{3}}\s{_CAP})"
_TRAIL = rf"(?:,\s{_CAP}(?:\s{_CAP}){{0,2}}(?:\s(?i:district|gu|ku|qu|khoroo))?(?=\s*[.;)\n]|$))?"
_STREET = re.compile(
    rf"(?:(?:g|\u0433)\.\s?{_CAP},\s)?(?:{_PART},?\s)*(?:"
    rf"(?<![\w.]){_RU_STREET}{_CAP}(?:\s{_CAP})?"
    rf"|(?:\d{{1,5}}\s)?Soi\s(?:{_CAP}(?:\s{_CAP})?(?:\s\d{{1,4}})?|\d{{1,4}}(?![\d,]\d))"
    rf"|(?:{_PART}\s)?(?:{_CAP}\s){{1,3}}{_STREET_WORD}(?![\w])"
    rf"|{_CAP}-(?:ro|gil|daero|dong)(?:\s\d{{1,4}}(?:beon-gil|-gil))?\s\d{{1,5}}(?:-\d{{1,4}})?"
    rf")(?:{_AFTER})*(?:,\s(?:{_CAP}\s){{1,3}}{_STREET_WORD}(?![\w])(?:{_AFTER})*)?{_TRAIL}"
)
_BARE_STREET = re.compile(rf"{_STREET_WORD}$")  # "The Road": nothing names it
_PARTS_ONLY = re.compile(rf"(?<![\w.]){_PART}(?:,\s?{_PART})+")
_LEADS = "在到去从回往于住寄址自了的"
# characters that never begin or make a place name here: pronouns, particles, the leads
_NOT_IN_NAME = _LEADS + "我你他她它是不也都与就还又很要会能说把被给"
_NAME_CHAR = rf"(?:(?![{_NOT_IN_NAME}])[\u4e00-\u9fff])"
_CJK_PLACE = re.compile(
    rf"{_NAME_CHAR}{{1,10}}(?:路|街|大街|大道|巷|胡同|小区|号楼|单元|室)(?:\d{{1,5}}号?)?"
    rf"|{_NAME_CHAR}{{2,10}}(?:宾馆|酒店|旅馆|饭店|火车站|车站|站|市场|医院|大学|学校|中学|工厂|农场|煤矿|矿)"
)
_LAT = r"[-+]?\d{1,2}\.\d{3,8}"
_LON = r"[-+]?\d{1,3}\.\d{3,8}"
_DMS = r"\d{1,3}°\s?\d{1,2}['\u2032]\s?(?:\d{1,2}(?:\.\d+)?[\"″]\s?)?"
_POINT = re.compile(
    rf"(?<![\d.])(?:{_LAT}\s?°?\s?[NS]?,?\s{{0,2}}{_LON}\s?°?\s?[EW]?"
    rf"|{_DMS}[NS],?\s?{_DMS}[EW]|\d{{1,2}}\.\d+°\s?[NS],?\s?\d{{1,3}}\.\d+°\s?[EW])(?!\d|\.\d)"
)
_ROAD = (
    r"(?:the\s)?(?:(?:{c}\s){{0,2}}(?i:highway|road|route|motorway|trakt))(?:\s[A-Z]?\d{{1,4}})?"
)
_KM = re.compile(
    rf"(?:\b[A-Z]{{1,3}}\d{{1,4}}\s)?(?:\b(?i:km|kilomet(?:re|er))\s?\d{{1,4}}(?:[.,]\d{{1,3}})?\b"
    rf"|\b\d{{1,4}}[-\s]?(?i:km|kilomet(?:re|er))\s(?i:stone|marker|post|sign)\b)"
    rf"(?:\s(?:of|on)\s{_ROAD.format(c=_CAP)})?"
)
_FACILITY_HEAD = (
    r"(?:[Rr]ailway\s[Ss]tation|[Bb]us\s[Ss]tation|[Ss]tation|[Mm]arket|[Bb]azaar|University|"
    r"[Hh]ospital|[Cc]linic|[Ff]arm|[Mm]ine|[Ss]chool|[Hh]otel|[Gg]uesthouse|[Cc]hurch|[Tt]emple|"
    r"[Aa]irport|[Hh]arbou?r|[Pp]ort|[Ss]hipyard|[Rr]estaurant|[Cc]afe|[Ss]hop|[Ff]actory|"
    r"[Pp]lant|[Ww]orks|[Ss]awmill|[Cc]ollege|[Aa]cademy|[Cc]ompound|[Dd]ormitory|[Pp]ier|"
    r"[Mm]onastery|[Ss]hrine|[Ss]quare|[Pp]ark|[Bb]ridge|[Cc]rossing|[Cc]heckpoint|[Yy]ard)"
)
_FACILITY = re.compile(
    rf"\b(?:{_CAP}\s|No\.\s?\d{{1,3}}\s){{0,4}}{_CAP}(?:\s[a-z]{{3,12}}){{0,2}}\s"
    rf"{_FACILITY_HEAD}\b(?:,\s{_PART})*"
    r"(?:\s(?:on|of)\s(?:the\s)?(?:[A-Z]{1,2}\d{1,4}|(?:Route|Highway|Road)\s\d{1,4}))?"
)
# Prefix words of Thai and Lao places: "Wat ..." (temple), "Ban ..." (village).
_PREFIXED = re.compile(
    rf"\b(?:Wat|Ban|Muang|Mueang|Khlong)\s(?:{_CAP}\s){{0,4}}(?!{_CAP}-){_CAP}\b(?!-)"
)
_CJK_COMPANY = re.compile(
    r"[\u4e00-\u9fff]{2,12}(?:有限公司|公司|集团|水产|贸易|商贸|商店|工厂|厂|饭店|餐厅)"
)
_LEGAL = (
    r"(?:Co\.,?\s?Ltd\.?|Company\sLimited|Ltd\.?|LLC|L\.L\.C\.|Inc\.|GmbH|[Ss]p\.\sz\so\.\s?o\.|"
    r"S\.A\.|JSC|PJSC|Corp\.|Corporation|PLC|LLP|Pte\.?\sLtd\.?|\u0425\u0425\u041a|\u0425\u041a|Co\.)"
)
_LEGAL_FORM = re.compile(_LEGAL + r"$")
_ORG_HEAD_WORDS = r"(?:Company|Corporation|Group|Firm)"
_ORG_HEAD = (
    r"(?:Bureau|Enterprise|Company|Trading\sCompany|Corporation|Agency|Complex|Factory|Works|"
    r"Cooperative|Combine|Trust|Group|Firm|Centre|Center|House|Administration)"
)
_LEGAL_TAIL = re.compile(r",?\s" + _LEGAL + r"$|\s" + _ORG_HEAD_WORDS + r"$")
_EMPLOYER = re.compile(
    rf"(?:\b|(?<=\s))(?:(?:\u041e\u041e\u041e|\u041e\u0410\u041e|\u0417\u0410\u041e|ПАО|\u0410\u041e|ИП|OOO|OAO|ZAO|PAO)\s?[«\"“„](?P<q>[^»\"”\n]{{2,40}})[»\"”]"
    rf"|(?:OOO|OAO|ZAO|\u041e\u041e\u041e|\u041e\u0410\u041e|\u0417\u0410\u041e)\s{_CAP}(?:\s{_CAP})?"
    rf"|(?:{_CAP}\s){{1,6}}{_LEGAL}(?![\w])"
    rf"|(?:{_CAP}(?:'s)?\s){{1,4}}(?:No\.\s?\d{{1,3}}\s)?(?:{_CAP}\s)?{_ORG_HEAD}\b)"
    rf"(?:,\s{_PART})*"
)
_FUNCTION = words(
    "The A An This That These Those Our My His Her Their Your Its Every Each Which What Whose "
    "Same Other Another One No Any Some New Old Next Last In At To From Near On By For With Of "
    "And Or But When Where Then After Before Also Only Both All Like Inside Outside Through Via "
    "I We He She They You It Yes Interviewer Witness Q A"
)


def _trim(text: str, start: int, end: int) -> int | None:
    """Skip leading function words; None when no capitalised word before the head is left."""
    for m in re.finditer(r"\S+", text[start:end]):
        if m.group() not in _FUNCTION:
            return start + m.start()
    return None


def _make(text: str, start: int, end: int, label: str, score: float, why: str) -> Finding:
    key = " ".join(fold_key(text[start:end]))
    return Finding(start, end, label, score, NAME, why, key=key)


# Chinese administrative units written in a sentence without spaces: a name and its unit word,
# one after another from the province down ("…住在吉林省东岭县石桥村"), after a word that
# leads to a place (在, 到, 从, 住, 寄, 址, 自) or where a run of characters starts
_ADMIN = "省市州县区乡镇村屯"
_ADMIN_CHAIN = re.compile(
    rf"(?:(?<=[{_LEADS}])|(?<![\u4e00-\u9fff]))(?:{_NAME_CHAR}{{1,5}}?[{_ADMIN}]){{1,5}}"
)
_ADMIN_UNIT = re.compile(rf"{_NAME_CHAR}{{1,5}}?[{_ADMIN}]")
# 本县, 全省, 这村: this county, the whole province
_NOT_A_NAME = "本该全外这那每各此某其同邻"
_COMPOUND = frozenset("里民长子口委外头")  # 村里, 村民, 县长: the unit word in a common noun
COMMON_CJK = 4.3  # Zipf: 农村 5.2, 超市 4.4, 家乡 4.4; 吉林省 3.8, a county or village 0


def _admin_units(text: str) -> list[Finding]:
    """Each unit of a Chinese address written in a sentence (:data:`_ADMIN_CHAIN`): a common
    word that ends in a unit word (农村, 超市, 家乡) or a unit of one character after "this" or
    "all" (本县, 全省) is not one."""
    found = []
    for chain in _ADMIN_CHAIN.finditer(text):
        units = list(_ADMIN_UNIT.finditer(text, chain.start(), chain.end()))
        led = chain.start() > 0 and text[chain.start() - 1] in _LEADS
        alone = not re.match(r"[\u4e00-\u9fff]", text[chain.end() : chain.end() + 1])
        if len(units) == 1 and not (led or alone):
            continue  # one unit in a sentence needs a word that leads to it: "别告诉村里人"
        for unit in units:
            word = unit.group()
            short = len(word) == 2 and (word[0] in _NOT_A_NAME or cjk_zipf(word, "zh") >= 3.0)
            if (
                short
                or cjk_zipf(word, "zh") >= COMMON_CJK
                or text[unit.end() : unit.end() + 1] in _COMPOUND
            ):
                continue
            why = "unit of a Chinese address in a sentence"
            found.append(_make(text, *unit.span(), LOCATION, 0.6, why))
    return found


def _cjk(text: str) -> list[Finding]:
    found = []
    for m in _CJK_PLACE.finditer(text):  # never starts with a lead word: see _NAME_CHAR
        found.append(_make(text, *m.span(), LOCATION, 0.6, "address or venue in characters"))
    return found


def _rare_word(span: str) -> bool:
    """Some word of ``span`` is not a common English word: a name, not "Central Hospital"."""
    return any(
        zipf_frequency(w.lower(), "en") < COMMON_ZIPF for w in re.findall(r"[^\W\d_]+", span)
    )


def _headed(
    text: str, pattern: re.Pattern[str], label: str, score: float, why: str
) -> list[Finding]:
    """Matches of a name + head word pattern, leading function words trimmed, a rare word kept."""
    found = []
    for m in pattern.finditer(text):
        start = _trim(text, m.start(), m.end())
        if start is None or not text[start].isupper():
            continue
        name = re.sub(rf"\s\S+$|{_PART}", "", text[start : m.end()])
        several = label == ORGANIZATION and len(name.split()) >= 2  # "Overseas Timber Bureau"
        if _rare_word(name) or several or _LEGAL_FORM.search(text, start, m.end()):
            found.append(_make(text, start, m.end(), label, score, why))
    return found


def addresses(text: str) -> list[Finding]:
    """Street addresses, address parts, coordinates, road markers, facilities, employers."""
    found = []
    for m in _STREET.finditer(text):
        start = _trim(text, m.start(), m.end())
        bare = start is not None and _BARE_STREET.match(text, start, m.end())
        if start is not None and not bare:
            found.append(_make(text, start, m.end(), LOCATION, ADDRESS_SCORE, "street address"))
    for m in _PARTS_ONLY.finditer(text):
        found.append(_make(text, *m.span(), LOCATION, ADDRESS_SCORE, "building / room numbers"))
    for m in _POINT.finditer(text):
        found.append(_make(text, *m.span(), LOCATION, POINT_SCORE, "GPS coordinates"))
    for m in _KM.finditer(text):
        found.append(_make(text, *m.span(), LOCATION, ADDRESS_SCORE, "road kilometre marker"))
    found += _cjk(text) + _admin_units(text) + local_units(text)
    found += _headed(text, _FACILITY, LOCATION, FACILITY_SCORE, "name + facility word")
    employers = [
        Finding(
            f.start, f.end, f.label, f.score, f.recognizer, f.explanation, _employer_key(text, f)
        )
        for f in _headed(text, _EMPLOYER, ORGANIZATION, EMPLOYER_SCORE, "name + legal form or head")
    ]
    found += employers + _short_names(text, employers)
    for m in _PREFIXED.finditer(text):
        found.append(_make(text, *m.span(), LOCATION, FACILITY_SCORE, "Thai or Lao place prefix"))
    for m in _CJK_COMPANY.finditer(text):
        found.append(_make(text, *m.span(), ORGANIZATION, 0.6, "company name in characters"))
    return found


def _employer_key(text: str, f: Finding) -> str:
    """The employer's name without its legal form or Russian prefix: "OOO Lesnik-Stroy" and
    "Lesnik-Stroy LLC" are "lesnik stroy"."""
    core = _LEGAL_TAIL.sub("", text[f.start : f.end])
    core = re.sub(
        r"^(?:OOO|OAO|ZAO|PAO|\u041e\u041e\u041e|\u041e\u0410\u041e|\u0417\u0410\u041e)\s?",
        "",
        core,
    )
    return " ".join(fold_key(core)) or (f.key or "")


def _short_names(text: str, employers: list[Finding]) -> list[Finding]:
    """Later mentions of an employer by its name without the legal form ("Haeil Foods"), or by
    any rare word of it that is not a place in the gazetteer ("Haeil", never "Dalian")."""
    names: dict[str, str | None] = {}  # short name -> key of the employer it names
    for f in employers:
        core = _LEGAL_TAIL.sub("", text[f.start : f.end]).strip(" ,")
        if core and core != text[f.start : f.end] and " " in core:
            names.setdefault(core, f.key)
        for word in core.split():
            rare = len(word) >= 5 and zipf_frequency(word.lower(), "en") < 2.0
            if rare and word[0].isupper() and fold_key(word) not in gazetteer():
                names.setdefault(word, f.key)  # "Lianfeng", not the town in "Dalian Lianfeng"
    more = []
    for name, key in sorted(names.items()):
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            why = "short name of an employer found elsewhere in this record"
            more.append(Finding(*m.span(), ORGANIZATION, 0.6, NAME, why, key=key))
    return more


# the units a North Korean or Chinese village is divided into, numbered: a farm's work team, a
# neighbourhood unit (inminban, 인민반), a village group (村民小组): "Work-team 7", "work team
# No. 2", "inminban 12", "6-ban", "3작업반", "제4인민반", "…村三队"
_LOCAL_UNIT = re.compile(
    r"\b(?i:work)[ -]?(?i:team|unit)[ \t]+(?:No\.?[ \t]*)?\d{1,3}\b"
    r"|\b(?i:inmin-?ban|jag[oŏ]p-?ban|chag[oŏ]p-?ban|pun-?jo|bunjo)[ \t]+(?:No\.?[ \t]*)?\d{1,3}\b"
    r"|\b\d{1,3}-?(?:ban|inminban|jag[oŏ]pban|chag[oŏ]pban)\b"
    rf"|(?<![\d가-힣])(?:제[ \t]?)?\d{{1,3}}[ \t]?(?:작업반|인민반|분조|반){AFTER_PARTICLE}"
    r"|(?<=[村屯])第?[一二三四五六七八九十\d]{1,3}(?:生产)?(?:小组|队|组)"
)


def local_units(text: str) -> list[Finding]:
    """The numbered units of a village (:data:`_LOCAL_UNIT`): part of a home address."""
    why = "numbered unit of a village (work team, neighbourhood unit)"
    return [
        _make(text, *m.span(), LOCATION, ADDRESS_SCORE, why) for m in _LOCAL_UNIT.finditer(text)
    ]


class AddressRecognizer:
    """LOCATION for addresses, coordinates, road markers and facilities; employers as ORG."""

    name = NAME
    labels = (LOCATION, ORGANIZATION)

    def find(self, text: str) -> list[Finding]:
        return resolve(addresses(text))
