"""The printed vocabulary list as PDF, drawn directly (no HTML engine).

Same content and order as the HTML list of :mod:`flashgen.printed.vocab_html`: glossary
terms first, then groups by section or HSK level, numbered; columns 汉字 (and
traditional form), pinyin coloured by tone with the marks kept, meaning, HSK
and a short example with the word in bold and underlined. ``study`` prints
ruled blanks for the meanings and an answer key in two columns at the end.
"""

from __future__ import annotations

import datetime as _dt
from typing import Optional

from flashgen.chinese.levels import hsk_label
from flashgen.models import Transcript, VocabItem
from flashgen.printed.pdf_canvas import Colour, Fonts, hex_colour
from flashgen.printed.pdf_pages import DARK, GREY, attribution, finish, heading, start, title_block
from flashgen.printed.content import example_excerpt
from flashgen.printed.vocab_html import MAX_MEANINGS, TONE_LEGEND, group_items, headword_size
from flashgen.chinese.tones import TONE_COLOURS, segments
from flashgen.printed.typeset import MM, ZWSP, Blank, Block, Cell, Flow, Inline, Span, Style, Table

TONES: dict[int, Colour] = {tone: hex_colour(colour) for tone, colour in TONE_COLOURS.items()}
WIDTHS = (5, 17, 15, 29, 6, 28)  # percent of the text width: #, 汉字, pinyin, meaning, HSK, example
HEADER = ("#", "汉字", "Pinyin", "Meaning", "HSK", "Example 例句")
SOFT: Colour = (0.13, 0.13, 0.13)


def pinyin_spans(pinyin: str, pinyin_numbered: str, size: float) -> list[Inline]:
    """The written reading, one span per syllable coloured by its tone; lines may break between syllables."""
    pieces = segments(pinyin, pinyin_numbered)
    if not pieces:
        return [Span(pinyin, Style(size, DARK))]
    out: list[Inline] = []
    for i, (text, tone) in enumerate(pieces):
        if tone and i and pieces[i - 1][1]:
            out.append(Span(ZWSP, Style(size)))  # run-together syllables may wrap in a narrow column
        out.append(Span(text, Style(size, TONES.get(tone, DARK))))
    return out


#: Point sizes of the headword size classes (as the HTML list's CSS).
HANZI_SIZES = {"": 14.0, "mid": 12.0, "long": 11.0, "xlong": 9.5}


def _meaning_cell(item: VocabItem, study: bool, column: float) -> Cell:
    if study:
        return [Block([Blank(column - 3 * MM, Style(9.5))]), Block([Blank(column - 3 * MM, Style(9.5))], space_before=2)]
    spans: list[Inline] = []
    if item.term and item.category:
        spans.append(Span(item.category.upper() + "  ", Style(7, GREY)))
    meanings = item.meanings[:MAX_MEANINGS]
    if meanings:
        if item.composed:
            spans.append(Span("≈ ", Style(9.5, GREY)))  # composed from its parts
        spans.append(Span(meanings[0], Style(9.5, DARK, bold=True)))
        spans.extend(Span("; " + m, Style(9.5, DARK)) for m in meanings[1:])
    blocks = [Block(spans)]
    if item.measure_words:
        blocks.append(Block([Span("MW: " + ", ".join(item.measure_words), Style(8, (0.2, 0.2, 0.2)))], space_before=1))
    return blocks


def _example_cell(item: VocabItem, transcript: Transcript) -> Cell:
    excerpt = example_excerpt(item, transcript, by_word=False)
    if excerpt is None:
        return [Block([Span("—", Style(9.5, (0.53, 0.53, 0.53)))])]
    plain, marked = Style(9.5, SOFT), Style(9.5, (0, 0, 0), bold=True, underline=True)
    spans: list[Inline] = [Span("…", plain)] if excerpt.cut_before else []
    spans += [Span(text, marked if is_marked else plain) for text, _pinyin, is_marked in excerpt.pieces]
    if excerpt.cut_after:
        spans.append(Span("…", plain))
    return [Block(spans)]


def _row(number: int, item: VocabItem, transcript: Transcript, study: bool, meaning_width: float) -> list[Cell]:
    hanzi: list[Block] = [Block([Span(item.hanzi, Style(HANZI_SIZES[headword_size(item.hanzi)], DARK, bold=True))])]
    if item.traditional and item.traditional != item.hanzi:
        hanzi.append(Block([Span("繁 " + item.traditional, Style(8, GREY))], space_before=1))
    return [
        [Block([Span(str(number), Style(8, GREY))], align="right")],
        hanzi,
        [Block(pinyin_spans(item.pinyin, item.pinyin_numbered, 10))],
        _meaning_cell(item, study, meaning_width),
        [Block([Span(hsk_label(item.hsk) or "–", Style(8.5, DARK))], align="center")],
        _example_cell(item, transcript),
    ]


