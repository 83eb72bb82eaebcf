"""Rendering stage 3b: a Word document for the lawyer, from the same rendered body as the HTML.

Converter: pandoc, shipped inside the `pypandoc_binary` wheel (the `docx` extra), reads the
policy body HTML (the embeddable fragment without styles or contents list) and writes real
Word structure: Heading 1-3 styles (the navigation pane works), lists as Word numbering,
tables as tables, a TOC field, bookmarks at each section id, and `w:ins`/`w:del` tracked
changes for a redline's insertion/deletion spans. python-docx then adds what pandoc cannot:
the running header, a "Page X of Y" footer with PAGE/NUMPAGES fields, the core properties and
the request to refresh fields (the TOC) when Word opens the file. Nothing is downloaded.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telepolicy.generator.errors import ExportError, Problem, RenderError
from telepolicy.generator.library.templating import format_date
from telepolicy.generator.rendering.clauses import RenderedPolicy
from telepolicy.generator.rendering.fragment import render_fragment

DOCX_EXTRA_HINT = 'Word output needs the docx extra; install it with: pip install "telepolicy[docx]"'
BODY_FONT = "DejaVu Sans"


@dataclass(frozen=True)
class DocxMeta:
    """What Word shows in File > Info, on the title block and in the running header."""

    title: str
    author: str
    header: str
    subject: str
    subtitle: str = ""  # under the title, e.g. the company
    dateline: str = ""  # under the subtitle, e.g. version and dates
    language: str = "en"
    keywords: str = "privacy policy, personal data, telecommunications"
    date: dt.date | None = None


def _modules() -> tuple[Any, Any]:
    try:
        import docx
        import pypandoc
    except ImportError:
        raise ExportError(DOCX_EXTRA_HINT) from None
    return pypandoc, docx


def _field(paragraph: Any, instruction: str) -> None:
    """Append a Word field (e.g. PAGE) to a paragraph: begin, instruction, separate, cached value, end."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        run = OxmlElement("w:r")
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        run.append(mark)
        return run

    paragraph._p.append(char("begin"))
    run = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run.append(text)
    paragraph._p.append(run)
    paragraph._p.append(char("separate"))
    paragraph.add_run("1")
    paragraph._p.append(char("end"))


def _grid(table: Any) -> None:
    """Thin grid lines and a bold header row repeated on each page: tables read as tables on paper too."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "A0A8B4")
        borders.append(line)
    properties.append(borders)
    if table.rows:
        header = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header.append(repeat)
        for cell in table.rows[0].cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.bold = True


def _reference_docx(path: Path, meta: DocxMeta) -> None:
    """Pandoc's own reference document with our header, page-number footer and body font."""
    pypandoc, docx = _modules()
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    data = subprocess.run(
        [pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"], check=True, capture_output=True
    ).stdout
    path.write_bytes(data)
    document = docx.Document(str(path))
    section = document.sections[0]
    header = section.header.paragraphs[0] if section.header.paragraphs else section.header.add_paragraph()
    header.text = meta.header
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")
    names = {style.name for style in document.styles}
    for name in ("Normal", "Body Text", "First Paragraph", "Compact"):
        if name in names:
            document.styles[name].font.name = BODY_FONT
            document.styles[name].font.size = Pt(10.5)
    document.save(str(path))


def html_to_docx(body_html: str, meta: DocxMeta) -> bytes:
    """Convert a body of <h2> sections (with <h3> clause titles) to DOCX bytes, under a title block."""
    pypandoc, docx = _modules()
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    with tempfile.TemporaryDirectory(prefix="telepolicy-docx-") as temp:
        reference = Path(temp) / "reference.docx"
        target = Path(temp) / "policy.docx"
        try:
            _reference_docx(reference, meta)
            pypandoc.convert_text(
                body_html,
                "docx",
                format="html",
                outputfile=str(target),
                extra_args=[
                    "--shift-heading-level-by=-1",  # <h2> sections become Heading 1, clause titles Heading 2
                    "--toc",
                    "--toc-depth=1",  # sections; clause titles are in the navigation pane
                    f"--reference-doc={reference}",
                    "--metadata=toc-title:Contents",
                    f"--metadata=lang:{meta.language}",
                    f"--metadata=title:{meta.title}",
                    *([f"--metadata=subtitle:{meta.subtitle}"] if meta.subtitle else []),
                    *([f"--metadata=date:{meta.dateline}"] if meta.dateline else []),
                ],
                sandbox=True,
            )
        except (OSError, RuntimeError, subprocess.CalledProcessError) as error:
            raise RenderError(Problem(None, f"the Word document could not be made: {error}")) from error
        document = docx.Document(str(target))
    properties = document.core_properties
    properties.title = meta.title
    properties.author = meta.author
    properties.last_modified_by = meta.author
    properties.subject = meta.subject
    properties.keywords = meta.keywords
    properties.language = meta.language
    properties.comments = "Generated by Telepolicy"
    if meta.date:
        moment = dt.datetime.combine(meta.date, dt.time(), tzinfo=dt.UTC)
        properties.created = properties.modified = moment
    for table in document.tables:
        _grid(table)
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:  # Word offers to fill the TOC's page numbers on open
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def policy_meta(policy: RenderedPolicy, subject: str | None = None) -> DocxMeta:
    return DocxMeta(
        title=policy.title,
        author=policy.company,
        header=f"{policy.company} · {policy.title} · Version {policy.version}",
        subject=subject or f"{policy.title} of {policy.company}, version {policy.version}",
        subtitle=policy.company,
        dateline=(
            f"Version {policy.version} · Effective {format_date(policy.effective_date)}"
            f" · Last updated {format_date(policy.last_updated)}"
        ),
        language=policy.language,
        date=policy.last_updated,
    )


def render_docx(policy: RenderedPolicy) -> bytes:
    """The policy as a Word document, from the same body HTML as the embeddable page."""
    return html_to_docx(render_fragment(policy, css=False, toc=False, header=False), policy_meta(policy))
