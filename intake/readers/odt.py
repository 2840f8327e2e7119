"""OpenDocument .odt through odfpy: headings and paragraphs in document order."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any
from xml.parsers.expat import ExpatError

from odf import opendocument, teletype
from odf.namespaces import TEXTNS

from intake.readers._zip import check_archive
from intake.record import Document
from keys.errors import InputFormatError

_BLOCKS = {(TEXTNS, "p"), (TEXTNS, "h")}


def _blocks(node: Any) -> Iterator[Any]:
    for child in node.childNodes:
        if getattr(child, "qname", None) in _BLOCKS:
            yield child
        elif child.nodeType == child.ELEMENT_NODE:
            yield from _blocks(child)


def read(data: bytes, source: str) -> Document:
    from intake.readers import paragraphs

    check_archive(data, source, ".odt")
    try:
        document = opendocument.load(io.BytesIO(data))
        lines = [teletype.extractText(block) for block in _blocks(document.text)]
    except (KeyError, ValueError, zipfile.BadZipFile, ExpatError, AttributeError):
        raise InputFormatError(
            f"{source}: not a readable .odt document",
            "open it in a word processor and save it again as .odt",
        ) from None
    return paragraphs(lines, "odt")
