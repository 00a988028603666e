"""Pinyin tone helpers shared by every renderer (Anki, print, terminal quiz).

Renderers colour readings by tone; they get the tones from the
``pinyin_numbered`` field ("ren2 lei4"), never by re-reading the hanzi.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Sequence

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


def neutral_only(a: str, b: str) -> bool:
    """Whether two numbered syllables differ only as full vs. neutral tone (关系 xì / xi)."""
    return a[:-1].lower() == b[:-1].lower() and a != b and "5" in (a[-1:], b[-1:])


def same_but_neutral(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two numbered readings are the same but where one of them has the neutral tone (guan1 xi4 / guan1 xi5)."""
    return len(a) == len(b) and all(x == y or neutral_only(x, y) for x, y in zip(a, b))


@lru_cache(maxsize=8192)  # a text has a few hundred distinct syllables, each marked many times
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


@lru_cache(maxsize=8192)
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


#: A syllable of a numbered reading ("zhong1", "lü4", "de5"); other tokens are numbers, Latin, punctuation.
PINYIN_TOKEN = re.compile(r"^[a-zA-ZüÜ:]+[1-5]$")


@lru_cache(maxsize=1024)
def _base(ch: str) -> str:
    """A character without its tone mark, lower case (a handful of distinct letters: cached)."""
    return strip_marks(ch).lower()


@lru_cache(maxsize=8192)
def _plain_syllable(token: str) -> str:
    """A numbered syllable as written without its mark, lower case ("Zhong1" → "zhong", "lv4" → "lü")."""
    return strip_marks(mark_syllable(token)).lower()


def align(marked: str, tokens: list[str]) -> list[tuple[str, int]] | None:
    """Cut the written reading ``marked`` into pieces that follow ``tokens``, each with its tone.

    ``tokens`` are the numbered reading's tokens: syllables ("ren2"), and
    tokens a sentence reading carries as they are (numbers, Latin words,
    punctuation, which ``marked`` may or may not show). Returns (text, tone)
    pieces that join back into ``marked`` (NFC), keeping its capitals and
    spacing; tone 0 for everything that is not a syllable. A syllable's tone
    is the mark it shows (a sandhi spelling is coloured as written), else the
    token's. None when the two readings do not line up.
    """
    text = unicodedata.normalize("NFC", marked)
    n, pos = len(text), 0
    out: list[tuple[str, int]] = []

    def match(start: int, target: str) -> int | None:
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
                out.append((text[pos:end], 0))
                pos = end
            continue
        start = pos
        while pos < n and not text[pos].isalnum():
            pos += 1
        if pos > start:
            out.append((text[start:pos], 0))
        is_syllable = bool(PINYIN_TOKEN.match(tok))
        target = _plain_syllable(tok) if is_syllable else tok.lower()
        end = match(pos, target)
        if end is None:
            return None
        chunk = text[pos:end]
        if is_syllable:
            shown = tone_of_marked(chunk)
            out.append((chunk, shown if shown != 5 else tones(tok)[0]))
        else:
            out.append((chunk, 0))
        pos = end
    rest = text[pos:]
    if any(ch.isalnum() for ch in rest):
        return None
    if rest:
        out.append((rest, 0))
    return out


def segments(marked: str, pinyin_numbered: str) -> list[tuple[str, int]] | None:
    """A word's written reading cut into syllables coloured by tone (:func:`align`).

    "Liánhéguó" with "Lian2 he2 guo2" → [("Lián", 2), ("hé", 2), ("guó", 2)];
    separators (spaces, apostrophes, hyphens) are pieces of tone 0. None when
    the readings do not spell the same syllables with the same tones (a
    sandhi spelling such as "yídìng" for "yi1 ding4"): a word's printed
    reading then shows the dictionary syllables instead.
    """
    tokens = pinyin_numbered.split()
    pieces = align(marked, tokens) if tokens else None
    if pieces is None:
        return None
    wanted = [tone for tok, tone in zip(tokens, tones(pinyin_numbered)) if PINYIN_TOKEN.match(tok)]
    if [tone_of_marked(text) for text, tone in pieces if tone] != wanted:
        return None
    return pieces