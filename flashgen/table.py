"""Aligned terminal tables with tone-coloured pinyin."""

from __future__ import annotations

import os
import sys
import unicodedata
from typing import IO, Optional, Sequence

from .levels import hsk_label
from .models import VocabItem
from .tones import TONE_COLOURS, syllables


def use_colour(stream: Optional[IO[str]] = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def width(text: str) -> int:
    """Display width: wide and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _ansi(hex_colour: str, text: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"\x1b[38;2;{r};{g};{b}m{text}\x1b[0m"


def coloured_pinyin(item_pinyin: str, numbered: str, colour: bool) -> str:
    """Tone-coloured pinyin (plain text when ``colour`` is off or the syllables do not line up)."""
    if not colour:
        return item_pinyin
    parts = syllables(numbered)
    if not parts:
        return item_pinyin
    return "".join(_ansi(TONE_COLOURS[tone], text) for text, tone in parts)


def _pad(text: str, shown: str, cols: int) -> str:
    return shown + " " * max(0, cols - width(text))


def _truncate(text: str, cols: int) -> str:
    if width(text) <= cols:
        return text
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > cols - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def vocab_table(items: Sequence[VocabItem], colour: bool = False, meaning_width: int = 60) -> str:
    """A readable table: #, 汉字, pinyin, HSK, count, meaning."""
    headers = ["#", "汉字", "pinyin", "HSK", "n", "meaning"]
    rows = []
    for n, item in enumerate(items, start=1):
        meaning = "; ".join(item.meanings[:3])
        if item.measure_words:
            meaning += f"  [CL: {', '.join(item.measure_words)}]"
        mark = "*" if item.term else ""
        rows.append([str(n), item.hanzi + mark, item.pinyin, hsk_label(item.hsk), str(item.count), _truncate(meaning, meaning_width)])
    widths = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    lines = ["  ".join(_pad(h, h, widths[i]) for i, h in enumerate(headers)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row, item in zip(rows, items):
        shown = list(row)
        shown[2] = coloured_pinyin(item.pinyin, item.pinyin_numbered, colour)
        lines.append("  ".join(_pad(row[i], shown[i], widths[i]) for i in range(len(row))).rstrip())
    lines.append("")
    lines.append("* diplomatic glossary term. Definitions: CC-CEDICT (CC BY-SA 4.0).")
    return "\n".join(lines) + "\n"
