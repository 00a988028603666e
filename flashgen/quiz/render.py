"""Terminal output of the quiz: tone-coloured pinyin, emphasis, and when colour is on."""

from __future__ import annotations

import os
import re
from typing import Mapping, Optional, TextIO

from ..tones import TONE_COLOURS, segments, syllables

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
GREEN = "\x1b[32m"
RED = "\x1b[31m"
YELLOW = "\x1b[33m"

# xterm's default 16-colour palette: tone colours are mapped to the nearest of these
# when the terminal does not announce 24-bit colour.
_PALETTE: dict[int, tuple[int, int, int]] = {
    31: (205, 0, 0), 32: (0, 205, 0), 33: (205, 205, 0), 34: (0, 0, 238),
    35: (205, 0, 205), 36: (0, 205, 205), 90: (127, 127, 127), 91: (255, 0, 0),
    92: (0, 255, 0), 93: (255, 255, 0), 94: (92, 92, 255), 95: (255, 0, 255), 96: (0, 255, 255),
}


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def nearest_ansi(hex_colour: str) -> int:
    """The SGR code of the 16-colour palette entry nearest to ``hex_colour``."""
    r, g, b = _rgb(hex_colour)
    return min(_PALETTE, key=lambda c: sum((x - y) ** 2 for x, y in zip(_PALETTE[c], (r, g, b))))


def tone_sgr(tone: int, truecolour: bool) -> str:
    """The escape sequence that colours text of ``tone`` (1–5)."""
    hex_colour = TONE_COLOURS.get(tone, TONE_COLOURS[5])
    if truecolour:
        r, g, b = _rgb(hex_colour)
        return f"\x1b[38;2;{r};{g};{b}m"
    return f"\x1b[{nearest_ansi(hex_colour)}m"


def colour_wanted(stream: TextIO, environ: Optional[Mapping[str, str]] = None) -> bool:
    """Colour only on a terminal and never when NO_COLOR is set (https://no-color.org)."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Painter:
    """Wraps text in ANSI escapes, or returns it unchanged when colour is off."""

    def __init__(self, enabled: bool, environ: Optional[Mapping[str, str]] = None) -> None:
        env = os.environ if environ is None else environ
        self.enabled = enabled
        self.truecolour = env.get("COLORTERM", "").lower() in ("truecolor", "24bit")

    def style(self, text: str, sgr: str) -> str:
        """``text`` in the style ``sgr`` (an escape sequence)."""
        return f"{sgr}{text}{RESET}" if self.enabled and text else text

    def pinyin(self, pinyin_numbered: str, joiner: str = "", written: str = "") -> str:
        """Tone-marked pinyin, each syllable in its tone colour ("gòngtóngtǐ").

        ``written`` is the reading as the item writes it (capitals, word spacing:
        "Liánhéguó", "rénlèi mìngyùn"); it is shown when it spells the same syllables.
        """
        pieces = segments(written, pinyin_numbered) if written else None
        if pieces is None:
            pieces = []
            for n, (marked, tone) in enumerate(syllables(pinyin_numbered)):
                if n and joiner:
                    pieces.append((joiner, 0))
                pieces.append((marked, tone))
        return "".join(text if tone == 0 else self.style(text, tone_sgr(tone, self.truecolour)) for text, tone in pieces)

    def highlight(self, text: str, term: str) -> str:
        """``text`` with each occurrence of ``term`` in bold."""
        if not term or not self.enabled:
            return text
        return text.replace(term, self.style(term, BOLD))


def pinyin_plain(pinyin_numbered: str) -> str:
    """Tone-marked pinyin without colour ("gong4 tong2 ti3" → "gòngtóngtǐ")."""
    return "".join(marked for marked, _tone in syllables(pinyin_numbered))


def when(delta_seconds: float) -> str:
    """A short human interval: "in 10 min", "in 3 h", "in 4 days", "now"."""
    s = max(0.0, delta_seconds)
    if s < 60:
        return "now"
    if s < 3600:
        return f"in {round(s / 60)} min"
    if s < 86400:
        return f"in {round(s / 3600)} h"
    days = round(s / 86400)
    return f"in {days} day" + ("" if days == 1 else "s")


def excerpt(text: str, term: str, width: int = 40) -> str:
    """The clauses of ``text`` around ``term``, at most about ``width`` characters, "…" where cut."""
    if len(text) <= width or term not in text:
        return text
    clauses = re.findall(r"[^，；：。！？,;]+[，；：。！？,;]*", text)
    at = next(i for i, c in enumerate(clauses) if term in c) if any(term in c for c in clauses) else 0
    lo, hi = at, at + 1
    while True:  # grow around the term's clause, the following clause first
        grown = False
        if hi < len(clauses) and sum(map(len, clauses[lo : hi + 1])) <= width:
            hi, grown = hi + 1, True
        if lo > 0 and sum(map(len, clauses[lo - 1 : hi])) <= width:
            lo, grown = lo - 1, True
        if not grown:
            break
    return ("…" if lo > 0 else "") + "".join(clauses[lo:hi]) + ("…" if hi < len(clauses) else "")
