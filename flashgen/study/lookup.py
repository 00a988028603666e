"""``flashgen lookup``: a word's reading, meaning and level outside any transcript."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Mapping, Union

from flashgen.study.annotate import marked_reading, token_reading
from flashgen.errors import InputError
from flashgen.chinese.levels import DEFAULT_STANDARD
from flashgen.chinese.overrides import Override, PathLike, load_overrides
from flashgen.models import DEFAULT_REGION, HskStandard, Readings, Region, Script, ScriptChoice, VocabItem
from flashgen.chinese.hanzi import has_hanzi
from flashgen.source.convert import convert
from flashgen.study.vocab import word_item


def lookup(words: list[str], overrides: Union[Mapping[str, Override], PathLike, None] = None,
           hsk_standard: HskStandard = DEFAULT_STANDARD, script: ScriptChoice = "auto",
           region: Region = DEFAULT_REGION, readings: Readings = "mainland") -> list[VocabItem]:
    """Annotate each word as the vocabulary stage would (no examples, count 0).

    A word is looked up in simplified characters (發展 as 发展) and shown in
    ``script``: auto shows it as typed. ``overrides`` is the overrides file to
    use (None: the one every command uses, see :mod:`flashgen.chinese.overrides`)
    or the corrections themselves.
    """
    if overrides is None or isinstance(overrides, (str, os.PathLike)):
        overrides = load_overrides(overrides).entries
    items = []
    for typed in words:
        typed = typed.strip()
        if not has_hanzi(typed):
            raise InputError(f"{typed!r} has no Chinese characters; look up a word written in hanzi")
        word = convert(typed, "simplified")
        syllables = token_reading(word, "", overrides)
        proper = bool(syllables and syllables[0][:1].isupper())
        item = word_item(word, syllables, marked_reading(word, syllables), proper, overrides, hsk_standard)
        if readings == "tw":
            from flashgen.study.readings import taiwan_readings

            item = taiwan_readings([], [item], overrides)[1][0]
        shown = script if script != "auto" else ("traditional" if word != typed else "simplified")
        if shown == "traditional":
            display = typed if word != typed else convert(word, "traditional", region)
            item = replace(item, display=display if display != word else "", secondary=word)
        items.append(item)
    return items


def shown_script(items: list[VocabItem]) -> Script:
    """The script looked-up words are shown in: traditional when any of them is."""
    return "traditional" if any(item.headword != item.hanzi for item in items) else "simplified"
