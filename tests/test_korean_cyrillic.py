"""Korean names in Cyrillic (Kontsevich and Koryo-saram spellings): read, found, linked.

All names are invented; none occurs in samples/.
"""

from __future__ import annotations

import pytest

from redact.detect.recognizers.korean_cyrillic import KoreanCyrillicRecognizer
from redact.link.pseudonyms import PseudonymTable
from redact.pipeline.analysis import Source, analyse
from redact.plan import policy
from redact.plan.proposal import apply
from redact.text.kontsevich import reading, readings, titled_reading
from redact.text.variants import name_key


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Пак Сон Ир", "Pak Son-il"),
        ("КИМ ЧОЛЬ ЧУН", "Kim Chol-chun"),
        ("Ли Сон-Ир", "Li Son-il"),  # hyphenated
        ("Пак Сончхоль", "Pak Son-chol"),  # joined
        ("Цой Ен Чер", "Choe Yon-chol"),  # Koryo-saram: Цой, a final р for ㄹ, е after ч
        ("Тян Ми Ок", "Jang Mi-ok"),
        ("Кан Ын Хи", "Kang Eun-hi"),  # Kontsevich Кан is Kang; ы is eu
        ("бригадир Пак Сон Ир", "Pak Son-il"),  # a title before
    ],
)
def test_kontsevich_names_are_read_back(written: str, read: str) -> None:
    assert reading(written) == read


def test_a_mentions_key_reads_the_name_after_its_title() -> None:
    assert reading("Бригадир Пак Сон Ир") is None  # the recognizer's reading: a name only
    assert titled_reading("Бригадир Пак Сон Ир") == "Pak Son-il"
    assert titled_reading("Пастор Ли Сон-Ир") == "Li Son-il"


@pytest.mark.parametrize(
    "written",
    ["О Боже", "Ким Сергей", "Пак", "ПАК Сон Ир", "Ким Сон Ир Чоль Ми", "Иван Петров", "пак сон"],
)
def test_what_is_not_a_korean_name_in_cyrillic(written: str) -> None:
    assert reading(written) is None


def test_a_final_n_may_be_n_or_ng_and_a_dotless_e_yo_or_o() -> None:
    assert set(readings("Пак Сон Ир")) == {"Pak Son-il", "Pak Song-il"}
    assert {"Ri Myon-su", "Ri Myong-su", "Ri Mon-su", "Ri Mong-su"} <= {
        r.replace("Yi", "Ri") for r in readings("Ни Мен Су")
    }


def test_its_key_is_the_latin_names_key_marked_when_it_reads_two_ways() -> None:
    assert name_key("Тян Ми Ок") == name_key("Chang Mi-ok")
    assert name_key("ЛИ МИ ОК") == name_key("Yi Mi-ok")
    # Chun or Chung: never the key of either by chance, linked only when one of them is known
    assert name_key("КИМ ЧОЛЬ ЧУН") == name_key("Kim Ch'ŏl-chun") + "~"


def test_the_recognizer_finds_the_name_and_leaves_the_russian_words() -> None:
    text = "Бригадир Пак Сон Ир сказал, что КИМ ЧОЛЬ ЧУН уехал."
    found = {text[f.start : f.end] for f in KoreanCyrillicRecognizer().find(text)}
    assert found == {"Пак Сон Ир", "КИМ ЧОЛЬ ЧУН"}


def _redacted(*texts: str) -> list[str]:
    chosen = policy.load(None)
    sources = [Source(f"r{i}", t) for i, t in enumerate(texts)]
    outcome = analyse(sources, chosen, PseudonymTable(style=chosen.style))
    return [apply(t, spans) for t, spans in zip(texts, outcome.spans, strict=True)]


def _label(text: str) -> str:
    return text.split("[", 1)[1].split("]", 1)[0]


def test_a_cyrillic_name_joins_the_one_latin_full_name_it_can_be() -> None:
    russian, english = _redacted(
        "Справка: Ким Ён Ир, рабочий бригады.", "The worker was Kim Yŏng-il from the brigade."
    )
    assert "Ким" not in russian and "Kim" not in english
    assert _label(russian) == _label(english)


def test_a_cyrillic_name_that_two_latin_names_fit_joins_neither() -> None:
    russian, english = _redacted(
        "Справка: Ким Ён Ир, рабочий.", "Kim Yŏng-il worked with Kim Yŏn-il."
    )
    labels = {part.split("]")[0] for part in english.split("[")[1:]}
    assert len(labels) == 2 and _label(russian) not in labels


def test_a_russian_conjunction_separates_two_people() -> None:
    (out,) = _redacted("Цой Ен Чер и Ким Ольга Николаевна пришли.")
    assert " и " in out and "Цой" not in out and "Ольга" not in out
    assert len({part.split("]")[0] for part in out.split("[")[1:]}) == 2


def test_lower_case_russian_words_are_not_names() -> None:
    (out,) = _redacted("Справка: Пак Сон Ир, рабочий. Он работал на стройке.")
    assert "рабочий" in out and "работал" in out and "стройке" in out
