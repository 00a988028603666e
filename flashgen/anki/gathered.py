"""A vocabulary note that gathers every transcript its word occurs in (see :mod:`flashgen.library`)."""

from __future__ import annotations

from typing import Optional, Sequence

from flashgen.anki.card_html import _clean, highlight
from flashgen.models import Example, SourceUse

#: Examples on a note gathering several transcripts (one per transcript, the most recent first).
MAX_NOTE_EXAMPLES = 3


def gathered(first: Optional[Example], uses: Sequence[SourceUse],
             source_title: str) -> tuple[Optional[Example], list[Example], str]:
    """(example shown first, the others, the Source field's text) for a note of ``uses`` (most recent first).

    With fewer than two transcripts the note is as a single build makes it. With more, the first
    example's reading stands under it inside the Example field (the Example pinyin field is left
    empty) and the example audio is left out when the first example is another transcript's. The
    library knows words by their characters: a second reading of them (长 zhǎng) gathers nothing.
    """
    if len(uses) < 2:
        return first, [], source_title
    shown = [u.examples[0] for u in uses if u.examples][:MAX_NOTE_EXAMPLES]
    titles = " · ".join(dict.fromkeys(_clean(u.title).strip() or u.slug for u in uses))
    return (shown[0], shown[1:], titles) if shown else (first, [], titles)


def examples_html(first: Example, more: Sequence[Example], first_pinyin: str, words: list[str]) -> str:
    """The Example field: the first example (with its reading when more follow), then the others."""
    if not more:
        return highlight(first.shown, words)
    reading = f'<div class="ex-py">{first_pinyin}</div>' if first_pinyin else ""
    others = "".join(f'<div class="ex-more">{highlight(e.shown, [e.word or words[-1], *words])}</div>' for e in more)
    return highlight(first.shown, words) + reading + others
