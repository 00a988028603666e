"""Text helpers of the quiz's feedback: review intervals and sentence excerpts.

Colour (tone-coloured pinyin, emphasis) comes from :mod:`flashgen.export.ansi`.
"""

from __future__ import annotations

from flashgen.chinese.clauses import clause_window


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


def excerpt(text: str, term: str, width: int = 40, shown: str = "") -> str:
    """The clauses of ``text`` around ``term``, at most about ``width`` characters, "…" where cut.

    With ``shown`` (``text`` as written, character for character) the excerpt is cut on
    ``text`` and taken from ``shown``.
    """
    source = shown if len(shown) == len(text) else text
    at = text.find(term)
    if len(text) <= width or at < 0:
        return source
    lo, hi = clause_window(list(text), at, at + len(term), width)
    return ("…" if lo > 0 else "") + source[lo:hi] + ("…" if hi < len(text) else "")
