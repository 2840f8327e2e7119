"""Contacts (PHONE, WECHAT, QQ, EMAIL) and quasi-identifiers (DATE, AGE, PRICE, ID_NUMBER).

Decision on months alone: a month after a time preposition ("in March", "In October") is a DATE
at the lowest score, so "We walked for hours in March." gives DATE "March". Testimony uses a
bare month to date an event ("In October she left again"), and recall comes first.
"""

from __future__ import annotations

import pytest

from redact.detect.recognizers.base import AGE, DATE, EMAIL, ID_NUMBER, PHONE, PRICE, QQ, WECHAT
from redact.detect.recognizers.contacts import ContactRecognizer
from redact.detect.recognizers.quasi import QuasiRecognizer

CONTACT_ROWS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Her number, +86 139 4437 2816, in case.", [("+86 139 4437 2816", PHONE)]),
    ("Her phone was 139 4437 2816.", [("139 4437 2816", PHONE)]),
    ("Her phone was 139-4437-2816; call it.", [("139-4437-2816", PHONE)]),
    ("Her phone was 13944372816, I remember.", [("13944372816", PHONE)]),
    ("She has a phone, +850 195 318 4072, but", [("+850 195 318 4072", PHONE)]),
    ("A Koryolink phone, number 0191 274 3306.", [("0191 274 3306", PHONE)]),
    ("His number, +7 914 382 55 17, in case.", [("+7 914 382 55 17", PHONE)]),
    ("Call 010-1234-5678 in Seoul.", [("010-1234-5678", PHONE)]),
    ("WeChat: abc_def12", [("abc_def12", WECHAT)]),
    ("I opened a WeChat account, hanna_0917, to talk.", [("hanna_0917", WECHAT)]),
    ("By WeChat. Her id was yj_mingyu88. Later", [("yj_mingyu88", WECHAT)]),
    ("Her Wechat ID mingyu88x was new.", [("mingyu88x", WECHAT)]),
    ("微信 laowang123", [("laowang123", WECHAT)]),
    ("The id wxid_ab12cd34ef was saved.", [("wxid_ab12cd34ef", WECHAT)]),
    ("I used QQ, my number was 2837461950.", [("2837461950", QQ)]),
    ("His QQ was 1739205846, later", [("1739205846", QQ)]),
    ("QQ 12345", [("12345", QQ)]),
    ("I used sprout.hr1998@example.com at night.", [("sprout.hr1998@example.com", EMAIL)]),
    ("Write to tynda.pak1986@example.ru.", [("tynda.pak1986@example.ru", EMAIL)]),
    # negatives: years, prices, codes, ID numbers are not phones
    ("In 2012 and 2013 we paid 30,000 yuan.", []),
    ("It cost 1,200,000 won.", []),
    ("Testimony transcript, case NK-2026-002.", []),
    ("An identity card with the number 222406199105041528.", []),
    ("I sang a song. The police came. He paid the bill.", []),
]

QUASI_ROWS: list[tuple[str, list[tuple[str, str]]]] = [
    ("On 9 July 2014 we arrived.", [("9 July 2014", DATE)]),
    ("On July 9, 2014 we arrived.", [("July 9, 2014", DATE)]),
    ("Dated 2014-07-09.", [("2014-07-09", DATE)]),
    ("In May 2017 I ran away.", [("May 2017", DATE)]),
    ("It was the winter of 2013, the river was frozen.", [("the winter of 2013", DATE)]),
    ("Then in spring 2014 a man came.", [("spring 2014", DATE)]),
    ("I crossed in 2012 with my cousin.", [("2012", DATE)]),
    ("I was born in 1979.", [("1979", DATE)]),
    ("By 2015 I owed more.", [("2015", DATE)]),
    ("In October she left again.", [("October", DATE)]),
    ("We walked for hours in March.", [("March", DATE)]),
    ("You may go. May I ask?", []),
    ("There were 2000 people.", []),
    ("I was 23.", [("23", AGE)]),
    ("I was 21 years old.", [("21 years old", AGE)]),
    ("She married, aged 19.", [("aged 19", AGE)]),
    ("A: I was nineteen. It was cold.", [("nineteen", AGE)]),
    ("He was forty-six. He drank.", [("forty-six", AGE)]),
    ("At nineteen, I left.", [("nineteen", AGE)]),
    ("Married at the age of 17.", [("age of 17", AGE)]),
    ("A farmer, twelve years older than me.", [("twelve years older", AGE)]),
    ("My son is fourteen now.", [("fourteen", AGE)]),
    ("Q: How old were you then?\nA: Forty-eight. Many were younger.", [("Forty-eight", AGE)]),
    ("We crossed at three in the morning.", []),
    ("The train number was 7 and the carriage 12.", []),
    ("He paid 8,000 yuan.", [("8,000 yuan", PRICE)]),
    ("About 3,000 RMB.", [("3,000 RMB", PRICE)]),
    ("The car cost US$1,500 later.", [("US$1,500", PRICE)]),
    (
        "It cost 1,200 dollars and 200 US dollars.",
        [("1,200 dollars", PRICE), ("200 US dollars", PRICE)],
    ),
    ("He took 30,000 won.", [("30,000 won", PRICE)]),
    ("Twenty thousand yuan, she said.", [("Twenty thousand yuan", PRICE)]),
    ("One million won a time.", [("One million won", PRICE)]),
    (
        "It was ¥5000 or €300 or 5,000 roubles.",
        [("¥5000", PRICE), ("€300", PRICE), ("5,000 roubles", PRICE)],
    ),
    ("An identity card with the number 222406199105041528.", [("222406199105041528", ID_NUMBER)]),
    ("My passport number was 836420157, but", [("836420157", ID_NUMBER)]),
    ("It began with an application (no. 28045/02) to the court.", [("28045/02", ID_NUMBER)]),
    ("Case No. 2014/123 was closed.", [("2014/123", ID_NUMBER)]),
    (
        "Passport G12345678 and case file 2019-0456.",
        [("G12345678", ID_NUMBER), ("2019-0456", ID_NUMBER)],
    ),
    ("My card broke, so I called 13944372816.", []),
    ("I sang a song. The police came. He paid the bill.", []),
]


@pytest.mark.parametrize(("text", "expected"), CONTACT_ROWS)
def test_contacts(text: str, expected: list[tuple[str, str]]) -> None:
    found = ContactRecognizer().find(text)
    assert [(text[f.start : f.end], f.label) for f in found] == expected
    assert all(f.score >= 0.5 and f.explanation for f in found)


@pytest.mark.parametrize(("text", "expected"), QUASI_ROWS)
def test_quasi(text: str, expected: list[tuple[str, str]]) -> None:
    found = QuasiRecognizer().find(text)
    assert [(text[f.start : f.end], f.label) for f in found] == expected
    assert all(0.5 <= f.score <= 0.7 and f.explanation for f in found)
