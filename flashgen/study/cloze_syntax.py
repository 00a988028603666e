"""Anki's cloze syntax, ``{{c1::answer::hint}}``: the one definition that writes and reads it.

Cloze items carry their text in this syntax; the deck re-emits it escaped,
the worksheets and the quiz read it back into pieces.
"""

from __future__ import annotations

import re
from typing import Callable

#: A deletion: group 1 its number, 2 the answer, 3 the hint (None when absent).
CLOZE_RE = re.compile(r"\{\{c(\d+)::(.*?)(?:::([^}]*))?\}\}", re.DOTALL)


def deletion(n: int, answer: str, hint: str = "") -> str:
    """The cN deletion of ``answer`` with an optional hint."""
    return f"{{{{c{n}::{answer}::{hint}}}}}" if hint else f"{{{{c{n}::{answer}}}}}"


def strip_markup(cloze: str) -> str:
    """The plain text of a cloze: each deletion replaced by its answer."""
    return CLOZE_RE.sub(r"\2", cloze)


def cloze_segments(cloze: str) -> list[tuple[str, int, str]]:
    """A cloze split into (text, n, hint) pieces: n = 0 for plain text, else the deletion's cN."""
    out, at = [], 0
    for m in CLOZE_RE.finditer(cloze):
        if m.start() > at:
            out.append((cloze[at : m.start()], 0, ""))
        out.append((m.group(2), int(m.group(1)), m.group(3) or ""))
        at = m.end()
    if at < len(cloze):
        out.append((cloze[at:], 0, ""))
    return out


def map_cloze(cloze: str, plain: Callable[[str], str], deleted: Callable[[int, str, str], str]) -> str:
    """Rebuild a cloze piece by piece: ``plain(text)`` for text, ``deleted(n, answer, hint)`` for deletions."""
    return "".join(deleted(n, text, hint) if n else plain(text) for text, n, hint in cloze_segments(cloze))
