"""Readings of words in context: tone-marked and numbered pinyin, and zhuyin.

Order of authority, most trusted first: the user's overrides file, the
diplomatic glossary, CC-CEDICT when it gives the word a single reading (for
its part of speech: common words prefer lower-case entries, names the
capitalised ones), and pypinyin's phrase-aware reading to choose among several
CC-CEDICT readings or for words CC-CEDICT lacks (these are read part by part,
so 重回 inside an unknown compound still gets CC-CEDICT's chóng).
Tones are citation tones: 一 is yī and 不 is bù everywhere (as in dictionaries).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Optional, Sequence

from flashgen.chinese.hanzi import HANZI
from flashgen.chinese.lexicon import lexicon
from flashgen.models import PERSON_FLAGS
from flashgen.chinese.tones import mark_syllable, normalise_u
from flashgen.chinese.zhuyin import zhuyin_syllable

#: Structural particles (jieba flags u*) are toneless: 得 in 做得好 is de, not dé.
#: Month and weekday names, which CC-CEDICT capitalises after English (San1 yue4 "March")
#: but Chinese spelling rules write in lower case (sānyuè, xīngqīyī); festivals keep capitals.
COMMON_CALENDAR = re.compile(r"(?:[一二三四五六七八九十]|十[一二])月|(?:星期|礼拜)[一二三四五六日天]")
PARTICLES = {"的": "de5", "地": "de5", "得": "de5", "了": "le5", "着": "zhe5", "过": "guo5"}


def prefers_proper(word: str, pos: str) -> bool:
    """Whether CC-CEDICT's proper-noun entries come first for this use of ``word``.

    Person names and abbreviations (俄 Russia, jieba flag "j") do, and so do
    single-character place abbreviations (美 America). Other words tagged as
    places or proper nouns prefer the common-word entry when CC-CEDICT has one:
    in prose 和平 is hépíng "peace" and 安宁 ānníng "calm", not the districts.
    """
    return pos in PERSON_FLAGS or pos == "j" or (pos == "ns" and len(word) == 1)


def _norm(reading: str) -> str:
    """Canonical form of a CC-CEDICT reading for comparisons ("Lu:4" → "lü4")."""
    return normalise_u(reading).lower()


def _pypinyin(word: str) -> list[str]:
    """pypinyin's phrase-aware numbered reading of ``word``, one syllable per hanzi."""
    from pypinyin import Style, pinyin

    out = []
    for item in pinyin(word, style=Style.TONE3, neutral_tone_with_five=True, heteronym=False, errors="ignore"):
        syl = item[0]
        if syl and not syl[-1].isdigit():
            syl += "5"
        out.append(normalise_u(syl))
    return out


def _cedict_choice(word: str, proper: bool, guess: Callable[[], list[str]]) -> Optional[list[str]]:
    """The CC-CEDICT reading of ``word`` for this use, or None when it has none.

    ``guess()`` gives pypinyin's reading, asked for only to choose among several
    (pypinyin costs about half a millisecond a word).
    """
    readings = _entry_readings(word)
    if not readings:
        return None
    distinct = dictionary_readings(word, proper)
    if len(distinct) == 1:
        return normalise_u(next(iter(distinct.values()))).split()
    key = " ".join(guess()).lower()
    if key in distinct:
        return normalise_u(distinct[key]).split()
    for r in readings:  # pypinyin agrees with a reading of the other kind
        if _norm(r) == key:
            return normalise_u(r).split()
    # No exact agreement: the reading closest to pypinyin's, then the one that keeps
    # citation tones for 一/不 (CC-CEDICT's 不是 bú shi "fault" must not win over bù shì).
    said = key.split()

    def score(reading: str) -> tuple[int, int]:
        sylls = reading.split()
        agree = sum(a == b for a, b in zip(sylls, said))
        citation = sum(s == {"一": "yi1", "不": "bu4"}[ch] for ch, s in zip(word, sylls) if ch in "一不")
        return agree, citation

    return normalise_u(max(distinct, key=score)).split()


@lru_cache(maxsize=65536)
def _entry_readings(word: str) -> tuple[str, ...]:
    """CC-CEDICT's readings of ``word`` with one syllable per hanzi, as written there."""
    n = sum(1 for ch in word if HANZI.match(ch))
    return tuple(e.pinyin for e in lexicon().entries(word) if len(e.pinyin.split()) == n)


def dictionary_readings(word: str, proper: bool) -> dict[str, str]:
    """CC-CEDICT's distinct readings of ``word`` for this use (proper-noun entries first when
    ``proper``, else common ones; the other kind only if there is none), keyed by canonical form."""
    readings = _entry_readings(word)
    preferred = [r for r in readings if r[:1].isupper() == proper] or readings
    distinct: dict[str, str] = {}
    for r in preferred:
        distinct.setdefault(_norm(r), r)
    return distinct


#: Words CC-CEDICT reads two ways whose usual reading in news and politics pypinyin misses.
REGISTER = {
    "正当": "zheng4 dang4",  # legitimate (正当权益), not zhèngdāng "just when"
    "不是": "bu4 shi4",  # is not; bú shi "fault" is rare
    "当天": "dang4 tian1",  # that very day, as the standard dictionaries read it (除夕当天)
    "分子": "fen4 zi3",  # members of a group (恐怖分子, 不法分子); fēnzǐ "molecule" is rare in this genre
}