def _legend() -> list[Inline]:
    spans: list[Inline] = [Span("Tones: ", Style(8, (0.2, 0.2, 0.2)))]
    spans += [Span(f"{mark} {name}   ", Style(8, TONES[tone])) for name, mark, tone in TONE_LEGEND]
    return spans


def render_pdf(
    transcript: Transcript,
    vocab: list[VocabItem],
    fonts: Fonts,
    *,
    paper: str = "a4",
    group_by: str = "section",
    study: bool = False,
    generated: Optional[_dt.date] = None,
) -> bytes:
    """The printable vocabulary list as PDF bytes, set in ``fonts`` (see :func:`flashgen.printed.vocab_html.render_html`)."""
    groups = group_items(transcript, vocab, group_by)
    flow = start(fonts, f"{transcript.title} — vocabulary", paper, (16, 13, 17, 13))
    day = (generated or _dt.date.today()).isoformat()
    count = len(vocab)
    meta = f"{count} word{'s' if count != 1 else ''} · generated {day} · source: {transcript.source}"
    title_block(flow, "Vocabulary list · 词汇表", transcript.title, meta, _legend())
    header = [[Block([Span(text, Style(7.5, (0.2, 0.2, 0.2), bold=True))])] for text in HEADER]
    number, key = 0, []
    for name, items in groups:
        heading(flow, name, str(len(items)), keep_with=16 * MM)
        table = Table(flow, WIDTHS, header)
        meaning_width = table.widths[3]
        for item in items:
            number += 1
            table.row(_row(number, item, transcript, study, meaning_width))
            key.append((number, item))
    if study:
        _answer_key(flow, key)
    attribution(flow)
    return finish(flow, transcript.title, "Vocabulary 词汇表")


def _answer_key(flow: Flow, key: list[tuple[int, VocabItem]]) -> None:
    """Numbered hanzi and meanings in two columns, from a new page; the last page's columns are balanced."""
    flow.new_page()
    heading(flow, "Answer key", keep_with=0)
    gap = 8 * MM
    column = (flow.paper.inner_width - gap) / 2
    entries = []
    for number, item in key:
        spans: list[Inline] = [
            Span(f"{number}. ", Style(8.5, GREY)),
            Span(item.hanzi, Style(8.5, DARK, bold=True)),
            Span("  " + "; ".join(item.meanings[:MAX_MEANINGS]), Style(8.5, DARK)),
        ]
        lines = flow.type.wrap(spans, column)
        entries.append((lines, sum(flow.type.line_height(line) for line in lines) + 0.8 * MM))
    i = 0
    while i < len(entries):
        room = flow.bottom - flow.y
        columns = _fill_columns([height for _, height in entries[i:]], room)
        lowest = flow.y
        for shift, (first, end) in zip((0.0, column + gap), columns):
            y = flow.y
            for lines, height in entries[i + first:i + end]:
                top = y
                for line in lines:
                    top += flow.type.draw_line(flow.page, flow.paper.left + shift, top, line)
                y += height
            lowest = max(lowest, y)
        i += columns[1][1]
        if i < len(entries):
            flow.new_page()
        else:
            flow.y = lowest


def _fill_columns(heights: list[float], room: float) -> tuple[tuple[int, int], tuple[int, int]]:
    """How many entries go in each of two columns of height ``room``: [0, a) and [a, b).

    Both columns are filled while entries remain; when the rest fits on this
    page, it is split where the two columns come out most even.
    """
    def fit(start: int) -> int:
        end, used = start, 0.0
        while end < len(heights) and (used + heights[end] <= room or end == start):
            used += heights[end]
            end += 1
        return end

    first = fit(0)
    second = fit(first)
    if second < len(heights):
        return (0, first), (first, second)
    total = sum(heights)
    best, split, used = total, first, 0.0
    for k in range(first + 1):
        left = used
        # On a tie the later split wins: the left column is the longer one, as in print.
        if left <= room and total - left <= room and max(left, total - left) <= best:
            best, split = max(left, total - left), k
        used += heights[k] if k < len(heights) else 0.0
    return (0, split), (split, len(heights))
