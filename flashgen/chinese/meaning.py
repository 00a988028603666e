"""Meanings: glossary renderings, cleaned CC-CEDICT senses, composed meanings, user overrides."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from flashgen.chinese.lexicon import Entry, lexicon
from flashgen.chinese.hanzi import HANZI
from flashgen.chinese.overrides import Override
from flashgen.chinese.tones import mark_syllable, normalise_u

#: "臺灣|台湾[Tai2 wan1]" or "台湾[Tai2 wan1]" cross-references inside senses.
_REF = re.compile(r"(?:[^\s|\[\]/,;()]+\|)?([^\s|\[\]/,;()]+)\[([A-Za-z:0-9 ]+)\]")
_BARE_READING = re.compile(r"\[([A-Za-z:]+[1-5](?: [A-Za-z:]+[1-5])*)\]")
_VARIANT = re.compile(r"^(?:old |archaic |unofficial |Japanese |Taiwan |erhua |also written )?variant of ", re.I)
_NOISE = re.compile(r"^(?:surname \S+|see [^ ]+|see also .+|used in .+|\(old\) .+)$", re.I)
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


def _clean_sense(sense: str) -> str:
    """Readable sense: cross-references as hanzi (pīnyīn), ü for u:."""
    sense = _REF.sub(lambda m: f"{m.group(1)} ({_marked(m.group(2))})", sense)
    sense = _BARE_READING.sub(lambda m: f"[{_marked(m.group(1))}]", sense)
    return sense.replace("u:", "ü").strip()


def _measure_words(sense: str) -> list[str]:
    """"CL:個|个[ge4],條|条[tiao2]" → ["个 (gè)", "条 (tiáo)"]."""
    return [f"{m.group(1)} ({_marked(m.group(2))})" for m in _REF.finditer(sense[3:])]


def split_senses(entries: list[Entry], proper: bool) -> tuple[list[str], list[str]]:
    """Cleaned senses and measure words of entries, noise dropped (kept if nothing else is left)."""
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
            cleaned = _clean_sense(raw)
            if _VARIANT.match(raw) or (_NOISE.match(raw) and not proper):
                fallback.append(cleaned)
                continue
            if cleaned and cleaned not in senses:
                senses.append(cleaned)
    return (senses or fallback)[:_MAX_SENSES], measures


def _choose_entries(word: str, reading: tuple[str, ...], proper: bool) -> list[Entry]:
    """Entries that match the word's reading in context, common-word entries first for common words."""
    key = " ".join(reading).lower()
    entries = [e for e in lexicon().entries(word) if normalise_u(e.pinyin).lower() == key]
    if not entries:
        return []
    kind = [e for e in entries if e.proper == proper] or entries
    # Entries whose every sense is "variant of …" come last; then the richer
    # entry first (愿 "to wish" 願 before 愿 "honest"; 面 "face" before 麵 "noodles").
    kind.sort(key=lambda e: (all(_VARIANT.match(s) for s in e.senses), -len(e.senses)))
    return kind


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
        senses, measures = split_senses(entries, proper)
        if senses:
            return Meaning(tuple(senses), tuple(measures), entries[0].traditional, "cedict")
    composed = compose(word, reading)
    return Meaning(tuple(composed), (), traditional_of(word, reading), "composed" if composed else "")


def compose(word: str, reading: tuple[str, ...] = ()) -> list[str]:
    """Meaning from the word's longest dictionary parts: "新 (new) + 格局 (structure)".

    Each part's sense is taken from the entries read as the part is read in
    the word (重 zhòng "heavy", not chóng "again"), common-word entries first.
    """
    if len(word) < 2:
        return []
    syllables = list(reading) if len(reading) == len(word) else []
    parts: list[str] = []
    i = 0
    while i < len(word):
        for j in range(len(word), i, -1):
            piece = word[i:j]
            if (j - i < len(word) and piece in lexicon()) or j - i == 1:
                found = list(lexicon().entries(piece))
                if syllables:
                    key = " ".join(syllables[i:j]).lower()
                    found = [e for e in found if normalise_u(e.pinyin).lower() == key] or found
                common = [e for e in found if not e.proper] or found
                common.sort(key=lambda e: -len(e.senses))
                senses, _ = split_senses(common, proper=False)
                gloss = senses[0] if senses else "?"
                parts.append(f"{piece} ({gloss})")
                i = j
                break
    if not any(HANZI.match(p[0]) for p in parts) or all(p.endswith("(?)") for p in parts):
        return []
    return [" + ".join(parts)]


def _key(sense: str) -> str:
    """Comparison key of a sense: lower case, no parentheses, no leading "to "/"the "."""
    s = re.sub(r"\([^)]*\)", "", sense.lower())
    s = re.sub(r"^(?:to|the|a|an) ", "", s.strip())
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def merge_meanings(renderings: tuple[str, ...], found: Meaning, override: Optional[Override]) -> tuple[list[str], str]:
    """Meanings best first, and their source.

    The user's override wins, then the glossary's official renderings, then
    dictionary senses that say something new (not a case or "to " variant of
    one already listed). A composed meaning is dropped when the glossary knows the term.
    """
    meanings: list[str] = []
    keys: set[str] = set()

    def add(sense: str) -> None:
        key = _key(sense) or sense
        if key not in keys:
            keys.add(key)
            meanings.append(sense)

    source = found.source
    if override and override.senses:
        for sense in override.senses:
            add(sense)
        source = "override"
    elif renderings:
        source = "glossary"
    for sense in renderings:
        add(sense)
    if not (renderings and found.source == "composed"):
        for sense in found.senses:
            add(sense)
    return meanings[:8], source