@lru_cache(maxsize=65536)
def numbered(word: str, pos: str = "", guesser: Optional[Callable[[str], list[str]]] = None) -> tuple[str, ...]:
    """Numbered syllables of ``word`` (one per hanzi), e.g. 重回 → ("chong2", "hui2").

    Glossary and overrides are applied by the caller; this covers the
    dictionary and pypinyin. Non-hanzi characters are skipped. ``guesser``
    replaces pypinyin where the dictionary leaves a choice: the sentence-level
    reader passes a plain per-character default, as the polyphone model decides
    those characters anyway (and pypinyin's 7 MB phrase table is then never loaded).
    """
    hanzi = "".join(ch for ch in word if HANZI.match(ch))
    if not hanzi:
        return ()
    if pos.startswith("u") and hanzi in PARTICLES:
        return (PARTICLES[hanzi],)
    if hanzi in REGISTER:
        return tuple(REGISTER[hanzi].split())
    proper = prefers_proper(hanzi, pos)
    memo: list[list[str]] = []

    def guess() -> list[str]:
        if not memo:
            found = (guesser or _pypinyin)(hanzi)
            memo.append((found + ["?5"] * len(hanzi))[: len(hanzi)])
        return memo[0]

    chosen = _cedict_choice(hanzi, proper, guess)
    if chosen is not None:
        if COMMON_CALENDAR.fullmatch(hanzi):
            chosen = [syl.lower() for syl in chosen]
        return tuple(chosen)
    # Unknown compound: read its longest dictionary parts, left to right; a lone
    # character takes pypinyin's reading, which knows the character's word context.
    out: list[str] = []
    i = 0
    while i < len(hanzi):
        for j in range(len(hanzi), i, -1):
            part = hanzi[i:j]
            if j - i == 1:
                single = dictionary_readings(part, proper) if guesser else {}
                out.append(normalise_u(next(iter(single.values()))) if len(single) == 1 else guess()[i])
            elif part in REGISTER:
                out.extend(REGISTER[part].split())
            elif part in lexicon():
                out.extend(_cedict_choice(part, proper, lambda: guess()[i:j]) or guess()[i:j])
            else:
                continue
            i = j
            break
    return tuple(out)


def in_context(
    texts: Sequence[str],
    tokens: Sequence[Sequence[tuple[str, str]]],
    fixed: Callable[[str], Optional[tuple[str, ...]]],
) -> list[list[tuple[str, ...]]]:
    """Numbered readings of the tokens of sentences, each read in its sentence.

    ``tokens[k]`` are the (word, jieba POS) pairs of ``texts[k]``; ``fixed(word)``
    is a reading not to be questioned (overrides, glossary) or None. See
    :mod:`flashgen.chinese.polyphones` for how the dictionary and the model share the work.
    """
    from flashgen.chinese.polyphones import read_in_context

    return read_in_context(texts, tokens, fixed)


def syllables_to_marked(syllables: tuple[str, ...] | list[str]) -> str:
    """Tone-marked word, syllables joined, apostrophe before a/o/e ("Xi1 an1" → "Xī'ān")."""
    out = []
    for i, syl in enumerate(syllables):
        marked = mark_syllable(syl)
        if i and marked[:1].isupper():
            out.append(" ")  # proper-noun parts are written apart: Wáng Yì
        elif i and marked[:1].lower() in "aoeāáǎàōóǒòēéěè":
            out.append("'")
        out.append(marked)
    return "".join(out)


def to_zhuyin(syllables: tuple[str, ...] | list[str]) -> str:
    """Zhuyin (bopomofo) of numbered syllables, space separated."""
    return " ".join(_zhuyin_syllable(syl) for syl in syllables)


@lru_cache(maxsize=4096)  # about 1,300 distinct syllables with tones: each converted once
def _zhuyin_syllable(syl: str) -> str:
    if syl.lower() in ("r5", "r"):
        return "ㄦ˙"  # erhua suffix
    found = zhuyin_syllable(syl)
    if found is not None:
        return found
    from pypinyin import Style  # syllables outside the table (m2, hm): pypinyin's own conversion
    from pypinyin.style import convert

    return convert(mark_syllable(syl).lower(), Style.BOPOMOFO, True) or syl


def sentence_pinyin(words: list[tuple[str, str]]) -> str:
    """Pinyin of a sentence from (text, marked pinyin) pairs: words spaced, punctuation attached."""
    parts: list[str] = []
    for text, marked in words:
        piece = marked or text.strip()
        if not piece:
            continue
        if parts and not marked and not text[:1].isalnum():
            parts[-1] += piece  # punctuation sticks to the word before it
        else:
            parts.append(piece)
    return " ".join(parts)


def sentence_numbered(words: list[tuple[str, str]]) -> str:
    """Numbered syllables of a sentence from (text, numbered pinyin) pairs, one token per space.

    Punctuation and Latin tokens stand as themselves ("wo3 men5 ， G20"), so a
    renderer can line the syllables up with the tone-marked sentence.
    """
    return " ".join(numbered or text.strip() for text, numbered in words if numbered or text.strip())
