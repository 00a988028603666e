"""ANSI colour for the terminal: tone-coloured pinyin and when colour is wanted.

Used by the vocabulary table and the terminal quiz. Colour is off when NO_COLOR
is set or the output is not a terminal; tone colours use 24-bit escapes when the
terminal announces them (COLORTERM), else the nearest of the 16 basic colours.
"""

from __future__ import annotations

import os
from typing import Mapping, Optional, TextIO

from flashgen.chinese.tones import TONE_COLOURS, segments, syllables

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
