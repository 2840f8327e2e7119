"""The DOCX export: quotes with real Word footnotes, page numbers and clean properties.

python-docx writes the body; it has no footnote API, so the footnotes part is built here the way
Word builds it (ECMA-376 part 1, 17.11): a ``word/footnotes.xml`` part with its content type and
its relationship from the main document, holding the two separators Word expects (ids -1 and 0)
and one ``w:footnote`` per quote; each quote ends in a ``w:footnoteReference`` to its note, and
``settings.xml`` names the separators (``w:footnotePr``). The footer holds a PAGE field. The
core properties say what the file is (a title, the organisation, the export time), never the
template's "python-docx" author or its 2013 dates; the template's extended properties (another
application's name) and thumbnail are dropped.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from redact.export.formats import TITLE, About, Quote, preamble

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"
NOTES_STYLE_SIZE = 20  # half-points: footnotes in 10 pt


def _note_reference(number: int) -> str:
    """A superscript run pointing at footnote ``number`` (Word's own reference shape)."""
    return (
        f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteReference w:id="{number}"/></w:r>'
    )


def _footnotes_xml(quotes: Sequence[Quote]) -> bytes:
    from xml.sax.saxutils import escape

    separators = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
        'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing '
        'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/>'
        "</w:r></w:p></w:footnote>"
    )
    size = f'<w:sz w:val="{NOTES_STYLE_SIZE}"/>'
    notes = "".join(
        f'<w:footnote w:id="{q.number}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
        f'<w:r><w:rPr><w:vertAlign w:val="superscript"/>{size}</w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:rPr>{size}</w:rPr><w:t xml:space="preserve"> {escape(q.citation)}</w:t></w:r>'
        "</w:p></w:footnote>"
        for q in quotes
    )
    body = f'<w:footnotes xmlns:w="{W_NS}">{separators}{notes}</w:footnotes>'
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body.encode("utf-8")


def _add_footnotes(document: Any, quotes: Sequence[Quote]) -> None:
    """The footnotes part, related from the main document, and its separators in settings."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    part = Part(
        PackURI("/word/footnotes.xml"),
        CONTENT_TYPE.WML_FOOTNOTES,
        _footnotes_xml(quotes),
        document.part.package,
    )
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    settings = document.settings.element
    properties = parse_xml(
        f'<w:footnotePr xmlns:w="{W_NS}"><w:footnote w:id="-1"/><w:footnote w:id="0"/>'
        "</w:footnotePr>"
    )
    anchor = settings.find(f"{_W}compat")  # CT_Settings: footnotePr comes right before compat
    if anchor is not None:
        anchor.addprevious(properties)
    else:
        settings.append(properties)


def _page_numbers(document: Any) -> None:
    """A centred PAGE field in the footer of every section."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml

    field = (
        f'<w:r xmlns:w="{W_NS}"><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r xmlns:w="{W_NS}"><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r xmlns:w="{W_NS}"><w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r xmlns:w="{W_NS}"><w:t>1</w:t></w:r>'
        f'<w:r xmlns:w="{W_NS}"><w:fldChar w:fldCharType="end"/></w:r>'
    )
    for section in document.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in parse_xml(f'<w:p xmlns:w="{W_NS}">{field}</w:p>'):
            paragraph._p.append(run)


def _properties(document: Any, about: About) -> None:
    """Core properties of this export; the template's app properties and thumbnail dropped."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    now = about.now.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
    core = document.core_properties
    core.title = TITLE
    core.author = core.last_modified_by = about.organisation
    core.created = core.modified = now
    core.revision = 1
    for name in ("subject", "keywords", "comments", "category", "content_status"):
        setattr(core, name, "")
    rels = document.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype in (RELATIONSHIP_TYPE.EXTENDED_PROPERTIES, RELATIONSHIP_TYPE.THUMBNAIL):
            rels.pop(rid)


def docx(quotes: Sequence[Quote], marker: str, about: About) -> bytes:
    """Title, preamble, each quote a "Quote" paragraph ending in its footnote reference; the
    citations are the footnotes, at the foot of the page that quotes them."""
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph(preamble(marker))
    styles = {s.name for s in document.styles}
    for q in quotes:
        paragraph = document.add_paragraph(style="Quote" if "Quote" in styles else None)
        run = paragraph.add_run()
        for n, line in enumerate(q.text.split("\n")):
            if n:
                run.add_break()
            run.add_text(line)
        paragraph._p.append(parse_xml(_note_reference(q.number)))
    _add_footnotes(document, quotes)
    _page_numbers(document)
    _properties(document, about)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
