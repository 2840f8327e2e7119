"""Word .docx through python-docx: body paragraphs (and table cells) in document order."""

from __future__ import annotations

import io

import docx as python_docx
from docx.table import Table

from intake.readers._guard import parsing
from intake.readers._zip import check_archive
from intake.record import Document

HINT = "open it in a word processor and save it again as .docx"


def read(data: bytes, source: str) -> Document:
    from intake.readers import paragraphs

    check_archive(data, source, ".docx")
    with parsing(source, ".docx document", HINT):
        document = python_docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    lines.extend(cell.text for cell in row.cells)
            else:
                lines.append(block.text)
    return paragraphs(lines, "docx")
