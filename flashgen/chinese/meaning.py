"""Meanings: glossary renderings, cleaned CC-CEDICT senses, composed meanings, user overrides."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from flashgen.chinese.lexicon import Entry, lexicon
from flashgen.chinese.hanzi import HANZI
from flashgen.chinese.overrides import Override
from flashgen.chinese.tones import mark_syllable, normalise_u, same_but_neutral

#: "臺灣|台湾[Tai2 wan1]" or "台湾[Tai2 wan1]" cross-references inside senses.
_REF = re.compile(r"(?:[^\s|\[\]/,;()]+\|)?([^\s|\[\]/,;()]+)\[([A-Za-z:0-9 ]+)\]")
#: Pronunciation notes: "(Taiwan pr. [han4])", "Taiwan pr. [huo4]", "also pr. [ji1]".
_PRON_NOTE = re.compile(r"\s*\(?\b(?:Taiwan |also |old |coll\. |Beijing )?pr\. \[[^\]]*\]\)?", re.I)
_BARE_READING = re.compile(r"\s*\[[A-Za-z:]+[1-5](?: [A-Za-z:]+[1-5])*\]")
_TRAD_SIMP = re.compile(r"[\u3400-\u9fff\uf900-\ufaff…]+\|([\u3400-\u9fff…]+)")
_VARIANT = re.compile(r"^(?:old |archaic |unofficial |Japanese |Taiwan |erhua |also written )?variant of ", re.I)
_NOISE = re.compile(r"^(?:surname \S+|see .+|used in .+|\(old\) .+)$", re.I)
_SEE = re.compile(r"^(?:see also|see|same as)\s", re.I)
_INLINE_CL = re.compile(r"\s*\((CL:[^)]*)\)\s*$")
_MAX_SENSES = 6


@dataclass(frozen=True)
class Meaning:
    """The meanings chosen for a word and where they came from."""

    senses: tuple[str, ...]
    measure_words: tuple[str, ...]
    traditional: str
    source: str  # "cedict", "composed" or "" (nothing found)


def _marked(reading: str) -> str:
    return "".join(mark_syllable(s) for s in normalise_u(reading).split())


@lru_cache(maxsize=65536)
def clean_sense(sense: str) -> str:
    """Readable sense: cross-references as hanzi only, no pronunciation notes or bracketed readings, ü for u:.

    "abbr. for 全國人大會議|全国人大会议[Quan2 guo2 Ren2 Da4 hui4 yi4]" → "abbr. for 全国人大会议";
    "(joining two nouns) and; with (Taiwan pr. [han4])" → "(joining two nouns) and; with".
    """
    sense = _PRON_NOTE.sub("", sense)
    sense = _REF.sub(lambda m: m.group(1), sense)
    sense = _TRAD_SIMP.sub(lambda m: m.group(1), sense)  # "奧運會|奥运会" without a reading
    sense = _BARE_READING.sub("", sense)
    sense = re.sub(r"\(\s*\)", "", sense)  # a parenthesis emptied of its reading
    return re.sub(r"\s{2,}", " ", sense.replace("u:", "ü")).strip(" ;,")


def _measure_words(sense: str) -> list[str]:
    """"CL:個|个[ge4],條|条[tiao2]" → ["个 (gè)", "条 (tiáo)"]."""
    return [f"{m.group(1)} ({_marked(m.group(2))})" for m in _REF.finditer(sense[3:])]


def _self_reference(raw: str, word: str) -> bool:
    """A sense that only points back at the word itself ("see 中美[Zhong1 Mei3]" under 中美)."""
    if not word or word not in raw or not any(m.group(1) == word for m in _REF.finditer(raw)):
        return False
    rest = _REF.sub("", raw).strip(" ,;.").lower()
    return rest in ("", "see", "see also", "same as", "also written", "abbr. for") or bool(_VARIANT.match(raw))


def split_senses(entries: list[Entry], proper: bool, word: str = "", limit: int = _MAX_SENSES) -> tuple[list[str], list[str]]:
    """Cleaned senses and measure words of entries, noise dropped (kept if nothing else is left).

    A variant entry ("variant of 台湾[Tai2 wan1]") is replaced by the senses of the
    entry it names, one step only, so no card shows a chain of "variant of".
    """
    senses: list[str] = []
    measures: list[str] = []
    fallback: list[str] = []
    for entry in entries:
        for raw in entry.senses:
            if raw.startswith("CL:"):
                measures.extend(m for m in _measure_words(raw) if m not in measures)
                continue
            inline = _INLINE_CL.search(raw)
            if inline:  # "world (CL:個|个[ge4])"
                measures.extend(m for m in _measure_words(inline.group(1)) if m not in measures)
                raw = raw[: inline.start()].rstrip()
            if _PRON_NOTE.fullmatch(raw) or _self_reference(raw, word or entry.simplified):
                continue
            cleaned = clean_sense(raw)
            if _VARIANT.match(raw) or _lone_see(raw) or (_NOISE.match(raw) and not proper):
                fallback.append(raw)
                continue
            if cleaned and cleaned not in senses:
                senses.append(cleaned)
    if not senses:
        senses = _resolved(fallback, word or (entries[0].simplified if entries else ""))
    return senses[:limit], measures


def _lone_see(raw: str) -> bool:
    """"see 团结一心[tuan2 jie2 yi1 xin1]": a pointer to another entry and nothing else."""
    return bool(_SEE.match(raw)) and not _SEE.sub("", _REF.sub("", raw)).strip(" ,;.")


def _resolved(fallback: list[str], word: str) -> list[str]:
    """Senses of the entries that variant notes and lone "see …" notes name; the notes themselves, cleaned, when that fails."""
    out: list[str] = []
    for raw in fallback:
        ref = _REF.search(raw) if (_VARIANT.match(raw) or _lone_see(raw)) else None
        if ref and ref.group(1) != word:
            key = normalise_u(ref.group(2)).lower()
            target = [e for e in lexicon().entries(ref.group(1)) if normalise_u(e.pinyin).lower() == key]
            found, _ = split_senses([e for e in target if not any(_VARIANT.match(s) for s in e.senses)], False, ref.group(1))
            out.extend(s for s in found if s not in out)
    return out or [c for c in dict.fromkeys(clean_sense(r) for r in fallback) if c]


def _choose_entries(word: str, reading: tuple[str, ...], proper: bool) -> list[Entry]:
    """Entries that match the word's reading in context, common-word entries first for common words."""
    return list(_chosen_entries(word, tuple(reading), proper))


