"""Card HTML for the Anki deck: escaping, tone colours on hanzi, pinyin and zhuyin, highlights.

Everything from the transcript is escaped here before any markup is added;
tone colours are CSS classes ``tone1``–``tone5`` (see ``deck_templates``),
taken from ``pinyin_numbered`` and never guessed from the hanzi.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Iterable, Optional, Sequence

from .hanzi import is_hanzi
from .tones import mark_syllable, strip_marks, tone_of_marked, tones

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # \x1f separates fields in Anki's DB


def _clean(text: Optional[str]) -> str:
    return _CONTROL.sub("", text or "")


def esc(text: Optional[str]) -> str:
    """HTML-escape untrusted text for a field (``{``/``}`` too: field text never looks like a template)."""
    return html.escape(_clean(text), quote=True).replace("{", "&#123;").replace("}", "&#125;")


_PINYIN_TOKEN = re.compile(r"^[a-zA-ZüÜ:]+[1-5]$")


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
        tokens = [t for t in tokens if _PINYIN_TOKEN.match(t)]
        if len(tokens) != len(cjk):
            return esc(text)
    tone_iter = iter(tones(" ".join(tokens)))
    return "".join(_span(next(tone_iter), esc(ch)) if is_hanzi(ch) else esc(ch) for ch in text)


def _base(ch: str) -> str:
    return strip_marks(ch).lower()


def _align(marked: str, tokens: Sequence[str]) -> Optional[str]:
    """Colour tone-marked ``marked`` syllable by syllable, syllables found from ``tokens``.

    Returns None when the two readings do not line up. The colour is the tone
    of the mark shown (so a sandhi spelling is coloured as written), or the
    token's tone when the syllable shows no mark.
    """
    text = unicodedata.normalize("NFC", marked)
    n, pos, out = len(text), 0, []

    def match(start: int, target: str) -> Optional[int]:
        i, j = start, 0
        while j < len(target):
            if i >= n:
                return None
            if unicodedata.combining(text[i]):
                i += 1
                continue
            if _base(text[i]) != target[j]:
                return None
            i, j = i + 1, j + 1
        while i < n and unicodedata.combining(text[i]):
            i += 1
        return i

    for tok in tokens:
        if not any(ch.isalnum() for ch in tok):  # punctuation token: optional in the marked text
            end = match(pos, tok.lower())
            if end is not None:
                out.append(esc(text[pos:end]))
                pos = end
            continue
        while pos < n and not text[pos].isalnum():
            out.append(esc(text[pos]))
            pos += 1
        is_pinyin = bool(_PINYIN_TOKEN.match(tok))
        target = strip_marks(mark_syllable(tok)).lower() if is_pinyin else tok.lower()
        end = match(pos, target)
        if end is None:
            return None
        chunk = text[pos:end]
        if is_pinyin:
            shown = tone_of_marked(chunk)
            tone = shown if shown != 5 else tones(tok)[0]
            out.append(_span(tone, esc(chunk)))
        else:
            out.append(esc(chunk))
        pos = end
    rest = text[pos:]
    if any(ch.isalnum() for ch in rest):
        return None
    out.append(esc(rest))
    return "".join(out)


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
            _span(tone, esc(mark_syllable(tok))) if _PINYIN_TOKEN.match(tok) else esc(tok)
            for tok, tone in zip(tokens, tones(pinyin_numbered))
        )
    aligned = _align(marked, tokens)
    return esc(marked) if aligned is None else aligned


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
