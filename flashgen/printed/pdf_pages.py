"""The parts both printed documents share: title block, section headings, footer, page furniture.

The vocabulary list (:mod:`flashgen.printed.vocab_pdf`) and the cloze worksheet
(:mod:`flashgen.printed.worksheet_pdf`) are drawn on a :class:`Page` flow; when the
content is done, :func:`finish` adds running heads and "3 / 12" page numbers,
which need the page count, and returns the PDF bytes.
"""

from __future__ import annotations

from typing import Optional, Sequence

from flashgen.chinese.lexicon import CEDICT_ATTRIBUTION, CEDICT_LICENCE_URL
from flashgen.printed.pdf_canvas import Canvas, Colour, Fonts
from flashgen.printed.typeset import MM, Flow, Inline, Span, Style, paper

GREY: Colour = (0.33, 0.33, 0.33)
MID_GREY: Colour = (0.4, 0.4, 0.4)
DARK: Colour = (0.07, 0.07, 0.07)
SHADE: Colour = (0.93, 0.93, 0.93)
LICENCE_URL = CEDICT_LICENCE_URL


def start(fonts: Fonts, title: str, paper_name: str, margins_mm: tuple[float, float, float, float]) -> Flow:
    """A new document (PDF title ``title``) set in ``fonts``, on ``paper_name`` ("a4" or "letter")."""
    return Flow(Canvas(fonts, title), paper(paper_name, margins_mm))


def title_block(flow: Flow, kicker: str, title: str, meta: str, extra: Sequence[Inline] = ()) -> None:
    """Kicker line, the title in large bold type, a line of facts, optional extra line, then a rule."""
    flow.paragraph([Span(kicker.upper(), Style(8, GREY))])
    flow.y += 1 * MM
    flow.paragraph([Span(title, Style(17, DARK, bold=True))], fallback=17)
    flow.y += 0.8 * MM
    flow.paragraph([Span(meta, Style(8.5, (0.2, 0.2, 0.2)))])
    if extra:
        flow.y += 0.8 * MM
        flow.paragraph(extra)
    flow.y += 1.5 * MM
    flow.rule(1.5, DARK)
    flow.y += 3 * MM


def heading(flow: Flow, text: str, note: str = "", size: float = 11.5, keep_with: float = 14 * MM) -> None:
    """A shaded section heading with a dark bar on its left, kept on the page with ``keep_with`` points after it."""
    items: list[Inline] = [Span(text, Style(size, DARK, bold=True))]
    if note:
        items.append(Span("  " + note, Style(size * 0.74, GREY)))
    pad = 1 * MM
    lines = flow.type.wrap(items, flow.paper.inner_width - 4 * MM)
    height = sum(flow.type.line_height(line, size) for line in lines) + 2 * pad
    flow.space(4 * MM)
    flow.ensure(height + keep_with)
    left = flow.paper.left
    flow.canvas.rect(flow.page, left, flow.y, flow.paper.inner_width, height, fill=SHADE)
    flow.canvas.rect(flow.page, left, flow.y, 3, height, fill=DARK)
    y = flow.y + pad
    for line in lines:
        y += flow.type.draw_line(flow.page, left + 3 + 2 * MM, y, line, size)
    flow.y += height + 1.5 * MM


def numbered(flow: Flow, label: str, items: Sequence[Inline], indent: float, leading: Optional[float] = None,
             size: float = 11) -> None:
    """A list entry: ``label`` in the margin, ``items`` wrapped beside it, kept on one page."""
    width = flow.paper.inner_width - indent
    lines = flow.type.wrap(items, width)
    flow.ensure(sum(flow.type.line_height(line, size, leading) for line in lines))
    top = flow.y
    for line in lines:
        flow.type.draw_line(flow.page, flow.paper.left + indent, flow.y, line, size, leading)
        flow.y += flow.type.line_height(line, size, leading)
    label_line = flow.type.wrap([Span(label, Style(size, GREY))], indent)[0]
    first = flow.type.line_height(lines[0], size, leading)
    # The label sits on the first line's baseline, right-aligned before the text.
    label_top = top + (first - size * (leading or flow.type.leading)) / 2
    flow.type.draw_line(flow.page, flow.paper.left + indent - label_line.width - 1.5 * MM, label_top, label_line, size, leading)


def attribution(flow: Flow) -> None:
    """The CC-CEDICT credit under a thin rule, the licence address a link."""
    flow.space(6 * MM)
    flow.ensure(10 * MM)
    flow.rule(0.5, (0.6, 0.6, 0.6))
    flow.y += 2 * MM
    top, page = flow.y, flow.page
    lines = flow.paragraph([Span(CEDICT_ATTRIBUTION, Style(7.5, GREY))])
    # The address ends the credit: link the part of the last line that holds it.
    last = lines[-1]
    text = "".join(piece.text for _, piece in last.pieces if isinstance(piece, Span))
    if LICENCE_URL in text and flow.page == page:
        url_x = flow.canvas.fonts.width(text[: text.index(LICENCE_URL)], 7.5)
        height = flow.type.line_height(last)
        y = top + sum(flow.type.line_height(line) for line in lines[:-1])
        flow.canvas.link(page, flow.paper.left + url_x, y, flow.canvas.fonts.width(LICENCE_URL, 7.5), height, LICENCE_URL)


def finish(flow: Flow, running_title: str = "", running_label: str = "") -> bytes:
    """Add page numbers (and, from page 2, running heads) to every page; the PDF bytes."""
    canvas, sheet = flow.canvas, flow.paper
    total = len(canvas.pages)
    for index in range(total):
        number = f"{index + 1} / {total}"
        width = canvas.fonts.width(number, 8)
        canvas.text(index, (sheet.width - width) / 2, sheet.height - sheet.bottom + 9 * MM, number, 8, GREY)
        if index and (running_title or running_label):
            y = sheet.top - 6 * MM
            head = _clip(canvas.fonts, running_title, 7.5, sheet.inner_width * 0.7)
            canvas.text(index, sheet.left, y, head, 7.5, MID_GREY)
            label_width = canvas.fonts.width(running_label, 7.5)
            canvas.text(index, sheet.width - sheet.right - label_width, y, running_label, 7.5, MID_GREY)
    return canvas.to_bytes()


def _clip(fonts: Fonts, text: str, size: float, width: float) -> str:
    """``text`` shortened with "…" to fit ``width``."""
    if fonts.width(text, size) <= width:
        return text
    while text and fonts.width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"
