"""Punctuation classes of Chinese (and Western) text: the one home every stage uses.

The reader's sentence splitter, the cloze and example trimming, the line
breaking of printed text and the quiz's excerpts all ask these sets; a stage
that needs a narrower or wider class composes it from them, never spells out
its own.
"""

from __future__ import annotations

#: Marks that end a sentence.
SENTENCE_ENDS = frozenset("。！？!?…")
#: Marks that end a clause inside a sentence (the enumeration comma 、 is apart: it joins list items).
CLAUSE_ENDS = frozenset("，；：,;:")
ENUMERATION_COMMA = "、"
#: Every mark a clause ends at: sentence and clause marks.
BREAKS = SENTENCE_ENDS | CLAUSE_ENDS
#: Dashes that may stand between clauses.
DASHES = frozenset("—")
#: Spaces that separate clauses in speech-recognition output and subtitles.
SPACES = frozenset(" \u3000")

#: Opening and closing quotation marks and brackets, pairwise.
QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ("《", "》"), ("〈", "〉"), ("「", "」"), ("『", "』"), ("（", "）"), ("(", ")"),
               ("【", "】"), ("[", "]"))
OPENING = frozenset(o for o, _ in QUOTE_PAIRS)
CLOSING = frozenset(c for _, c in QUOTE_PAIRS)
#: Quotation marks proper (a quotation ending after its own sentence mark ends the sentence: 他说：“好。”).
QUOTATION_CLOSING = frozenset("”」』")

#: Never at the start of a line: closing brackets and the marks that follow a word.
NO_LINE_START = CLOSING | BREAKS | frozenset("、.·")
#: Never at the end of a line: opening brackets.
NO_LINE_END = OPENING


def is_break(text: str) -> bool:
    """``text`` is clause or sentence punctuation only (spaces allowed around it)."""
    stripped = text.strip()
    return bool(stripped) and all(ch in BREAKS for ch in stripped)


def may_break_line(before: str, after: str) -> bool:
    """A line may break between two words: never after an opening bracket or before closing punctuation."""
    return not (before and before[-1] in NO_LINE_END) and not (after and after[0] in NO_LINE_START)


def nesting(text: str) -> int:
    """How many brackets or quotation marks ``text`` opens, less those it closes."""
    return sum(ch in OPENING for ch in text) - sum(ch in CLOSING for ch in text)
