"""
PDF generation for guides, consent forms and demo documents, with reportlab only.

Everything here comes from pip-installable packages (DESIGN §2): reportlab
draws the pages and the Roboto font (the ``font-roboto`` package) covers the
Latin, Greek and Cyrillic letters of all 24 official EU languages, which
reportlab's built-in fonts do not.
"""

import io
import re
from xml.sax.saxutils import escape

import font_roboto
from django.utils.html import strip_tags
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

FONT = "Roboto"
FONT_BOLD = "Roboto-Bold"
_PARAGRAPH_RE = re.compile(r"<(p|li|h[2-6])[^>]*>(.*?)</\1>", re.DOTALL | re.IGNORECASE)


def _register_fonts():
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, font_roboto.font_files["Roboto"]))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, font_roboto.font_files["RobotoBold"]))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def _styles():
    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=14.5, spaceAfter=6)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=18, leading=23, spaceAfter=8),
        "subtitle": ParagraphStyle("subtitle", parent=body, textColor=colors.HexColor("#4a5560"), spaceAfter=12),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=FONT_BOLD, fontSize=12.5, leading=16, spaceBefore=8, spaceAfter=4
        ),
        "body": body,
        "note": ParagraphStyle("note", parent=body, fontSize=9, leading=12, textColor=colors.HexColor("#4a5560")),
        "field": ParagraphStyle("field", parent=body, spaceBefore=14),
    }


def text(value):
    """Plain text made safe for reportlab's paragraph markup."""
    return escape(value)


def render_pdf(title, blocks, *, subtitle="", language="en", author="ERN eUROGEN"):
    """Render a simple document and return its bytes.

    ``blocks`` is a list of (kind, value) pairs: ``("heading", str)``,
    ``("paragraph", str)``, ``("note", str)``, ``("field", str)`` (a line to
    fill in by hand), ``("steps", [(title, [paragraphs])])`` for numbered steps.
    Values are plain text; they are escaped here.
    """
    _register_fonts()
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=author,
        lang=language,
        # Same content, same bytes: re-running the demo loader is reproducible.
        invariant=1,
    )
    story = [Paragraph(text(title), styles["title"])]
    if subtitle:
        story.append(Paragraph(text(subtitle), styles["subtitle"]))
    for kind, value in blocks:
        if kind == "steps":
            items = []
            for step_title, paragraphs in value:
                flowables = [Paragraph(text(step_title), styles["heading"])]
                flowables += [Paragraph(text(paragraph), styles["body"]) for paragraph in paragraphs]
                items.append(ListItem(flowables, leftIndent=18))
            story.append(ListFlowable(items, bulletType="1", bulletFontName=FONT_BOLD, bulletFontSize=12.5))
        elif kind == "field":
            story.append(Paragraph(text(value) + " ____________________________________", styles["field"]))
        else:
            story.append(Paragraph(text(value), styles["body" if kind == "paragraph" else kind]))
        story.append(Spacer(1, 2))
    document.build(story)
    return buffer.getvalue()


def rich_text_paragraphs(html):
    """The paragraphs and list items of a rich text value, as plain text."""
    found = [strip_tags(match.group(2)).strip() for match in _PARAGRAPH_RE.finditer(html or "")]
    return [paragraph for paragraph in found if paragraph] or ([strip_tags(html).strip()] if html else [])


def guide_pdf(guide):
    """A printable version of a guide page: its introduction and numbered steps."""
    steps = [(step.title, rich_text_paragraphs(step.text)) for step in guide.steps.all()]
    return render_pdf(
        guide.title,
        [("paragraph", guide.introduction), ("steps", steps)],
        language=guide.locale.language_code,
    )
