"""Pinyin tone helpers shared by every renderer (Anki, print, terminal quiz).

Renderers colour readings by tone; they get the tones from the
``pinyin_numbered`` field ("ren2 lei4"), never by re-reading the hanzi.
"""

from __future__ import annotations

import re
import unicodedata

#: The common colour convention (as in Pleco/Chinese Support): 1 red, 2 orange, 3 green, 4 blue, neutral grey.
TONE_COLOURS: dict[int, str] = {1: "#e30000", 2: "#e07b00", 3: "#1a9e1a", 4: "#1f5fd1", 5: "#808080"}

_MARKS = {1: "\u0304", 2: "\u0301", 3: "\u030c", 4: "\u0300"}
_NUMBERED = re.compile(r"^([a-zA-ZüÜv:]+?)([1-5])?$")
_TONE_OF_MARK = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}


def normalise_u(syllable: str) -> str:
    """Write ü for the ``v`` and ``u:`` spellings used by typists and CC-CEDICT."""
    s = syllable.replace("u:", "ü").replace("U:", "Ü")
    # "v" only ever stands for ü in pinyin (no syllable contains a real v).
    return s.replace("v", "ü").replace("V", "Ü")


def mark_syllable(syllable: str) -> str:
    """Turn one numbered syllable ("lv4", "zhong1", "ma5", "r5") into tone marks ("lǜ")."""
    m = _NUMBERED.match(syllable)
    if not m:
        return syllable
    body, tone = normalise_u(m.group(1)), int(m.group(2) or 5)
    if tone == 5 or tone not in _MARKS:
        return body
    lower = body.lower()
    # Standard placement: a or e takes the mark; in "ou" the o; otherwise the last vowel.
    if "a" in lower:
        idx = lower.index("a")
    elif "e" in lower:
        idx = lower.index("e")
    elif "ou" in lower:
        idx = lower.index("o")
    else:
        idx = max((i for i, ch in enumerate(lower) if ch in "iouü"), default=-1)
        if idx < 0:  # syllabic consonants (m2, ng2, r5): mark the first letter
            idx = 0
    return unicodedata.normalize("NFC", body[: idx + 1] + _MARKS[tone] + body[idx + 1 :])


def numbered_to_marked(pinyin_numbered: str, joiner: str = "") -> str:
    """"gong4 tong2 ti3" → "gòngtóngtǐ" (``joiner`` between syllables)."""
    return joiner.join(mark_syllable(s) for s in pinyin_numbered.split())


def tone_of_marked(syllable: str) -> int:
    """Tone (1–5) of a tone-marked syllable ("gòng" → 4, "de" → 5)."""
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in _TONE_OF_MARK:
            return _TONE_OF_MARK[ch]
    return 5


def strip_marks(text: str) -> str:
    """Remove tone marks but keep ü ("lǜ" → "lü")."""
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if ch in _TONE_OF_MARK:
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def tones(pinyin_numbered: str) -> list[int]:
    """Tones of each syllable of a numbered reading ("ren2 lei4" → [2, 4])."""
    result = []
    for syl in pinyin_numbered.split():
        m = _NUMBERED.match(syl)
        result.append(int(m.group(2) or 5) if m else 5)
    return result


def syllables(pinyin_numbered: str) -> list[tuple[str, int]]:
    """Each syllable as (tone-marked text, tone): "ren2 lei4" → [("rén", 2), ("lèi", 4)]."""
    return [(mark_syllable(s), t) for s, t in zip(pinyin_numbered.split(), tones(pinyin_numbered))]


def segments(marked: str, pinyin_numbered: str) -> list[tuple[str, int]] | None:
    """Cut the written reading ``marked`` into syllables coloured by ``pinyin_numbered``.

    Returns (text, tone) pieces — tone 0 for separators (spaces, apostrophes,
    hyphens) — that join back into ``marked``, keeping its capitals and word
    spacing ("Liánhéguó", "rénlèi mìngyùn"); None when the two readings do not
    spell the same syllables.
    """
    shown = unicodedata.normalize("NFC", marked)
    parts = syllables(pinyin_numbered)
    out: list[tuple[str, int]] = []
    i = 0
    for text, tone in parts:
        start = i
        while i < len(shown) and shown[i] in " '’-":
            i += 1
        if i > start:
            out.append((shown[start:i], 0))
        piece = shown[i : i + len(text)]
        if piece.lower() != unicodedata.normalize("NFC", text).lower():
            return None
        out.append((piece, tone))
        i += len(text)
    if i != len(shown) or not parts:
        return None
    return out