@lru_cache(maxsize=65536)
def _chosen_entries(word: str, reading: tuple[str, ...], proper: bool) -> tuple[Entry, ...]:
    key = " ".join(reading).lower()
    entries = [e for e in lexicon().entries(word) if normalise_u(e.pinyin).lower() == key]
    if not entries and len(word) > 1:
        # 关系 read guān xì where CC-CEDICT writes guān xi: a neutral tone on either side is the same word
        entries = [e for e in lexicon().entries(word) if same_but_neutral(normalise_u(e.pinyin).lower().split(), key.split())]
    if not entries:
        return ()
    kind = [e for e in entries if e.proper == proper] or entries
    # Entries whose every sense is "variant of …" come last; then the richer
    # entry first (愿 "to wish" 願 before 愿 "honest"; 面 "face" before 麵 "noodles").
    kind.sort(key=lambda e: (all(_VARIANT.match(s) for s in e.senses), -len(e.senses)))
    return tuple(kind)


@lru_cache(maxsize=None)
def _split_cached(entries: tuple[Entry, ...], proper: bool, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every cleaned sense and the measure words of ``entries`` (computed once per entry set)."""
    senses, measures = split_senses(list(entries), proper, word, limit=99)
    return tuple(senses), tuple(measures)


@lru_cache(maxsize=None)
def common_senses(word: str, reading: str) -> tuple[str, ...]:
    """Every cleaned common-word sense of ``word`` read as ``reading`` (numbered, any case).

    Every sense, not the first six: the one a sentence needs may be far down (次 "classifier for … time").
    """
    common = [e for e in _choose_entries(word, tuple(reading.split()), False) if not e.proper]
    return _split_cached(tuple(common), False, word)[0] if common else ()


@lru_cache(maxsize=None)
def proper_senses(word: str, reading: str) -> tuple[str, ...]:
    """Every cleaned proper-noun sense of ``word`` read as ``reading`` (美 "the Americas", "USA")."""
    proper = [e for e in _choose_entries(word, tuple(reading.split()), True) if e.proper]
    return _split_cached(tuple(proper), True, word)[0] if proper else ()


def sense_pool(word: str, reading: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(common-word senses, proper-noun senses) of ``word`` read as ``reading``."""
    return common_senses(word, reading), proper_senses(word, reading)


def traditional_of(word: str, reading: tuple[str, ...] = ()) -> str:
    """Traditional form, from CC-CEDICT's word entry or character by character.

    Characters are matched on their reading in the word (发 fā → 發, fà → 髮);
    an identical traditional form is preferred, then the entry with most senses.
    """
    entries = [e for e in lexicon().entries(word) if not all(_VARIANT.match(s) for s in e.senses)]
    entries = entries or list(lexicon().entries(word))
    if entries:
        return entries[0].traditional
    syllables = list(reading) if len(reading) == len(word) else [""] * len(word)
    out = []
    for ch, syl in zip(word, syllables):
        chars = [e for e in lexicon().entries(ch) if not all(_VARIANT.match(s) for s in e.senses)]
        same_reading = [e for e in chars if normalise_u(e.pinyin).lower() == syl.lower()]
        chars = same_reading or chars
        chars.sort(key=lambda e: (e.traditional != ch, -len(e.senses)))
        out.append(chars[0].traditional if chars else ch)
    return "".join(out)


def dictionary_meaning(word: str, reading: tuple[str, ...], proper: bool) -> Meaning:
    """CC-CEDICT senses for ``word`` read as ``reading``; composed from parts when absent."""
    entries = _choose_entries(word, reading, proper)
    if entries:
        senses, measures = _split_cached(tuple(entries), proper, word)
        if senses:
            return Meaning(senses[:_MAX_SENSES], measures, entries[0].traditional, "cedict")
    composed = compose(word, reading)
    return Meaning(tuple(composed), (), traditional_of(word, reading), "composed" if composed else "")


def compose(word: str, reading: tuple[str, ...] = ()) -> list[str]:
    """Meaning from the word's longest dictionary parts, one fitting sense each: "party + and + state".

    Each part is read as it is read in the word (重 zhòng "heavy", not chóng
    "again") and gets the sense its neighbours in the word call for (法 in 法方
    "France", 住 after a verb "firmly (resultative)"): see :func:`senses.part_gloss`.
    """
    from flashgen.chinese.senses import part_gloss

    if len(word) < 2:
        return []
    syllables = list(reading) if len(reading) == len(word) else []
    pieces = [(word[i:j], " ".join(syllables[i:j])) for i, j in _parts(word)]
    if not any(HANZI.match(p[0]) for p, _ in pieces):
        return []
    glosses = [part_gloss(pieces, k) for k in range(len(pieces))]
    if all(not g for g in glosses):
        return []
    return [" + ".join(g or p for g, (p, _) in zip(glosses, pieces))]


def _parts(word: str) -> list[tuple[int, int]]:
    """The word cut into the fewest dictionary parts, the commonest parts on a tie (党|和|政府, not 党|和政|府).

    Like jieba's own choice of a path, but over CC-CEDICT's words and wordfreq's
    frequencies: 美|国会|众议院 "the US + Congress + House of Representatives", not
    美国|会众|议院 "United States + audience + parliament".
    """
    n = len(word)
    best: list[Optional[tuple[int, float, int]]] = [None] * (n + 1)  # (parts, -sum of Zipf, start of last part)
    best[0] = (0, 0.0, 0)
    for j in range(1, n + 1):
        for i in range(j):
            prior = best[i]
            piece = word[i:j]
            if prior is None or not (j - i == 1 or (j - i < n and piece in lexicon())):
                continue
            cand = (prior[0] + 1, prior[1] - lexicon().zipf(piece), i)
            current = best[j]
            if current is None or cand[:2] < current[:2]:
                best[j] = cand
    spans: list[tuple[int, int]] = []
    j = n
    while j > 0:
        last = best[j]
        assert last is not None  # every single character is a part
        spans.append((last[2], j))
        j = last[2]
    return spans[::-1]


@lru_cache(maxsize=65536)
def _key(sense: str) -> str:
    """Comparison key of a sense: lower case, no parentheses, no leading "to "/"the "."""
    s = re.sub(r"\([^)]*\)", "", sense.lower())
    s = re.sub(r"^(?:to|the|a|an) ", "", s.strip())
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def merge_meanings(
    renderings: tuple[str, ...],
    found: Meaning,
    override: Optional[Override],
    chosen: tuple[str, ...] = (),
    official: tuple[str, ...] = (),
) -> tuple[list[str], str]:
    """Meanings best first, and their source.

    The user's override wins, then the glossary's official renderings, then the
    senses the text uses (``chosen``, most used first, with the register's
    official renderings), then dictionary senses that say something new (not a
    case or "to " variant of one already listed). A composed meaning is dropped
    when the glossary or the register knows the word (source "register").
    """
    meanings: list[str] = []
    keys: set[str] = set()

    def add(sense: str) -> None:
        key = _key(sense) or sense
        if key in keys:
            return
        parts = [p.strip() for p in sense.split(";") if p.strip()]
        new = [p for p in parts if (_key(p) or p) not in keys]
        if not new:
            return  # says nothing new ("to implement" after "to implement; to carry out")
        keys.add(key)
        keys.update(_key(p) or p for p in parts)
        meanings.append(sense if len(new) == len(parts) else "; ".join(new))

    source = found.source
    if override and override.senses:
        for sense in override.senses:
            add(sense)
        source = "override"
    elif renderings:
        source = "glossary"
    elif chosen and found.source != "cedict":
        source = "register"
    for sense in (*renderings, *chosen[:1], *official, *chosen[1:]):
        add(sense)
    if not ((renderings or chosen) and found.source == "composed"):
        for sense in found.senses:
            add(sense)
    return meanings[:8], source
