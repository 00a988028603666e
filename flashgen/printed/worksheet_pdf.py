"""The cloze worksheet as PDF, drawn directly (same content as :func:`flashgen.printed.worksheet.render_html`).

Numbered sentences with ruled blanks as wide as their answers (lettered when
a sentence has several; the answer's pinyin inside when hints are asked), a
boxed word bank, and the answer key from a new page, each answer with its
reading and the full sentence below.
"""

from __future__ import annotations

from flashgen.study.cloze_syntax import cloze_segments
from flashgen.models import ClozeItem, Transcript
from flashgen.printed.pdf_canvas import Fonts
from flashgen.printed.pdf_pages import DARK, GREY, attribution, finish, heading, numbered, start, title_block
from flashgen.printed.typeset import MM, Blank, Flow, Inline, Span, Style
from flashgen.printed.worksheet import ANSWER_KEY, INSTRUCTIONS, KICKER, WORD_BANK, answer_pinyin, blank_label, word_bank

SIZE = 11.0
TEXT = Style(SIZE, DARK)


def _blank(fonts: Fonts, answer: str, letter: str, pinyin: str) -> Blank:
    # As wide as the answer written by hand (a little more than its characters), or its pinyin.
    width = max(fonts.width(answer, SIZE) * 1.15 + 1.2 * SIZE, fonts.width(pinyin, SIZE * 0.7) + SIZE)
    return Blank(width, TEXT, hint=pinyin, label=letter)


def _sentence(fonts: Fonts, transcript: Transcript, item: ClozeItem, pinyin_hints: bool) -> list[Inline]:
    out: list[Inline] = []
    for text, n, _hint in cloze_segments(item.cloze):
        if not n:
            out.append(Span(text, TEXT))
        else:
            pinyin = answer_pinyin(transcript, item, text) if pinyin_hints else ""
            out.append(_blank(fonts, text, blank_label(item, n), pinyin))
    return out


def _bank(flow: Flow, items: list[ClozeItem]) -> None:
    """The word bank: every answer once (×n when it fills n blanks), in a ruled box."""
    spans: list[Inline] = []
    for word, count in word_bank(items):
        spans.append(Span(word, Style(12, DARK), keep=True))
        if count > 1:
            spans.append(Span(f" ×{count}", Style(8, GREY), keep=True))
        spans.append(Span("     ", Style(12)))
    pad = 3 * MM
    lines = flow.type.wrap(spans, flow.paper.inner_width - 2 * pad)
    heights = [flow.type.line_height(line, 12) for line in lines]
    flow.ensure(min(sum(heights), flow.bottom - flow.paper.top) + 2 * pad)
    top, page = flow.y, flow.page
    flow.y += pad
    for line, height in zip(lines, heights):
        if not flow.fits(height + pad):
            _box(flow, page, top)
            flow.new_page()
            top, page = flow.y, flow.page
            flow.y += pad
        flow.type.draw_line(flow.page, flow.paper.left + pad, flow.y, line, 12)
        flow.y += height
    flow.y += pad
    _box(flow, page, top)


def _box(flow: Flow, page: int, top: float) -> None:
    flow.canvas.rect(page, flow.paper.left, top, flow.paper.inner_width, flow.y - top, stroke=DARK, width=0.8)


def render_pdf(transcript: Transcript, items: list[ClozeItem], fonts: Fonts, *, pinyin_hints: bool = False,
               paper: str = "a4") -> bytes:
    """The worksheet as PDF bytes, set in ``fonts``."""
    flow = start(fonts, f"{transcript.title} — cloze worksheet", paper, (16, 15, 17, 15))
    count = len(items)
    title_block(flow, KICKER, transcript.title, f"{count} sentence{'s' if count != 1 else ''} · source: {transcript.source}")
    flow.paragraph([Span(INSTRUCTIONS, TEXT)])
    flow.y += 2 * MM
    indent = 9 * MM
    for number, item in enumerate(items, 1):
        numbered(flow, f"{number}.", _sentence(fonts, transcript, item, pinyin_hints), indent, leading=2.1, size=SIZE)
        flow.y += 1 * MM
    heading(flow, WORD_BANK, size=12, keep_with=20 * MM)
    _bank(flow, items)
    flow.new_page()
    heading(flow, ANSWER_KEY, size=12, keep_with=10 * MM)
    for number, item in enumerate(items, 1):
        spans: list[Inline] = []
        for n, answer in enumerate(item.answers, 1):
            letter = blank_label(item, n)
            if n > 1:
                spans.append(Span(" · ", Style(9.5, GREY)))
            if letter:
                spans.append(Span(f"({letter}) ", Style(9.5, DARK)))
            spans.append(Span(answer, Style(9.5, DARK, bold=True)))
            reading = answer_pinyin(transcript, item, answer)
            if reading:
                spans.append(Span(" " + reading, Style(9.5, GREY)))
        spans.append(Span("\n" + item.sentence, Style(8.5, GREY)))
        numbered(flow, f"{number}.", spans, indent, size=9.5)
        flow.y += 1.6 * MM
    attribution(flow)
    return finish(flow)

