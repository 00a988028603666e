"""Card HTML for the Anki deck: escaping, tone colours on hanzi, pinyin and zhuyin, highlights.

Everything from the transcript is escaped here before any markup is added;
tone colours are CSS classes ``tone1``–``tone5`` (see ``deck_templates``),
taken from ``pinyin_numbered`` and never guessed from the hanzi.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Iterable, Optional

from flashgen.chinese.hanzi import is_hanzi
from flashgen.chinese.tones import PINYIN_TOKEN, align, mark_syllable, tones

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # \x1f separates fields in Anki's DB


def _clean(text: Optional[str]) -> str:
    return _CONTROL.sub("", text or "")


# Anki's own bracket tags, read from a field's stored text: [sound:x.mp3] plays media, [latex]…[/latex],
# [$]…[/$] and [$$]…[/$$] run LaTeX, [anki:tts]…[/anki:tts] speaks. Their "[" as an entity shows the
# same and is never a tag.
_ANKI_TAG = re.compile(r"\[(?=/?(?:latex\]|\$\$?\]|sound:|anki:))", re.IGNORECASE)


def defuse_tags(field: str) -> str:
    """A field's HTML with the ``[`` of every Anki media/LaTeX/TTS tag written as an entity.

    Applied to whole fields as well as in :func:`esc`: a tag can be put back
    together from pieces escaped one by one (pinyin aligned syllable by syllable).
    """
    return _ANKI_TAG.sub("&#91;", field)


def esc(text: Optional[str]) -> str:
    """HTML-escape untrusted text for a field.

    ``{``/``}`` too (field text never looks like a template), and the ``[`` of
    Anki's media, LaTeX and TTS tags (field text never plays or typesets anything).
    """
    escaped = html.escape(_clean(text), quote=True).replace("{", "&#123;").replace("}", "&#125;")
    return defuse_tags(escaped)




def _span(tone: int, text: str) -> str:
    return f'<span class="tone{tone}">{text}</span>'


def colour_hanzi(text: str, pinyin_numbered: str) -> str:
    """Escaped ``text`` with each CJK character wrapped in its syllable's tone class.

    Characters are paired with syllables only when the counts match (all
    tokens, or else only the tone-numbered tokens, against the CJK characters);
    otherwise the text is returned uncoloured. Latin letters and digits are
    never coloured.
    """
    cjk = [ch for ch in text if is_hanzi(ch)]
    tokens = pinyin_numbered.split()
    if not cjk:
        return esc(text)
    if len(tokens) != len(cjk):
        tokens = [t for t in tokens if PINYIN_TOKEN.match(t)]
        if len(tokens) != len(cjk):
            return esc(text)
    tone_iter = iter(tones(" ".join(tokens)))
    # A Chinese character needs no escaping.
    return "".join(_span(next(tone_iter), ch) if is_hanzi(ch) else esc(ch) for ch in text)


@lru_cache(maxsize=4096)  # one example sentence serves many words: align it once
def colour_pinyin(marked: str, pinyin_numbered: str) -> str:
    """Tone-coloured HTML for a reading: the tone-marked text as given, one span per syllable.

    Falls back to building the reading from the numbered syllables when no
    tone-marked text is given, and to the escaped text when they disagree.
    """
    tokens = pinyin_numbered.split()
    if not tokens:
        return esc(marked)
    if not marked.strip():
        return "".join(
            _span(tone, esc(mark_syllable(tok))) if PINYIN_TOKEN.match(tok) else esc(tok)
            for tok, tone in zip(tokens, tones(pinyin_numbered))
        )
    pieces = align(marked, tokens)
    if pieces is None:
        return esc(marked)
    return "".join(_span(tone, esc(text)) if tone else esc(text) for text, tone in pieces)


_ZHUYIN_TONES = {"ˊ": 2, "ˇ": 3, "ˋ": 4, "˙": 5}


def colour_zhuyin(zhuyin: str) -> str:
    """Zhuyin syllables (space separated) coloured by the tone mark each one shows."""
    parts = []
    for syl in zhuyin.split():
        if any(0x3105 <= ord(c) <= 0x312F or 0x31A0 <= ord(c) <= 0x31BF for c in syl):
            tone = next((t for mark, t in _ZHUYIN_TONES.items() if mark in syl), 1)
            parts.append(_span(tone, esc(syl)))
        else:
            parts.append(esc(syl))
    return " ".join(parts)


def highlight(text: str, words: Iterable[str], before: str = '<b class="hl">', after: str = "</b>") -> str:
    """Escaped ``text`` with every occurrence of ``words`` (longest first) wrapped in markup."""
    text = _clean(text)
    words = sorted({w for w in (_clean(w) for w in words) if w}, key=len, reverse=True)
    if not words:
        return esc(text)
    pattern = re.compile("|".join(re.escape(w) for w in words))
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(esc(text[pos : m.start()]))
        out.append(before + esc(m.group(0)) + after)
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out)


def blank_out(text: str, word: str) -> str:
    """Escaped ``text`` with ``word`` replaced by a blank of one ＿ per character ("" if absent)."""
    text, word = _clean(text), _clean(word)
    if not word or word not in text:
        return ""
    blank = '<span class="blank">' + "＿" * len(word) + "</span>"
    return blank.join(esc(part) for part in text.split(word))
