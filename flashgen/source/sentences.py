"""Sentences of a paragraph: the structure stage's rules 5 and 6 (see :mod:`flashgen.source.structure`).

5. **Sentences.** A paragraph splits after ``。！？；…`` (and ``!?``) plus
   the closing quotes and brackets that follow, never inside a matched
   ``“…”`` or ``《…》``.
6. **Run-ons.** A sentence longer than ``MAX_SENTENCE_CHARS`` (speech
   recognition output without full stops, a pasted table) is cut at its
   commas and other clause marks into pieces of at most that length; a clause
   that is longer still is cut at spaces, else every ``MAX_SENTENCE_CHARS``
   characters.
"""

from __future__ import annotations

import re

from flashgen.chinese.punctuation import CLAUSE_ENDS, CLOSING, ENUMERATION_COMMA, QUOTATION_CLOSING, SENTENCE_ENDS, SPACES

MAX_SENTENCE_CHARS = 200
#: Closing marks that stay with the sentence they end.
SENTENCE_CLOSERS = CLOSING | {"\"", "'"}
_ENDERS = SENTENCE_ENDS | {"；"}  # where sentences split
_NO_SENTENCE_START = (CLAUSE_ENDS - {"；"}) | {ENUMERATION_COMMA}  # a split before these would leave a broken sentence
_QUOTE_CLOSERS = QUOTATION_CLOSING  # a quotation closing after its own ender ends the sentence
_MAX_PROTECTED = 200  # a longer "quotation" is a quoted passage: split it into sentences
_QUOTE_PAIRS = {"“": "”", "《": "》", "「": "」", "『": "』", "〈": "〉"}
_CLAUSE_CUT = re.compile("(?<=[%s])" % re.escape("".join(sorted(CLAUSE_ENDS | SPACES | {ENUMERATION_COMMA}))))  # after a clause mark, which stays with its clause
_WS = re.compile(r"\s+")


def clean(text: str) -> str:
    """Each run of whitespace as one space, edges trimmed."""
    return _WS.sub(" ", text).strip()


def _protected(text: str) -> list[bool]:
    """For each position, whether it lies inside a matched “…” / 《…》 pair (the closer is outside)."""
    inside = [False] * len(text)
    stack: list[tuple[str, int]] = []
    for pos, char in enumerate(text):
        if char in _QUOTE_PAIRS:
            stack.append((char, pos))
            continue
        if char not in _QUOTE_CLOSERS and char not in "》〉":
            continue
        # A closer matches the innermost opener of its kind; unmatched closers are
        # ignored. Real nesting is shallow: looking 8 deep keeps hostile input linear.
        depth = next((d for d in range(len(stack) - 1, max(-1, len(stack) - 9), -1)
                      if _QUOTE_PAIRS[stack[d][0]] == char), None)
        if depth is not None:
            start = stack[depth][1]
            del stack[depth:]
            if pos - start <= _MAX_PROTECTED:
                inside[start + 1:pos] = [True] * (pos - start - 1)
    return inside


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into cleaned sentences (module docstring, rule 5)."""
    inside = _protected(text)
    sentences: list[str] = []
    start, i, n = 0, 0, len(text)
    while i < n:
        char = text[i]
        # “…。” ends the sentence with the quotation; a book title 《为什么？》 does not.
        ends = not inside[i] and (char in _ENDERS or (
            char in _QUOTE_CLOSERS and i > 0 and text[i - 1] in _ENDERS and inside[i - 1]))
        if not ends:
            i += 1
            continue
        j = i + 1
        while j < n and (text[j] in _ENDERS or text[j] in SENTENCE_CLOSERS):
            j += 1
        k = j
        while k < n and text[k].isspace():
            k += 1
        if k < n and text[k] in _NO_SENTENCE_START:
            i = j  # "等等……，然后" goes on
            continue
        if clean(text[start:j]):
            sentences.extend(_split_long(clean(text[start:j])))
        start = i = j
    if clean(text[start:]):
        sentences.extend(_split_long(clean(text[start:])))
    return sentences


def _split_long(sentence: str) -> list[str]:
    """Rule 6: a run-on sentence cut into pieces of at most MAX_SENTENCE_CHARS."""
    if len(sentence) <= MAX_SENTENCE_CHARS:
        return [sentence]
    pieces: list[str] = []
    current = ""
    for clause in _CLAUSE_CUT.split(sentence):
        if current and len(current) + len(clause) > MAX_SENTENCE_CHARS:
            pieces.append(current)
            current = ""
        while len(clause) > MAX_SENTENCE_CHARS:  # no clause mark for too long: cut it hard
            pieces.append(clause[:MAX_SENTENCE_CHARS])
            clause = clause[MAX_SENTENCE_CHARS:]
        current += clause
    if current:
        pieces.append(current)
    return [piece.strip() for piece in pieces if piece.strip()]
