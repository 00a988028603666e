"""Line breaking and page flow on top of :mod:`flashgen.printed.pdf_canvas`.

Text is a list of :class:`Span` (a string in one :class:`Style`) and
:class:`Blank` (an empty ruled box, for worksheets). Lines break at spaces,
between Chinese characters (never before closing punctuation or after an
opening one), and at zero-width spaces (U+200B), which callers put where
HTML would have ``<wbr>``; a newline forces a break. :class:`Flow` stacks
blocks down the pages and starts a new page when one does not fit.
"""

from __future__ import annotations

from flashgen.chinese.punctuation import NO_LINE_END, NO_LINE_START

from dataclasses import dataclass, field
from typing import Optional, Sequence, Union

from flashgen.printed.pdf_canvas import BLACK, Canvas, Colour

#: Where the baseline sits below the top of a character's em box (CJK faces: 0.88 em).
ASCENT = 0.88
ZWSP = "\u200b"

#: No line ends after these, none starts with those (the printed HTML follows the same rule).
OPENERS, CLOSERS = NO_LINE_END, NO_LINE_START


@dataclass(frozen=True)
class Style:
    """How a span is drawn."""

    size: float = 9.5
    colour: Colour = BLACK
    bold: bool = False
    underline: bool = False


@dataclass(frozen=True)
class Span:
    """Text in one style; a ``keep`` span is never broken inside (a word in a word bank)."""

    text: str
    style: Style = Style()
    keep: bool = False


@dataclass(frozen=True)
class Blank:
    """An empty box to write in, ``width`` points wide, ruled at the baseline.

    ``hint`` (e.g. the answer's pinyin) is printed small inside it, ``label``
    (a, b, …) small at its top-left corner.
    """

    width: float
    style: Style = Style()
    hint: str = ""
    label: str = ""


Inline = Union[Span, Blank]


@dataclass
class Line:
    """One laid-out line: pieces at x offsets, its width and height."""

    pieces: list[tuple[float, Inline]] = field(default_factory=list)
    width: float = 0.0
    size: float = 0.0  # the largest font size on the line


_OBJECT = "\ufffc"  # stands for a blank when deciding where lines may break


def _breaks_like_cjk(ch: str) -> bool:
    """Chinese characters, CJK punctuation and full-width forms: a line may break beside them."""
    return ch == _OBJECT or "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef" or ch >= "\U00020000"


def _breaks(prev: str, ch: str) -> bool:
    """A line may break between ``prev`` and ``ch`` without a space: next to a Chinese character,
    but never before closing punctuation or after an opening one."""
    return bool(prev) and (_breaks_like_cjk(ch) or _breaks_like_cjk(prev)) and ch not in CLOSERS and prev not in OPENERS


def _words(items: Sequence[Inline]) -> list[list[Inline]]:
    """Cut inline items into unbreakable words; a word ending in a space keeps it as its last span.

    A ``[Span("\\n")]`` word stands for a forced break.
    """
    words: list[list[Inline]] = []
    current: list[Inline] = []
    prev = ""

    def cut() -> None:
        nonlocal current
        if current:
            words.append(current)
            current = []

    for item in items:
        if isinstance(item, Blank):
            if prev not in OPENERS:
                cut()
            current.append(item)
            prev = _OBJECT  # a blank breaks like a character: closing punctuation stays with it
            continue
        if item.keep:
            if item.text and _breaks(prev, item.text[0]):
                cut()
            current.append(item)
            prev = item.text[-1:] or prev
            continue
        run = ""
        for ch in item.text:
            if ch == "\n" or ch == ZWSP or _breaks(prev, ch):
                if run:
                    current.append(Span(run, item.style))
                    run = ""
                cut()
                if ch == "\n":
                    words.append([Span("\n", item.style)])
                    prev = ""
                    continue
                if ch == ZWSP:
                    prev = ""
                    continue
            run += ch
            if ch == " ":
                current.append(Span(run, item.style))
                run = ""
                cut()
            prev = ch
        if run:
            current.append(Span(run, item.style))
    cut()
    return words


