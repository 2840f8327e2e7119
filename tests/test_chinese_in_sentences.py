"""Chinese names and places written inside a sentence of characters, without spaces.

All names are invented; none occurs in samples/.
"""

from __future__ import annotations

import pytest

from redact.detect.recognizers.chinese_names import ChineseNameRecognizer
from redact.link.corpus import runs_of
from redact.link.pseudonyms import PseudonymTable
from redact.pipeline.analysis import Source, analyse
from redact.plan import policy
from redact.plan.proposal import apply
from redact.text.search import find_all


def _redacted(*texts: str) -> list[str]:
    chosen = policy.load(None)
    sources = [Source(f"r{i}", t) for i, t in enumerate(texts)]
    outcome = analyse(sources, chosen, PseudonymTable(style=chosen.style))
    return [apply(t, spans) for t, spans in zip(texts, outcome.spans, strict=True)]


def test_a_phrase_in_characters_is_found_inside_a_sentence_of_them() -> None:
    assert find_all("她现在叫冯丽娟。公安认识她", "冯丽娟") == [(4, 7)]
    assert find_all("x冯丽娟", "冯丽娟") == []  # glued to a letter of another script
    assert find_all("Kimboram said", "Bo-ram") == []  # other scripts keep their word edges


def test_each_chinese_character_is_a_run_of_its_own() -> None:
    assert runs_of("kim 冯丽娟 2019") == ["kim", "冯", "丽", "娟", "2019"]


def test_a_known_name_is_masked_inside_a_chinese_sentence_of_another_record() -> None:
    first, second = _redacted(
        "The broker was 冯丽娟 (Feng Lijuan).", "短信: 我见过冯丽娟。她说明天来。"
    )
    assert "冯丽娟" not in first and "冯丽娟" not in second
    assert second.startswith("短信: 我见过[") and "她说明天来" in second


def test_a_two_character_name_known_elsewhere_is_found_inside_a_sentence() -> None:
    chat = "海燕: 你好\n我: 好的\n海燕: 明天见\n"  # a name that speaks twice
    _, second = _redacted(chat, "我昨天给海燕打电话了。")
    assert "海燕" not in second


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("不要联系她。她现在叫冯丽娟。", "冯丽娟"),
        ("先转三千, 户名何春生。", "何春生"),
        ("收件人: 王小明 电话", "王小明"),
        ("她叫小芳吧", "小芳"),
    ],
)
def test_a_name_after_a_word_that_introduces_one(text: str, name: str) -> None:
    assert name in {text[f.start : f.end] for f in ChineseNameRecognizer().find(text)}


@pytest.mark.parametrize(
    "text", ["他叫什么名字", "我叫她妈妈。", "这个叫做豆腐。", "他们叫我回去。"]
)
def test_what_follows_the_word_is_not_always_a_name(text: str) -> None:
    assert ChineseNameRecognizer().find(text) == []
