"""Aligned terminal tables with tone-coloured pinyin."""

from __future__ import annotations

import sys
import unicodedata
from typing import Optional, Sequence, TextIO

from flashgen.export.ansi import Painter, colour_wanted
from flashgen.chinese.levels import hsk_label
from flashgen.models import COMPOSED_MARK, Script, VocabItem


def use_colour(stream: Optional[TextIO] = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return colour_wanted(stream or sys.stdout)


def width(text: str) -> int:
    """Display width: wide and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def coloured_pinyin(item_pinyin: str, numbered: str, colour: bool) -> str:
    """Tone-coloured pinyin as written (plain text when ``colour`` is off)."""
    return Painter(colour).pinyin(numbered, written=item_pinyin) if colour else item_pinyin


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


def vocab_table(items: Sequence[VocabItem], colour: bool = False, meaning_width: int = 60, note: str = "",
                script: Script = "simplified") -> str:
    """A readable table: #, 汉字 (the headword in ``script``), pinyin, HSK, count, meaning."""
    headers = ["#", "汉字" if script == "simplified" else "漢字", "pinyin", "HSK", "n", "meaning"]
    rows = []
    for n, item in enumerate(items, start=1):
        meaning = (COMPOSED_MARK if item.composed else "") + "; ".join(item.meanings[:3])
        if item.measure_words:
            meaning += f"  [CL: {', '.join(item.measure_words)}]"
        mark = "*" if item.term else ""
        rows.append([str(n), item.headword + mark, item.pinyin, hsk_label(item.hsk), str(item.count), _truncate(meaning, meaning_width)])
    widths = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    lines = ["  ".join(_pad(h, h, widths[i]) for i, h in enumerate(headers)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row, item in zip(rows, items):
        shown = list(row)
        shown[2] = coloured_pinyin(item.pinyin, item.pinyin_numbered, colour)
        lines.append("  ".join(_pad(row[i], shown[i], widths[i]) for i in range(len(row))).rstrip())
    lines.append("")
    lines.append("* diplomatic glossary term. ≈ meaning composed from the word's parts. Definitions: CC-CEDICT (CC BY-SA 4.0).")
    if note:  # what the selection leaves out, e.g. "HSK 1–2 words and function words left out (--all keeps them)"
        lines.append(note[:1].upper() + note[1:] + ".")
    return "\n".join(lines) + "\n"
