"""OpenDocument .odt through odfpy: headings and paragraphs in document order."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from odf import opendocument, teletype
from odf.namespaces import TEXTNS

from intake.readers._guard import parsing
from intake.readers._zip import check_archive
from intake.record import Document

_BLOCKS = {(TEXTNS, "p"), (TEXTNS, "h")}
HINT = "open it in a word processor and save it again as .odt"


def _blocks(node: Any) -> Iterator[Any]:
    for child in node.childNodes:
        if getattr(child, "qname", None) in _BLOCKS:
            yield child
        elif child.nodeType == child.ELEMENT_NODE:
            yield from _blocks(child)


def read(data: bytes, source: str) -> Document:
    from intake.readers import paragraphs

    check_archive(data, source, ".odt")
    # odfpy prints a part SAX refused and goes on with what it has: the guard refuses instead
    with parsing(source, ".odt document", HINT):
        document = opendocument.load(io.BytesIO(data))
        lines = [str(teletype.extractText(block)) for block in _blocks(document.text)]
    return paragraphs(lines, "odt")
