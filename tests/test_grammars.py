"""Table tests for the grammars: ages, dates, codes, addresses, facilities, employers, handles.

Every row is an invented shape (names, numbers, streets and handles made up for this file).
A row says: in this text, this substring must be covered by one finding of this label (or, for
the precision rows, must not be proposed at all under this label).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redact.detect.recognizers.addresses import AddressRecognizer
from redact.detect.recognizers.ages import AgeRecognizer
from redact.detect.recognizers.base import (
    AGE,
    DATE,
    HANDLE,
    ID_NUMBER,
    LOCATION,
    ORGANIZATION,
    Finding,
)
from redact.detect.recognizers.camps import CampRecognizer
from redact.detect.recognizers.contacts import ContactRecognizer
from redact.detect.recognizers.handles import HandleRecognizer
from redact.detect.recognizers.ids import IdRecognizer
from redact.detect.recognizers.quasi import QuasiRecognizer, is_calendar_date

RECOGNIZERS = (
    AgeRecognizer(),
    QuasiRecognizer(),
    IdRecognizer(),
    AddressRecognizer(),
    HandleRecognizer(),
    ContactRecognizer(),
    CampRecognizer(),
)


def _found(text: str) -> list[Finding]:
    return [f for r in RECOGNIZERS for f in r.find(text)]


def _covered(text: str, part: str, labels: set[str]) -> bool:
    """One finding of one of ``labels`` covers the whole of ``part`` (its last occurrence)."""
    start = text.rindex(part)
    end = start + len(part)
    return any(f.start <= start and end <= f.end and f.label in labels for f in _found(text))


def _touched(text: str, part: str, labels: set[str]) -> bool:
    start = text.rindex(part)
    end = start + len(part)
    return any(f.start < end and start < f.end and f.label in labels for f in _found(text))


AGES = [
    ("She was about sixty when we met.", "about sixty"),
    ("The guard, around forty-five, shouted.", "around forty-five"),
    ("He was nearly 70 then.", "nearly 70"),
    ("My uncle is over eighty now.", "over eighty"),
    ("A driver, forty or so, took us.", "forty or so"),
    ("a foreman, thirty-ish, from Kilju", "thirty-ish"),
    ("her landlord, seventy-something, lived upstairs", "seventy-something"),
    ("a woman in her fifties sold rice", "in her fifties"),
    ("a man in his early twenties", "in his early twenties"),
    ("my cousin, late forties, still works", "late forties"),
    ("the girl was sixteen or seventeen.", "sixteen or seventeen"),
    ("Broker Ham, 52 or 53, came at night.", "52 or 53"),
    ("She must be eighty-two now.", "eighty-two"),
    ("I'm thirty-six.", "thirty-six"),
    ("Grandfather Sim, 81, stayed behind.", "81"),
    ("- Father: Yi Tong-ho, 67, retired", "67"),
    ("- father, 70 — still in the village", "70"),
    ("#4  male, 27, Kyŏngsŏng.", "27"),
    ("3. PAK SU IL, M, 38 |", "38"),
    ("two sons, Dorjgotov (15) and Bat (nine)", "15"),
    ("two sons, Dorjgotov (15) and Bat (nine)", "nine"),
    ("Sister Mi-yŏng, about twenty-two in 2016, left first.", "about twenty-two"),
    ("Ninety this year, and still sharp.", "Ninety this year"),
    ("grandmother, eighty-nine or more (nobody knows)", "eighty-nine or more"),
    ("Age: 44 |", "44"),
    ("niece Ok-hŭi, 5 or 6 |", "5 or 6"),
]
NOT_AGES = [
    ("We walked for about fifty days.", "fifty"),
    ("About forty people were in the truck.", "forty"),
    ("It has been almost four years.", "four"),
    ("Building 7, Room 311, Dalian Road", "311"),
    ("It was two when the truck came.", "two"),
    ("A: Three. They took three of us.", "Three"),
    ("He left on Oct 9, 2016 with us.", "9"),
    ("In Namyang, 12 people were caught.", "12"),
    ("She paid 300, then left.", "300"),
]


@pytest.mark.parametrize(("text", "part"), AGES)
def test_age_shapes(text: str, part: str) -> None:
    assert _covered(text, part, {AGE})


@pytest.mark.parametrize(("text", "part"), NOT_AGES)
def test_counts_and_durations_are_not_ages(text: str, part: str) -> None:
    assert not _touched(text, part, {AGE})


DATES = [
    ("We left on 7 Nov 2014 at night.", "7 Nov 2014"),
    ("Arrived 11 Sept 2016.", "11 Sept 2016"),
    ("## Thu 3 Mar", "Thu 3 Mar"),
    ("Sat 19 Dec 2015 | crossed", "Sat 19 Dec 2015"),
    ("booked for Jun 5, 2023; see", "Jun 5, 2023"),
    ("the scan 2016-03-02 shows", "2016-03-02"),
    ("photos VOICE_20160302_A.mp3 and scan_20151119.png", "20151119"),
    ("by the end of May 2013 she was gone", "end of May 2013"),
    ("He came back in early 2011.", "early 2011"),
    ("They left end March 2011 at night.", "end March 2011"),
    ("## Wed 9 Oct", "Wed 9 Oct"),
    ("from late August to mid-October 2012 |", "late August to mid-October 2012"),
    ("Mekong trip, 4\u20139 Feb 2017.", "4\u20139 Feb 2017"),
    ("at Chuseok 2014 we ate rice", "Chuseok 2014"),
    ("2016년 3월 2일 화요일 |", "2016년 3월 2일 화요일"),
    ("Fri 4/11. Met the pastor", "Fri 4/11"),
    ("sent back on the 23rd.", "the 23rd"),
    ("see the 2014 list for names", "2014"),
    ("| 1968 | Born in a village |", "1968"),
    ("in the third week of January he called", "the third week of January"),
    ("Sunday the 4th | surrendered", "Sunday the 4th"),
    ("| 03/04/16 | crossed", "03/04/16"),
]


@pytest.mark.parametrize(("text", "part"), DATES)
def test_date_shapes(text: str, part: str) -> None:
    assert _covered(text, part, {DATE})


CALENDAR = [
    ("3 Mar 2016", True),
    ("the winter of 2011", True),
    ("Tue 8 Jun", True),
    ("the 1990s", True),
    ("the 23rd", True),
    ("2016-03-02", True),
    ("Chuseok", True),
    ("for three years", False),
    ("three years", False),
    ("at dawn", False),
    ("in the evening", False),
    ("the next day", False),
    ("that night", False),
    ("two weeks later", False),
    ("every morning", False),
    ("5 a.m.", False),
    ("daily", False),
    ("last year", False),
    ("Tuesday", False),
    ("every night", False),
    ("The famine years", False),
    ("Sunday the 4th", True),
]


@pytest.mark.parametrize(("surface", "expected"), CALENDAR)
def test_durations_times_and_relative_times_are_not_calendar_dates(
    surface: str, expected: bool
) -> None:
    assert is_calendar_date(surface) is expected


IDS = [
    ("File ref QRS/2017/0456; interview", "QRS/2017/0456"),
    ("see note XY-18-203-C. Referral", "XY-18-203-C"),
    ("| ABCD/HR/2019/0244 |", "ABCD/HR/2019/0244"),
    ("code HL-19/08-G in the log", "HL-19/08-G"),
    ("registered as ZQ-05 on the sheet", "ZQ-05"),
    ("logged under KR/21/0611/01\u201304.", "KR/21/0611/01\u201304"),
    ("order 회령-보위-2013-207 (copy)", "회령-보위-2013-207"),
    ("certificate no. 청12-3456-78; issued", "청12-3456-78"),
    ("Board: กข.118/2560 and more", "กข.118/2560"),
    ("residence card TK 5829301; registered", "TK 5829301"),
    ("receipt ABC/XY 60/1187 (copy)", "ABC/XY 60/1187"),
    ("migration card 0722 № 5518203 and", "0722 № 5518203"),
    ("white van 辽B·7Q214, the driver", "辽B·7Q214"),
    ("车牌黑A 5K881 白色", "黑A 5K881"),
    ("plate \u0412 517 \u041e\u0420 25 was on it", "\u0412 517 \u041e\u0420 25"),
    ("licence plate กข 2290; his", "กข 2290"),
    ("card, No. 0415, Bureau", "No. 0415"),
    ("we slept in room 227 that night", "room 227"),
    ("到了, 房间227", "227"),
    ("file VOICE_20160302_A.mp3.", "VOICE_20160302_A.mp3"),
    ('labelled "case six-two-nine" in pencil', "six-two-nine"),
    ("his number is forty-one seventy-three", "forty-one seventy-three"),
    ("account | DE44 5001 0517 5407 3249 31 |", "DE44 5001 0517 5407 3249 31"),
    ("REQUEST K-07 — applicant", "K-07"),
    ("work-unit card, unit 3-12, No. 0088.", "unit 3-12"),
]
NOT_IDS = [
    ("During COVID-19 the border closed.", "COVID-19"),
    ("a 100-day battle at the mine", "100-day"),
    ("a 12.5kg sack of rice", "12.5kg"),
    ("on 2016-03-02 we left", "2016-03-02"),
    ("Witness P-12 said", "P-12"),
]


@pytest.mark.parametrize(("text", "part"), IDS)
def test_code_shapes_are_one_span(text: str, part: str) -> None:
    assert _covered(text, part, {ID_NUMBER})


@pytest.mark.parametrize(("text", "part"), NOT_IDS)
def test_public_codes_units_and_dates_are_not_ids(text: str, part: str) -> None:
    assert not _touched(text, part, {ID_NUMBER})


UNITS = [
    ("We were sent to Work Team 7 that spring.", "Work Team 7"),
    ("the 12th brigade built roads", "12th brigade"),
    ("never join the Youth Storm Brigade No. 4, they", "Youth Storm Brigade No. 4"),
    ("known as Felling Site 9, near", "Felling Site 9"),
    ("The 2nd inminban head told", "2nd inminban"),
    ("held at the Sonbong border detention centre for", "Sonbong border detention centre"),
    ("at the Kowon collection centre (jipkyŏlso) where", "Kowon collection centre (jipkyŏlso)"),
    ("copy, Kyŏngwŏn county Bowibu, number", "Kyŏngwŏn county Bowibu"),
    ("two days in Paksan district police cells. Then", "Paksan district police cells"),
    ("Transferred to Nong Khai IDC on the 3rd", "Nong Khai IDC"),
]


@pytest.mark.parametrize(("text", "part"), UNITS)
def test_work_unit_numbers(text: str, part: str) -> None:
    assert _covered(text, part, {"CAMP"})


PLACES = [
    ("flat at ul. Lesnaya, d. 12, kv. 5; then", "ul. Lesnaya, d. 12, kv. 5"),
    ("a church on pr. Mira, d. 3. He", "pr. Mira, d. 3"),
    ("then ul. Sosnovaya 17, kv. 40. We", "ul. Sosnovaya 17, kv. 40"),
    ("Heping Road 27, Building 4, Room 1103, paid by", "Heping Road 27, Building 4, Room 1103"),
    ("In Ganjingzi, No. 9 Xinglong West Road. We", "No. 9 Xinglong West Road"),
    (
        "Room 6, Unit 2, Building 11, Minzhu Street. The",
        "Room 6, Unit 2, Building 11, Minzhu Street",
    ),
    (
        "office at Harbour Avenue 6, apt. 9, Tsetseg-Uul District.",
        "Harbour Avenue 6, apt. 9, Tsetseg-Uul District",
    ),
    (
        "a shop at Soi Chaloem 8, Ratchada Road, Huai Khwang.",
        "Soi Chaloem 8, Ratchada Road, Huai Khwang",
    ),
    ("(212 Soi Ngam Wong, Bang Khen) on", "212 Soi Ngam Wong, Bang Khen"),
    ("at ul. Klonowa 4, 80-311 Sopot. The", "ul. Klonowa 4, 80-311 Sopot"),
    ("lived on 14 High Street. Then", "High Street"),
    ("moved to Building 2, Room 905 last week", "Building 2, Room 905"),
    ("a bar in Soi 11, near the market", "Soi 11"),
    (
        "flat at Jiefang Road No. 27, Building 5, Room 604, paid",
        "Jiefang Road No. 27, Building 5, Room 604",
    ),
    ("the Liushu Railway Station at night", "Liushu Railway Station"),
    ("GPS: 41.2031 N, 128.7702 E. The", "41.2031 N, 128.7702 E"),
    ("phone: 45.1020, 109.8801), picked", "45.1020, 109.8801"),
    ("at 40°51\u203230″N, 129°41\u203202″E near", "40°51\u203230″N, 129°41\u203202″E"),
    ("Bus stop at M5 km 112. Walk", "M5 km 112"),
    ("about km 2,310 of the Baikal highway. He", "km 2,310 of the Baikal highway"),
    ("at kilometre 40 on Route 9. I", "kilometre 40 on Route 9"),
    ("worked at the Kapsong copper mine until", "Kapsong copper mine"),
    ("at the Sinpo-dong market for years", "Sinpo-dong market"),
    ("At the gate of Helan North station we", "Helan North station"),
    ("a teacher at Taepung Middle School. She", "Taepung Middle School"),
    ("pupil at Kowon No. 3 Senior Middle School |", "Kowon No. 3 Senior Middle School"),
    ("Taken to Tonghua Medical University Hospital by", "Tonghua Medical University Hospital"),
    ("We slept at Jindallae Farm for a week.", "Jindallae Farm"),
    ("Near the Kosan Railway Station we waited.", "Kosan Railway Station"),
    ("在图们南站门口", "图们南站"),
    ("a shared flat at Guro-dong 41-7, Room 305. He", "Guro-dong 41-7, Room 305"),
    ("new flat: Dosan-ro 45beon-gil 9, Unit 702. New", "Dosan-ro 45beon-gil 9, Unit 702"),
    (
        "office, Baruun Avenue 8, 3rd floor, Bayanzürkh district.",
        "Baruun Avenue 8, 3rd floor, Bayanzürkh district",
    ),
    (
        "registry: \u0433. \u0425\u0430\u0431\u0430\u0440\u043e\u0432\u0441\u043a, "
        "\u0443\u043b. \u041b\u0435\u043d\u0438\u043d\u0430, \u0434. 5, \u043e\u0444. 21. Then",
        "\u0433. \u0425\u0430\u0431\u0430\u0440\u043e\u0432\u0441\u043a, "
        "\u0443\u043b. \u041b\u0435\u043d\u0438\u043d\u0430, \u0434. 5, \u043e\u0444. 21",
    ),
    ("His home: Dongxing Town, Group 7, No. 33. I", "Group 7, No. 33"),
    ("near Hapjeong station, exit 8. He", "Hapjeong station, exit 8"),
    ("at the Namgye checkpoint on the G331. I paid", "Namgye checkpoint on the G331"),
    ("Near the 52 kilometre stone on Route 13. There", "52 kilometre stone on Route 13"),
    ("near a temple, Wat Pho Si Nai, at dawn", "Wat Pho Si Nai"),
    ("through the fields near Ban Nam Ngeun. We", "Ban Nam Ngeun"),
    ("到延吉白山宾馆了", "延吉白山宾馆"),
]
NOT_PLACES = [
    ("At the Market we sold fish.", "Market"),
    ("The Central Hospital was full.", "Central Hospital"),
    ("It was 18 km west of the river.", "18 km"),
    ("the police station in town", "police station"),
    ("Ask Dr. Kim about it.", "Dr."),
    ("The Road was closed. No Way out.", "Road"),
    ("The Road was closed. No Way out.", "Way"),
]


@pytest.mark.parametrize(("text", "part"), PLACES)
def test_address_coordinate_and_facility_shapes(text: str, part: str) -> None:
    assert _covered(text, part, {LOCATION, ORGANIZATION})


@pytest.mark.parametrize(("text", "part"), NOT_PLACES)
def test_generic_facilities_and_distances_are_not_places(text: str, part: str) -> None:
    assert not _touched(text, part, {LOCATION})


EMPLOYERS = [
    (
        "the contract: \u041e\u041e\u041e «Северный Лес», that is",
        "\u041e\u041e\u041e «Северный Лес»",
    ),
    ("a job at OOO Severny-Les that summer", "OOO Severny-Les"),
    ("a Polish agency, Amber Nets sp. z o.o., placed us", "Amber Nets sp. z o.o."),
    ("subcontractor Kraj-Stal Wierzbno Sp. z o.o., at", "Kraj-Stal Wierzbno Sp. z o.o."),
    ("The company was Blue Ridge Quarry LLC. We", "Blue Ridge Quarry LLC"),
    ("Yantai Haiyun Fishery Products Co., Ltd. We", "Yantai Haiyun Fishery Products Co., Ltd."),
    ("«Мөнх Төмөр \u0425\u0425\u041a» on the payslip", "Мөнх Төмөр \u0425\u0425\u041a"),
    ("sent by the Wonsan Overseas Forestry Bureau in 2015", "Wonsan Overseas Forestry Bureau"),
    ("seamstress, Kanggye No. 5 Shoe Factory |", "Kanggye No. 5 Shoe Factory"),
    ("welder at the Chŏngjin Tractor Complex and", "Chŏngjin Tractor Complex"),
    ("through the Paektu Trading Company. Then", "Paektu Trading Company"),
    ("under the Railway Ministry's Overseas Track Enterprise. The", "Overseas Track Enterprise"),
    ("with the Overseas Fisheries Bureau; ask", "Overseas Fisheries Bureau"),
    ("ice to 金海水产 then", "金海水产"),
    ("Jinhae Kelp Trading Co., Ltd. We just said Jinhae. Then", "Jinhae"),
    ("Work at Sambong Foods Co., Ltd.; still at Sambong Foods now.", "Sambong Foods"),
]


def test_a_town_in_an_employer_name_stays_a_town_elsewhere() -> None:
    text = "Dalian Jinhae Kelp Co., Ltd. hired us. Later we left Dalian for Jinhae work."
    later = [f for f in _found(text) if f.start > text.index("Later")]
    assert any(text[f.start : f.end] == "Jinhae" and f.label == ORGANIZATION for f in later)
    assert not any(text[f.start : f.end] == "Dalian" and f.label == ORGANIZATION for f in later)


@pytest.mark.parametrize(("text", "part"), EMPLOYERS)
def test_employer_shapes(text: str, part: str) -> None:
    assert _covered(text, part, {ORGANIZATION})


HANDLES = [
    ("Telegram @river_moon_88 only.", "@river_moon_88"),
    ("[03.04.22 19:41] @ondal_ss: two women ready", "@ondal_ss"),
    ("[2017-05-02 09:12] 金姐_7731: 明天", "金姐_7731"),
    ("오전 7:15 수진이💐: 도착했어?", "수진이💐"),
    ("moon_river: see you there", "moon_river"),
    ("Nara.BK ✿: Sister, ok?", "Nara.BK"),
    ("reach her on KakaoTalk lotus_7321 after six", "lotus_7321"),
    ("his Line is ploy.cm; his e-mail", "ploy.cm"),
    ("advertises on Douyin (长白山小金姐)", "长白山小金姐"),
    ("group link t.me/+Qw8eR2tY0uI", "t.me/+Qw8eR2tY0uI"),
    ("game id dragonfly2291 on the server", "dragonfly2291"),
    ("Note: lotus_7321 is the cousin.", "lotus_7321"),
    ('the Telegram group "Spring Birds" (link below)', "Spring Birds"),
    ("sells on video: 长白山金姐 (ID jinjie_0771).", "长白山金姐"),
]
NOT_HANDLES = [
    ("She came through Line 3 and the bus.", "Line 3"),
    ("We talked on Telegram sometimes.", "sometimes"),
    ("write to kim.ok@example.org today", "example.org"),
    ("[Session 2] Interviewer: shall we start?", "Interviewer"),
    ("[12:03] Interviewer: shall we start?", "Interviewer"),
    ("[12:04] Ri Sun-ok: yes", "Ri Sun-ok"),
]


@pytest.mark.parametrize(("text", "part"), HANDLES)
def test_handle_shapes(text: str, part: str) -> None:
    assert _covered(text, part, {HANDLE, "WECHAT"})


@pytest.mark.parametrize(("text", "part"), NOT_HANDLES)
def test_english_words_are_not_handles(text: str, part: str) -> None:
    assert not _touched(text, part, {HANDLE, "WECHAT"})


WECHAT_ROWS = [
    ("My WeChat is songhwa_1990.", "songhwa_1990", True),
    ("WeChat 金姐_7731; Telegram", "金姐_7731", True),
    ("WeChat 老李跑车, or phone", "老李跑车", True),
    ("WeChat: parkmi84 then", "parkmi84", True),
    ("We stayed on WeChat through the night.", "through", False),
    ("WeChat sometimes failed in the hills.", "sometimes", False),
    ("the WeChat message arrived", "message", False),
]


@pytest.mark.parametrize(("text", "part", "expected"), WECHAT_ROWS)
def test_wechat_ids_need_a_handle_shape(text: str, part: str, expected: bool) -> None:
    assert _touched(text, part, {"WECHAT"}) is expected


_PIECES = [" ", ",", "(", ")", ":", "|", "\n", "@", "_", ".", "-", "\u2013", "№", "°", "«", "»",
           "吉A", "房间", "ul.", "Soi", "No.", "Room", "Building", "km", "WeChat", "Telegram",
           "Line", "about", "fifty", "forty-one", "F", "Mother", "Kim", "2019", "Sep", "Mon",
           "end of", "12", "0093", "AB", "/", "LLC", "Co., Ltd.", "Market", "mine", "[", "]",
           "12:30", "오후", "🌸", "'s", "\u200b"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=4), max_size=40))
def test_any_text_gives_findings_inside_it(parts: list[str]) -> None:
    text = "".join(parts)
    for f in _found(text):
        assert 0 <= f.start < f.end <= len(text)
        assert f.explanation


@pytest.mark.parametrize(
    ("text", "card"),
    [
        ("转到卡6217 0000 1111 2222 333, 户名", "6217 0000 1111 2222 333"),
        ("card 4000-1234-5678-9010 please", "4000-1234-5678-9010"),
    ],
)
def test_a_bank_card_in_groups_of_four_is_one_code(text: str, card: str) -> None:
    assert card in {text[f.start : f.end] for f in IdRecognizer().find(text)}


@pytest.mark.parametrize("text", ["years 2016 2017 2018 2019 were hard", "call 1350 4338 8420"])
def test_years_and_phones_in_groups_are_no_card(text: str) -> None:
    assert all("card" not in f.explanation for f in IdRecognizer().find(text))
