"""Clause trimming: the one algorithm that cuts a long sentence down to the part around a word.

A sentence is a sequence of pieces (its words, or its characters); it splits
into clauses after clause and sentence punctuation, never inside a quotation
or brackets. A window starts at the clauses holding the target and grows over
whole neighbouring clauses, the following one first, while it stays within a
width; a clause too long by itself is cut at pieces around the target.
Cloze sentences, the printed list's examples and the quiz's excerpts all trim
this way.
"""

from __future__ import annotations

from typing import Callable, Collection, Sequence

from flashgen.chinese.punctuation import BREAKS, CLAUSE_ENDS, DASHES, ENUMERATION_COMMA, SENTENCE_ENDS, SPACES, nesting

#: Marks a trimmed window does not end on: a clause that goes on (。！？ are kept).
WEAK_ENDS = CLAUSE_ENDS | DASHES | SPACES | {ENUMERATION_COMMA}


def split_clauses(pieces: Sequence[str], breaks: Collection[str] = BREAKS) -> list[tuple[int, int]]:
    """Ranges [a, b) of the pieces' clauses; each ends with its break marks. Quotations are not split."""
    out: list[tuple[int, int]] = []
    start, depth = 0, 0
    for i, piece in enumerate(pieces):
        depth = max(0, depth + nesting(piece))
        here = bool(piece) and all(ch in breaks for ch in piece)
        following = i + 1 < len(pieces) and bool(pieces[i + 1]) and all(ch in breaks for ch in pieces[i + 1])
        if here and depth == 0 and not following:
            out.append((start, i + 1))
            start = i + 1
    if start < len(pieces):
        out.append((start, len(pieces)))
    return out


def grow(sizes: Sequence[int], lo: int, hi: int, width: int,
         may_take: Callable[[int, int], bool] = lambda clause, total: True) -> tuple[int, int]:
    """Grow the clause window [lo, hi] (inclusive) over neighbours while its size stays within ``width``.

    The following clause is tried before the preceding one; ``may_take(clause,
    total)`` can refuse a clause (say, one another cloze item asks from).
    """
    total = sum(sizes[lo : hi + 1])
    grown = True
    while grown:
        grown = False
        for c in (hi + 1, lo - 1):
            if 0 <= c < len(sizes) and total + sizes[c] <= width and may_take(c, total):
                lo, hi, total, grown = min(lo, c), max(hi, c), total + sizes[c], True
    return lo, hi


def clause_window(pieces: Sequence[str], a: int, b: int, width: int) -> tuple[int, int]:
    """The pieces [lo, hi) to show around the target pieces [a, b), at most about ``width`` characters.

    Whole clauses when they fit; otherwise the target's clause cut piece by
    piece around the target (the following piece first), taking in a
    sentence-final mark right after the cut so a finished clause reads as one.
    """
    clauses = split_clauses(pieces)
    if not clauses:
        return a, b
    sizes = [sum(len(p) for p in pieces[x:y]) for x, y in clauses]
    first = next(i for i, (x, y) in enumerate(clauses) if x <= a < y) if a < len(pieces) else len(clauses) - 1
    last = next(i for i, (x, y) in enumerate(clauses) if x < b <= y) if b > 0 else first
    if sum(sizes[first : last + 1]) <= width:
        lo, hi = grow(sizes, first, last, width)
        return tidy(pieces, a, b, clauses[lo][0], clauses[hi][1])
    lo, hi = _cut(pieces, a, b, width, clauses[first][0], clauses[last][1])
    return tidy(pieces, a, b, lo, hi)


def tidy(pieces: Sequence[str], a: int, b: int, lo: int, hi: int) -> tuple[int, int]:
    """[lo, hi) without trailing clause marks after the target nor leading blanks before it."""
    while hi > b and pieces[hi - 1] and all(ch in WEAK_ENDS for ch in pieces[hi - 1]):
        hi -= 1
    while lo < a and not pieces[lo].strip():
        lo += 1
    return lo, hi


def _cut(pieces: Sequence[str], a: int, b: int, width: int, start: int, end: int) -> tuple[int, int]:
    """Grow [a, b) piece by piece within [start, end) up to ``width`` characters."""
    lo, hi = a, b
    size = sum(len(p) for p in pieces[a:b])
    right, left = hi < end, lo > start
    while right or left:
        if right:
            if size + len(pieces[hi]) > width:
                right = False
            else:
                hi, size = hi + 1, size + len(pieces[hi])
                right = hi < end
        if left:
            if size + len(pieces[lo - 1]) > width:
                left = False
            else:
                lo, size = lo - 1, size + len(pieces[lo - 1])
                left = lo > start
    while hi < end and pieces[hi].strip() and all(ch in SENTENCE_ENDS for ch in pieces[hi].strip()):
        hi += 1  # a sentence's own final mark, however narrow the window
    return lo, hi
