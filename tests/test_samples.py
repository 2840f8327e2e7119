"""The fictional sample corpus in samples/: files, gold offsets and annotation consistency.

Rebuild the corpus with ``.venv/bin/python samples/build.py``; these tests check the committed
output against the project's own reader, so a reader change that moves text shows up here.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from intake.readers import read

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
GOLD_FILES = sorted(SAMPLES.glob("[0-9][0-9]-*.gold.json"))
TYPES = {
    "PERSON",
    "LOCATION",
    "CAMP",
    "PHONE",
    "WECHAT",
    "QQ",
    "EMAIL",
    "DATE",
    "AGE",
    "PRICE",
    "ORGANIZATION",
    "ID_NUMBER",
    "COUNTRY",
}
META_KEYS = {"code", "date", "place", "interviewer", "language", "consent"}


@cache
def gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def text_of(name: str) -> str:
    return read(SAMPLES / name).text


def ids(paths: list[Path]) -> list[str]:
    return [p.name.removesuffix(".gold.json") for p in paths]


def test_corpus_size_and_formats() -> None:
    assert len(GOLD_FILES) >= 12
    formats = {gold(p)["file"].rsplit(".", 1)[1] for p in GOLD_FILES}
    assert {"txt", "docx", "srt"} <= formats
    assert len(formats) >= 3
    sources = sorted((SAMPLES / "src").glob("[0-9][0-9]-*.txt"))
    assert len(sources) == len(GOLD_FILES), "every source needs a built gold file"


@pytest.mark.parametrize("path", GOLD_FILES, ids=ids(GOLD_FILES))
def test_gold_file_shape(path: Path) -> None:
    g = gold(path)
    assert (SAMPLES / g["file"]).is_file()
    assert g["file"].split(".")[0] == path.name.removesuffix(".gold.json")
    assert set(g["metadata"]) == META_KEYS
    assert 2 <= len(g["protect"]) <= 4
    assert g["spans"], "a sample without identifying spans is useless"
    for s in g["spans"]:
        assert s["type"] in TYPES and s["type"] != "COUNTRY"
        assert isinstance(s["must_mask"], bool)
        assert re.fullmatch(r"[A-Z]-[a-z0-9\-]+", s["entity"]), s["entity"]
    for k in g["keep"]:
        assert k["type"] in TYPES


@pytest.mark.parametrize("path", GOLD_FILES, ids=ids(GOLD_FILES))
def test_offsets_match_reader_text(path: Path) -> None:
    g = gold(path)
    text = text_of(g["file"])
    for item in [*g["spans"], *g["keep"]]:
        assert 0 <= item["start"] < item["end"] <= len(text)
        assert text[item["start"] : item["end"]] == item["text"], item


@pytest.mark.parametrize("path", GOLD_FILES, ids=ids(GOLD_FILES))
def test_spans_do_not_overlap(path: Path) -> None:
    g = gold(path)
    items = sorted([*g["spans"], *g["keep"]], key=lambda i: (i["start"], i["end"]))
    for a, b in itertools.pairwise(items):
        assert a["end"] <= b["start"], (a, b)


def covered(start: int, end: int, spans: list[dict]) -> bool:
    return any(s["start"] <= start and end <= s["end"] for s in spans)


@pytest.mark.parametrize("path", GOLD_FILES, ids=ids(GOLD_FILES))
def test_protect_terms_are_masked(path: Path) -> None:
    g = gold(path)
    text = text_of(g["file"])
    masked = [s for s in g["spans"] if s["must_mask"]]
    for term in g["protect"]:
        hits = [m.start() for m in re.finditer(re.escape(term.casefold()), text.casefold())]
        assert hits, f"protect term {term!r} does not occur in {g['file']}"
        for start in hits:
            assert covered(start, start + len(term), masked), (
                f"{term!r} at {start} in {g['file']} is not inside a must_mask span"
            )


@pytest.mark.parametrize("path", GOLD_FILES, ids=ids(GOLD_FILES))
def test_no_unmarked_repeat_of_a_marked_surface(path: Path) -> None:
    """If "Auntie Choe" is marked once, every other "Auntie Choe" in the file is marked too."""
    g = gold(path)
    text = text_of(g["file"])
    marked = [*g["spans"], *g["keep"]]
    surfaces = {s["text"] for s in g["spans"] if s["must_mask"] and len(s["text"]) >= 4}
    for surface in surfaces:
        pattern = r"(?<!\w)" + re.escape(surface) + r"(?!\w)"
        for m in re.finditer(pattern, text):
            assert covered(m.start(), m.end(), marked), (
                f"unmarked {surface!r} at {m.start()} in {g['file']}"
            )


def entity_index() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    files: dict[str, set[str]] = defaultdict(set)
    types: dict[str, set[str]] = defaultdict(set)
    for path in GOLD_FILES:
        for s in gold(path)["spans"]:
            files[s["entity"]].add(path.name)
            types[s["entity"]].add(s["type"])
    return files, types


def test_entity_types_are_consistent() -> None:
    files, types = entity_index()
    for entity, seen in types.items():
        assert len(seen) == 1, f"{entity} has types {sorted(seen)} in {sorted(files[entity])}"


def test_recurring_entities() -> None:
    files, types = entity_index()
    recurring = {e for e, f in files.items() if len(f) >= 2}
    persons = {e for e in recurring if types[e] == {"PERSON"}}
    places = {e for e in recurring if types[e] == {"LOCATION"}}
    assert len(persons) >= 4, sorted(persons)
    assert len(places) >= 3, sorted(places)


def test_must_mask_follows_quasi_types() -> None:
    """Directly identifying types are always masked; the rest are flagged for review."""
    always = {"PERSON", "LOCATION", "PHONE", "WECHAT", "QQ", "EMAIL", "ID_NUMBER"}
    review = {"DATE", "AGE", "PRICE", "CAMP"}
    for path in GOLD_FILES:
        for s in gold(path)["spans"]:
            if s["type"] in always:
                assert s["must_mask"], (path.name, s)
            elif s["type"] in review:
                assert not s["must_mask"], (path.name, s)
