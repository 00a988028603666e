"""Text helpers of the quiz's feedback: review intervals and sentence excerpts.

Colour (tone-coloured pinyin, emphasis) comes from :mod:`flashgen.export.ansi`.
"""

from __future__ import annotations

import re


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
