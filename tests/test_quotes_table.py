"""Quotes that read: tricky sentences and the redacted text a reviewer would want, by hand.

Each row goes through the path behind ``testimony redact preview`` (analyse, then apply the
plan, default policy, a fresh pseudonym table per sentence), so a regression in detection,
linking or the plan shows up as a changed sentence. Every name is invented; none occurs in
``samples/``.
"""

from __future__ import annotations

import pytest

from redact.link.pseudonyms import PseudonymTable
from redact.pipeline.analysis import Source, analyse
from redact.plan import policy
from redact.plan.proposal import apply

ROWS = [
    # names, possessives, titles
    (
        "Tak Gyeong-hwa crossed the river in March 2009.",
        "[Person 1] crossed the river in [2009].",
    ),
    ("Tak Gyeong-hwa's brother stayed behind.", "[Person 1]'s brother stayed behind."),
    ("Ms. Tak Gyeong-hwa spoke first.", "[Person 1] spoke first."),
    ("Without Pyo Sang-min I would have died.", "Without [Person 1] I would have died."),
    ("Thanks to Bang Seon-ae we ate.", "Thanks to [Person 1] we ate."),
    (
        "Seok Ha-neul came in 2016. Ha-neul cooked for us.",
        "[Person 1] came in [2016]. [Person 1] cooked for us.",
    ),
    (
        "Sang-min-ssi was kind to me. Pyo Sang-min gave me rice.",
        "[Person 1] was kind to me. [Person 1] gave me rice.",
    ),
    (
        "Kim Yeon-hwa cried. Kim said nothing more.",
        "[Person 1] cried. [Person 1] said nothing more.",
    ),
    (
        "Pavel Sorokin ran the site. Foreman Sorokin shouted at us.",
        "[Person 1] ran the site. [Person 1] shouted at us.",
    ),
    (
        "Baek Un-ju sold women. Later Auntie Baek sold children.",
        "[Person 1] sold women. Later [Person 1] sold children.",
    ),
    ("Comrade Seok ordered us to dig.", "[Person 1] ordered us to dig."),
    # two people sharing a surname: the surname alone is somebody else, not either of them
    (
        "Yeom Dal-su and Yeom Hye-rim were cousins; Ms. Yeom kept the money.",
        "[Person 1] and [Person 2] were cousins; [Person 3] kept the money.",
    ),
    # Jun is not Jeon
    (
        "Jeon Tae-sik and Mr. Jun argued about the fee.",
        "[Person 1] and [Person 2] argued about the fee.",
    ),
    # aliases and other scripts: one person, one label
    (
        "In the village her Chinese name was Liu Xiuzhen.",
        "In the village her Chinese name was [Person 1].",
    ),
    (
        "Her name in Korean is 염혜림, Yeom Hye-rim.",
        "Her name in Korean is [Person 1], [Person 1].",
    ),
    ("The broker Gao Jianping (高建平) drove us.", "The broker [Person 1] ([Person 1]) drove us."),
    (
        "The foreman Pavel Sorokin (Павел Сорокин) paid late.",
        "The foreman [Person 1] ([Person 1]) paid late.",
    ),
    # nicknames, initials, participant codes
    (
        "We called the guard the Badger because he never let go.",
        "We called the guard [Person 1] because he never let go.",
    ),
    ("K.S. met me at the station.", "[Person 1] met me at the station."),
    ("P-31 said the same thing.", "[Person 1] said the same thing."),
    # "I'm" and role labels are never names
    ("I'm tired, and I'm afraid of the police.", "I'm tired, and I'm afraid of the police."),
    ("I'm Ryu Seol-hwa, from Sinpo.", "I'm [Person 1], from [a place in North Korea]."),
    ("INTERVIEWER: Where were you born?", "INTERVIEWER: Where were you born?"),
    ("INTERPRETER: She says yes, twice.", "INTERPRETER: She says yes, twice."),
    (
        "Interviewee: I was born in Hongwon.",
        "Interviewee: I was born in [a place in North Korea].",
    ),
    ("The interpreter translated every answer.", "The interpreter translated every answer."),
    # places: generalised once per entity; countries and public figures stay
    (
        "Lim Chae-yeon was 19 when she left Wonsan.",
        "[Person 1] was [teens] when she left [a place in North Korea].",
    ),
    (
        "She was born on 12 May 1987 in Sinpo.",
        "She was born on [1987] in [a place in North Korea].",
    ),
    ("We reached Laos, then Thailand.", "We reached Laos, then Thailand."),
    ("Every home had a portrait of Kim Il-sung.", "Every home had a portrait of Kim Il-sung."),
    ("I was sent to Kyohwaso No. 77.", "I was sent to [Camp 1]."),
    # dates, ages, and what is not a date
    ("In August 2011 we left.", "In [2011] we left."),
    ("She was 34 years old then.", "She was [30s] then."),
    (
        "In June 2015 I worked there for three months.",
        "In [2015] I worked there for three months.",
    ),
    (
        "We knelt in the yard at dawn for two hours.",
        "We knelt in the yard at dawn for two hours.",
    ),
    (
        "The famine years were the worst of my life.",
        "The famine years were the worst of my life.",
    ),
    (
        "I lived there for ten years.",
        "I lived there for ten years.",
    ),
    (
        "Two days later the police came.",
        "Two days later the police came.",
    ),
    (
        "At 3 a.m. we reached the bank of the river.",
        "At 3 a.m. we reached the bank of the river.",
    ),
    (
        "Pastor Ok Jae-won hid us. Pastor Ok prayed every night.",
        "[Person 1] hid us. [Person 1] prayed every night.",
    ),
    (
        "Tuesday was market day in Manpo.",
        "Tuesday was market day in [a place in North Korea].",
    ),
    ("We lost the evening meal as punishment.", "We lost the evening meal as punishment."),
    ("Three women and two children were caught.", "Three women and two children were caught."),
    ("May I ask where you stayed?", "May I ask where you stayed?"),
    # a surname alone beside a full name and a title form of somebody else: either of them
    (
        "Han Sung-il was kind. Old Mrs. Han was not. Han gave us rice.",
        "[Person 1] was kind. [Person 2] was not. [Person 3] gave us rice.",
    ),
    (
        "Pak Yong-mi and Pak Chol-jin worked together. Pak took the money.",
        "[Person 1] and [Person 2] worked together. [Person 3] took the money.",
    ),
    ("Choe Dal-nam paid. Ms. Choi drove.", "[Person 1] paid. [Person 2] drove."),
    ("Ma Hye-jin met Ma Hye-jun in Yanji.", "[Person 1] met [Person 2] in [a place in China]."),
    # one person across spellings, scripts and a typo in a long name; a title that explains
    (
        "Kim Seo-yun left in 2009. Gim Seo Yun, that is me, came back.",
        "[Person 1] left in [2009]. [Person 1], that is me, came back.",
    ),
    (
        "Bounthavy Sisouphanh drove. Bounthavy Sisouphan drove again.",
        "[Person 1] drove. [Person 1] drove again.",
    ),
    ("Old Zhou hid us. Zhou Baolin was his name.", "[Person 1] hid us. [Person 1] was his name."),
    # a title written after the name, lower case, is part of the mention
    (
        "We slept at Feng nainai's house; Feng nainai fed us.",
        "We slept at [Person 1]'s house; [Person 1] fed us.",
    ),
    ("I phoned Chol-su ajŏssi from the market.", "I phoned [Person 1] from the market."),
    (
        "Only Chol-ho hyŏng knew. There is also Mi-ran imo, who cooked.",
        "Only [Person 1] knew. There is also [Person 2], who cooked.",
    ),
    # a place or a camp, however it is worded, reads the same
    (
        "We waited at Hyesan station, then walked to Hyesan.",
        "We waited at [a place in North Korea], then walked to [a place in North Korea].",
    ),
    (
        "I was held at the Kilju county Bowibu. Later the Kilju Bowibu moved.",
        "I was held at the [Camp 1]. Later the [Camp 1] moved.",
    ),
    (
        "They sent me to Kyohwaso No. 44. Kyohwaso 44 had no roof.",
        "They sent me to [Camp 1]. [Camp 1] had no roof.",
    ),
    # contact details; ordinary words are never handles
    ("Call 010-5555-0192 when you arrive.", "Call [Phone] when you arrive."),
    ("My WeChat was bluecrane_8812 back then.", "My WeChat was [WeChat ID] back then."),
    ("Write to helper.kwon@example.org for news.", "Write to [E-mail] for news."),
    (
        "We went through the forest; sometimes we slept under trees.",
        "We went through the forest; sometimes we slept under trees.",
    ),
]


def _redacted(text: str) -> str:
    chosen = policy.load(None)
    outcome = analyse([Source("row", text)], chosen, PseudonymTable(style=chosen.style))
    assert not outcome.failures
    return apply(text, outcome.spans[0])


def test_the_table_is_large_enough() -> None:
    assert len(ROWS) >= 40


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_quote_reads_as_written_by_hand(text: str, expected: str) -> None:
    assert _redacted(text) == expected