class Typesetter:
    """Measures and breaks lines with the canvas's fonts."""

    def __init__(self, canvas: Canvas, leading: float = 1.35) -> None:
        self.canvas = canvas
        self.leading = leading

    def measure(self, item: Inline) -> float:
        """Width of one inline item in points."""
        if isinstance(item, Blank):
            return item.width
        return self.canvas.fonts.width(item.text, item.style.size)

    def wrap(self, items: Sequence[Inline], width: float) -> list[Line]:
        """Greedy line breaking of ``items`` into lines at most ``width`` wide (a too-long word is cut)."""
        lines: list[Line] = [Line()]
        for word in _words(items):
            if isinstance(word[0], Span) and word[0].text == "\n":
                lines.append(Line(size=word[0].style.size))
                continue
            sizes = [self.measure(piece) for piece in word]
            last = word[-1]
            # A trailing space does not count against the margin.
            trailing = self.measure(Span(" ", last.style)) if isinstance(last, Span) and last.text.endswith(" ") else 0.0
            line = lines[-1]
            if all(isinstance(p, Span) and not p.text.strip() for p in word):
                if line.pieces:  # spaces stay on the line they follow (trimmed at its end)
                    for piece, size in zip(word, sizes):
                        self._place(line, piece, size)
                continue
            if line.pieces and line.width + sum(sizes) - trailing > width:
                line = Line()
                lines.append(line)
            spans = [p for p in word if isinstance(p, Span)]
            if sum(sizes) - trailing > width and len(spans) == len(word):  # a blank is never cut
                self._hard_cut(spans, width, lines)
                continue
            for piece, size in zip(word, sizes):
                self._place(line, piece, size)
        for line in lines:
            self._trim(line)
        return [line for line in lines if line.pieces or line.size] or [Line()]

    def _trim(self, line: Line) -> None:
        """Drop the spaces at the end of a line from its pieces and width."""
        while line.pieces:
            offset, last = line.pieces[-1]
            if not isinstance(last, Span) or not last.text.endswith(" "):
                return
            kept = last.text.rstrip(" ")
            if kept:
                line.pieces[-1] = (offset, Span(kept, last.style, last.keep))
                line.width = offset + self.measure(line.pieces[-1][1])
                return
            line.pieces.pop()
            line.width = offset

    def _place(self, line: Line, piece: Inline, size: float) -> None:
        line.pieces.append((line.width, piece))
        line.width += size
        line.size = max(line.size, piece.style.size)

    def _hard_cut(self, word: list[Span], width: float, lines: list[Line]) -> None:
        """Place a word wider than the line character by character."""
        for piece in word:
            for ch in piece.text:
                span = Span(ch, piece.style)
                size = self.measure(span)
                if lines[-1].pieces and lines[-1].width + size > width:
                    lines.append(Line())
                self._place(lines[-1], span, size)

    def line_height(self, line: Line, fallback: float = 9.5, leading: Optional[float] = None) -> float:
        """Height of a line box: its largest font size (``fallback`` when empty) times the leading."""
        return (line.size or fallback) * (leading or self.leading)

    def draw_line(self, page: int, x: float, top: float, line: Line, fallback: float = 9.5,
                  leading: Optional[float] = None) -> float:
        """Draw ``line`` with its box's top at ``top``; returns the line's height."""
        height = self.line_height(line, fallback, leading)
        size = line.size or fallback
        baseline = top + (height - size) / 2 + ASCENT * size
        canvas = self.canvas
        for offset, piece in line.pieces:
            if isinstance(piece, Blank):
                self._draw_blank(page, x + offset, baseline, piece)
                continue
            text = piece.text
            drawn = canvas.text(page, x + offset, baseline, text, piece.style.size, piece.style.colour, piece.style.bold)
            if piece.style.underline and text.strip():
                under = baseline + piece.style.size * 0.14
                canvas.line(page, x + offset, under, x + offset + drawn, under, piece.style.size * 0.07, piece.style.colour)
        return height

    def _draw_blank(self, page: int, x: float, baseline: float, blank: Blank) -> None:
        canvas, size = self.canvas, blank.style.size
        canvas.line(page, x + 1, baseline + size * 0.2, x + blank.width - 1, baseline + size * 0.2, 0.8, blank.style.colour)
        if blank.hint:
            hint_size = size * 0.7
            w = canvas.fonts.width(blank.hint, hint_size)
            canvas.text(page, x + (blank.width - w) / 2, baseline, blank.hint, hint_size, (0.27, 0.27, 0.27))
        if blank.label:
            canvas.text(page, x, baseline - size * 0.75, blank.label, size * 0.6, (0.33, 0.33, 0.33))


@dataclass
class Paper:
    """Page size and margins in points."""

    width: float
    height: float
    top: float
    right: float
    bottom: float
    left: float

    @property
    def inner_width(self) -> float:
        return self.width - self.left - self.right


MM = 72 / 25.4
PAPERS = {"a4": (210 * MM, 297 * MM), "letter": (612.0, 792.0)}


def paper(name: str, margins_mm: tuple[float, float, float, float]) -> Paper:
    """A :class:`Paper` for "a4" or "letter" with margins (top, right, bottom, left) in millimetres.

    Raises ValueError for another paper name.
    """
    if name not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {name!r}")
    width, height = PAPERS[name]
    top, right, bottom, left = (m * MM for m in margins_mm)
    return Paper(width, height, top, right, bottom, left)


class Flow:
    """Blocks stacked down the pages, a new page when the next block does not fit."""

    def __init__(self, canvas: Canvas, page_size: Paper) -> None:
        self.canvas = canvas
        self.paper = page_size
        self.type = Typesetter(canvas)
        self.page = -1
        self.y = 0.0
        self.new_page()

    @property
    def bottom(self) -> float:
        return self.paper.height - self.paper.bottom

    def new_page(self) -> None:
        """Start a fresh page at the top margin."""
        self.page = self.canvas.new_page(self.paper.width, self.paper.height)
        self.y = self.paper.top

    def fits(self, height: float) -> bool:
        return self.y + height <= self.bottom + 0.01

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` points fit on this one (a taller block takes a fresh page)."""
        if not self.fits(height) and self.y > self.paper.top + 0.01:
            self.new_page()

    def space(self, height: float) -> None:
        """Vertical space, dropped at the top of a page."""
        if self.y > self.paper.top + 0.01:
            self.y = min(self.y + height, self.bottom)

    def paragraph(self, items: Sequence[Inline], *, indent: float = 0.0, width: Optional[float] = None,
                  keep: int = 2, fallback: float = 9.5, leading: Optional[float] = None) -> list[Line]:
        """Wrap and draw ``items`` from the left margin (+ ``indent``), breaking across pages between lines.

        The first ``keep`` lines are kept together (``keep=0``: all of them).
        Returns the lines drawn.
        """
        lines = self.type.wrap(items, width if width is not None else self.paper.inner_width - indent)
        heights = [self.type.line_height(line, fallback, leading) for line in lines]
        self.ensure(sum(heights[:keep] if keep else heights))
        for line, height in zip(lines, heights):
            if not self.fits(height):
                self.new_page()
            self.type.draw_line(self.page, self.paper.left + indent, self.y, line, fallback, leading)
            self.y += height
        return lines

    def rule(self, width: float = 0.5, colour: Colour = BLACK) -> None:
        """A horizontal line across the text width at the current position."""
        self.canvas.line(self.page, self.paper.left, self.y, self.paper.width - self.paper.right, self.y, width, colour)


@dataclass(frozen=True)
class Block:
    """A paragraph inside a table cell."""

    items: Sequence[Inline]
    align: str = "left"  # "left", "right" or "center"
    space_before: float = 0.0
    fallback: float = 9.5  # line height for an empty block, as a font size


Cell = Sequence[Block]
GREY_RULE: Colour = (0.73, 0.73, 0.73)


class Table:
    """Rows of cells across the text width; a row never splits, the header repeats on each page."""

    def __init__(self, flow: Flow, widths: Sequence[float], header: Optional[Sequence[Cell]] = None,
                 pad_x: float = 1.2 * MM, pad_y: float = 1.3 * MM) -> None:
        total = sum(widths)
        self.flow = flow
        self.widths = [w / total * flow.paper.inner_width for w in widths]
        self.header = header
        self.pad_x, self.pad_y = pad_x, pad_y
        self._header_page = -1

    def _first_baseline(self, blocks: list[tuple[Block, list[Line]]]) -> float:
        """How far below the cell's top its first line's baseline sits."""
        if not blocks or not blocks[0][1]:
            return 0.0
        block, lines = blocks[0]
        size = lines[0].size or block.fallback
        return block.space_before + size * (self.flow.type.leading - 1) / 2 + ASCENT * size

    def _layout(self, cells: Sequence[Cell], pad_y: float) -> tuple[list[tuple[float, list[tuple[Block, list[Line]]]]], float]:
        """Each cell's lines with the drop that puts every first line on one baseline, and the row height."""
        flow = self.flow
        laid, heights = [], []
        for cell, width in zip(cells, self.widths):
            blocks = [(block, flow.type.wrap(block.items, width - 2 * self.pad_x)) for block in cell]
            heights.append(sum(b.space_before + sum(flow.type.line_height(l, b.fallback) for l in lines)
                               for b, lines in blocks))
            laid.append(blocks)
        baselines = [self._first_baseline(blocks) for blocks in laid]
        first = max(baselines, default=0.0)
        drops = [first - b for b in baselines]
        height = max((h + d for h, d in zip(heights, drops)), default=0.0) + 2 * pad_y
        return list(zip(drops, laid)), height

    def _draw(self, laid: list[tuple[float, list[tuple[Block, list[Line]]]]], height: float, pad_y: float,
              rule: float, rule_colour: Colour) -> None:
        flow = self.flow
        x = flow.paper.left
        for (drop, blocks), width in zip(laid, self.widths):
            y = flow.y + pad_y + drop
            for block, lines in blocks:
                y += block.space_before
                for line in lines:
                    inner = width - 2 * self.pad_x
                    shift = {"right": inner - line.width, "center": (inner - line.width) / 2}.get(block.align, 0.0)
                    y += flow.type.draw_line(flow.page, x + self.pad_x + shift, y, line, block.fallback)
            x += width
        flow.y += height
        flow.canvas.line(flow.page, flow.paper.left, flow.y, flow.paper.left + sum(self.widths), flow.y, rule, rule_colour)

    def _draw_header(self) -> None:
        if self.header:
            laid, height = self._layout(self.header, 0.8 * MM)
            self._draw(laid, height, 0.8 * MM, 0.8, BLACK)
        self._header_page = self.flow.page

    def row(self, cells: Sequence[Cell], keep_with_header: float = 0.0) -> None:
        """Draw one row, on a new page (after the header) when it does not fit on this one."""
        laid, height = self._layout(cells, self.pad_y)
        header_height = self._layout(self.header, 0.8 * MM)[1] if self.header and self._header_page != self.flow.page else 0.0
        self.flow.ensure(height + header_height + keep_with_header)
        if self._header_page != self.flow.page:
            self._draw_header()
        self._draw(laid, height, self.pad_y, 0.4, GREY_RULE)
